import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { pageSchema, paginationQuerySchema } from '../http/pagination';

const statusSchema = z.enum(['received', 'rejected', 'challenge', 'queued', 'processed', 'failed']);

export class DeliveryListQueryDto extends createZodDto(
  paginationQuerySchema.extend({
    connectionId: z.uuid('must be a UUID').optional(),
    status: statusSchema.optional(),
    from: z.iso
      .datetime({ message: 'must be an ISO 8601 date-time' })
      .optional()
      .describe('Received at or after'),
    to: z.iso.datetime({ message: 'must be an ISO 8601 date-time' }).optional().describe('Received before'),
    objectId: z.string().trim().min(1).max(100).optional().describe('Deliveries that mention this record id'),
  }),
) {}

export class DeliveryParamsDto extends createZodDto(z.object({ id: z.uuid('must be a UUID') })) {}

const deliverySchema = z.object({
  id: z.uuid(),
  provider: z.string(),
  connectionId: z.uuid().nullable(),
  status: statusSchema,
  reason: z.string().nullable().describe('Why it was refused'),
  headers: z.record(z.string(), z.string()).describe('As received, without credentials'),
  body: z.string().describe('The raw body, as signed'),
  eventCount: z.number().int(),
  receivedAt: z.iso.datetime(),
});

export class DeliveryPageDto extends createZodDto(pageSchema(deliverySchema)) {}

export class DeliveryDetailDto extends createZodDto(
  deliverySchema.extend({
    events: z
      .array(z.object({ externalId: z.string(), type: z.string(), eventId: z.string().nullable() }))
      .describe('The events read from the stored body (empty for refused deliveries)'),
    leads: z
      .array(z.object({ id: z.uuid(), externalId: z.string(), status: z.string() }))
      .describe('Leads of the delivery’s connection these events are about, with their state now'),
  }),
) {}

export class ReplayDeliveryDto extends createZodDto(
  // The body is optional: no body means the defaults.
  z.preprocess(
    (body) => body ?? {},
    z
      .object({
        force: z
          .boolean('must be true or false')
          .optional()
          .describe('Re-route leads already routed (their decisions move to history)'),
      })
      .strict(),
  ),
) {}

export class ReplayResultDto extends createZodDto(
  z.object({
    jobs: z
      .number()
      .int()
      .describe('Intake jobs queued (a lead already routed is not routed again unless forced)'),
    rerouted: z.number().int().describe('Decisions moved to history by `force`'),
  }),
) {}
