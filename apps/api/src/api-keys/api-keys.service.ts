import { Inject, Injectable } from '@nestjs/common';
import {
  type ApiKey,
  type Prisma,
  requireCurrentTenantId,
  type TenantScopedClient,
} from '@leadflow/database';
import { generateApiKey, type Role } from '@leadflow/security';
import { TENANT_DB } from '../database/database.tokens';
import { ApiProblem } from '../http/problem';
import { type PaginationQuery, pageQuery, toPage } from '../http/pagination';
import { AuditLogService } from '../audit/audit-log.service';
import type { Principal } from '../auth/principal';

export function presentApiKey(key: ApiKey) {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    role: key.role,
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
  };
}

/** Any client that can create keys: the system client, a scoped client, or a transaction of either. */
interface KeyWriter {
  apiKey: { create(args: { data: Prisma.ApiKeyUncheckedCreateInput }): PromiseLike<ApiKey> };
}

/** Creates one key row; the plaintext is returned once and never stored. */
export async function insertApiKey(
  db: KeyWriter,
  input: { tenantId: string; name: string; role: Role; createdById: string | null },
): Promise<{ row: ApiKey; plaintext: string }> {
  const key = generateApiKey();
  const row = await db.apiKey.create({
    data: {
      tenantId: input.tenantId,
      name: input.name,
      role: input.role,
      prefix: key.prefix,
      secretHash: key.secretHash,
      createdById: input.createdById,
    },
  });
  return { row, plaintext: key.plaintext };
}

@Injectable()
export class ApiKeysService {
  constructor(
    @Inject(TENANT_DB) private readonly db: TenantScopedClient,
    private readonly audit: AuditLogService,
  ) {}

  async create(principal: Principal, input: { name: string; role: Role }, requestId?: string) {
    const tenantId = requireCurrentTenantId();
    return this.db.$transaction(async (tx) => {
      const { row, plaintext } = await insertApiKey(tx, {
        tenantId,
        ...input,
        createdById: principal.kind === 'api_key' ? principal.keyId : null,
      });
      await this.audit.record(
        principal,
        {
          action: 'api_key.created',
          targetType: 'api_key',
          targetId: row.id,
          details: { name: row.name, role: row.role, prefix: row.prefix },
        },
        requestId,
        tx,
      );
      return { ...presentApiKey(row), key: plaintext };
    });
  }

  async list(query: PaginationQuery & { includeRevoked: boolean }) {
    const page = pageQuery(query);
    const rows = await this.db.apiKey.findMany({
      ...page,
      where: { ...page.where, ...(query.includeRevoked ? {} : { revokedAt: null }) },
    });
    return toPage(rows, query, presentApiKey);
  }

  async get(id: string) {
    const key = await this.db.apiKey.findUnique({ where: { id } });
    if (!key) throw ApiProblem.notFound(`API key ${id}`);
    return presentApiKey(key);
  }

  /** Revoking is permanent and idempotent; the key stops working on its next request. */
  async revoke(principal: Principal, id: string, requestId?: string): Promise<void> {
    await this.db.$transaction(async (tx) => {
      const key = await tx.apiKey.findUnique({ where: { id } });
      if (!key) throw ApiProblem.notFound(`API key ${id}`);
      if (key.revokedAt) return;
      await tx.apiKey.update({ where: { id }, data: { revokedAt: new Date() } });
      await this.audit.record(
        principal,
        {
          action: 'api_key.revoked',
          targetType: 'api_key',
          targetId: id,
          details: { prefix: key.prefix, name: key.name },
        },
        requestId,
        tx,
      );
    });
  }
}
