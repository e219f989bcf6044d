import { z } from 'zod';
import type { BackfillPageResult, BackfillProcessor } from '@leadflow/intake';
import { BACKFILL_PAGE_ATTEMPTS, type JobDefinition } from '@leadflow/jobs';

const payloadSchema = z.object({
  backfillId: z.uuid(),
  page: z.number().int().min(0),
});

/**
 * One page of a backfill, then the next page queued after a pause (ADR 0019): a long import takes
 * turns with live intake for the connection's rate budget instead of holding it for its whole run.
 */
export function runBackfillJob(
  backfills: BackfillProcessor,
  enqueuePage: (backfillId: string, page: number) => Promise<void>,
): JobDefinition<z.infer<typeof payloadSchema>, BackfillPageResult> {
  return {
    job: 'runBackfill',
    parse: (data) => payloadSchema.parse(data),
    async handle({ backfillId, page }, context) {
      const result = await backfills.runPage(backfillId, page, {
        number: context.attempt,
        last: context.attempt >= BACKFILL_PAGE_ATTEMPTS,
      });
      if (result.nextPage !== null) await enqueuePage(backfillId, result.nextPage);
      return result;
    },
  };
}
