import type { Redis } from 'ioredis';

/** Calls and failed calls in one window. */
export interface CallCounts {
  calls: number;
  errors: number;
}

/** What the provider health API shows about a connection's recent CRM calls. */
export interface ConnectionCallStats {
  last5m: CallCounts;
  last60m: CallCounts;
  lastSuccessAt: Date | null;
  lastErrorAt: Date | null;
  lastErrorCode: string | null;
}

const MINUTE_MS = 60_000;
const WINDOW_MINUTES = 60;
/** How long the "last success / last error" marks outlive the last call. */
const LAST_SEEN_TTL_MS = 7 * 24 * 3600_000;

/**
 * Outcomes that say nothing about the provider's health: a record that is gone is a normal answer.
 * Everything else that is not `ok` counts as an error for the health error rate.
 */
const NOT_AN_ERROR = new Set(['ok', 'NOT_FOUND']);

/**
 * A rolling record of each connection's CRM call outcomes (final outcomes, after retries), for the
 * error rates over 5 and 60 minutes and the last successful call on the provider health API.
 *
 * Kept in Redis, beside the rate limiter and the breaker board, because every process that calls a
 * CRM must add to the same counts and the API (another process) must read them; Postgres would pay a
 * row write per CRM call on the hot path for data that is only ever read as a recent total. One hash
 * per connection and minute (`calls`, `errors`) that expires after an hour keeps memory bounded with
 * no pruning job; a read is one pipelined round trip of 60 HMGETs. Losing it on a Redis flush loses
 * an hour of health history, nothing else. See docs/observability.md.
 */
export class CrmCallLog {
  private readonly prefix: string;
  private readonly now: () => number;

  constructor(
    private readonly redis: Redis,
    options: { keyPrefix: string; now?: () => number },
  ) {
    this.prefix = `${options.keyPrefix}:crmcalls:`;
    this.now = options.now ?? Date.now;
  }

  /** Best effort: a Redis hiccup must never fail the CRM call it describes. */
  record(connectionId: string, outcome: string): Promise<void> {
    const now = this.now();
    const minute = Math.floor(now / MINUTE_MS);
    const bucket = `${this.prefix}${connectionId}:${minute}`;
    const last = `${this.prefix}${connectionId}:last`;
    const error = !NOT_AN_ERROR.has(outcome);
    const pipeline = this.redis.multi().hincrby(bucket, 'calls', 1);
    if (error) pipeline.hincrby(bucket, 'errors', 1);
    pipeline.pexpire(bucket, (WINDOW_MINUTES + 1) * MINUTE_MS);
    if (error) pipeline.hset(last, 'errorAt', now, 'errorCode', outcome);
    else pipeline.hset(last, 'okAt', now);
    pipeline.pexpire(last, LAST_SEEN_TTL_MS);
    return pipeline.exec().then(
      () => undefined,
      () => undefined,
    );
  }

  async read(connectionId: string): Promise<ConnectionCallStats> {
    const minute = Math.floor(this.now() / MINUTE_MS);
    const pipeline = this.redis.pipeline();
    for (let i = 0; i < WINDOW_MINUTES; i++) {
      pipeline.hmget(`${this.prefix}${connectionId}:${minute - i}`, 'calls', 'errors');
    }
    pipeline.hmget(`${this.prefix}${connectionId}:last`, 'okAt', 'errorAt', 'errorCode');
    const results = (await pipeline.exec()) ?? [];
    const last5m: CallCounts = { calls: 0, errors: 0 };
    const last60m: CallCounts = { calls: 0, errors: 0 };
    results.slice(0, WINDOW_MINUTES).forEach(([, value], index) => {
      const [calls, errors] = (value as (string | null)[] | null) ?? [];
      const c = Number(calls ?? 0);
      const e = Number(errors ?? 0);
      last60m.calls += c;
      last60m.errors += e;
      // The current minute and the four before it: "the last five minutes" to a minute's precision.
      if (index < 5) {
        last5m.calls += c;
        last5m.errors += e;
      }
    });
    const [okAt, errorAt, errorCode] = (results[WINDOW_MINUTES]?.[1] as (string | null)[] | null) ?? [];
    return {
      last5m,
      last60m,
      lastSuccessAt: okAt ? new Date(Number(okAt)) : null,
      lastErrorAt: errorAt ? new Date(Number(errorAt)) : null,
      lastErrorCode: errorCode ?? null,
    };
  }
}
