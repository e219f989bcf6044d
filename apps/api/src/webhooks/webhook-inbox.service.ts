import { Inject, Injectable } from '@nestjs/common';
import { trace } from '@opentelemetry/api';
import { PinoLogger } from 'nestjs-pino';
import type { ApiConfig } from '@leadflow/config';
import type { CrmRuntime } from '@leadflow/connections';
import {
  type CrmConnectionInfo,
  type CrmWebhookEvent,
  type InboundWebhook,
  UnknownProviderError,
} from '@leadflow/crm';
import type { PrismaClient } from '@leadflow/database';
import { DeliveryDispatcher, type FanOutTarget, WebhookFanOut } from '@leadflow/intake';
import type { WebhookMetrics } from '@leadflow/observability';
import { CRM_RUNTIME } from '../connections/crm-runtime.provider';
import { API_CONFIG, SYSTEM_DB } from '../database/database.tokens';
import { WEBHOOK_METRICS } from '../health/metrics.controller';
import { type BoundedStatus, type DeliveryRow, DeliveryStore } from './delivery-store';
import { IntakeQueueService } from './intake-queue.service';
import { WebhookConnectionCache } from './webhook-connections';

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
 * Inbound webhooks (style guide practice 7, docs/adr/0020): verify with the provider's receiver,
 * store every request with one INSERT before answering — authentic ones as `received`, refused ones
 * with the reason for the debugger — and answer. Fan-out to intake happens after the answer, in
 * the {@link DeliveryDispatcher}. Nothing here calls the CRM or routes.
 */
@Injectable()
export class WebhookInboxService {
  private readonly fanOut: WebhookFanOut;

  constructor(
    @Inject(SYSTEM_DB) prisma: PrismaClient,
    @Inject(CRM_RUNTIME) private readonly crm: CrmRuntime,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    intake: IntakeQueueService,
    private readonly store: DeliveryStore,
    private readonly connections: WebhookConnectionCache,
    private readonly dispatcher: DeliveryDispatcher,
    @Inject(WEBHOOK_METRICS) private readonly metrics: WebhookMetrics,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext('WebhookInbox');
    this.fanOut = new WebhookFanOut({
      prisma,
      adapters: crm.adapters,
      enqueue: (requests) => intake.enqueue(requests),
    });
  }

  /** Replay: one intake job per record and connection that routes it (see {@link WebhookFanOut}). */
  enqueueIntake(
    provider: string,
    connection: FanOutTarget | null,
    events: readonly CrmWebhookEvent[],
  ): Promise<{ jobs: number; connections: Map<string, string> }> {
    return this.fanOut.fanOut(provider, connection, events);
  }

  async receive(
    provider: string,
    connectionId: string | null,
    request: Omit<InboundWebhook, 'url'> & { path: string },
  ): Promise<InboxAnswer> {
    const inbound: InboundWebhook = { ...request, url: `${this.config.publicBaseUrl}${request.path}` };
    const row = (
      status: DeliveryRow['status'],
      extra: { reason?: string; tenantId?: string | null; connectionId?: string | null; events?: number },
      asProvider = provider,
    ): DeliveryRow => ({
      provider: asProvider,
      status,
      reason: extra.reason ?? null,
      tenantId: extra.tenantId ?? null,
      connectionId: extra.connectionId ?? null,
      headers: storableHeaders(request.headers),
      body: request.body,
      eventCount: extra.events ?? 0,
      receivedAt: request.receivedAt,
    });
    /** Stores a request taken without proof of authenticity, then holds its source to the bound. */
    const keepBounded = async (
      status: BoundedStatus,
      extra: { reason?: string; tenantId?: string | null; connectionId?: string | null },
      asProvider = provider,
    ): Promise<void> => {
      await this.store.insert(row(status, extra, asProvider));
      this.metrics.deliveries.inc({ provider: asProvider, result: status });
      await this.store
        .bound(status, asProvider, extra.connectionId ?? null)
        .catch((error: unknown) =>
          this.logger.warn({ err: error, provider: asProvider }, 'pruning kept webhook deliveries failed'),
        );
    };

    let adapter;
    try {
      adapter = this.crm.adapters.get(provider);
    } catch (error) {
      if (!(error instanceof UnknownProviderError)) throw error;
      // The URL's provider name is the caller's choice: all of them count as one source.
      await keepBounded('rejected', { reason: error.message.slice(0, 300) }, 'unknown');
      return { status: 404, reason: error.message };
    }
    const receiver = adapter.webhookReceiver;
    if (receiver === undefined) {
      const reason = `${provider} does not send webhooks to Leadflow`;
      await keepBounded('rejected', { reason });
      return { status: 404, reason };
    }

    let connection: CrmConnectionInfo | null = null;
    if (connectionId !== null) {
      const found = await this.connections.get(provider, connectionId);
      if (found === null || found.status === 'disconnected') {
        const reason = `no ${provider} connection ${connectionId}`;
        await keepBounded('rejected', {
          reason,
          tenantId: found?.info.tenantId ?? null,
          connectionId: found?.info.id ?? null,
        });
        return { status: 404, reason };
      }
      connection = found.info;
    }

    const verdict = await receiver.receive(inbound, {
      secret: this.crm.providerConfig(provider).webhookSecret,
      connection,
    });
    const ids = { tenantId: connection?.tenantId ?? null, connectionId: connection?.id ?? null };
    switch (verdict.kind) {
      case 'challenge':
        // Answered without a signature (it only echoes what was sent): kept, but bounded like refusals.
        await keepBounded('challenge', ids);
        return { status: 200, body: verdict.response };
      case 'rejected':
        await keepBounded('rejected', { ...ids, reason: verdict.reason });
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
          await keepBounded('rejected', { ...ids, reason });
          return { status: 401, reason };
        }
        // Stored first: once this row exists the delivery cannot be lost, whatever happens next.
        const deliveryId = await this.store.insert(
          row('received', { ...ids, events: verdict.events.length }),
        );
        this.metrics.deliveries.inc({ provider, result: 'accepted' });
        const wait = this.dispatcher.accept({
          id: deliveryId,
          provider,
          connection,
          events: verdict.events,
          link: trace.getActiveSpan()?.spanContext(),
        });
        if (wait !== undefined) await wait;
        return { status: 200, body: { received: verdict.events.length, deliveryId } };
      }
    }
  }
}
