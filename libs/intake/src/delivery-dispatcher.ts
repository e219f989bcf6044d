import { type Link, ROOT_CONTEXT, type SpanContext, SpanKind, trace } from '@opentelemetry/api';
import {
  type CrmAdapterRegistry,
  connectionInfoOf,
  type CrmConnectionInfo,
  type CrmWebhookEvent,
} from '@leadflow/crm';
import type { PgPool } from '@leadflow/database';
import { accountsNamedBy, type FanOutTarget, type IntakeRequest, planIntake } from './webhook-fanout';

/** A delivery stored as `received` whose events are still to be fanned out to intake. */
export interface DispatchedDelivery {
  id: string;
  provider: string;
  /** The connection its URL named (Monday), or null: the events' accounts name the connections. */
  connection: FanOutTarget | null;
  events: readonly CrmWebhookEvent[];
  /** The request that stored it; the fan-out span links to it. */
  link?: SpanContext;
}

export interface DeliveryDispatcherOptions {
  /** The longest a delivery waits for others to share its batch (on top of a batch in progress). */
  lingerMs: number;
  /** Most deliveries per batch (one connection lookup, one UPDATE). */
  maxBatch: number;
  /**
   * Most intake jobs per `addBulk`: BullMQ builds a call's jobs in one synchronous stretch (about
   * 20 µs each), so a large batch is queued in a few calls, letting requests in between.
   */
  enqueueChunk: number;
  /** Deliveries held in memory at most; beyond, `accept` makes the receiver wait for room. */
  maxPending: number;
  /**
   * When no batch has finished for this long (Redis or Postgres stuck), the receiver stops waiting
   * for room: further deliveries stay `received` in the table for the recovery scan.
   */
  stallMs: number;
  /** `received` rows older than this are assumed abandoned (their process stopped) and recovered. */
  recoverAfterMs: number;
  recoveryIntervalMs: number;
  /** Rows claimed per recovery transaction. */
  recoveryBatch: number;
}

export const DELIVERY_DISPATCHER_DEFAULTS: DeliveryDispatcherOptions = {
  lingerMs: 10,
  maxBatch: 250,
  enqueueChunk: 200,
  maxPending: 1_000,
  stallMs: 2_000,
  recoverAfterMs: 15_000,
  recoveryIntervalMs: 5_000,
  recoveryBatch: 200,
};

const RECOVERED = 'queued by the recovery scan after the receiver stopped before fan-out';

interface Queryable {
  query<R extends object = Record<string, unknown>>(text: string, values?: unknown[]): Promise<{ rows: R[] }>;
}

export interface DeliveryDispatcherLog {
  warn(fields: Record<string, unknown>, message: string): void;
}

export interface DispatchStats {
  /** Deliveries fanned out (marked `queued`) by this process, live and recovered. */
  dispatched: number;
  /** Intake requests handed to the queue after de-duplication within each batch. */
  jobs: number;
  /** Batches that failed (their deliveries stay `received` until recovered). */
  failedBatches: number;
  /** Deliveries not held in memory because fan-out was stalled; the recovery scan takes them. */
  leftForRecovery: number;
  /** Deliveries fanned out by the recovery scan. */
  recovered: number;
}

const tracer = trace.getTracer('leadflow.webhooks');

/**
 * Fans out stored webhook deliveries to intake off the request path (docs/adr/0020). The receiver
 * stores a delivery as `received`, answers, and hands it here; deliveries of the same few
 * milliseconds form one batch: one lookup of the connections of every account they name, their
 * intake jobs de-duplicated across the batch (ids from connection and record) and queued with
 * `addBulk` (one call per `enqueueChunk` jobs), one UPDATE to `queued` (attributing app-level
 * deliveries to their one connection). A failed batch
 * stays `received`; so does whatever a stopped process held in memory. The recovery scan — at
 * start and every few seconds — claims `received` rows older than `recoverAfterMs` with
 * `FOR UPDATE SKIP LOCKED`, reads their events again from the stored body and fans them out the
 * same way. Fan-out is idempotent, so a recovery racing a slow live batch costs only a lookup.
 */
