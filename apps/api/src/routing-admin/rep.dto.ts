import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { pageSchema, paginationQuerySchema } from '../http/pagination';

/** True when `Intl` knows the zone (IANA names and their aliases): the engine's own test. */
export function isIanaTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const tagsSchema = z
  .array(z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'))
  .max(100, 'must have at most 100 entries');

const timeRangeSchema = z
  .object({
    start: z.string().describe('HH:MM (00:00-23:59), inclusive, in the rep’s time zone'),
    end: z.string().describe('HH:MM (00:01-24:00), exclusive; must be after start'),
  })
  .strict();

const dayRangesSchema = z.array(timeRangeSchema).max(24, 'must have at most 24 ranges').optional();

export const workingHoursSchema = z
  .object({
    mon: dayRangesSchema,
    tue: dayRangesSchema,
    wed: dayRangesSchema,
    thu: dayRangesSchema,
    fri: dayRangesSchema,
    sat: dayRangesSchema,
    sun: dayRangesSchema,
  })
  .strict()
  .describe(
    'Weekday (mon…sun) → time ranges in the rep’s time zone. A weekday left out is a day off. Split an overnight shift into two ranges on two days.',
  );

const outOfOfficeWindowSchema = z
  .object({
    start: z.string().describe('ISO instant with offset, inclusive (2024-08-01T00:00:00+02:00)'),
    end: z.string().describe('ISO instant with offset, exclusive; must be after start'),
  })
  .strict();

const capSchema = z.number().int('must be a whole number').positive('must be greater than 0');

export const repAvailabilitySchema = z
  .enum(['available', 'unavailable'])
  .describe('unavailable takes the rep out of routing (and counts as absent for catch-up)');

/** The writable fields of a rep, each as stored (no defaults). */
const repWritable = {
  name: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(200, 'must be at most 200 characters')
    .describe('Display name'),
  email: z.email('must be an email address').max(320).nullable().describe('Contact email (informational)'),
  active: z.boolean().describe('Inactive reps never get leads and cannot keep existing owners'),
  availability: repAvailabilitySchema,
  timeZone: z
    .string()
    .max(100)
    .refine(isIanaTimeZone, 'must be an IANA time zone such as Europe/Berlin')
    .describe('IANA time zone; working hours and the daily cap’s “today” are read in it'),
  workingHours: workingHoursSchema.nullable().describe('null: no working-hours restriction'),
  outOfOffice: z
    .array(outOfOfficeWindowSchema)
    .max(100, 'must have at most 100 windows')
    .describe('Absences; the rep gets no leads between start (inclusive) and end (exclusive)'),
  dailyCap: capSchema.nullable().describe('Most leads per local day; null: uncapped'),
  openCap: capSchema.nullable().describe('Most open leads held at once; null: uncapped'),
  skills: tagsSchema.describe('Tags matched (case-insensitively) against pool and rule requirements'),
  territories: tagsSchema.describe('Territory tags matched against pool and rule requirements'),
  crmOwnerIds: z
    .record(
      z.string().min(1, 'must not be empty').max(200),
      z.string().trim().min(1, 'must not be empty').max(200),
    )
    .describe(
      'CRM connection id → this rep’s owner id in that CRM. A rep can only be assigned leads from connections listed here.',
    ),
};

export const createRepSchema = z
  .object({
    name: repWritable.name,
    email: repWritable.email.default(null),
    active: repWritable.active.default(true),
    availability: repWritable.availability.default('available'),
    timeZone: repWritable.timeZone.default('UTC'),
    workingHours: repWritable.workingHours.default(null),
    outOfOffice: repWritable.outOfOffice.default([]),
    dailyCap: repWritable.dailyCap.default(null),
    openCap: repWritable.openCap.default(null),
    skills: repWritable.skills.default([]),
    territories: repWritable.territories.default([]),
    crmOwnerIds: repWritable.crmOwnerIds.default({}),
  })
  .strict();

export type CreateRepInput = z.output<typeof createRepSchema>;

export class CreateRepDto extends createZodDto(createRepSchema) {}

export const updateRepSchema = z
  .object({
    name: repWritable.name.optional(),
    email: repWritable.email.optional(),
    active: repWritable.active.optional(),
    availability: repWritable.availability.optional(),
    timeZone: repWritable.timeZone.optional(),
    workingHours: repWritable.workingHours.optional(),
    outOfOffice: repWritable.outOfOffice.optional(),
    dailyCap: repWritable.dailyCap.optional(),
    openCap: repWritable.openCap.optional(),
    skills: repWritable.skills.optional(),
    territories: repWritable.territories.optional(),
    crmOwnerIds: repWritable.crmOwnerIds.optional().describe('Replaces the whole map'),
  })
  .strict()
  .describe('Only the fields given change; lists and maps are replaced as a whole');

export type UpdateRepInput = z.output<typeof updateRepSchema>;

export class UpdateRepDto extends createZodDto(updateRepSchema) {}

export const KPI_NAME = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;

export const kpiNameSchema = z
  .string()
  .max(64, 'must be at most 64 characters')
  .regex(KPI_NAME, 'must be snake_case (conversion_rate)');

export const repKpiSchema = z.object({
  kpi: kpiNameSchema.describe('snake_case KPI name, as pools’ kpiWeights name it'),
  value: z.number(),
  windowStart: z.iso.datetime({ offset: true }).describe('Start of the period the value covers'),
  windowEnd: z.iso.datetime({ offset: true }).describe('End of the period the value covers'),
  updatedAt: z.iso.datetime(),
});

export const repLoadSchema = z
  .object({
    openCount: z.number().int().describe('Open leads the rep holds'),
    assignedToday: z.number().int().describe('Leads assigned on the rep’s current local day'),
  })
  .describe('Current load, as the router counts it');

export const repSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string().nullable(),
  active: z.boolean(),
  availability: repAvailabilitySchema,
  timeZone: z.string(),
  workingHours: workingHoursSchema.nullable(),
  outOfOffice: z.array(outOfOfficeWindowSchema),
  dailyCap: z.number().int().nullable(),
  openCap: z.number().int().nullable(),
  skills: z.array(z.string()),
  territories: z.array(z.string()),
  crmOwnerIds: z.record(z.string(), z.string()),
  load: repLoadSchema,
  kpis: z.array(repKpiSchema),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export class RepDto extends createZodDto(repSchema) {}

export class RepPageDto extends createZodDto(pageSchema(repSchema)) {}

export class RepListQueryDto extends createZodDto(
  paginationQuerySchema.extend({
    active: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional()
      .describe('Only active (true) or inactive (false) reps; both when omitted'),
  }),
) {}

export class RepIdParamsDto extends createZodDto(z.object({ id: z.uuid('must be a UUID') })) {}

const kpiInputSchema = z
  .object({
    kpi: kpiNameSchema.describe('snake_case KPI name, e.g. conversion_rate, first_response_time'),
    value: z.number().describe('The measured value'),
    windowStart: z.iso
      .datetime({ offset: true, error: 'must be an ISO instant with offset' })
      .describe('Start of the period the value covers (ISO instant)'),
    windowEnd: z.iso
      .datetime({ offset: true, error: 'must be an ISO instant with offset' })
      .describe('End of the period the value covers; after windowStart'),
  })
  .strict()
  .refine((k) => Date.parse(k.windowEnd) > Date.parse(k.windowStart), {
    path: ['windowEnd'],
    message: 'must be after windowStart',
  });

export const putRepKpisSchema = z
  .object({
    kpis: z
      .array(kpiInputSchema)
      .max(100, 'must have at most 100 entries')
      .describe('Upserted per KPI name; KPIs not listed are left as they are'),
  })
  .strict()
  .superRefine((body, ctx) => {
    const seen = new Set<string>();
    body.kpis.forEach((k, index) => {
      if (seen.has(k.kpi)) {
        ctx.addIssue({ code: 'custom', path: ['kpis', index, 'kpi'], message: `"${k.kpi}" is listed twice` });
      }
      seen.add(k.kpi);
    });
  });

export type PutRepKpisInput = z.output<typeof putRepKpisSchema>;

export class PutRepKpisDto extends createZodDto(putRepKpisSchema) {}

export class RepKpisDto extends createZodDto(
  z.object({ repId: z.uuid(), kpis: z.array(repKpiSchema).describe('Sorted by KPI name') }),
) {}
