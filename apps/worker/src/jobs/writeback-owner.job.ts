import { z } from 'zod';
import type { WritebackProcessor, WritebackResult } from '@leadflow/intake';
import type { JobDefinition } from '@leadflow/jobs';
import type { PipelineMetrics } from '@leadflow/observability';

/** How many times a write-back is tried before the decision is marked failed. */
export const WRITEBACK_ATTEMPTS = 8;

const payloadSchema = z.object({ decisionId: z.uuid() });

/** Writes a decision's owner back to the CRM (the outbox drain). */
export function writebackOwnerJob(
  writeback: WritebackProcessor,
  metrics?: Pick<PipelineMetrics, 'writebacks'>,
): JobDefinition<z.infer<typeof payloadSchema>, { result: WritebackResult }> {
  return {
    job: 'writebackOwner',
    parse: (data) => payloadSchema.parse(data),
    async handle({ decisionId }, context) {
      const result = await writeback.process(decisionId, {
        number: context.attempt,
        last: context.attempt >= WRITEBACK_ATTEMPTS,
      });
      metrics?.writebacks.inc({ result });
      return { result };
    },
  };
}
