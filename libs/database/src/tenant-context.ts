import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Who the current unit of work acts for. Set once per request (by the API key guard) or per job;
 * the tenant-scoped Prisma client reads it on every query, so a handler cannot forget to scope.
 */
export interface TenantScope {
  tenantId: string | undefined;
}

const storage = new AsyncLocalStorage<TenantScope>();

export class MissingTenantScopeError extends Error {
  constructor(model: string, operation: string) {
    super(`${model}.${operation} needs a tenant scope, but none is set for this request or job`);
    this.name = 'MissingTenantScopeError';
  }
}

/** Opens an (initially empty) scope for a request; the guard fills it once the key is known. */
export function runInTenantScope<T>(fn: () => T, tenantId?: string): T {
  return storage.run({ tenantId }, fn);
}

/** Sets the tenant of the scope opened by `runInTenantScope`. */
export function setCurrentTenant(tenantId: string): void {
  const scope = storage.getStore();
  if (!scope) throw new Error('setCurrentTenant called outside runInTenantScope');
  if (scope.tenantId && scope.tenantId !== tenantId) throw new Error('the tenant of a scope cannot change');
  scope.tenantId = tenantId;
}

export function currentTenantId(): string | undefined {
  return storage.getStore()?.tenantId;
}

/** The current tenant, for stamping rows on create; the scoped client enforces the same value. */
export function requireCurrentTenantId(): string {
  const tenantId = currentTenantId();
  if (!tenantId) throw new MissingTenantScopeError('(tenant)', 'requireCurrentTenantId');
  return tenantId;
}
