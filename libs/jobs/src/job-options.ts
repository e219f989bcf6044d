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
