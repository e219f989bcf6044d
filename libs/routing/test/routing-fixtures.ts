import type { Prisma, PrismaClient } from '@leadflow/database';
import type { RoutingRule } from '@leadflow/routing-engine';

export interface RoutingFixture {
  tenantId: string;
  poolId: string;
  repIds: string[];
}

/** A tenant with `reps` reps in one pool and a published rule set that routes everything there. */
export async function seedOnePool(
  prisma: PrismaClient,
  options: {
    slug: string;
    reps: number;
    strategy?: 'round_robin' | 'weighted_round_robin' | 'least_loaded';
    weights?: number[];
    dailyCap?: number;
  },
): Promise<RoutingFixture> {
  const tenant = await prisma.tenant.create({ data: { name: options.slug, slug: options.slug } });
  const repIds: string[] = [];
  for (let i = 0; i < options.reps; i++) {
    const rep = await prisma.rep.create({
      data: {
        tenantId: tenant.id,
        name: `Rep ${i}`,
        timeZone: 'UTC',
        dailyCap: options.dailyCap ?? null,
        crmOwnerIds: { 'conn-1': `owner-${i}` },
      },
    });
    await prisma.repLoad.create({ data: { repId: rep.id, tenantId: tenant.id } });
    repIds.push(rep.id);
  }
  const pool = await prisma.pool.create({
    data: {
      tenantId: tenant.id,
      name: 'Everyone',
      strategy: options.strategy ?? 'round_robin',
      members: {
        create: repIds.map((repId, position) => ({
          repId,
          position,
          weight: options.weights?.[position] ?? 1,
        })),
      },
    },
  });
  await prisma.poolState.create({ data: { poolId: pool.id, tenantId: tenant.id } });
  const rules: RoutingRule[] = [
    { id: 'default', action: { type: 'route_to_pool', poolId: pool.id }, ownerPolicy: 'override' },
  ];
  await prisma.ruleSetVersion.create({
    data: { tenantId: tenant.id, version: 1, rules: rules as unknown as Prisma.InputJsonValue },
  });
  return { tenantId: tenant.id, poolId: pool.id, repIds };
}

export async function seedLeads(
  prisma: PrismaClient,
  tenantId: string,
  count: number,
  prefix = 'lead',
): Promise<string[]> {
  const data = Array.from({ length: count }, (_, i) => ({
    tenantId,
    connectionId: 'conn-1',
    externalId: `${prefix}-${i}`,
    normalized: { externalId: `${prefix}-${i}`, email: `person${i}@example.com`, country: 'US' },
  }));
  await prisma.lead.createMany({ data });
  const rows = await prisma.lead.findMany({
    where: { tenantId, externalId: { startsWith: `${prefix}-` } },
    select: { id: true },
    orderBy: { externalId: 'asc' },
  });
  return rows.map((r) => r.id);
}
