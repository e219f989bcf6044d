import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_REDIS_URL } from '@leadflow/testing';
import { pollJob } from './job-options';
import { JOBS } from './queue-names';

describe('pollJob', () => {
  const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
  const queue = new Queue(JOBS.pollConnection.queue, { connection: redis, prefix: `lf-poll-${Date.now()}` });
  afterAll(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
    redis.disconnect();
  });

  it('keeps one poll per connection queued, whatever the ticks, and frees the id when it finishes', async () => {
    for (let tick = 0; tick < 3; tick++) {
      const job = pollJob('conn-a');
      await queue.add(job.name, { connectionId: 'conn-a' }, job.opts);
    }
    const other = pollJob('conn-b');
    await queue.add(other.name, { connectionId: 'conn-b' }, other.opts);
    expect((await queue.getWaiting()).map((j) => j.data.connectionId).sort()).toEqual(['conn-a', 'conn-b']);
    expect(pollJob('conn-a').opts).toMatchObject({ removeOnComplete: true, removeOnFail: true });
  });
});
