import { describe, expect, it } from 'vitest';
import { BACKFILL_PAGE_ATTEMPTS, backfillJob } from './job-options';
import { JOBS, QUEUES } from './queue-names';

describe('backfillJob', () => {
  it('names the backfill and the page, so each page is its own job and a duplicate collapses', () => {
    const id = '0190a4f8-0000-7000-8000-000000000001';
    const first = backfillJob(id, 0);
    expect(first.name).toBe(JOBS.runBackfill.name);
    expect(JOBS.runBackfill.queue).toBe(QUEUES.backfill);
    expect(first.opts.jobId).toBe(`run-backfill.${id}.0`);
    expect(backfillJob(id, 0).opts.jobId).toBe(first.opts.jobId);
    expect(backfillJob(id, 1).opts.jobId).not.toBe(first.opts.jobId);
  });

  it('retries a page, spaces pages out when asked, and frees the id once done', () => {
    const job = backfillJob('b', 3, 1_000);
    expect(job.opts).toMatchObject({
      attempts: BACKFILL_PAGE_ATTEMPTS,
      delay: 1_000,
      removeOnComplete: true,
    });
    expect(backfillJob('b', 3).opts).not.toHaveProperty('delay');
  });
});
