import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { CrmChange } from './crm-change';
import { HubSpotSandbox, type OAuthApp } from './hubspot-sandbox';
import { chance } from './seeded-random';
import { subscriptionMatches, webhookEvent, type WebhookEvent } from './webhook-events';
import { postWebhook } from './webhook-http';
import {
  MAX_EVENTS_PER_BATCH,
  webhookSettings,
  type WebhookSettings,
  type WebhookSettingsInput,
} from './webhook-settings';
import { webhookSignatureHeaders } from './webhook-signer';

/** What a request carried and how it went; the control API lists these for tests. */
export interface DeliveryRecord {
  batchId: string;
  portalId: number;
  attemptNumber: number;
  eventIds: number[];
  startedAt: string;
  finishedAt?: string;
  statusCode?: number;
  error?: string;
  outcome: 'in-flight' | 'delivered' | 'retrying' | 'failed';
}

interface Batch {
  id: string;
  portalId: number;
  events: WebhookEvent[];
  attemptNumber: number;
}

/** One app's webhook traffic: events gathering, batches waiting for a slot, requests in flight. */
interface AppQueue {
  clientId: string;
  settings: WebhookSettings;
  pending: Map<number, WebhookEvent[]>;
  /** Duplicates (a fault): they join the window after the one their original leaves in. */
  deferred: WebhookEvent[];
  windowTimer?: NodeJS.Timeout;
  ready: Batch[];
  inFlight: number;
  deliveries: DeliveryRecord[];
  droppedEventIds: number[];
}

/** Enough history for any test, bounded for long-running demos. */
const HISTORY_LIMIT = 5_000;

function keepLast<T>(list: T[], item: T): void {
  list.push(item);
  if (list.length > HISTORY_LIMIT) list.splice(0, list.length - HISTORY_LIMIT);
}

/**
 * HubSpot's app webhooks: turns CRM changes in portals where an app is installed into events,
 * batches them (≤ 100, per portal, per short window), signs and POSTs them to the app's target URL
 * with at most `maxConcurrentRequests` in flight, and retries failures on the app's schedule.
 */
@Injectable()
export class HubSpotWebhooks implements OnApplicationShutdown {
  private readonly logger = new Logger('HubSpotWebhooks');
  private readonly queues = new Map<string, AppQueue>();
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private readonly abort = new AbortController();
  private nextEventId = 100_000_001;
  private nextSubscriptionId = 5_001;

  constructor(private readonly sandbox: HubSpotSandbox) {
    sandbox.onCrmChange((portalId, change) => this.record(portalId, change));
  }

  configure(app: OAuthApp, input: WebhookSettingsInput): WebhookSettings {
    const settings = webhookSettings(input, () => this.nextSubscriptionId++);
    const queue = this.queues.get(app.clientId);
    if (queue) queue.settings = settings;
    else {
      this.queues.set(app.clientId, {
        clientId: app.clientId,
        settings,
        pending: new Map(),
        deferred: [],
        ready: [],
        inFlight: 0,
        deliveries: [],
        droppedEventIds: [],
      });
    }
    return settings;
  }

  settings(clientId: string): WebhookSettings | undefined {
    return this.queues.get(clientId)?.settings;
  }

  deliveries(clientId: string) {
    const q = this.queues.get(clientId);
    if (!q) return undefined;
    return {
      deliveries: q.deliveries,
      droppedEventIds: q.droppedEventIds,
      pendingEvents: [...q.pending.values()].reduce((n, list) => n + list.length, 0) + q.deferred.length,
      queuedBatches: q.ready.length,
      inFlight: q.inFlight,
    };
  }

  onApplicationShutdown(): void {
    this.abort.abort();
    for (const timer of this.retryTimers) clearTimeout(timer);
    this.retryTimers.clear();
    for (const q of this.queues.values()) {
      clearTimeout(q.windowTimer);
      q.windowTimer = undefined;
    }
  }

