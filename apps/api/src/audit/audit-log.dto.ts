import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { pageSchema, paginationQuerySchema } from '../http/pagination';

export const auditLogEntrySchema = z.object({
  id: z.string(),
  actorType: z.string().describe('api_key, bootstrap_token or system'),
  actorId: z.string().nullable(),
  actorLabel: z.string().nullable().describe('The key prefix (lf_xxxxxxxxxx) or a description of the actor'),
  action: z.string().describe('For example api_key.created'),
  targetType: z.string(),
  targetId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  requestId: z.string().nullable(),
  createdAt: z.iso.datetime(),
});

export class AuditLogPageDto extends createZodDto(pageSchema(auditLogEntrySchema)) {}

export class AuditLogQueryDto extends createZodDto(
  paginationQuerySchema.extend({
    action: z.string().max(100).optional().describe('Only entries with this action'),
  }),
) {}
