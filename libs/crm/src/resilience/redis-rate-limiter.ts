import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { CrmError } from '../crm-error';
import { abortableSleep } from './abortable-sleep';
import type { RateLimitBucket } from '../provider-descriptor';

/** The budget a key spends from; a descriptor's {@link RateLimitBucket} fits. */
export type RateLimitPolicy = Pick<RateLimitBucket, 'limit' | 'intervalMs'>;

export interface AcquireOptions {
  /** Longest we wait for a slot before giving up with RATE_LIMITED. `0` tries once. */
  maxWaitMs: number;
  /** Stops waiting; `acquire` rejects with the signal's reason. */
  signal?: AbortSignal;
  /** For the RATE_LIMITED error when we give up (defaults name the limiter). */
  provider?: string;
  operation?: string;
}

export interface RateLimitGrant {
  /** Redis server time (ms) at which the slot was taken. */
  grantedAtMs: number;
  /** Slots left in the window right after this one was taken. */
  remaining: number;
  /** How long this call waited for its slot. */
  waitedMs: number;
}

/** The key for one connection's bucket, so every caller spells it the same way. */
export function rateLimitKey(connectionId: string, bucket: string): string {
  return `${connectionId}:${bucket}`;
}

/*
 * Sliding-window log: one sorted-set member per granted call, scored by Redis server time. Trim, count
 * and add run in one script, so all workers (processes) share one exact budget with no race between
 * "count" and "take". Redis TIME, not each worker's clock, orders the calls, so clock skew between
 * machines cannot let two workers both believe the window has room. Returns
 * {granted, waitMs, nowMs, remaining}; waitMs is when the entry that blocks us leaves the window.
 */
const ACQUIRE_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local limit = tonumber(ARGV[1])
local interval = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - interval)
local count = redis.call('ZCARD', KEYS[1])
if count < limit then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], interval)
  return {1, 0, now, limit - count - 1}
end
local blocking = redis.call('ZRANGE', KEYS[1], count - limit, count - limit, 'WITHSCORES')
local wait = tonumber(blocking[2]) + interval - now
if wait < 1 then wait = 1 end
return {0, wait, now, 0}
`;

/*
 * Fixed window for large budgets (a daily cap of 250k calls): a sliding log would keep one sorted-set
 * member per call, megabytes per connection. One counter per window instead; the cost is that a
 * burst straddling two windows may briefly spend up to twice the limit, which for a daily cap is
 * noise next to the provider's own enforcement. Returns the same tuple as ACQUIRE_SCRIPT.
 */
const FIXED_WINDOW_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local limit = tonumber(ARGV[1])
local interval = tonumber(ARGV[2])
local window = math.floor(now / interval)
local key = KEYS[1] .. ':' .. window
local used = tonumber(redis.call('GET', key) or '0')
if used < limit then
  redis.call('INCR', key)
  redis.call('PEXPIRE', key, interval)
  return {1, 0, now, limit - used - 1}
end
local wait = (window + 1) * interval - now
if wait < 1 then wait = 1 end
return {0, wait, now, 0}
`;

/** Budgets above this many calls per window are counted in fixed windows (see FIXED_WINDOW_SCRIPT). */
export const SLIDING_LOG_MAX_LIMIT = 1_000;

/** Read-only: slots left in the current window. */
const HEADROOM_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local used = redis.call('ZCOUNT', KEYS[1], '(' .. (now - tonumber(ARGV[2])), '+inf')
local left = tonumber(ARGV[1]) - used
if left < 0 then left = 0 end
return left
`;

/**
 * Per-connection, per-bucket rate limiter shared by every process through Redis (style guide, practice 3:
 * applied by the factory around every adapter). Waiting callers sleep for the time the script reports
 * instead of spinning, and give up with RATE_LIMITED (carrying `retryAfterMs`) once their wait budget is
 * spent, so a job can be rescheduled instead of holding a worker.
 */
export class RedisRateLimiter {
  private readonly keyPrefix: string;
  private readonly instanceId = randomBytes(6).toString('hex');
  private sequence = 0;

  constructor(
    private readonly redis: Redis,
    options: { keyPrefix: string },
  ) {
    this.keyPrefix = `${options.keyPrefix}:ratelimit:`;
  }

  async acquire(key: string, policy: RateLimitPolicy, options: AcquireOptions): Promise<RateLimitGrant> {
    assertPolicy(policy);
    const started = Date.now();
    const deadline = started + Math.max(0, options.maxWaitMs);
    for (;;) {
      options.signal?.throwIfAborted();
      // Unique per call: two grants in the same millisecond must be two members.
      const member = `${this.instanceId}:${++this.sequence}`;
      const [granted, waitMs, nowMs, remaining] = (await this.redis.eval(
        policy.limit > SLIDING_LOG_MAX_LIMIT ? FIXED_WINDOW_SCRIPT : ACQUIRE_SCRIPT,
        1,
        this.keyPrefix + key,
        policy.limit,
        policy.intervalMs,
        member,
      )) as [number, number, number, number];
      if (granted === 1) return { grantedAtMs: nowMs, remaining, waitedMs: Date.now() - started };
      if (Date.now() + waitMs > deadline) {
        throw new CrmError({
          code: 'RATE_LIMITED',
          retryAfterMs: waitMs,
          policy: key,
          provider: options.provider ?? 'leadflow',
          operation: options.operation ?? 'rateLimiter.acquire',
        });
      }
      await abortableSleep(waitMs, options.signal);
    }
  }

  /** Slots still free in the current window, for the provider health API. */
  async headroom(key: string, policy: RateLimitPolicy): Promise<number> {
    assertPolicy(policy);
    if (policy.limit > SLIDING_LOG_MAX_LIMIT) {
      const time = await this.redis.time();
      const now = Number(time[0]) * 1000 + Math.floor(Number(time[1]) / 1000);
      const used = Number(
        (await this.redis.get(`${this.keyPrefix}${key}:${Math.floor(now / policy.intervalMs)}`)) ?? 0,
      );
      return Math.max(0, policy.limit - used);
    }
    return (await this.redis.eval(
      HEADROOM_SCRIPT,
      1,
      this.keyPrefix + key,
      policy.limit,
      policy.intervalMs,
    )) as number;
  }
}

function assertPolicy(policy: RateLimitPolicy): void {
  if (
    !Number.isInteger(policy.limit) ||
    policy.limit <= 0 ||
    !Number.isInteger(policy.intervalMs) ||
    policy.intervalMs <= 0
  ) {
    throw new RangeError(`invalid rate-limit policy ${policy.limit}/${policy.intervalMs}ms`);
  }
}
