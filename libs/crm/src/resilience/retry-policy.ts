import pRetry, { AbortError } from 'p-retry';
import { type CrmError, isCrmError } from '../crm-error';
import { abortableSleep } from './abortable-sleep';

/** What a caller learns about each retry, e.g. to record it on the outbound-call span. */
export interface RetryEvent {
  error: unknown;
  /** The attempt that just failed (1 = the first call). The next call is `attempt + 1`. */
  attempt: number;
  /** How long we will wait before the next attempt (backoff, raised to the error's `retryAfterMs`). */
  delayMs: number;
  retriesLeft: number;
}

export interface RetryOptions {
  /** Retries after the first attempt; `0` calls once. */
  retries: number;
  /** Backoff cap for the first retry; doubles with each further retry. */
  minDelayMs: number;
  /** Upper bound of the backoff cap. A provider's longer `retryAfterMs` still wins (see {@link retryDelayMs}). */
  maxDelayMs: number;
  /** Stops waiting and retrying; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  onRetry?: (event: RetryEvent) => void;
  /**
   * Narrows which retryable errors are retried; e.g. our own limiter's "waited too long" is
   * RATE_LIMITED but retrying it would only wait again.
   */
  shouldRetry?: (error: CrmError) => boolean;
  /** Uniform in [0, 1). Injectable so tests can pin the jitter. */
  random?: () => number;
  /** Waits `ms`, rejecting early when `signal` aborts. Injectable so tests never wait on the clock. */
  sleep?: (ms: number, signal: AbortSignal | undefined) => Promise<void>;
}

/**
 * Backoff before retry number `retryIndex` (0 for the first retry): "full jitter", uniform in
 * [0, min(max, min * 2^retryIndex)]. Full jitter spreads the retries of many workers that failed together
 * over the whole window instead of letting them hit a recovering provider in lock-step. A RATE_LIMITED
 * error's `retryAfterMs` is a floor: the provider has told us when the budget refills, so earlier is waste.
 */
export function retryDelayMs(
  retryIndex: number,
  policy: { minDelayMs: number; maxDelayMs: number },
  random: () => number,
  retryAfterMs: number | undefined,
): number {
  const cap = Math.min(policy.maxDelayMs, policy.minDelayMs * 2 ** retryIndex);
  const backoff = Math.floor(random() * (cap + 1));
  return Math.max(Math.min(backoff, cap), retryAfterMs ?? 0);
}

/**
 * Calls `fn` (given the 1-based attempt number, for tracing) and retries it while it fails with a
 * retryable {@link CrmError} (RATE_LIMITED, TEMPORARY). Anything else — a non-retryable code, or an error
 * that is not a CrmError at all (a bug, not a provider problem) — is rethrown at once, unchanged.
 * When retries run out the last error is rethrown unchanged.
 */
export async function withRetries<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? abortableSleep;
  // p-retry's AbortError wraps non-Error values; keep the original so callers see exactly what was thrown.
  let fatal: { error: unknown } | undefined;

  try {
    return await pRetry(
      async (attempt: number) => {
        try {
          return await fn(attempt);
        } catch (error) {
          if (isCrmError(error) && error.retryable && (options.shouldRetry?.(error) ?? true)) throw error;
          fatal = { error };
          throw new AbortError('not retryable');
        }
      },
      {
        retries: options.retries,
        // We choose and take the delay ourselves (p-retry's jitter multiplies by 1–2, not full jitter).
        minTimeout: 0,
        maxTimeout: 0,
        ...(options.signal === undefined ? {} : { signal: options.signal }),
        // Only called when a retry will happen: retries left, error not aborted.
        shouldRetry: async ({ error, attemptNumber, retriesLeft, retriesConsumed }) => {
          const retryAfterMs = isCrmError(error) ? error.retryAfterMs : undefined;
          const delayMs = retryDelayMs(retriesConsumed, options, random, retryAfterMs);
          options.onRetry?.({ error, attempt: attemptNumber, delayMs, retriesLeft });
          await sleep(delayMs, options.signal);
          return true;
        },
      },
    );
  } catch (error) {
    if (fatal !== undefined) throw fatal.error;
    throw error;
  }
}
