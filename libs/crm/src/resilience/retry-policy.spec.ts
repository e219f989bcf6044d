import { describe, expect, it, vi } from 'vitest';
import { CrmError } from '../crm-error';
import { retryDelayMs, withRetries, type RetryEvent, type RetryOptions } from './retry-policy';

const temporary = (): CrmError =>
  new CrmError({ code: 'TEMPORARY', provider: 'hubspot', operation: 'leads.read' });
const rateLimited = (retryAfterMs: number): CrmError =>
  new CrmError({ code: 'RATE_LIMITED', retryAfterMs, provider: 'hubspot', operation: 'leads.read' });

/** Options that never touch the clock: sleep records the delay, random is pinned. */
function testOptions(
  overrides: Partial<RetryOptions> = {},
): RetryOptions & { slept: number[]; events: RetryEvent[] } {
  const slept: number[] = [];
  const events: RetryEvent[] = [];
  return {
    retries: 3,
    minDelayMs: 100,
    maxDelayMs: 1_000,
    random: () => 0.999999,
    sleep: (ms) => {
      slept.push(ms);
      return Promise.resolve();
    },
    onRetry: (e) => events.push(e),
    slept,
    events,
    ...overrides,
  };
}

describe('retryDelayMs', () => {
  it('draws uniformly from [0, min(max, min * 2^n)] (full jitter)', () => {
    const policy = { minDelayMs: 100, maxDelayMs: 1_000 };
    expect(retryDelayMs(0, policy, () => 0, undefined)).toBe(0);
    expect(retryDelayMs(0, policy, () => 0.999999, undefined)).toBe(100);
    expect(retryDelayMs(2, policy, () => 0.5, undefined)).toBe(200);
    expect(retryDelayMs(3, policy, () => 0.999999, undefined)).toBe(800);
    expect(retryDelayMs(4, policy, () => 0.999999, undefined)).toBe(1_000);
    expect(retryDelayMs(30, policy, () => 0.999999, undefined)).toBe(1_000);
  });

  it('never waits less than the provider asked', () => {
    const policy = { minDelayMs: 100, maxDelayMs: 1_000 };
    expect(retryDelayMs(0, policy, () => 0, 750)).toBe(750);
    expect(retryDelayMs(0, policy, () => 0, 5_000)).toBe(5_000);
    expect(retryDelayMs(3, policy, () => 0.999999, 10)).toBe(800);
  });
});

describe('withRetries', () => {
  it('returns the first success without retrying', async () => {
    const options = testOptions();
    const fn = vi.fn((attempt: number) => Promise.resolve(`ok ${attempt}`));
    await expect(withRetries(fn, options)).resolves.toBe('ok 1');
    expect(fn).toHaveBeenCalledTimes(1);
    expect(options.slept).toEqual([]);
  });

  it('retries TEMPORARY with doubling full-jitter caps and passes the attempt number', async () => {
    const options = testOptions();
    const attempts: number[] = [];
    const result = await withRetries((attempt) => {
      attempts.push(attempt);
      return attempt < 4 ? Promise.reject(temporary()) : Promise.resolve('done');
    }, options);
    expect(result).toBe('done');
    expect(attempts).toEqual([1, 2, 3, 4]);
    expect(options.slept).toEqual([100, 200, 400]);
    expect(options.events.map((e) => [e.attempt, e.delayMs, e.retriesLeft])).toEqual([
      [1, 100, 3],
      [2, 200, 2],
      [3, 400, 1],
    ]);
  });

  it('waits at least retryAfterMs for RATE_LIMITED', async () => {
    const options = testOptions({ random: () => 0 });
    let calls = 0;
    await withRetries(
      () => (++calls === 1 ? Promise.reject(rateLimited(2_500)) : Promise.resolve(1)),
      options,
    );
    expect(calls).toBe(2);
    expect(options.slept).toEqual([2_500]);
  });

  it('rethrows the last error when retries run out', async () => {
    const options = testOptions({ retries: 2 });
    const errors = [temporary(), temporary(), temporary()];
    let calls = 0;
    await expect(withRetries(() => Promise.reject(errors[calls++]!), options)).rejects.toBe(errors[2]);
    expect(calls).toBe(3);
    expect(options.slept).toHaveLength(2);
  });

  it.each(['AUTH_EXPIRED', 'AUTH_REVOKED', 'NOT_FOUND', 'UNKNOWN'] as const)(
    'does not retry %s',
    async (code) => {
      const options = testOptions();
      const error = new CrmError({ code, provider: 'hubspot', operation: 'leads.read' });
      const fn = vi.fn(() => Promise.reject(error));
      await expect(withRetries(fn, options)).rejects.toBe(error);
      expect(fn).toHaveBeenCalledTimes(1);
      expect(options.events).toEqual([]);
    },
  );

  it('does not retry errors that are not CrmErrors, and rethrows them unchanged', async () => {
    const options = testOptions();
    const bug = new TypeError('x is undefined');
    const fn = vi.fn(() => Promise.reject(bug));
    await expect(withRetries(fn, options)).rejects.toBe(bug);
    expect(fn).toHaveBeenCalledTimes(1);

    const notAnError = { weird: true };
    await expect(withRetries(() => Promise.reject(notAnError as unknown as Error), options)).rejects.toBe(
      notAnError,
    );
  });

  it('retries: 0 calls once', async () => {
    const options = testOptions({ retries: 0 });
    const error = temporary();
    const fn = vi.fn(() => Promise.reject(error));
    await expect(withRetries(fn, options)).rejects.toBe(error);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('stops during the wait when the signal aborts (real timer)', async () => {
    const controller = new AbortController();
    const reason = new Error('shutting down');
    const fn = vi.fn(() => Promise.reject(temporary()));
    const running = withRetries(fn, {
      retries: 5,
      minDelayMs: 60_000,
      maxDelayMs: 60_000,
      random: () => 0.5,
      signal: controller.signal,
      onRetry: () => queueMicrotask(() => controller.abort(reason)),
    });
    await expect(running).rejects.toBe(reason);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('does not start when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('gone'));
    const fn = vi.fn(() => Promise.resolve(1));
    await expect(withRetries(fn, { ...testOptions(), signal: controller.signal })).rejects.toThrow('gone');
    expect(fn).not.toHaveBeenCalled();
  });
});
