import { createHash } from 'node:crypto';
import type { JobsOptions } from 'bullmq';
import { JOBS } from './queue-names';
import { jobIdFor } from './job-registry';

/**
 * How each kind of work is enqueued, in one place so the API and the worker agree: ids derived from
 * the work (duplicates collapse), retries with backoff, completed jobs removed so later events for
 * the same record enqueue again (intake is idempotent).
 */
export function intakeJob(connectionId: string, externalId: string) {
  return {
    name: JOBS.intakeLead.name,
    opts: {
      jobId: jobIdFor('intakeLead', connectionId, externalId),
      attempts: 6,
      backoff: { type: 'exponential', delay: 1_000 },
      removeOnComplete: true,
      removeOnFail: { age: 7 * 86_400 },
    } satisfies JobsOptions,
  };
}

/**
 * Intake for a page of records found by polling or backfill (up to one CRM batch read): one job per
 * page instead of one per record, so its records are read with one batch call. The id derives from
 * the connection and the exact set of ids, so the same page enqueued twice collapses; a webhook's
 * single-record job for one of them may still run beside it, which intake's idempotent upsert and
 * the once-only routing make harmless.
 */
export function intakeBatchJob(connectionId: string, externalIds: readonly string[]) {
  const digest = createHash('sha256')
    .update([...externalIds].sort().join('\u0000'))
    .digest('base64url')
    .slice(0, 22);
  return {
    name: JOBS.intakeLead.name,
    opts: {
      ...intakeJob(connectionId, '').opts,
      jobId: jobIdFor('intakeLead', connectionId, 'batch', digest),
    },
  };
}

export function writebackJob(decisionId: string, attempts: number) {
  return {
    name: JOBS.writebackOwner.name,
    opts: {
      jobId: jobIdFor('writebackOwner', decisionId),
      attempts,
      backoff: { type: 'exponential', delay: 1_000 },
      removeOnComplete: { age: 86_400 },
      removeOnFail: { age: 7 * 86_400 },
    } satisfies JobsOptions,
  };
}

/**
 * At most one poll per connection at a time, across all workers: the id names only the connection,
 * so a scheduler tick while a poll is waiting or running collapses into it, and a poll slower than
 * its interval never gets a second one beside it. Finished jobs are removed at once (the run is
 * recorded in `sync_run`), which frees the id for the next poll the scheduler finds due.
 */
export function pollJob(connectionId: string) {
  return {
    name: JOBS.pollConnection.name,
    opts: {
      jobId: jobIdFor('pollConnection', connectionId),
      attempts: 1,
      removeOnComplete: true,
      removeOnFail: true,
    } satisfies JobsOptions,
  };
}

/** How many times one backfill page is tried before the backfill is marked failed. */
export const BACKFILL_PAGE_ATTEMPTS = 6;

/**
 * One page of a backfill. The id names the backfill and the page it reads (the checkpoint's page
 * count), so the next page is a new job, a page enqueued twice (the job itself and the stranded-work
 * sweeper) collapses, and a crash re-runs the page the checkpoint points at. `delayMs` spaces the
 * pages out so live intake keeps most of the connection's rate budget (ADR 0019).
 */
export function backfillJob(backfillId: string, page: number, delayMs = 0) {
  return {
    name: JOBS.runBackfill.name,
    opts: {
      jobId: jobIdFor('runBackfill', backfillId, page),
      attempts: BACKFILL_PAGE_ATTEMPTS,
      backoff: { type: 'exponential', delay: 2_000 },
      ...(delayMs > 0 ? { delay: delayMs } : {}),
      removeOnComplete: true,
      removeOnFail: { age: 7 * 86_400 },
    } satisfies JobsOptions,
  };
}
