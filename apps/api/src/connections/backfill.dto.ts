import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { pageSchema, paginationQuerySchema } from '../http/pagination';

/** The longest range one backfill covers; longer histories are imported as several backfills. */
export const MAX_BACKFILL_DAYS = 366;
const DAY_MS = 86_400_000;
/** A `to` this far ahead of our clock is accepted as "now" (clock skew between caller and us). */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

const instant = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time with offset' });

export interface BackfillRangeInput {
  from?: string | undefined;
  to?: string | undefined;
  days?: number | undefined;
}

/** The time range a start request asks for: `[from, to)`, `to` defaulting to now, or `days` before `to`. */
export function backfillRange(input: BackfillRangeInput, now: Date): { from: Date; to: Date } {
  const to = input.to === undefined ? now : new Date(Math.min(Date.parse(input.to), now.getTime()));
  const from =
    input.from !== undefined
      ? new Date(Date.parse(input.from))
      : new Date(to.getTime() - (input.days ?? 0) * DAY_MS);
  return { from, to };
}

/** What is wrong with a requested range, each with the field it concerns; empty when it is sane. */
export function backfillRangeProblems(
  input: BackfillRangeInput,
  now: Date,
): { path: (keyof BackfillRangeInput)[]; message: string }[] {
  if (input.from !== undefined && input.days !== undefined) {
    return [{ path: ['days'], message: 'give from or days, not both' }];
  }
  if (input.from === undefined && input.days === undefined) {
    return [{ path: [], message: 'give from (an ISO 8601 date-time) or days (how many days back from to)' }];
  }
  if (input.to !== undefined && Date.parse(input.to) > now.getTime() + FUTURE_TOLERANCE_MS) {
    return [{ path: ['to'], message: 'must not be in the future' }];
  }
  const { from, to } = backfillRange(input, now);
  if (input.from !== undefined && from.getTime() >= to.getTime()) {
    return [
      { path: ['from'], message: input.to === undefined ? 'must be in the past' : 'must be before to' },
    ];
  }
  if (to.getTime() - from.getTime() > MAX_BACKFILL_DAYS * DAY_MS) {
    return [
      {
        path: input.from === undefined ? ['days'] : ['from'],
        message: `the range must be at most ${MAX_BACKFILL_DAYS} days; import longer histories as several backfills`,
      },
    ];
  }
  return [];
}

export const startBackfillSchema = z
  .object({
    from: instant.optional().describe('Start of the range (inclusive); give this or days'),
    to: instant.optional().describe('End of the range (exclusive); defaults to now'),
    days: z
      .number()
      .int('must be a whole number of days')
      .min(1, 'must be at least 1')
      .max(MAX_BACKFILL_DAYS, `must be at most ${MAX_BACKFILL_DAYS}`)
      .optional()
      .describe('The range as days before to (30: the last 30 days); give this or from'),
    route: z
      .boolean()
      .default(false)
      .describe(
        'Route what is found, as live intake would (owners are written to the CRM). Default false: leads are stored as `imported`, not routed',
      ),
  })
  .strict()
  .superRefine((body, ctx) => {
    for (const problem of backfillRangeProblems(body, new Date())) {
      ctx.addIssue({ code: 'custom', path: problem.path, message: problem.message });
    }
  });

export class StartBackfillDto extends createZodDto(startBackfillSchema) {}

export const backfillStatusSchema = z
  .enum(['queued', 'running', 'completed', 'failed', 'cancelled'])
  .describe('queued and running backfills are active: at most one per connection');

export const backfillSchema = z.object({
  id: z.uuid(),
  connectionId: z.uuid(),
  objectType: z.string().describe('The CRM object imported (HubSpot leads, Monday items)'),
  from: z.iso.datetime().describe('Records the CRM last changed at or after this...'),
  to: z.iso.datetime().describe('...and before this'),
  route: z.boolean().describe('Whether what it finds is routed (otherwise stored as imported)'),
  status: backfillStatusSchema,
  progress: z.object({
    percent: z
      .number()
      .int()
      .min(0)
      .max(100)
      .describe('How far through the range the listing is, by the CRM change time it has reached'),
    positionAt: z.iso.datetime().nullable().describe('The newest CRM change time listed so far'),
    pages: z.number().int().describe('Pages committed: the checkpoint a restart resumes after'),
  }),
  counts: z.object({
    seen: z.number().int().describe('Records listed'),
    imported: z.number().int().describe('Stored as leads with status imported (not routed)'),
    routed: z.number().int().describe('Decided by routing (route: true)'),
    sentToIntake: z
      .number()
      .int()
      .describe('Created after the connection was first made and not yet stored: queued for normal intake'),
    needsMapping: z.number().int().describe('Stored with mapping errors (status needs_mapping)'),
    skipped: z.number().int().describe('Already stored (decided, or in live intake): left as they are'),
    missing: z.number().int().describe('Gone from the CRM when read'),
  }),
  crmCalls: z.number().int().describe('CRM client calls made, each one batch (a listing page, a batch read)'),
  error: z
    .string()
    .nullable()
    .describe('The last error (a failed page is retried; "waiting: …" while the connection is paused)'),
  requestedBy: z.string().describe('The API key id that started it'),
  createdAt: z.iso.datetime(),
  startedAt: z.iso.datetime().nullable(),
  finishedAt: z.iso.datetime().nullable(),
  updatedAt: z.iso.datetime(),
});

export class BackfillDto extends createZodDto(backfillSchema) {}

export class BackfillPageDto extends createZodDto(pageSchema(backfillSchema)) {}

export class BackfillListQueryDto extends createZodDto(paginationQuerySchema) {}
