import type { Queue } from 'bullmq';
import { withTraceContext } from '@leadflow/observability';
import { intakeJob } from './job-options';

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
