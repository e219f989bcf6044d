import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_REDIS_URL } from '@leadflow/testing';
import { addIntakeBatches, INTAKE_BATCH_MAX } from './intake-jobs';
import { JOBS } from './queue-names';

describe('addIntakeBatches', () => {
  const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
  const queue = new Queue(JOBS.intakeLead.queue, { connection: redis, prefix: `lf-intake-${Date.now()}` });
  afterAll(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
    redis.disconnect();
  });

  it('queues a page as jobs of at most one batch read each, and the same page twice as once', async () => {
    const ids = Array.from({ length: 250 }, (_, i) => `rec-${i}`);
    await addIntakeBatches(queue, 'conn-a', [...ids, 'rec-0']);
    await addIntakeBatches(queue, 'conn-a', ids);
    const waiting = await queue.getWaiting();
    const sizes = waiting
      .map((j) => (j.data as { externalIds: string[] }).externalIds.length)
      .sort((a, b) => a - b);
    expect(sizes).toEqual([50, 100, 100]);
    expect(new Set(waiting.flatMap((j) => (j.data as { externalIds: string[] }).externalIds)).size).toBe(250);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(INTAKE_BATCH_MAX);
  });

  it('skips records found again in the same version within the given time, not changed ones', async () => {
    const found = (version: string) => [
      { externalId: 'dup-1', version },
      { externalId: 'dup-2', version: 'v1' },
    ];
    await addIntakeBatches(queue, 'conn-b', found('v1'), { skipQueuedWithin: { redis, ms: 60_000 } });
    await addIntakeBatches(queue, 'conn-b', found('v1'), { skipQueuedWithin: { redis, ms: 60_000 } });
    await addIntakeBatches(queue, 'conn-b', found('v2'), { skipQueuedWithin: { redis, ms: 60_000 } });
    const jobs = (await queue.getWaiting()).filter(
      (j) => (j.data as { connectionId: string }).connectionId === 'conn-b',
    );
    expect(jobs.map((j) => (j.data as { externalIds: string[] }).externalIds).sort()).toEqual([
      ['dup-1'],
      ['dup-1', 'dup-2'],
    ]);
  });
});
