import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { apiKeyFields, roleSchema } from '../api-keys/api-key.dto';

export const tenantSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  slug: z.string(),
  createdAt: z.iso.datetime(),
});

export const createTenantSchema = z
  .object({
    name: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
    slug: z
      .string()
      .regex(
        /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/,
        'must be 1-63 lowercase letters, digits or "-", not starting or ending with "-"',
      )
      .optional()
      .describe('URL-safe identifier; derived from the name when omitted'),
    adminKeyName: z.string().trim().min(1).max(100).default('First admin key'),
  })
  .strict();

export class CreateTenantDto extends createZodDto(createTenantSchema) {}

export class CreatedTenantDto extends createZodDto(
  z.object({
    tenant: tenantSchema,
    apiKey: z.object({
      ...apiKeyFields,
      key: z.string().describe('The first admin key. Shown only in this response.'),
    }),
  }),
) {}

export class WhoAmIDto extends createZodDto(
  z.object({
    tenant: tenantSchema,
    apiKey: z.object({ id: z.uuid(), prefix: z.string(), name: z.string(), role: roleSchema }),
  }),
) {}
