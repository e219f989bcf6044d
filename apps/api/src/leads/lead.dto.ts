import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { pageSchema, paginationQuerySchema } from '../http/pagination';

export class LeadListQueryDto extends createZodDto(
  paginationQuerySchema.extend({
    status: z
      .string()
      .max(50)
      .optional()
      .describe(
        'new, needs_mapping, assigned, kept_existing_owner, unrouted, excluded, routed, writeback_failed, writeback_conflict',
      ),
    connectionId: z.uuid('must be a UUID').optional(),
    repId: z.uuid('must be a UUID').optional().describe('Leads decided for this rep'),
    poolId: z.uuid('must be a UUID').optional().describe('Leads decided through this pool'),
    from: z.iso
      .datetime({ message: 'must be an ISO 8601 date-time' })
      .optional()
      .describe('Created at or after'),
    to: z.iso.datetime({ message: 'must be an ISO 8601 date-time' }).optional().describe('Created before'),
  }),
) {}

export class LeadParamsDto extends createZodDto(z.object({ id: z.uuid('must be a UUID') })) {}

const decisionSummary = z.object({
  id: z.uuid(),
  outcome: z.string(),
  ruleId: z.string().nullable(),
  repId: z.uuid().nullable(),
  poolId: z.uuid().nullable(),
  crmOwnerId: z.string().nullable(),
  ruleSetVersion: z.number().int(),
  decidedAt: z.iso.datetime(),
  writeback: z.object({
    status: z.string().describe('pending, done, skipped, conflict, failed'),
    attempts: z.number().int(),
    error: z.string().nullable(),
    writtenBackAt: z.iso.datetime().nullable(),
  }),
});

export const leadSummarySchema = z.object({
  id: z.uuid(),
  connectionId: z.string(),
  externalId: z.string(),
  objectType: z.string().nullable(),
  status: z.string(),
  mappingVersion: z.number().int().nullable(),
  lead: z.record(z.string(), z.unknown()).describe('The canonical lead'),
  decision: decisionSummary.nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export class LeadPageDto extends createZodDto(pageSchema(leadSummarySchema)) {}

export class LeadJourneyDto extends createZodDto(
  leadSummarySchema.extend({
    raw: z.record(z.string(), z.unknown()).nullable().describe('The record as the CRM returned it'),
    errors: z.array(z.record(z.string(), z.unknown())).nullable().describe('Mapping errors (needs_mapping)'),
    trail: z.record(z.string(), z.unknown()).nullable().describe('The engine’s full decision trail'),
    traceId: z.string().nullable(),
  }),
) {}
