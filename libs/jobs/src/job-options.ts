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
 * One poll per connection per interval: the id names the interval it belongs to, so a second
 * scheduler tick (or a second worker's) in the same interval collapses into the first.
 */
export function pollJob(connectionId: string, intervalSeconds: number, now: number) {
  const slot = Math.floor(now / (intervalSeconds * 1000));
  return {
    name: JOBS.pollConnection.name,
    opts: {
      jobId: jobIdFor('pollConnection', connectionId, slot),
      attempts: 1,
      removeOnComplete: { age: 3_600 },
      removeOnFail: { age: 86_400 },
    } satisfies JobsOptions,
  };
}