  private record(portalId: number, change: CrmChange): void {
    if (this.abort.signal.aborted) return;
    const portal = this.sandbox.portal(portalId);
    if (!portal) return;
    for (const app of this.sandbox.appsInstalledIn(portalId)) {
      const q = this.queues.get(app.clientId);
      if (!q) continue;
      for (const subscription of q.settings.subscriptions) {
        if (!subscriptionMatches(subscription, change)) continue;
        const event = webhookEvent(subscription, change, {
          eventId: this.nextEventId++,
          portalId,
          appId: app.appId,
        });
        if (chance(portal.random, portal.faults.webhookDropRate)) {
          keepLast(q.droppedEventIds, event.eventId);
          continue;
        }
        const list = q.pending.get(portalId) ?? [];
        list.push(event);
        q.pending.set(portalId, list);
        if (chance(portal.random, portal.faults.webhookDuplicateRate)) q.deferred.push({ ...event });
        if (list.length >= MAX_EVENTS_PER_BATCH) this.flush(q);
        else this.openWindow(q);
      }
    }
  }

  private openWindow(q: AppQueue): void {
    if (q.windowTimer) return;
    q.windowTimer = setTimeout(() => this.flush(q), q.settings.batchWindowMs);
    q.windowTimer.unref();
  }

  /** Cuts everything gathered so far into batches and starts sending. */
  private flush(q: AppQueue): void {
    clearTimeout(q.windowTimer);
    q.windowTimer = undefined;
    for (const [portalId, events] of q.pending) {
      for (let i = 0; i < events.length; i += MAX_EVENTS_PER_BATCH) {
        q.ready.push({
          id: randomUUID(),
          portalId,
          events: events.slice(i, i + MAX_EVENTS_PER_BATCH),
          attemptNumber: 0,
        });
      }
    }
    q.pending.clear();
    if (q.deferred.length) {
      for (const event of q.deferred.splice(0)) {
        const list = q.pending.get(event.portalId) ?? [];
        list.push(event);
        q.pending.set(event.portalId, list);
      }
      this.openWindow(q);
    }
    this.pump(q);
  }

  private pump(q: AppQueue): void {
    while (!this.abort.signal.aborted && q.inFlight < q.settings.maxConcurrentRequests && q.ready.length) {
      const batch = q.ready.shift()!;
      q.inFlight++;
      void this.send(q, batch)
        .catch((error: unknown) => this.logger.error(`webhook delivery crashed: ${String(error)}`))
        .finally(() => {
          q.inFlight--;
          this.pump(q);
        });
    }
  }

  private async send(q: AppQueue, batch: Batch): Promise<void> {
    const { settings } = q;
    // Looked up per request: re-registering an app may change its secret.
    const app = this.sandbox.app(q.clientId);
    if (!app) return;
    const url = new URL(settings.targetUrl);
    const body = JSON.stringify(batch.events.map((e) => ({ ...e, attemptNumber: batch.attemptNumber })));
    const record: DeliveryRecord = {
      batchId: batch.id,
      portalId: batch.portalId,
      attemptNumber: batch.attemptNumber,
      eventIds: batch.events.map((e) => e.eventId),
      startedAt: new Date().toISOString(),
      outcome: 'in-flight',
    };
    keepLast(q.deliveries, record);
    const outcome = await postWebhook({
      url,
      body,
      timeoutMs: settings.timeoutMs,
      signal: this.abort.signal,
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'HubSpot Connect 2.0 (http://dev.hubspot.com/) (namespace: webhooks-nio-http-client)',
        ...webhookSignatureHeaders({
          method: 'POST',
          uri: url.href,
          body,
          clientSecret: app.clientSecret,
          timestamp: Date.now(),
        }),
      },
    });
    record.finishedAt = new Date().toISOString();
    if (outcome.statusCode !== undefined) record.statusCode = outcome.statusCode;
    if (!outcome.ok && outcome.error !== undefined) record.error = outcome.error;
    if (outcome.ok) {
      record.outcome = 'delivered';
      return;
    }
    const delay = settings.retryDelaysMs[batch.attemptNumber];
    if (delay === undefined || this.abort.signal.aborted) {
      record.outcome = 'failed';
      return;
    }
    record.outcome = 'retrying';
    const timer = setTimeout(() => {
      this.retryTimers.delete(timer);
      q.ready.push({ ...batch, attemptNumber: batch.attemptNumber + 1 });
      this.pump(q);
    }, delay);
    timer.unref();
    this.retryTimers.add(timer);
  }
}
