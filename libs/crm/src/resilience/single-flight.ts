import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { CrmError } from '../crm-error';
import { abortableSleep } from './abortable-sleep';

export interface RunExclusiveOptions {
  /**
   * How long the lock lives if its holder dies without releasing it. Must exceed `fn`'s worst case
   * (e.g. the token endpoint's timeout): after it expires another process may run alongside.
   */
  ttlMs: number;
  /** Longest to wait for another holder before giving up with TEMPORARY. */
  waitMs: number;
  /** Poll interval while waiting (default 50 ms, never longer than the lock's remaining life). */
  pollMs?: number;
  signal?: AbortSignal;
  /** For the TEMPORARY error when waiting times out. */
  provider?: string;
  operation?: string;
}

// Delete only if we still hold it: after our TTL ran out another process may own the key now.
const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`;

/**
 * A cross-process mutex over Redis, for work that must happen once however many workers notice it is
 * due — above all an OAuth token refresh, where two concurrent refreshes can invalidate each other's
 * refresh token (style guide: single-flight refresh, as Nango does).
 *
 * Waiters do not receive the holder's result; they run their own `fn` afterwards. So `fn` must re-read
 * the shared state first (the stored token) and return early when the holder already did the work.
 */
export class SingleFlightLock {
  private readonly keyPrefix: string;

  constructor(
    private readonly redis: Redis,
    options: { keyPrefix: string },
  ) {
    this.keyPrefix = `${options.keyPrefix}:lock:`;
  }

  async runExclusive<T>(key: string, fn: () => Promise<T>, options: RunExclusiveOptions): Promise<T> {
    const lockKey = this.keyPrefix + key;
    const token = randomBytes(16).toString('hex');
    await this.acquire(lockKey, token, key, options);
    try {
      return await fn();
    } finally {
      await this.redis.eval(RELEASE_SCRIPT, 1, lockKey, token);
    }
  }

  private async acquire(
    lockKey: string,
    token: string,
    key: string,
    options: RunExclusiveOptions,
  ): Promise<void> {
    const deadline = Date.now() + Math.max(0, options.waitMs);
    const pollMs = options.pollMs ?? 50;
    for (;;) {
      options.signal?.throwIfAborted();
      if ((await this.redis.set(lockKey, token, 'PX', options.ttlMs, 'NX')) === 'OK') return;
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        throw new CrmError({
          code: 'TEMPORARY',
          provider: options.provider ?? 'leadflow',
          operation: options.operation ?? 'singleFlight.runExclusive',
          causeCode: 'LOCK_WAIT_TIMEOUT',
          providerMessage: `still locked after ${options.waitMs} ms: ${key}`,
        });
      }
      // Wake no later than the lock's expiry, so a crashed holder costs at most its TTL.
      const lockLeftMs = await this.redis.pttl(lockKey);
      const waitMs = Math.min(pollMs, remaining, lockLeftMs > 0 ? lockLeftMs : pollMs);
      await abortableSleep(Math.max(1, waitMs), options.signal);
    }
  }
}
