import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { ApiConfig } from '@leadflow/config';
import { type PrismaClient, setCurrentTenant } from '@leadflow/database';
import { apiKeyMatches, parseApiKey, type Role, roleSatisfies, secretsEqual } from '@leadflow/security';
import { API_CONFIG, SYSTEM_DB } from '../database/database.tokens';
import { ApiProblem } from '../http/problem';
import { BOOTSTRAP_ROUTE, PUBLIC_ROUTE, REQUIRED_ROLE } from './auth.decorators';
import type { AuthenticatedRequest } from './principal';

const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Global guard: every route needs an API key unless marked @Public. It also sets the tenant of
 * the request's scope, which is what makes the tenant-scoped database client filter by tenant.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(SYSTEM_DB) private readonly prisma: PrismaClient,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const credential = readCredential(req);

    if (this.reflector.getAllAndOverride<boolean>(BOOTSTRAP_ROUTE, targets)) {
      if (!this.config.bootstrapToken) {
        throw ApiProblem.unauthenticated(
          'Bootstrapping is disabled: ADMIN_BOOTSTRAP_TOKEN is not set on this server.',
        );
      }
      if (!credential || !secretsEqual(credential, this.config.bootstrapToken)) {
        throw ApiProblem.unauthenticated('This route needs the bootstrap token as a Bearer token.');
      }
      req.principal = { kind: 'bootstrap_token' };
      return true;
    }

    if (!credential)
      throw ApiProblem.unauthenticated('An API key is required: send "Authorization: Bearer lf_...".');
    const parsed = parseApiKey(credential);
    if (!parsed) throw ApiProblem.unauthenticated('The API key is malformed.');
    const key = await this.prisma.apiKey.findUnique({ where: { prefix: parsed.prefix } });
    if (!key || !apiKeyMatches(credential, key.secretHash))
      throw ApiProblem.unauthenticated('The API key is not valid.');
    if (key.revokedAt) throw ApiProblem.unauthenticated('The API key has been revoked.');

    const needed =
      this.reflector.getAllAndOverride<Role | undefined>(REQUIRED_ROLE, targets) ??
      defaultRoleFor(req.method);
    if (!roleSatisfies(key.role, needed)) {
      throw ApiProblem.forbidden(
        `This action needs the ${needed} role; this API key has the ${key.role} role.`,
      );
    }
    req.principal = {
      kind: 'api_key',
      keyId: key.id,
      prefix: key.prefix,
      tenantId: key.tenantId,
      role: key.role,
    };
    setCurrentTenant(key.tenantId);
    if (!key.lastUsedAt || Date.now() - key.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      // Best effort and coarse: a write per request would cost more than the information is worth.
      void this.prisma.apiKey
        .update({ where: { id: key.id }, data: { lastUsedAt: new Date() } })
        .catch(() => undefined);
    }
    return true;
  }
}

function defaultRoleFor(method: string): Role {
  return method === 'GET' || method === 'HEAD' ? 'viewer' : 'admin';
}

function readCredential(req: AuthenticatedRequest): string | undefined {
  const header = req.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return match?.[1];
  }
  const apiKey = req.headers['x-api-key'];
  return typeof apiKey === 'string' && apiKey ? apiKey.trim() : undefined;
}
