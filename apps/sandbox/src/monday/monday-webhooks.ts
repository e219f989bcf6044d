import { randomBytes, randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { chance } from '../hubspot/seeded-random';
import { postWebhook } from '../hubspot/webhook-http';
import {
  WEBHOOK_EVENTS,
  type ItemChange,
  type MondayAccount,
  type WebhookEvent,
  type WebhookSubscription,
} from './monday-account';
import { invalidArgumentError, MondayFieldError } from './monday-errors';
import { signHs256 } from './monday-jwt';
import type { WebhookRegistry } from './monday-resolvers';
import { MondaySandbox, type MondayApp, type MondayCaller } from './monday-sandbox';
import { subscriptionMatches, webhookEvent } from './monday-webhook-events';

/** One request to a webhook URL: an event attempt or a URL-verification challenge. */
export interface MondayDeliveryRecord {
  deliveryId: string;
  kind: 'event' | 'challenge';
  webhookId: number | null;
  url: string;
  type?: string;
  triggerUuid?: string;
  /** 0 for the first attempt; retries count up. */
  attempt: number;
  /** A copy sent by the duplicate fault. */
  duplicate: boolean;
  /** Carried `Authorization: <JWT>` (the webhook was created with an app token). */
  signed: boolean;
  startedAt: string;
  finishedAt?: string;
  statusCode?: number;
  error?: string;
  outcome: 'in-flight' | 'delivered' | 'retrying' | 'failed';
}

interface AccountLog {
  deliveries: MondayDeliveryRecord[];
  dropped: Array<{ webhookId: number; type: string; triggerUuid: string }>;
}

const HISTORY_LIMIT = 5_000;
/** Monday's sample JWT is valid for five minutes. */
const JWT_TTL_SECONDS = 300;

function keepLast<T>(list: T[], item: T): void {
  list.push(item);
  if (list.length > HISTORY_LIMIT) list.splice(0, list.length - HISTORY_LIMIT);
}

/**
 * Monday board webhooks: `create_webhook` verifies the URL with a challenge, item changes become
 * events (one POST each), app-token webhooks carry an HS256 JWT signed with the app's signing
 * secret, and failed deliveries are retried on the account's schedule (once a minute for 30 minutes
 * by default).
 */
@Injectable()
export class MondayWebhooks implements WebhookRegistry, OnApplicationShutdown {
  private readonly logger = new Logger('MondayWebhooks');
  private readonly logs = new Map<number, AccountLog>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly abort = new AbortController();

  constructor(private readonly sandbox: MondaySandbox) {
    sandbox.onItemChange((account, change) => this.record(account, change));
  }

  async create(
    caller: MondayCaller,
    input: { board: { id: number }; url: string; event: string; config: unknown },
  ): Promise<WebhookSubscription> {
    const { account } = caller;
    if (!(WEBHOOK_EVENTS as readonly string[]).includes(input.event)) {
      throw invalidArgumentError(`Unknown webhook event ${input.event}`);
    }
    if (input.url.length > 255) {
      throw invalidArgumentError('url is too long: at most 255 characters', { url_length: input.url.length });
    }
    let target: URL;
    try {
      target = new URL(input.url);
    } catch {
      throw invalidArgumentError('url is not a valid URL', { url: input.url });
    }
    if (target.protocol !== 'http:' && target.protocol !== 'https:') {
      throw invalidArgumentError('url is not a valid URL', { url: input.url });
    }
    const config = input.config ?? null;
    if (config !== null && (typeof config !== 'object' || Array.isArray(config))) {
      throw invalidArgumentError('config must be a JSON object');
    }
    const app = this.appOf(caller);
    await this.verify(account, target, caller.userId, app);
    const webhook: WebhookSubscription = {
      id: this.sandbox.nextWebhookId(),
      boardId: input.board.id,
      url: input.url,
      event: input.event as WebhookEvent,
      config: config as Record<string, unknown> | null,
      configStr: config === null ? null : JSON.stringify(config),
      createdBy: { userId: caller.userId, ...(app ? { clientId: app.clientId } : {}) },
      createdAt: Date.now(),
    };
    account.webhooks.set(webhook.id, webhook);
    return webhook;
  }

  remove(caller: MondayCaller, id: number): WebhookSubscription {
    const webhook = caller.account.webhooks.get(id);
    if (!webhook) {
      throw new MondayFieldError('Webhook not found', 'ResourceNotFoundException', {
        errorData: { webhook_id: id },
      });
    }
    caller.account.webhooks.delete(id);
    return webhook;
  }

  deliveries(accountId: number) {
    const log = this.log(accountId);
    return {
      deliveries: log.deliveries,
      dropped: log.dropped,
      pendingRetries: log.deliveries.filter((d) => d.outcome === 'retrying').length,
    };
  }

  onApplicationShutdown(): void {
    this.abort.abort();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  /** Webhooks created with an app's token (OAuth, legacy or short-lived) are signed by that app. */
  private appOf(caller: MondayCaller): MondayApp | undefined {
    return caller.clientId ? this.sandbox.app(caller.clientId) : undefined;
  }

  private log(accountId: number): AccountLog {
    let log = this.logs.get(accountId);
    if (!log) {
      log = { deliveries: [], dropped: [] };
      this.logs.set(accountId, log);
    }
    return log;
  }

  /** The `Authorization` JWT of an app webhook request: `aud` is the URL, with a short-lived API token. */
  private authorization(app: MondayApp, account: MondayAccount, url: string, userId: number): string {
    const now = Date.now();
    const iat = Math.floor(now / 1000);
    return signHs256(
      {
        accountId: account.id,
        userId,
        aud: url,
        exp: iat + JWT_TTL_SECONDS,
        shortLivedToken: this.sandbox.shortLivedToken(app, account.id, userId, now).token,
        iat,
      },
      app.signingSecret,
    );
  }

  /** POSTs `{"challenge": …}` and expects the same JSON back, as Monday does before subscribing. */
  private async verify(
    account: MondayAccount,
    target: URL,
    userId: number,
    app: MondayApp | undefined,
  ): Promise<void> {
    const challenge = randomBytes(39).toString('base64url');
    const record: MondayDeliveryRecord = {
      deliveryId: randomUUID(),
      kind: 'challenge',
      webhookId: null,
      url: target.href,
      attempt: 0,
      duplicate: false,
      signed: app !== undefined,
      startedAt: new Date().toISOString(),
      outcome: 'in-flight',
    };
    keepLast(this.log(account.id).deliveries, record);
    const outcome = await postWebhook({
      url: target,
      body: JSON.stringify({ challenge }),
      timeoutMs: account.webhookDelivery.timeoutMs,
      signal: this.abort.signal,
      readBody: true,
      headers: {
        'Content-Type': 'application/json',
        ...(app ? { Authorization: this.authorization(app, account, target.href, userId) } : {}),
      },
    });
    record.finishedAt = new Date().toISOString();
    if (outcome.statusCode !== undefined) record.statusCode = outcome.statusCode;
    let echoed: unknown;
    try {
      echoed = outcome.body ? (JSON.parse(outcome.body) as { challenge?: unknown }).challenge : undefined;
    } catch {
      echoed = undefined;
    }
    if (outcome.ok && echoed === challenge) {
      record.outcome = 'delivered';
      return;
    }
    record.outcome = 'failed';
    record.error = outcome.ok
      ? 'the response did not echo the challenge'
      : (outcome.error ?? `HTTP ${outcome.statusCode}`);
    throw invalidArgumentError('Failed to communicate with URL provided.', { url: target.href });
  }

  private record(account: MondayAccount, change: ItemChange): void {
    if (this.abort.signal.aborted) return;
    const trigger = { uuid: randomBytes(16).toString('hex') };
    for (const webhook of account.webhooks.values()) {
      if (!subscriptionMatches(webhook, change)) continue;
      const event = webhookEvent(webhook, change, trigger);
      if (chance(account.random, account.faults.webhookDropRate)) {
        keepLast(this.log(account.id).dropped, {
          webhookId: webhook.id,
          type: String(event.type),
          triggerUuid: trigger.uuid,
        });
        continue;
      }
      this.send(account, webhook, event, 0, false);
      if (chance(account.random, account.faults.webhookDuplicateRate))
        this.send(account, webhook, event, 0, true);
    }
  }

  private send(
    account: MondayAccount,
    webhook: WebhookSubscription,
    event: Record<string, unknown>,
    attempt: number,
    duplicate: boolean,
  ): void {
    void this.attempt(account, webhook, event, attempt, duplicate).catch((error: unknown) =>
      this.logger.error(`Monday webhook delivery crashed: ${String(error)}`),
    );
  }

  private async attempt(
    account: MondayAccount,
    webhook: WebhookSubscription,
    event: Record<string, unknown>,
    attempt: number,
    duplicate: boolean,
  ): Promise<void> {
    // Looked up per attempt: the app's signing secret may have been replaced since.
    const app = webhook.createdBy.clientId ? this.sandbox.app(webhook.createdBy.clientId) : undefined;
    const record: MondayDeliveryRecord = {
      deliveryId: randomUUID(),
      kind: 'event',
      webhookId: webhook.id,
      url: webhook.url,
      type: String(event.type),
      triggerUuid: String(event.triggerUuid),
      attempt,
      duplicate,
      signed: app !== undefined,
      startedAt: new Date().toISOString(),
      outcome: 'in-flight',
    };
    keepLast(this.log(account.id).deliveries, record);
    const outcome = await postWebhook({
      url: new URL(webhook.url),
      body: JSON.stringify({ event: { ...event, isRetry: attempt > 0 } }),
      timeoutMs: account.webhookDelivery.timeoutMs,
      signal: this.abort.signal,
      headers: {
        'Content-Type': 'application/json',
        ...(app
          ? { Authorization: this.authorization(app, account, webhook.url, Number(event.userId)) }
          : {}),
      },
    });
    record.finishedAt = new Date().toISOString();
    if (outcome.statusCode !== undefined) record.statusCode = outcome.statusCode;
    if (outcome.ok) {
      record.outcome = 'delivered';
      return;
    }
    if (outcome.error !== undefined) record.error = outcome.error;
    const delay = account.webhookDelivery.retryDelaysMs[attempt];
    if (delay === undefined || this.abort.signal.aborted || !account.webhooks.has(webhook.id)) {
      record.outcome = 'failed';
      return;
    }
    record.outcome = 'retrying';
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.send(account, webhook, event, attempt + 1, duplicate);
    }, delay);
    timer.unref();
    this.timers.add(timer);
  }
}
