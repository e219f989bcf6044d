import { createTestEnvironment, type TestEnvironment } from '@leadflow/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CrmError } from '../crm-error';
import { RedisRateLimiter, rateLimitKey } from './redis-rate-limiter';

describe('RedisRateLimiter (real Redis)', () => {
  let env: TestEnvironment;
  // Separate clients stand for separate worker processes sharing one budget.
  let clients: Redis[];
  let limiters: RedisRateLimiter[];

  beforeAll(async () => {
    env = await createTestEnvironment();
    clients = Array.from({ length: 4 }, () => new Redis(env.redisUrl));
    limiters = clients.map((c) => new RedisRateLimiter(c, { keyPrefix: env.queuePrefix }));
  });

  afterAll(async () => {
    const keys = await clients[0]!.keys(`${env.queuePrefix}:*`);
    if (keys.length > 0) await clients[0]!.del(...keys);
    await Promise.all(clients.map((c) => c.quit()));
    await env.dispose();
  });

  it('never grants more than the limit in any window across four processes', async () => {
    const policy = { limit: 5, intervalMs: 200 };
    const key = rateLimitKey('conn-hammer', 'default');
    const grants = await Promise.all(
      limiters.flatMap((limiter) =>
        Array.from({ length: 6 }, () => limiter.acquire(key, policy, { maxWaitMs: 10_000 })),
      ),
    );
    expect(grants).toHaveLength(24);
    // Server-time stamps: every window (t - interval, t] ending at a grant holds at most `limit` grants.
    const times = grants.map((g) => g.grantedAtMs).sort((a, b) => a - b);
    for (const t of times) {
      const inWindow = times.filter((u) => u > t - policy.intervalMs && u <= t).length;
      expect(inWindow).toBeLessThanOrEqual(policy.limit);
    }
    // 24 grants at 5 per 200 ms need at least four full windows after the first.
    expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual(4 * policy.intervalMs);
    expect(grants.some((g) => g.waitedMs > 0)).toBe(true);
  });

  it('gives up with RATE_LIMITED and a retry-after when the wait budget is too small', async () => {
    const policy = { limit: 2, intervalMs: 5_000 };
    const key = rateLimitKey('conn-bounded', 'default');
    await limiters[0]!.acquire(key, policy, { maxWaitMs: 0 });
    await limiters[1]!.acquire(key, policy, { maxWaitMs: 0 });
    const error = await limiters[2]!
      .acquire(key, policy, { maxWaitMs: 50, provider: 'hubspot', operation: 'leads.read' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrmError);
    const crmError = error as CrmError;
    expect(crmError.code).toBe('RATE_LIMITED');
    expect(crmError.provider).toBe('hubspot');
    expect(crmError.retryAfterMs).toBeGreaterThan(50);
    expect(crmError.retryAfterMs).toBeLessThanOrEqual(5_000);
    expect(await limiters[3]!.headroom(key, policy)).toBe(0);
  });

  it('keeps different keys independent and reports headroom', async () => {
    const policy = { limit: 3, intervalMs: 5_000 };
    const a = rateLimitKey('conn-a', 'default');
    const b = rateLimitKey('conn-a', 'search');
    expect(await limiters[0]!.headroom(a, policy)).toBe(3);
    for (let i = 0; i < 3; i++) await limiters[i]!.acquire(a, policy, { maxWaitMs: 0 });
    expect(await limiters[3]!.headroom(a, policy)).toBe(0);
    await expect(limiters[3]!.acquire(a, policy, { maxWaitMs: 0 })).rejects.toMatchObject({
      code: 'RATE_LIMITED',
    });

    const grant = await limiters[3]!.acquire(b, policy, { maxWaitMs: 0 });
    expect(grant.remaining).toBe(2);
    expect(await limiters[0]!.headroom(b, policy)).toBe(2);
  });

  it('stops waiting when the signal aborts', async () => {
    const policy = { limit: 1, intervalMs: 5_000 };
    const key = rateLimitKey('conn-abort', 'default');
    await limiters[0]!.acquire(key, policy, { maxWaitMs: 0 });
    const controller = new AbortController();
    const waiting = limiters[1]!.acquire(key, policy, { maxWaitMs: 10_000, signal: controller.signal });
    setTimeout(() => controller.abort(new Error('shutdown')), 20);
    await expect(waiting).rejects.toThrow('shutdown');
  });

  it('counts large budgets (daily caps) in fixed windows shared by every process', async () => {
    const policy = { limit: 1_500, intervalMs: 86_400_000 };
    const key = rateLimitKey('conn-daily', 'daily');
    expect(await limiters[0]!.headroom(key, policy)).toBe(1_500);
    const grants = await Promise.all(
      Array.from({ length: 20 }, (_, i) => limiters[i % 4]!.acquire(key, policy, { maxWaitMs: 0 })),
    );
    expect(grants.map((g) => g.remaining).sort((a, b) => b - a)[0]).toBe(1_499);
    expect(await limiters[1]!.headroom(key, policy)).toBe(1_480);
  });
});
