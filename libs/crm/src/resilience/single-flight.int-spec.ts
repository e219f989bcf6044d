import { setTimeout as delay } from 'node:timers/promises';
import { createTestEnvironment, type TestEnvironment } from '@leadflow/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CrmError } from '../crm-error';
import { SingleFlightLock } from './single-flight';

describe('SingleFlightLock (real Redis)', () => {
  let env: TestEnvironment;
  // Separate clients stand for separate worker processes.
  let clients: Redis[];
  let locks: SingleFlightLock[];

  beforeAll(async () => {
    env = await createTestEnvironment();
    clients = Array.from({ length: 4 }, () => new Redis(env.redisUrl));
    locks = clients.map((c) => new SingleFlightLock(c, { keyPrefix: env.queuePrefix }));
  });

  afterAll(async () => {
    const keys = await clients[0]!.keys(`${env.queuePrefix}:*`);
    if (keys.length > 0) await clients[0]!.del(...keys);
    await Promise.all(clients.map((c) => c.quit()));
    await env.dispose();
  });

  it('never overlaps fn bodies; each runs after the previous one finished', async () => {
    const spans: { who: number; start: number; end: number }[] = [];
    await Promise.all(
      locks.map((lock, who) =>
        lock.runExclusive(
          'refresh:conn-race',
          async () => {
            const start = performance.now();
            await delay(30);
            spans.push({ who, start, end: performance.now() });
          },
          { ttlMs: 5_000, waitMs: 5_000, pollMs: 5 },
        ),
      ),
    );
    expect(spans).toHaveLength(4);
    expect(new Set(spans.map((s) => s.who)).size).toBe(4);
    const ordered = [...spans].sort((a, b) => a.start - b.start);
    for (let i = 1; i < ordered.length; i++) {
      expect(ordered[i]!.start).toBeGreaterThanOrEqual(ordered[i - 1]!.end);
    }
  });

  it('lets followers find the refreshed token and skip the work', async () => {
    const tokenKey = `${env.queuePrefix}:token:conn-refresh`;
    await clients[0]!.set(tokenKey, 'stale');
    let refreshes = 0;
    const results = await Promise.all(
      locks.map((lock, who) =>
        lock.runExclusive(
          'refresh:conn-refresh',
          async () => {
            const redis = clients[who]!;
            if ((await redis.get(tokenKey)) !== 'stale') return 'reused';
            refreshes++;
            await delay(20);
            await redis.set(tokenKey, 'fresh');
            return 'refreshed';
          },
          { ttlMs: 5_000, waitMs: 5_000, pollMs: 5 },
        ),
      ),
    );
    expect(refreshes).toBe(1);
    expect(results.filter((r) => r === 'refreshed')).toHaveLength(1);
    expect(results.filter((r) => r === 'reused')).toHaveLength(3);
  });

  it('releases the lock when fn throws', async () => {
    await expect(
      locks[0]!.runExclusive('refresh:conn-throw', () => Promise.reject(new Error('boom')), {
        ttlMs: 60_000,
        waitMs: 0,
      }),
    ).rejects.toThrow('boom');
    await expect(
      locks[1]!.runExclusive('refresh:conn-throw', () => Promise.resolve('next'), {
        ttlMs: 60_000,
        waitMs: 0,
      }),
    ).resolves.toBe('next');
  });

  it('gives up with TEMPORARY when the holder keeps the lock past waitMs', async () => {
    let release!: () => void;
    const holding = locks[0]!.runExclusive(
      'refresh:conn-slow',
      () => new Promise<void>((resolve) => (release = resolve)),
      { ttlMs: 60_000, waitMs: 0 },
    );
    await delay(10);
    const error = await locks[1]!
      .runExclusive('refresh:conn-slow', () => Promise.resolve(), { ttlMs: 60_000, waitMs: 40, pollMs: 5 })
      .catch((e: unknown) => e);
    release();
    await holding;
    expect(error).toBeInstanceOf(CrmError);
    expect(error).toMatchObject({ code: 'TEMPORARY', causeCode: 'LOCK_WAIT_TIMEOUT' });
  });

  it('takes over a lock whose holder died once its TTL expires, and does not release a lock it lost', async () => {
    const lockKey = `${env.queuePrefix}:lock:refresh:conn-dead`;
    await clients[0]!.set(lockKey, 'crashed-holder', 'PX', 50);
    await expect(
      locks[1]!.runExclusive('refresh:conn-dead', () => Promise.resolve('took over'), {
        ttlMs: 5_000,
        waitMs: 2_000,
        pollMs: 200,
      }),
    ).resolves.toBe('took over');

    // fn outlives its TTL and someone else takes the key: our release must leave their lock alone.
    await locks[2]!.runExclusive(
      'refresh:conn-dead',
      async () => {
        await delay(40);
        await clients[3]!.set(lockKey, 'new-holder');
      },
      { ttlMs: 20, waitMs: 0 },
    );
    expect(await clients[0]!.get(lockKey)).toBe('new-holder');
  });
});
