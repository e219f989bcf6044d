import { z } from 'zod';
import type { StrandedWorkSweeper, SweepResult } from '@leadflow/intake';
import type { JobDefinition } from '@leadflow/jobs';

const payloadSchema = z.object({}).strict();

/** Re-queues deliveries and write-backs a crash left between two steps (runs every minute). */
export function sweepStrandedWorkJob(
  sweeper: StrandedWorkSweeper,
): JobDefinition<z.infer<typeof payloadSchema>, SweepResult> {
  return {
    job: 'sweepStrandedWork',
    parse: (data) => payloadSchema.parse(data),
    handle: () => sweeper.sweep(),
  };
}