export class DeliveryDispatcher {
  private readonly options: DeliveryDispatcherOptions;
  private pending: { delivery: DispatchedDelivery; at: number }[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  /** When the batch in progress started (stall detection). */
  private batchStartedAt = 0;
  private roomWaiters: (() => void)[] = [];
  private recovering: Promise<number> | undefined;
  private recoveryTimer: NodeJS.Timeout | undefined;
  private closed = false;
  private warnedStall = false;
  readonly stats: DispatchStats = {
    dispatched: 0,
    jobs: 0,
    failedBatches: 0,
    leftForRecovery: 0,
    recovered: 0,
  };

  constructor(
    private readonly deps: {
      pg: PgPool;
      adapters: CrmAdapterRegistry;
      /** Queues intake jobs in one call (`addIntakeJobs`: job ids from connection and record). */
      enqueue(requests: readonly IntakeRequest[]): Promise<void>;
      log?: DeliveryDispatcherLog;
      now?: () => number;
    },
    options: Partial<DeliveryDispatcherOptions> = {},
  ) {
    this.options = { ...DELIVERY_DISPATCHER_DEFAULTS, ...options };
  }

  private now(): number {
    return this.deps.now?.() ?? Date.now();
  }

  /** Recovers what earlier processes left, then keeps scanning every `recoveryIntervalMs`. */
  start(): void {
    if (this.recoveryTimer !== undefined || this.closed) return;
    void this.recoverNow();
    this.recoveryTimer = setInterval(() => void this.recoverNow(), this.options.recoveryIntervalMs);
    this.recoveryTimer.unref();
  }

  /**
   * Takes a stored delivery for fan-out. Returns a promise only when the receiver should wait for
   * room (too many deliveries in memory while fan-out is making progress).
   */
  accept(delivery: DispatchedDelivery): Promise<void> | undefined {
    if (this.closed) {
      this.stats.leftForRecovery += 1;
      return undefined;
    }
    if (this.pending.length < this.options.maxPending) {
      this.pending.push({ delivery, at: this.now() });
      this.schedule();
      return undefined;
    }
    if (this.stalled()) {
      this.leaveForRecovery();
      return undefined;
    }
    return this.acceptWhenRoom(delivery);
  }

  private async acceptWhenRoom(delivery: DispatchedDelivery): Promise<void> {
    await new Promise<void>((resolve) => {
      this.roomWaiters.push(resolve);
      setTimeout(resolve, this.options.stallMs).unref();
    });
    if (this.closed || this.pending.length >= this.options.maxPending) {
      this.leaveForRecovery();
      return;
    }
    this.pending.push({ delivery, at: this.now() });
    this.schedule();
  }

  private stalled(): boolean {
    return this.flushing !== undefined && this.now() - this.batchStartedAt > this.options.stallMs;
  }

  private leaveForRecovery(): void {
    this.stats.leftForRecovery += 1;
    if (!this.warnedStall) {
      this.warnedStall = true;
      this.deps.log?.warn(
        { pending: this.pending.length },
        'webhook fan-out is stalled: new deliveries stay received until the recovery scan takes them',
      );
    }
  }

  private wakeWaiters(): void {
    const waiters = this.roomWaiters;
    this.roomWaiters = [];
    for (const wake of waiters) wake();
  }

  private schedule(): void {
    if (this.flushing !== undefined || this.pending.length === 0) return;
    const full = this.pending.length >= this.options.maxBatch;
    const wait = full ? 0 : this.pending[0]!.at + this.options.lingerMs - this.now();
    if (wait <= 0 || this.closed) {
      if (this.timer !== undefined) clearTimeout(this.timer);
      this.timer = undefined;
      this.flushing = this.flush();
      return;
    }
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.schedule();
    }, wait);
  }

  private async flush(): Promise<void> {
    this.batchStartedAt = this.now();
    const batch = this.pending.splice(0, this.options.maxBatch).map((p) => p.delivery);
    this.wakeWaiters();
    try {
      // A batch may start inside a request's async context: its own span, under no request, links
      // to the requests it serves instead, and the jobs carry its trace context.
      await tracer.startActiveSpan(
        'webhook fan-out',
        {
          kind: SpanKind.INTERNAL,
          links: batch.flatMap((d): Link[] => (d.link === undefined ? [] : [{ context: d.link }])),
          attributes: { 'leadflow.webhook.deliveries': batch.length },
        },
        ROOT_CONTEXT,
        async (span) => {
          try {
            await this.dispatch(batch, this.deps.pg, null);
          } finally {
            span.end();
          }
        },
      );
    } catch (error) {
      this.stats.failedBatches += 1;
      this.deps.log?.warn(
        { err: error, deliveries: batch.length },
        'webhook fan-out failed; the deliveries stay received and the recovery scan retries them',
      );
    } finally {
      this.warnedStall = false;
      this.flushing = undefined;
      this.schedule();
    }
  }

  /** One batch: connections of the accounts named, intake jobs, `queued`. Throws when any step fails. */
  private async dispatch(
    batch: readonly DispatchedDelivery[],
    db: Queryable,
    note: string | null,
  ): Promise<void> {
    if (batch.length === 0) return;
    const wanted = new Map<string, [string, string]>();
    for (const d of batch) {
      for (const account of accountsNamedBy(d.connection, d.events)) {
        wanted.set(`${d.provider}\u0000${account}`, [d.provider, account]);
      }
    }
    const byAccount = new Map<string, FanOutTarget[]>();
    if (wanted.size > 0) {
      const pairs = [...wanted.values()];
      const { rows } = await db.query<{
        id: string;
        tenant_id: string;
        provider: string;
        external_account_id: string;
        settings: Record<string, unknown> | null;
      }>(
        `SELECT id, tenant_id, provider, external_account_id, settings FROM crm_connection
         WHERE status = 'active' AND (provider, external_account_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
        [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
      );
      for (const row of rows) {
        const key = `${row.provider}\u0000${row.external_account_id}`;
        const targets = byAccount.get(key) ?? [];
        targets.push({ id: row.id, tenantId: row.tenant_id, settings: row.settings ?? {} });
        byAccount.set(key, targets);
      }
    }
    const requests = new Map<string, IntakeRequest>();
    const ids: string[] = [];
    const owners: (string | null)[] = [];
    const tenants: (string | null)[] = [];
    const typeIds = new Map<string, string | undefined>();
    for (const d of batch) {
      const plan = planIntake(
        this.deps.adapters.get(d.provider),
        d.connection,
        d.events,
        (account) => byAccount.get(`${d.provider}\u0000${account}`) ?? [],
        typeIds,
      );
      for (const request of plan.requests) {
        requests.set(`${request.connectionId}\u0000${request.externalId}`, request);
      }
      // An app-level delivery whose events all belong to one connection is shown in its tenant's debugger.
      const [only] = d.connection === null && plan.connections.size === 1 ? [...plan.connections] : [];
      ids.push(d.id);
      owners.push(only?.[0] ?? null);
      tenants.push(only?.[1] ?? null);
    }
    const unique = [...requests.values()];
    for (let i = 0; i < unique.length; i += this.options.enqueueChunk) {
      await this.deps.enqueue(unique.slice(i, i + this.options.enqueueChunk));
    }
    await db.query(
      `UPDATE webhook_delivery AS d
       SET status = 'queued',
           connection_id = COALESCE(d.connection_id, v.connection_id),
           tenant_id = COALESCE(d.tenant_id, v.tenant_id),
           reason = COALESCE($4, d.reason)
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[]) AS v(id, connection_id, tenant_id)
       WHERE d.id = v.id AND d.status = 'received'`,
      [ids, owners, tenants, note],
    );
    this.stats.dispatched += batch.length;
    this.stats.jobs += requests.size;
  }

  /** Runs a recovery scan now, unless one is running (then its result). */
  recoverNow(): Promise<number> {
    this.recovering ??= this.recover().finally(() => {
      this.recovering = undefined;
    });
    return this.recovering;
  }

  private async recover(): Promise<number> {
    let total = 0;
    for (;;) {
      const claimed = await tracer.startActiveSpan(
        'webhook fan-out recovery',
        { kind: SpanKind.INTERNAL },
        ROOT_CONTEXT,
        async (span) => {
          try {
            return await this.recoverBatch();
          } catch (error) {
            this.deps.log?.warn({ err: error }, 'webhook fan-out recovery failed; the next scan tries again');
            return 0;
          } finally {
            span.end();
          }
        },
      );
      total += claimed;
      if (claimed < this.options.recoveryBatch || this.closed) return total;
    }
  }

  /** One transaction: claim old `received` rows, read their events again, fan them out. */
  private async recoverBatch(): Promise<number> {
    const client = await this.deps.pg.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<{
        id: string;
        provider: string;
        body: string;
        c_id: string | null;
        c_tenant_id: string | null;
        c_provider: string | null;
        c_auth_type: CrmConnectionInfo['authType'] | null;
        c_external_account_id: string | null;
        c_settings: unknown;
      }>(
        `SELECT d.id, d.provider, d.body, c.id AS c_id, c.tenant_id AS c_tenant_id,
                c.provider AS c_provider, c.auth_type AS c_auth_type,
                c.external_account_id AS c_external_account_id, c.settings AS c_settings
         FROM webhook_delivery d LEFT JOIN crm_connection c ON c.id = d.connection_id
         WHERE d.status = 'received' AND d.received_at < $1
         ORDER BY d.received_at
         LIMIT $2
         FOR UPDATE OF d SKIP LOCKED`,
        [new Date(this.now() - this.options.recoverAfterMs).toISOString(), this.options.recoveryBatch],
      );
      const deliveries: DispatchedDelivery[] = [];
      const unreadable: { id: string; reason: string }[] = [];
      for (const row of rows) {
        const connection =
          row.c_id === null
            ? null
            : connectionInfoOf({
                id: row.c_id,
                tenantId: row.c_tenant_id!,
                provider: row.c_provider!,
                authType: row.c_auth_type!,
                externalAccountId: row.c_external_account_id!,
                settings: row.c_settings,
              });
        try {
          const receiver = this.deps.adapters.get(row.provider).webhookReceiver;
          const events = receiver?.eventsOfStored(row.body, connection) ?? [];
          if (Array.isArray(events)) {
            deliveries.push({ id: row.id, provider: row.provider, connection, events });
          } else {
            unreadable.push({ id: row.id, reason: `stored body cannot be read again: ${events.problem}` });
          }
        } catch (error) {
          unreadable.push({
            id: row.id,
            reason: `cannot be fanned out: ${error instanceof Error ? error.message : String(error)}`,
          });
        }
      }
      if (unreadable.length > 0) {
        await client.query(
          `UPDATE webhook_delivery AS d SET status = 'failed', reason = v.reason
           FROM unnest($1::uuid[], $2::text[]) AS v(id, reason)
           WHERE d.id = v.id AND d.status = 'received'`,
          [unreadable.map((u) => u.id), unreadable.map((u) => u.reason.slice(0, 1000))],
        );
      }
      await this.dispatch(deliveries, client, RECOVERED);
      await client.query('COMMIT');
      this.stats.recovered += deliveries.length;
      return rows.length;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** Fans out everything held now and waits for it (tests, shutdown). */
  async drain(): Promise<void> {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    while (this.flushing !== undefined || this.pending.length > 0) {
      this.flushing ??= this.flush();
      await this.flushing;
    }
  }

  /**
   * Stops the recovery scans and fans out what is held. Deliveries handed over afterwards stay
   * `received` for the next process's recovery scan (or the worker's sweeper).
   */
  async close(): Promise<void> {
    this.closed = true;
    if (this.recoveryTimer !== undefined) clearInterval(this.recoveryTimer);
    this.recoveryTimer = undefined;
    this.wakeWaiters();
    await this.drain();
    await this.recovering;
  }
}
