import { Inject, Injectable } from '@nestjs/common';
import type { ApiConfig } from '@leadflow/config';
import type { CrmRuntime } from '@leadflow/connections';
import {
  connectionInfoOf,
  type CrmConnectionInfo,
  type CrmWebhookEvent,
  type InboundWebhook,
  UnknownProviderError,
} from '@leadflow/crm';
import type { PrismaClient } from '@leadflow/database';
import { type FanOutTarget, WebhookFanOut } from '@leadflow/intake';
import { CRM_RUNTIME } from '../connections/crm-runtime.provider';
import { API_CONFIG, SYSTEM_DB } from '../database/database.tokens';
import { IntakeQueueService } from './intake-queue.service';

/** Headers that authenticate a request; never stored (the verdict is stored instead). */
const CREDENTIAL_HEADERS = /^(authorization|cookie|x-api-key|x-hubspot-signature.*)$/i;

export type InboxAnswer =
  { status: 200; body: Record<string, unknown> } | { status: 400 | 401 | 404; reason: string };

export function storableHeaders(
  headers: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !CREDENTIAL_HEADERS.test(name)) kept[name] = value;
  }
  return kept;
}

/**
 * Inbound webhooks (style guide practice 7): verify with the provider's receiver, store every
 * request before answering — authentic ones for intake, refused ones with the reason for the
 * debugger — and answer fast. Nothing here calls the CRM.
 */
@Injectable()
export class WebhookInboxService {
  private readonly fanOut: WebhookFanOut;

  constructor(
    @Inject(SYSTEM_DB) private readonly prisma: PrismaClient,
    @Inject(CRM_RUNTIME) private readonly crm: CrmRuntime,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    intake: IntakeQueueService,
  ) {
    this.fanOut = new WebhookFanOut({
      prisma,
      adapters: crm.adapters,
      enqueue: (requests) => intake.enqueue(requests),
    });
  }

  /** One intake job per record and connection that routes it (see {@link WebhookFanOut}). */
  enqueueIntake(
    provider: string,
    connection: FanOutTarget | null,
    events: readonly CrmWebhookEvent[],
  ): Promise<{ jobs: number; connections: Map<string, string> }> {
    return this.fanOut.fanOut(provider, connection, events);
  }

  /**
   * Refused deliveries are kept for the debugger, but a flood of forged requests must not fill the
   * database: only the newest WEBHOOK_REJECTED_KEEP per provider and connection stay.
   */
  private async pruneRejected(provider: string, connectionId: string | null): Promise<void> {
    await this.prisma.$executeRaw`
      DELETE FROM webhook_delivery WHERE id IN (
        SELECT id FROM webhook_delivery
        WHERE status = 'rejected' AND provider = ${provider}
          AND connection_id IS NOT DISTINCT FROM ${connectionId}::uuid
        ORDER BY received_at DESC, id DESC
        OFFSET ${this.config.webhookRejectedKeep}
      )`;
  }

  async receive(
    provider: string,
    connectionId: string | null,
    request: Omit<InboundWebhook, 'url'> & { path: string },
  ): Promise<InboxAnswer> {
    const inbound: InboundWebhook = { ...request, url: `${this.config.publicBaseUrl}${request.path}` };
    const store = (
      status: 'received' | 'rejected' | 'challenge',
      extra: {
        reason?: string;
        tenantId?: string | null;
        connectionId?: string | null;
        events?: CrmWebhookEvent[];
        /** Stored under this provider name instead (an unknown provider from the URL). */
        asProvider?: string;
      },
    ) =>
      this.prisma.webhookDelivery.create({
        data: {
          provider: extra.asProvider ?? provider,
          status,
          reason: extra.reason ?? null,
          tenantId: extra.tenantId ?? null,
          connectionId: extra.connectionId ?? null,
          headers: storableHeaders(request.headers),
          body: request.body,
          eventCount: extra.events?.length ?? 0,
        },
      });

    let adapter;
    try {
      adapter = this.crm.adapters.get(provider);
    } catch (error) {
      if (!(error instanceof UnknownProviderError)) throw error;
      // The URL's provider name is the caller's choice: all of them count as one source.
      await store('rejected', { reason: error.message.slice(0, 300), asProvider: 'unknown' });
      await this.pruneRejected('unknown', null);
      return { status: 404, reason: error.message };
    }
    const receiver = adapter.webhookReceiver;
    if (receiver === undefined) {
      const reason = `${provider} does not send webhooks to Leadflow`;
      await store('rejected', { reason });
      await this.pruneRejected(provider, null);
      return { status: 404, reason };
    }

    let connection: CrmConnectionInfo | null = null;
    let tenantId: string | null = null;
    if (connectionId !== null) {
      const row = await this.prisma.crmConnection.findFirst({ where: { id: connectionId, provider } });
      if (row === null || row.status === 'disconnected') {
        const reason = `no ${provider} connection ${connectionId}`;
        await store('rejected', { reason, tenantId: row?.tenantId ?? null, connectionId: row?.id ?? null });
        await this.pruneRejected(provider, row?.id ?? null);
        return { status: 404, reason };
      }
      tenantId = row.tenantId;
      connection = connectionInfoOf(row);
    }

    const verdict = await receiver.receive(inbound, {
      secret: this.crm.providerConfig(provider).webhookSecret,
      connection,
    });
    const ids = { tenantId, connectionId: connection?.id ?? null };
    switch (verdict.kind) {
      case 'challenge':
        await store('challenge', ids);
        return { status: 200, body: verdict.response };
      case 'rejected':
        await store('rejected', { ...ids, reason: verdict.reason });
        await this.pruneRejected(provider, ids.connectionId);
        return { status: verdict.status, reason: verdict.reason };
      case 'events': {
        const foreign =
          connection === null
            ? []
            : verdict.events.filter(
                (e) => e.externalAccountId !== null && e.externalAccountId !== connection.externalAccountId,
              );
        if (foreign.length > 0) {
          const reason = `events of account ${foreign[0]!.externalAccountId} sent to the connection of account ${connection!.externalAccountId}`;
          await store('rejected', { ...ids, reason });
          return { status: 401, reason };
        }
        // Stored first: once this row exists the delivery cannot be lost, whatever happens next.
        const delivery = await store('received', { ...ids, events: verdict.events });
        const { jobs, connections } = await this.enqueueIntake(provider, connection, verdict.events);
        // An app-level delivery whose events all belong to one connection is shown in its tenant's debugger.
        const [only] = connection === null && connections.size === 1 ? [...connections] : [];
        const owner = only === undefined ? null : { connectionId: only[0], tenantId: only[1] };
        await this.prisma.webhookDelivery.update({
          where: { id: delivery.id },
          data: {
            status: 'queued',
            ...(owner === null ? {} : owner),
          },
        });
        return { status: 200, body: { received: verdict.events.length, jobs, deliveryId: delivery.id } };
      }
    }
  }
}
