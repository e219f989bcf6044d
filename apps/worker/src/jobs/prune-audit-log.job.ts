import { z } from 'zod';
import type { PrismaClient } from '@leadflow/database';
import type { JobDefinition } from '@leadflow/jobs';

const payloadSchema = z.object({ olderThanDays: z.number().int().min(30).max(3650) });

/** Deletes audit entries past the retention period, in batches so no transaction runs long. */
export function pruneAuditLogJob(
  prisma: PrismaClient,
): JobDefinition<z.infer<typeof payloadSchema>, { deleted: number }> {
  return {
    job: 'pruneAuditLog',
    parse: (data) => payloadSchema.parse(data),
    async handle({ olderThanDays }, context) {
      const cutoff = new Date(Date.now() - olderThanDays * 86_400_000);
      let deleted = 0;
      for (;;) {
        if (context.signal.aborted) break;
        const batch = await prisma.$executeRaw`
          DELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log WHERE created_at < ${cutoff} LIMIT 1000)`;
        deleted += batch;
        if (batch < 1000) break;
      }
      return { deleted };
    },
  };
}
