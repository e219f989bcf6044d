import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgPool, createPrismaClient, type PgPool, type PrismaClient } from '@leadflow/database';
import { createTestEnvironment, type TestEnvironment } from '@leadflow/testing';
import { LeadNotFoundError, NoPublishedRuleSetError, RoutingService } from '../src';
import { seedLeads, seedOnePool } from './routing-fixtures';

describe('RoutingService', () => {
  let env: TestEnvironment;
  let prisma: PrismaClient;
  let pg: PgPool;

  beforeAll(async () => {
    env = await createTestEnvironment();
    prisma = createPrismaClient({ databaseUrl: env.database.url, poolSize: 4 });
    pg = createPgPool({ databaseUrl: env.database.url, size: 4 });
  });
  afterAll(async () => {
    await prisma.$disconnect();
    await pg.end();
    await env.dispose();
  });

  it('8 concurrent assigners with their own clients route 2,000 leads into one pool: each decided once, spread ≤ 1', async () => {
    const fixture = await seedOnePool(prisma, { slug: 'concurrency', reps: 7 });
    const leadIds = await seedLeads(prisma, fixture.tenantId, 2000);
    // Eight assigners as eight processes would have them: each with its own connections.
    const clients = Array.from({ length: 8 }, () => ({
      prisma: createPrismaClient({ databaseUrl: env.database.url, poolSize: 1 }),
      pg: createPgPool({ databaseUrl: env.database.url, size: 2 }),
    }));
    try {
      const services = clients.map((c) => new RoutingService(c.prisma, c.pg));
      let next = 0;
      const created: string[] = [];
      await Promise.all(
        services.map(async (service, worker) => {
          for (;;) {
            const index = next++;
            if (index >= leadIds.length) return;
            // Every lead is also offered to a second assigner at the same moment.
            const other = services[(worker + 1) % services.length]!;
            const [a, b] = await Promise.all([
              service.assign(fixture.tenantId, leadIds[index]!),
              other.assign(fixture.tenantId, leadIds[index]!),
            ]);
            expect(a.decision.id).toBe(b.decision.id);
            expect([a.created, b.created].filter(Boolean)).toHaveLength(1);
            created.push(a.decision.id);
          }
        }),
      );
      expect(new Set(created).size).toBe(2000);

      const decisions = await prisma.routingDecision.findMany({ where: { tenantId: fixture.tenantId } });
      expect(decisions).toHaveLength(2000);
      expect(new Set(decisions.map((d) => d.leadId)).size).toBe(2000);
      const perRep = new Map<string, number>();
      for (const d of decisions) perRep.set(d.repId!, (perRep.get(d.repId!) ?? 0) + 1);
      expect([...perRep.keys()].sort()).toEqual([...fixture.repIds].sort());
      const counts = [...perRep.values()];
      expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);

      // Loads agree with the decisions.
      const loads = await prisma.repLoad.findMany({ where: { tenantId: fixture.tenantId } });
      for (const load of loads) expect(load.openCount).toBe(perRep.get(load.repId));
    } finally {
      await Promise.all(clients.flatMap((c) => [c.prisma.$disconnect(), c.pg.end()]));
    }
  }, 180_000);

  it('never exceeds a daily cap under concurrency, and leaves the rest unrouted with the reason', async () => {
    const fixture = await seedOnePool(prisma, { slug: 'caps', reps: 3, dailyCap: 5 });
    const leadIds = await seedLeads(prisma, fixture.tenantId, 24, 'capped');
    const services = Array.from({ length: 4 }, () => new RoutingService(prisma, pg));
    await Promise.all(leadIds.map((id, i) => services[i % 4]!.assign(fixture.tenantId, id)));
    const decisions = await prisma.routingDecision.findMany({ where: { tenantId: fixture.tenantId } });
    const assigned = decisions.filter((d) => d.outcome === 'assigned');
    expect(assigned).toHaveLength(15);
    const perRep = new Map<string, number>();
    for (const d of assigned) perRep.set(d.repId!, (perRep.get(d.repId!) ?? 0) + 1);
    expect([...perRep.values()]).toEqual([5, 5, 5]);
    const unrouted = decisions.filter((d) => d.outcome === 'unrouted');
    expect(unrouted).toHaveLength(9);
    expect((unrouted[0]!.decision as { unroutedReason: string }).unroutedReason).toBe('no_eligible_rep');
    expect(await prisma.lead.count({ where: { tenantId: fixture.tenantId, status: 'unrouted' } })).toBe(9);
  });

  it('stores the full decision with the rule-set version, and returns it on a repeat call', async () => {
    const fixture = await seedOnePool(prisma, { slug: 'repeat', reps: 2 });
    const [leadId] = await seedLeads(prisma, fixture.tenantId, 1, 'repeat');
    const service = new RoutingService(prisma, pg, () => new Date('2026-11-24T10:00:00Z'));
    const first = await service.assign(fixture.tenantId, leadId!, { traceId: 'abc' });
    expect(first.created).toBe(true);
    expect(first.decision).toMatchObject({
      outcome: 'assigned',
      ruleSetVersion: 1,
      ruleId: 'default',
      poolId: fixture.poolId,
      traceId: 'abc',
    });
    expect(first.decision.crmOwnerId).toMatch(/^owner-/);
    const trail = (first.decision.decision as { trail: { rules: unknown[]; steps: unknown[] } }).trail;
    expect(trail.rules).toHaveLength(1);
    expect(trail.steps).toHaveLength(1);
    const again = await service.assign(fixture.tenantId, leadId!);
    expect(again).toEqual({ decision: first.decision, created: false });
  });

  it('refuses to route without a published rule set, and names a missing lead', async () => {
    const tenant = await prisma.tenant.create({ data: { name: 'x', slug: 'no-rules' } });
    const [leadId] = await seedLeads(prisma, tenant.id, 1, 'norules');
    const service = new RoutingService(prisma, pg);
    await expect(service.assign(tenant.id, leadId!)).rejects.toThrow(NoPublishedRuleSetError);
    await expect(service.assign(tenant.id, '00000000-0000-0000-0000-000000000000')).rejects.toThrow(
      LeadNotFoundError,
    );
  });

  it('sees configuration changes at once: a rep deactivated between two leads gets no more', async () => {
    const fixture = await seedOnePool(prisma, { slug: 'config-change', reps: 2 });
    const leadIds = await seedLeads(prisma, fixture.tenantId, 6, 'change');
    const service = new RoutingService(prisma, pg);
    await service.assign(fixture.tenantId, leadIds[0]!);
    // Two quick edits in a row, as an admin clicking twice: the cache must not keep either.
    await prisma.rep.update({ where: { id: fixture.repIds[0]! }, data: { active: false } });
    await prisma.rep.update({ where: { id: fixture.repIds[1]! }, data: { name: 'Renamed' } });
    for (const id of leadIds.slice(1)) await service.assign(fixture.tenantId, id);
    const later = await prisma.routingDecision.findMany({ where: { leadId: { in: leadIds.slice(1) } } });
    expect(later.map((d) => d.repId)).toEqual(Array(5).fill(fixture.repIds[1]));
  });

  it("cannot route another tenant's lead", async () => {
    const a = await seedOnePool(prisma, { slug: 'tenant-a', reps: 1 });
    const b = await seedOnePool(prisma, { slug: 'tenant-b', reps: 1 });
    const [leadOfB] = await seedLeads(prisma, b.tenantId, 1, 'b');
    await expect(new RoutingService(prisma, pg).assign(a.tenantId, leadOfB!)).rejects.toThrow(
      LeadNotFoundError,
    );
  });
});
