import { UnrecoverableError } from 'bullmq';
import { z } from 'zod';
import { ConnectionUnavailableError } from '@leadflow/crm';
import type { IntakeOutcome, IntakeProcessor } from '@leadflow/intake';
import type { JobDefinition } from '@leadflow/jobs';
import type { PipelineMetrics } from '@leadflow/observability';

const payloadSchema = z.object({
  connectionId: z.uuid(),
  externalIds: z.array(z.string().min(1).max(100)).min(1).max(100),
  traceId: z.string().max(64).optional(),
});

/** Intake for record ids of one connection (from a webhook or a poll); idempotent. */
export function intakeLeadJob(
  intake: IntakeProcessor,
  metrics?: Pick<PipelineMetrics, 'intakeLag'>,
): JobDefinition<z.infer<typeof payloadSchema>, IntakeOutcome[]> {
  return {
    job: 'intakeLead',
    parse: (data) => payloadSchema.parse(data),
    async handle(payload, context) {
      try {
        const outcomes = await intake.process(payload);
        if (metrics !== undefined && context.enqueuedAt !== undefined) {
          const lag = (Date.now() - context.enqueuedAt) / 1000;
          for (const o of outcomes) if (o.result === 'routed') metrics.intakeLag.observe(lag);
        }
        return outcomes;
      } catch (error) {
        // A paused or disconnected connection, or one needing re-authorisation, cannot be helped by
        // retrying: the job ends with the reason, and the lead is found again by polling later.
        if (error instanceof ConnectionUnavailableError) throw new UnrecoverableError(error.message);
        throw error;
      }
    },
  };
}
