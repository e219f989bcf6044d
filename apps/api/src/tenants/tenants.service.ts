import { Inject, Injectable } from '@nestjs/common';
import { isUniqueViolation, type PrismaClient, type Tenant } from '@leadflow/database';
import { SYSTEM_DB } from '../database/database.tokens';
import { ApiProblem } from '../http/problem';
import { insertApiKey, presentApiKey } from '../api-keys/api-keys.service';
import type { Principal } from '../auth/principal';

export function presentTenant(t: Tenant) {
  return { id: t.id, name: t.name, slug: t.slug, createdAt: t.createdAt.toISOString() };
}

export function slugFromName(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/g, '');
  return slug || 'tenant';
}

@Injectable()
export class TenantsService {
  constructor(@Inject(SYSTEM_DB) private readonly prisma: PrismaClient) {}

  /** Creates a tenant with its first admin key, and records both in the new tenant's audit log. */
  async create(
    principal: Principal,
    input: { name: string; slug?: string | undefined; adminKeyName: string },
    requestId?: string,
  ) {
    const slug = input.slug ?? slugFromName(input.name);
    try {
      return await this.prisma.$transaction(async (tx) => {
        const tenant = await tx.tenant.create({ data: { name: input.name, slug } });
        const { row, plaintext } = await insertApiKey(tx, {
          tenantId: tenant.id,
          name: input.adminKeyName,
          role: 'admin',
          createdById: null,
        });
        await tx.auditLog.createMany({
          data: [
            {
              action: 'tenant.created',
              targetType: 'tenant',
              targetId: tenant.id,
              details: { name: tenant.name, slug },
            },
            {
              action: 'api_key.created',
              targetType: 'api_key',
              targetId: row.id,
              details: { name: row.name, role: row.role, prefix: row.prefix },
            },
          ].map((entry) => ({
            ...entry,
            tenantId: tenant.id,
            actorType: principal.kind,
            actorLabel: principal.kind === 'bootstrap_token' ? 'bootstrap token' : `lf_${principal.prefix}`,
            requestId: requestId ?? null,
          })),
        });
        return { tenant: presentTenant(tenant), apiKey: { ...presentApiKey(row), key: plaintext } };
      });
    } catch (error) {
      if (isUniqueViolation(error))
        throw ApiProblem.conflict(`A tenant with slug "${slug}" already exists; choose another slug.`);
      throw error;
    }
  }

  async get(id: string) {
    const tenant = await this.prisma.tenant.findUnique({ where: { id } });
    if (!tenant) throw ApiProblem.notFound(`Tenant ${id}`);
    return presentTenant(tenant);
  }
}
