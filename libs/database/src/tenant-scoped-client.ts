import type { PrismaClient } from './prisma-client';
import { currentTenantId, MissingTenantScopeError } from './tenant-context';

/**
 * Models that belong to a tenant. Every one of them has a `tenantId` column, and a test checks
 * that this list and the schema agree, so a new tenant-owned table cannot be left unscoped.
 */
export const TENANT_SCOPED_MODELS = [
  'ApiKey',
  'AuditLog',
  'Rep',
  'Pool',
  'PoolState',
  'RepLoad',
  'RepKpi',
  'RuleSetDraft',
  'RuleSetVersion',
  'Lead',
  'RoutingDecision',
  'RoutingDecisionHistory',
  'CrmConnection',
  'CrmConnectionEvent',
  'OAuthState',
  'FieldMappingDraft',
  'FieldMappingVersion',
  'DiscoveredFields',
  'WebhookDelivery',
  'SyncCursor',
  'SyncRun',
  'Backfill',
] as const;

const scoped = new Set<string>(TENANT_SCOPED_MODELS);

type Args = Record<string, unknown> & { where?: unknown; data?: unknown; create?: unknown };

function withTenant(where: unknown, tenantId: string): Record<string, unknown> {
  // Spread (not AND) so unique lookups stay unique lookups; our tenantId always wins.
  return { ...((where as Record<string, unknown> | undefined) ?? {}), tenantId };
}

function scopeArgs(operation: string, args: Args, tenantId: string): Args {
  switch (operation) {
    case 'create':
      return { ...args, data: { ...(args.data as object), tenantId } };
    case 'createMany':
    case 'createManyAndReturn': {
      const data = Array.isArray(args.data) ? args.data : [args.data];
      return { ...args, data: data.map((d) => ({ ...(d as object), tenantId })) };
    }
    case 'upsert':
      return {
        ...args,
        where: withTenant(args.where, tenantId),
        create: { ...(args.create as object), tenantId },
      };
    default:
      // find*, count, aggregate, groupBy, update*, delete*: all filter by where.
      return { ...args, where: withTenant(args.where, tenantId) };
  }
}

/**
 * A Prisma client whose tenant-owned models only ever see the current tenant's rows: reads and
 * writes are filtered by, and creates are stamped with, the tenant of the current scope. A query on
 * such a model with no scope set throws instead of touching every tenant's data.
 */
export function createTenantScopedClient(prisma: PrismaClient) {
  return prisma.$extends({
    name: 'tenant-scope',
    query: {
      $allModels: {
        $allOperations({ model, operation, args, query }) {
          if (!scoped.has(model)) return query(args);
          const tenantId = currentTenantId();
          if (!tenantId) throw new MissingTenantScopeError(model, operation);
          const original: unknown = args ?? {};
          const scopedArgs: unknown = scopeArgs(operation, original as Args, tenantId);
          return query(scopedArgs as typeof args);
        },
      },
    },
  });
}

export type TenantScopedClient = ReturnType<typeof createTenantScopedClient>;
