import {
  type CrmAdapterRegistry,
  type CrmConnectionInfo,
  type CrmProviderAdapter,
  type CrmWebhookEvent,
  mappingScopeOf,
} from '@leadflow/crm';
import type { PrismaClient } from '@leadflow/database';

export type FanOutTarget = Pick<CrmConnectionInfo, 'id' | 'tenantId' | 'settings'>;

export interface IntakeRequest {
  connectionId: string;
  externalId: string;
}

export interface IntakePlan {
  /** One per record and connection, each once (a batch often names a record twice). */
  requests: IntakeRequest[];
  /** The connections the requests go to, with their tenants. */
  connections: Map<string, string>;
}

/** The accounts whose connections an app-level delivery's events need (none for a connection's own URL). */
export function accountsNamedBy(
  connection: FanOutTarget | null,
  events: readonly CrmWebhookEvent[],
): string[] {
  if (connection !== null) return [];
  const accounts = new Set<string>();
  for (const event of events) if (event.type !== 'deleted') accounts.add(event.externalAccountId ?? '');
  return [...accounts];
}

/**
 * Which intake a verified delivery's events call for: one request per record and connection that
 * routes it — the delivery's connection (Monday), or every live connection of the event's account
 * (HubSpot app webhooks, from `connectionsOf`) — for events about the object type the connection
 * routes. Deletions are recorded, not routed. Pure: the caller looks the accounts up (once per batch).
 */
export function planIntake(
  adapter: CrmProviderAdapter,
  connection: FanOutTarget | null,
  events: readonly CrmWebhookEvent[],
  connectionsOf: (accountId: string) => readonly FanOutTarget[],
  /** The routed object's type id per connection; pass one map to share it across a batch. */
  typeIds = new Map<string, string | undefined>(),
): IntakePlan {
  const routedTypeId = (target: FanOutTarget): string | undefined => {
    if (!typeIds.has(target.id)) {
      const routed = mappingScopeOf(adapter, target.settings).routedObject;
      typeIds.set(target.id, adapter.descriptor.objects.find((o) => o.type === routed)?.providerTypeId);
    }
    return typeIds.get(target.id);
  };
  const requests: IntakeRequest[] = [];
  const seen = new Set<string>();
  const connections = new Map<string, string>();
  for (const event of events) {
    if (event.type === 'deleted') continue;
    const targets = connection !== null ? [connection] : connectionsOf(event.externalAccountId ?? '');
    for (const target of targets) {
      const typeId = routedTypeId(target);
      if (event.objectTypeId !== undefined && typeId !== undefined && event.objectTypeId !== typeId) continue;
      connections.set(target.id, target.tenantId);
      const key = `${target.id}\u0000${event.externalId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      requests.push({ connectionId: target.id, externalId: event.externalId });
    }
  }
  return { requests, connections };
}

/**
 * Turns one verified delivery's events into intake jobs (see {@link planIntake}); the job ids derive
 * from connection and record, so duplicates collapse. Used by replay and by the worker's sweeper;
 * the receiver's own fan-out is the batched {@link DeliveryDispatcher}.
 */
export class WebhookFanOut {
  constructor(
    private readonly deps: {
      prisma: PrismaClient;
      adapters: CrmAdapterRegistry;
      /** Queues intake jobs (job ids derived from connection and record: duplicates collapse). */
      enqueue(requests: readonly IntakeRequest[]): Promise<void>;
    },
  ) {}

  async fanOut(
    provider: string,
    connection: FanOutTarget | null,
    events: readonly CrmWebhookEvent[],
  ): Promise<{ jobs: number; connections: Map<string, string> }> {
    const adapter = this.deps.adapters.get(provider);
    const accounts = accountsNamedBy(connection, events);
    const byAccount = new Map<string, FanOutTarget[]>();
    if (accounts.length > 0) {
      const rows = await this.deps.prisma.crmConnection.findMany({
        where: { provider, externalAccountId: { in: accounts }, status: 'active' },
      });
      for (const row of rows) {
        const targets = byAccount.get(row.externalAccountId) ?? [];
        targets.push({
          id: row.id,
          tenantId: row.tenantId,
          settings: row.settings as Record<string, unknown>,
        });
        byAccount.set(row.externalAccountId, targets);
      }
    }
    const plan = planIntake(adapter, connection, events, (account) => byAccount.get(account) ?? []);
    if (plan.requests.length > 0) await this.deps.enqueue(plan.requests);
    return { jobs: plan.requests.length, connections: plan.connections };
  }
}
