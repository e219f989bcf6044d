import {
  type CrmAdapterRegistry,
  type CrmConnectionInfo,
  type CrmWebhookEvent,
  mappingScopeOf,
} from '@leadflow/crm';
import type { PrismaClient } from '@leadflow/database';

export type FanOutTarget = Pick<CrmConnectionInfo, 'id' | 'tenantId' | 'settings'>;

export interface IntakeRequest {
  connectionId: string;
  externalId: string;
}

/**
 * Turns a verified delivery's events into intake requests: one per record and connection that
 * routes it — the delivery's connection (Monday), or every live connection of the event's account
 * (HubSpot app webhooks) — for events about the object type the connection routes. Deletions are
 * recorded, not routed. Used by the receiver, by replay, and by the sweeper that finishes deliveries
 * stored but never fanned out.
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
    // A batch holds up to 100 events, usually of one account: look each account up once.
    const byAccount = new Map<string, Promise<FanOutTarget[]>>();
    const targetsOf = (accountId: string): Promise<FanOutTarget[]> => {
      let found = byAccount.get(accountId);
      if (found === undefined) {
        found = this.deps.prisma.crmConnection
          .findMany({ where: { provider, externalAccountId: accountId, status: 'active' } })
          .then((rows) =>
            rows.map((row) => ({
              id: row.id,
              tenantId: row.tenantId,
              settings: row.settings as Record<string, unknown>,
            })),
          );
        byAccount.set(accountId, found);
      }
      return found;
    };
    const requests: IntakeRequest[] = [];
    const connections = new Map<string, string>();
    for (const event of events) {
      if (event.type === 'deleted') continue;
      const targets = connection !== null ? [connection] : await targetsOf(event.externalAccountId ?? '');
      for (const target of targets) {
        const routed = mappingScopeOf(adapter, target.settings).routedObject;
        const typeId = adapter.descriptor.objects.find((o) => o.type === routed)?.providerTypeId;
        if (event.objectTypeId !== undefined && typeId !== undefined && event.objectTypeId !== typeId)
          continue;
        requests.push({ connectionId: target.id, externalId: event.externalId });
        connections.set(target.id, target.tenantId);
      }
    }
    if (requests.length > 0) await this.deps.enqueue(requests);
    return { jobs: requests.length, connections };
  }
}
