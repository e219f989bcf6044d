import type { JobsOptions, Queue } from 'bullmq';

/**
 * Adds a job whose id is derived from its subject, for work found stranded. BullMQ ignores an add
 * whose id it still holds, which is right while that job is waiting, delayed or running (it will
 * do the work) but wrong for a finished one kept for inspection: that one is replaced.
 * Returns whether a job was added.
 */
export async function requeueJob(
  queue: Queue,
  name: string,
  data: object,
  opts: JobsOptions & { jobId: string },
): Promise<boolean> {
  const existing = await queue.getJob(opts.jobId);
  if (existing !== undefined) {
    const state = await existing.getState();
    if (state !== 'completed' && state !== 'failed' && state !== 'unknown') return false;
    await existing.remove();
  }
  await queue.add(name, data, opts);
  return true;
}
