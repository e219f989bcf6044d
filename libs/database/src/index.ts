export {
  createPrismaClient,
  Prisma,
  PrismaClient,
  ApiKeyRole,
  type ApiKey,
  type AuditLog,
  type Backfill,
  type CrmConnection,
  type CrmConnectionEvent,
  type KeyRotation,
  type WebhookDelivery,
  type Tenant,
} from './prisma-client';
export {
  applyMigrations,
  ensureDatabaseExists,
  listMigrations,
  MigrationError,
  prepareDatabase,
  quoteIdentifier,
  type MigrationResult,
} from './migrator';
export { findMigrationsDir } from './migrations-dir';
export {
  currentTenantId,
  requireCurrentTenantId,
  MissingTenantScopeError,
  runInTenantScope,
  setCurrentTenant,
  type TenantScope,
} from './tenant-context';
export {
  createTenantScopedClient,
  TENANT_SCOPED_MODELS,
  type TenantScopedClient,
} from './tenant-scoped-client';
export { isNotFoundError, isUniqueViolation } from './prisma-errors';
export { uuidV7 } from './uuid-v7';
export { createPgPool, type PgPool, type PgPoolOptions } from './pg-pool';
