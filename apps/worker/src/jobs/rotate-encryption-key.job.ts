import { z } from 'zod';
import type { EncryptionKeyRotation } from '@leadflow/connections';
import type { JobDefinition } from '@leadflow/jobs';

const payloadSchema = z.object({ rotationId: z.uuid() });

/**
 * Re-encrypts every stored secret with the active key (started by POST /v1/admin/encryption/rotate).
 * Safe to run again after a crash: it picks up whatever is still on an old key.
 */
export function rotateEncryptionKeyJob(
  rotation: EncryptionKeyRotation,
): JobDefinition<z.infer<typeof payloadSchema>, { rotated: number; failed: number; status: string }> {
  return {
    job: 'rotateEncryptionKey',
    parse: (data) => payloadSchema.parse(data),
    async handle({ rotationId }, context) {
      const result = await rotation.run(rotationId, {
        signal: context.signal,
        onProgress: (p) =>
          void context.updateProgress({ total: p.total, rotated: p.rotated, failed: p.failed }),
      });
      return { rotated: result.rotated, failed: result.failed, status: result.status };
    },
  };
}
