import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { ROLES } from '@leadflow/security';
import { pageSchema, paginationQuerySchema } from '../http/pagination';

export const roleSchema = z
  .enum(ROLES)
  .describe('admin: everything; operator: read everything, replay, pause; viewer: read only');

export const apiKeyFields = {
  id: z.uuid(),
  name: z.string(),
  prefix: z.string().describe('The public part of the key: lf_<prefix>_...'),
  role: roleSchema,
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
};

export const apiKeySchema = z.object(apiKeyFields);

export class ApiKeyDto extends createZodDto(apiKeySchema) {}

export class CreatedApiKeyDto extends createZodDto(
  z.object({
    ...apiKeyFields,
    key: z.string().describe('The whole key. Shown only in this response; store it now.'),
  }),
) {}

export class ApiKeyPageDto extends createZodDto(pageSchema(apiKeySchema)) {}

export const createApiKeySchema = z
  .object({
    name: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
    role: roleSchema,
  })
  .strict();

export class CreateApiKeyDto extends createZodDto(createApiKeySchema) {}

export class ApiKeyListQueryDto extends createZodDto(
  paginationQuerySchema.extend({
    includeRevoked: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .default(false)
      .describe('Also list revoked keys'),
  }),
) {}

export class ApiKeyIdParamsDto extends createZodDto(z.object({ id: z.uuid('must be a UUID') })) {}
