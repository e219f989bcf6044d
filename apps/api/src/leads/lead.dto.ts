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
        'new, needs_mapping, imported (stored by a backfill, not routed), assigned, kept_existing_owner, unrouted, excluded, routed, writeback_failed, writeback_conflict',
      ),
    crmStatus: z
      .enum(['open', 'won', 'lost', 'excluded'], 'must be one of open, won, lost, excluded')
      .optional()
      .describe('The CRM-side outcome (status parity)'),
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

export class RerouteLeadDto extends createZodDto(
  // The body is optional: no body means the defaults.
  z.preprocess(
    (body) => body ?? {},
    z
      .object({
        reason: z
          .string()
          .trim()
          .min(1, 'must not be empty')
          .max(500, 'must be at most 500 characters')
          .optional()
          .describe('Why, for the journey and the audit log'),
      })
      .strict(),
  ),
) {}

export class RerouteResultDto extends createZodDto(
  z.object({
    leadId: z.uuid(),
    supersededDecisionId: z
      .uuid()
      .nullable()
      .describe('The decision moved to the lead’s history; null when it had none yet'),
    queued: z
      .literal(true)
      .describe('Intake for the record is queued: fresh read, mapping, routing, write-back'),
  }),
) {}

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
  crmStatus: z.enum(['open', 'won', 'lost', 'excluded']).describe('The CRM-side outcome, via status parity'),
  closedAt: z.iso.datetime().nullable().describe('When it was won, lost or excluded'),
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
    pastDecisions: z
      .array(
        z.object({
          id: z.uuid(),
          outcome: z.string(),
          ruleId: z.string().nullable(),
          repId: z.uuid().nullable(),
          crmOwnerId: z.string().nullable(),
          ruleSetVersion: z.number().int(),
          decidedAt: z.iso.datetime(),
          writebackStatus: z.string(),
          supersededAt: z.iso.datetime(),
          supersededBy: z.string().describe('The API key id of the operator who re-routed'),
          reason: z.string().nullable(),
          traceId: z.string().nullable(),
        }),
      )
      .describe('Decisions replaced by re-routes, newest first'),
    deliveries: z
      .array(
        z.object({
          id: z.uuid(),
          status: z.string(),
          receivedAt: z.iso.datetime(),
          eventCount: z.number().int(),
        }),
      )
      .describe(
        'Webhook deliveries that mention the record (newest 20); details at /v1/webhook-deliveries/{id}',
      ),
  }),
) {}
