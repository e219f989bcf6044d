import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { withTraceContext } from '@leadflow/observability';
import { intakeBatchJob, intakeJob } from './job-options';

/**
 * Queues intake for records: one job per record, its id derived from connection and record so a
 * duplicate webhook, a poll, a replay and a re-route of the same record collapse into one job. Each
 * job carries the caller's trace context, so the lead's trace continues in the worker.
 */
export async function addIntakeJobs(
  queue: Queue,
  requests: readonly { connectionId: string; externalId: string }[],
): Promise<void> {
  if (requests.length === 0) return;
  await queue.addBulk(
    requests.map(({ connectionId, externalId }) => {
      const job = intakeJob(connectionId, externalId);
      return {
        name: job.name,
        data: withTraceContext({ connectionId, externalIds: [externalId] }),
        opts: job.opts,
      };
    }),
  );
}

/** The most record ids one intake job carries (one CRM batch read). */
export const INTAKE_BATCH_MAX = 100;

/** A record to take in, and the version (the CRM's change time) in which it was found. */
export interface FoundRecord {
  externalId: string;
  version?: string | null;
}

/**
 * Queues intake for many records of one connection found together (a poll page, a backfill page):
 * jobs of up to {@link INTAKE_BATCH_MAX} ids, each read with one batch call.
 *
 * With `skipQueuedWithin`, a record found again in the same version within that time is not
 * queued again: successive polls overlap their windows (search lags), so during a catch-up every
 * poll lists records whose intake is still waiting. One `SET NX PX` per record and version, in one
 * round trip, remembers what was queued; a changed record has a new version and is queued.
 */
export async function addIntakeBatches(
  queue: Queue,
  connectionId: string,
  records: readonly (string | FoundRecord)[],
  options: { skipQueuedWithin?: { redis: Redis; ms: number } } = {},
): Promise<void> {
  const found = records.map((r) => (typeof r === 'string' ? { externalId: r } : r));
  let fresh = found;
  const skip = options.skipQueuedWithin;
  if (skip !== undefined && skip.ms > 0 && found.length > 0) {
    const { redis, ms: within } = skip;
    const base = `${queue.opts.prefix ?? 'bull'}:${queue.name}:found:${connectionId}:`;
    const pipeline = redis.pipeline();
    for (const r of found) pipeline.set(`${base}${r.externalId}:${r.version ?? ''}`, '1', 'PX', within, 'NX');
    const results = (await pipeline.exec()) ?? [];
    fresh = found.filter((r, i) => {
      const [error, reply] = results[i] ?? [null, null];
      // Unknown (the command failed): queue it; job ids and idempotent intake absorb a duplicate.
      return error !== null || reply === 'OK';
    });
  }
  const unique = [...new Set(fresh.map((r) => r.externalId))];
  if (unique.length === 0) return;
  const jobs = [];
  for (let i = 0; i < unique.length; i += INTAKE_BATCH_MAX) {
    const ids = unique.slice(i, i + INTAKE_BATCH_MAX);
    const job = intakeBatchJob(connectionId, ids);
    jobs.push({ name: job.name, data: withTraceContext({ connectionId, externalIds: ids }), opts: job.opts });
  }
  await queue.addBulk(jobs);
}
