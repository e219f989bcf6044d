import { UnrecoverableError } from 'bullmq';
import { z } from 'zod';
import { ConnectionUnavailableError } from '@leadflow/crm';
import type { IntakeOutcome, IntakeProcessor } from '@leadflow/intake';
import type { JobDefinition } from '@leadflow/jobs';

const payloadSchema = z.object({
  connectionId: z.uuid(),
  externalIds: z.array(z.string().min(1).max(100)).min(1).max(100),
  traceId: z.string().max(64).optional(),
});

/** Intake for record ids of one connection (from a webhook or a poll); idempotent. */
export function intakeLeadJob(
  intake: IntakeProcessor,
): JobDefinition<z.infer<typeof payloadSchema>, IntakeOutcome[]> {
  return {
    job: 'intakeLead',
    parse: (data) => payloadSchema.parse(data),
    async handle(payload) {
      try {
        return await intake.process(payload);
      } catch (error) {
        // A paused or disconnected connection, or one needing re-authorisation, cannot be helped by
        // retrying: the job ends with the reason, and the lead is found again by polling later.
        if (error instanceof ConnectionUnavailableError) throw new UnrecoverableError(error.message);
        throw error;
      }
    },
  };
}
