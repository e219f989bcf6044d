import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export const keyRotationSchema = z.object({
  id: z.uuid(),
  targetKeyId: z
    .string()
    .describe('The key everything is being re-encrypted with (the active one when it started)'),
  status: z.enum(['running', 'completed', 'failed']),
  total: z.number().int().describe('Connections on other keys when the rotation started'),
  rotated: z.number().int(),
  failed: z.number().int().describe('Connections whose secrets could not be decrypted; left as they were'),
  lastError: z.string().nullable(),
  requestedBy: z.string(),
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
});

export class KeyRotationDto extends createZodDto(keyRotationSchema) {}

export class EncryptionStatusDto extends createZodDto(
  z.object({
    activeKeyId: z.string(),
    keyIds: z.array(z.string()).describe('TOKEN_ENCRYPTION_KEYS ids, active first (never the keys)'),
    usage: z
      .array(z.object({ keyId: z.string(), connections: z.number().int() }))
      .describe('How many connections each key still encrypts'),
    rotations: z.array(keyRotationSchema).describe('The latest rotations, newest first'),
  }),
) {}

export class RotationIdParamsDto extends createZodDto(z.object({ id: z.uuid('must be a UUID') })) {}
