import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/client';

export { Prisma, PrismaClient } from '../generated/client';
export type {
  ApiKey,
  Backfill,
  AuditLog,
  CrmConnection,
  CrmConnectionEvent,
  KeyRotation,
  Tenant,
  WebhookDelivery,
} from '../generated/client';
export { ApiKeyRole } from '../generated/enums';

export interface PrismaClientOptions {
  databaseUrl: string;
  /** Pool size per process; small by default so N workers x M processes stay under Postgres' limit. */
  poolSize?: number;
  applicationName?: string;
}

/** Prisma over node-postgres (driver adapter): no native query engine is needed at run time. */
export function createPrismaClient(options: PrismaClientOptions): PrismaClient {
  const adapter = new PrismaPg({
    connectionString: options.databaseUrl,
    max: options.poolSize ?? 10,
    application_name: options.applicationName ?? 'leadflow',
  });
  return new PrismaClient({ adapter });
}
