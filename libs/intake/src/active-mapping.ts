import type { PrismaClient } from '@leadflow/database';
import { type FieldMapping, fieldMappingSchema } from '@leadflow/field-mapping';

export interface ActiveMapping {
  version: number;
  mapping: FieldMapping;
}

/** The published mapping intake normalizes with: the newest version for the connection and object. */
export async function loadActiveMapping(
  prisma: PrismaClient,
  connectionId: string,
  objectType: string,
): Promise<ActiveMapping | null> {
  const row = await prisma.fieldMappingVersion.findFirst({
    where: { connectionId, objectType },
    orderBy: { version: 'desc' },
    select: { version: true, mapping: true },
  });
  if (row === null) return null;
  // Versions were validated when published; parsing again fills defaults the same way.
  return { version: row.version, mapping: fieldMappingSchema.parse(row.mapping) };
}
