import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Prisma, PrismaClient } from '@leadflow/database';
import { request, type TestResponse } from '@leadflow/testing';
import { SYSTEM_DB } from '../src/database/database.tokens';
import { type ApiHarness, errorPaths, type FieldError, startApi, type TestTenant } from './api-harness';

type Tenant = TestTenant;

function errorAt(res: TestResponse, path: string): FieldError | undefined {
  return (res.body.errors as FieldError[] | undefined)?.find((e) => e.path === path);
}

describe('routing admin: reps, pools and KPIs', () => {
  let api: ApiHarness;
  let prisma: PrismaClient;
  let tenantA: Tenant;
  let tenantB: Tenant;
  let viewerKey: string;

  const call = (method: string, path: string, key: string, body?: unknown) =>
    request(api.baseUrl, method, path, { key, body });

  async function createRep(
    key: string,
    body: Record<string, unknown>,
  ): Promise<{ id: string; name: string }> {
    const res = await call('POST', '/v1/reps', key, body);
    if (res.status !== 201) throw new Error(`createRep: ${res.status} ${res.text}`);
    return res.body;
  }

  async function createPool(
    key: string,
    body: Record<string, unknown>,
  ): Promise<{ id: string; name: string; members: { repId: string }[] }> {
    const res = await call('POST', '/v1/pools', key, body);
    if (res.status !== 201) throw new Error(`createPool: ${res.status} ${res.text}`);
    return res.body;
  }

  async function auditActions(key: string, targetId: string): Promise<string[]> {
    const res = await call('GET', '/v1/audit-log?limit=200', key);
    return (res.body.items as { action: string; targetId: string | null }[])
      .filter((entry) => entry.targetId === targetId)
      .map((entry) => entry.action);
  }

  beforeAll(async () => {
    api = await startApi();
    prisma = api.app.get<PrismaClient>(SYSTEM_DB);
    tenantA = await api.createTenant('Acme');
    tenantB = await api.createTenant('Globex');
    viewerKey = (await api.createKey(tenantA.adminKey, 'viewer')).key;
  });
  afterAll(() => api.close());

  describe('reps', () => {
    it('creates, reads, lists, updates and deletes a rep, with its load row and audit trail', async () => {
      const created = await call('POST', '/v1/reps', tenantA.adminKey, {
        name: 'Ana Alves',
        email: 'ana@example.com',
        timeZone: 'Europe/Berlin',
        workingHours: {
          mon: [
            { start: '09:00', end: '12:30' },
            { start: '13:30', end: '18:00' },
          ],
          tue: [{ start: '09:00', end: '18:00' }],
        },
        outOfOffice: [{ start: '2024-08-01T00:00:00+02:00', end: '2024-08-15T00:00:00+02:00' }],
        dailyCap: 25,
        openCap: 120,
        skills: ['german', 'enterprise'],
        territories: ['EMEA'],
        crmOwnerIds: { 'conn-hubspot-eu': '81234567' },
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        name: 'Ana Alves',
        email: 'ana@example.com',
        active: true,
        availability: 'available',
        timeZone: 'Europe/Berlin',
        dailyCap: 25,
        openCap: 120,
        skills: ['german', 'enterprise'],
        territories: ['EMEA'],
        crmOwnerIds: { 'conn-hubspot-eu': '81234567' },
        load: { openCount: 0, assignedToday: 0 },
        kpis: [],
      });
      expect(created.body.workingHours.mon).toHaveLength(2);
      const id: string = created.body.id;

      const load = await prisma.repLoad.findUnique({ where: { repId: id } });
      expect(load).toMatchObject({ tenantId: tenantA.tenantId, openCount: 0, assignedToday: 0 });

      const fetched = await call('GET', `/v1/reps/${id}`, viewerKey);
      expect(fetched.status).toBe(200);
      expect(fetched.body).toEqual(created.body);

      const patched = await call('PATCH', `/v1/reps/${id}`, tenantA.adminKey, {
        active: false,
        availability: 'unavailable',
        workingHours: null,
        dailyCap: null,
      });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({
        name: 'Ana Alves',
        active: false,
        availability: 'unavailable',
        workingHours: null,
        dailyCap: null,
        openCap: 120,
      });

      const inactive = await call('GET', '/v1/reps?active=false', tenantA.adminKey);
      expect(inactive.body.items.map((r: { id: string }) => r.id)).toContain(id);
      const active = await call('GET', '/v1/reps?active=true', tenantA.adminKey);
      expect(active.body.items.map((r: { id: string }) => r.id)).not.toContain(id);

      const deleted = await call('DELETE', `/v1/reps/${id}`, tenantA.adminKey);
      expect(deleted.status).toBe(204);
      expect((await call('GET', `/v1/reps/${id}`, tenantA.adminKey)).status).toBe(404);
      expect(await prisma.repLoad.findUnique({ where: { repId: id } })).toBeNull();

      expect(await auditActions(tenantA.adminKey, id)).toEqual(['rep.deleted', 'rep.updated', 'rep.created']);
      const audit = await call('GET', '/v1/audit-log?action=rep.updated', tenantA.adminKey);
      const entry = audit.body.items.find((e: { targetId: string }) => e.targetId === id);
      expect(entry.details).toEqual({
        name: 'Ana Alves',
        changed: ['active', 'availability', 'workingHours', 'dailyCap'],
      });
      expect(entry.actorLabel).toMatch(/^lf_/);
    });

    it('applies defaults to a minimal rep', async () => {
      const res = await call('POST', '/v1/reps', tenantA.adminKey, { name: 'Minimal' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        email: null,
        active: true,
        availability: 'available',
        timeZone: 'UTC',
        workingHours: null,
        outOfOffice: [],
        dailyCap: null,
        openCap: null,
        skills: [],
        territories: [],
        crmOwnerIds: {},
      });
    });

    it('pages through reps with a cursor', async () => {
      for (const name of ['Page 1', 'Page 2', 'Page 3']) await createRep(tenantA.adminKey, { name });
      const first = await call('GET', '/v1/reps?limit=2', tenantA.adminKey);
      expect(first.body.items).toHaveLength(2);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await call(
        'GET',
        `/v1/reps?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`,
        tenantA.adminKey,
      );
      const firstIds = first.body.items.map((r: { id: string }) => r.id);
      for (const rep of second.body.items) expect(firstIds).not.toContain(rep.id);
    });

    it('refuses a bad time zone, naming body.timeZone', async () => {
      const res = await call('POST', '/v1/reps', tenantA.adminKey, { name: 'X', timeZone: 'Mars/Olympus' });
      expect(res.status).toBe(400);
      expect(res.body.type).toBe('urn:leadflow:problem:validation-error');
      expect(errorPaths(res)).toEqual(['body.timeZone']);
      const rep = await createRep(tenantA.adminKey, { name: 'Tz' });
      const patch = await call('PATCH', `/v1/reps/${rep.id}`, tenantA.adminKey, {
        timeZone: 'Europe/Nowhere',
      });
      expect(patch.status).toBe(400);
      expect(errorPaths(patch)).toEqual(['body.timeZone']);
    });

    it('refuses bad working hours, out-of-office windows, caps and shapes, naming each field', async () => {
      const res = await call('POST', '/v1/reps', tenantA.adminKey, {
        name: 'Bad',
        workingHours: { mon: [{ start: '18:00', end: '09:00' }], tue: [{ start: '9am', end: '17:00' }] },
        outOfOffice: [{ start: '2024-08-15T00:00:00Z', end: '2024-08-01T00:00:00Z' }],
      });
      expect(res.status).toBe(400);
      expect(errorPaths(res).sort()).toEqual([
        'body.outOfOffice[0].end',
        'body.workingHours.mon[0].end',
        'body.workingHours.tue[0].start',
      ]);
      expect(errorAt(res, 'body.outOfOffice[0].end')?.message).toBe('end must be after start');

      const shape = await call('POST', '/v1/reps', tenantA.adminKey, {
        name: '',
        dailyCap: 0,
        openCap: 1.5,
        availability: 'away',
        workingHours: { funday: [] },
        email: 'nope',
      });
      expect(shape.status).toBe(400);
      expect(errorPaths(shape).sort()).toEqual([
        'body.availability',
        'body.dailyCap',
        'body.email',
        'body.name',
        'body.openCap',
        'body.workingHours',
      ]);
    });

    it('refuses a CRM owner id that another rep already has on the same connection', async () => {
      await createRep(tenantA.adminKey, { name: 'Owner 1', crmOwnerIds: { hubspot: 'owner-1' } });
      const res = await call('POST', '/v1/reps', tenantA.adminKey, {
        name: 'Owner 2',
        crmOwnerIds: { hubspot: 'owner-1' },
      });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([
        expect.objectContaining({ path: 'body.crmOwnerIds.hubspot', code: 'duplicate_owner_id' }),
      ]);
      // The same owner id on another connection is fine.
      await createRep(tenantA.adminKey, { name: 'Owner 3', crmOwnerIds: { monday: 'owner-1' } });
    });

    it('lets a viewer read but not write', async () => {
      const rep = await createRep(tenantA.adminKey, { name: 'Viewer target' });
      expect((await call('GET', '/v1/reps', viewerKey)).status).toBe(200);
      expect((await call('GET', `/v1/reps/${rep.id}/kpis`, viewerKey)).status).toBe(200);
      const writes = await Promise.all([
        call('POST', '/v1/reps', viewerKey, { name: 'Nope' }),
        call('PATCH', `/v1/reps/${rep.id}`, viewerKey, { name: 'Nope' }),
        call('DELETE', `/v1/reps/${rep.id}`, viewerKey),
        call('PUT', `/v1/reps/${rep.id}/kpis`, viewerKey, { kpis: [] }),
      ]);
      for (const res of writes) {
        expect(res.status).toBe(403);
        expect(res.body.detail).toContain('needs the admin role');
      }
      expect((await call('GET', `/v1/reps/${rep.id}`, tenantA.adminKey)).body.name).toBe('Viewer target');
    });

    it("keeps tenants apart: A cannot see, change or delete B's reps", async () => {
      const repB = await createRep(tenantB.adminKey, { name: 'Globex rep' });
      expect((await call('GET', `/v1/reps/${repB.id}`, tenantA.adminKey)).status).toBe(404);
      expect((await call('PATCH', `/v1/reps/${repB.id}`, tenantA.adminKey, { name: 'Stolen' })).status).toBe(
        404,
      );
      expect((await call('DELETE', `/v1/reps/${repB.id}`, tenantA.adminKey)).status).toBe(404);
      expect((await call('GET', `/v1/reps/${repB.id}/kpis`, tenantA.adminKey)).status).toBe(404);
      const kpis = await call('PUT', `/v1/reps/${repB.id}/kpis`, tenantA.adminKey, {
        kpis: [
          {
            kpi: 'win_rate',
            value: 1,
            windowStart: '2024-01-01T00:00:00Z',
            windowEnd: '2024-02-01T00:00:00Z',
          },
        ],
      });
      expect(kpis.status).toBe(404);
      const list = await call('GET', '/v1/reps?limit=200', tenantA.adminKey);
      expect(list.body.items.some((r: { id: string }) => r.id === repB.id)).toBe(false);
      const stillB = await call('GET', `/v1/reps/${repB.id}`, tenantB.adminKey);
      expect(stillB.body).toMatchObject({ name: 'Globex rep', kpis: [] });
    });
  });

  describe('rep KPIs', () => {
    it('upserts KPIs per name and shows them on the rep', async () => {
      const rep = await createRep(tenantA.adminKey, { name: 'Kpi rep' });
      const first = await call('PUT', `/v1/reps/${rep.id}/kpis`, tenantA.adminKey, {
        kpis: [
          {
            kpi: 'win_rate',
            value: 0.3,
            windowStart: '2024-01-01T00:00:00Z',
            windowEnd: '2024-02-01T00:00:00Z',
          },
          {
            kpi: 'conversion_rate',
            value: 0.12,
            windowStart: '2024-01-01T00:00:00+01:00',
            windowEnd: '2024-02-01T00:00:00+01:00',
          },
        ],
      });
      expect(first.status).toBe(200);
      expect(first.body.repId).toBe(rep.id);
      expect(first.body.kpis.map((k: { kpi: string; value: number }) => [k.kpi, k.value])).toEqual([
        ['conversion_rate', 0.12],
        ['win_rate', 0.3],
      ]);
      expect(first.body.kpis[0].windowStart).toBe('2023-12-31T23:00:00.000Z');

      const second = await call('PUT', `/v1/reps/${rep.id}/kpis`, tenantA.adminKey, {
        kpis: [
          {
            kpi: 'win_rate',
            value: 0.45,
            windowStart: '2024-02-01T00:00:00Z',
            windowEnd: '2024-03-01T00:00:00Z',
          },
        ],
      });
      expect(second.status).toBe(200);
      expect(second.body.kpis.map((k: { kpi: string; value: number }) => [k.kpi, k.value])).toEqual([
        ['conversion_rate', 0.12],
        ['win_rate', 0.45],
      ]);
      expect(await prisma.repKpi.count({ where: { repId: rep.id } })).toBe(2);

      const got = await call('GET', `/v1/reps/${rep.id}/kpis`, viewerKey);
      expect(got.body).toEqual(second.body);
      const onRep = await call('GET', `/v1/reps/${rep.id}`, tenantA.adminKey);
      expect(onRep.body.kpis).toEqual(second.body.kpis);
      expect(await auditActions(tenantA.adminKey, rep.id)).toEqual([
        'rep.kpis_updated',
        'rep.kpis_updated',
        'rep.created',
      ]);
    });

    it('refuses KPI names that are not snake_case, duplicates and backwards windows', async () => {
      const rep = await createRep(tenantA.adminKey, { name: 'Kpi bad' });
      const window = { windowStart: '2024-01-01T00:00:00Z', windowEnd: '2024-02-01T00:00:00Z' };
      const res = await call('PUT', `/v1/reps/${rep.id}/kpis`, tenantA.adminKey, {
        kpis: [
          { kpi: 'WinRate', value: 1, ...window },
          {
            kpi: 'win_rate',
            value: 1,
            windowStart: '2024-02-01T00:00:00Z',
            windowEnd: '2024-01-01T00:00:00Z',
          },
          { kpi: 'calls', value: 'many', ...window },
        ],
      });
      expect(res.status).toBe(400);
      expect(errorPaths(res).sort()).toEqual([
        'body.kpis[0].kpi',
        'body.kpis[1].windowEnd',
        'body.kpis[2].value',
      ]);
      const dup = await call('PUT', `/v1/reps/${rep.id}/kpis`, tenantA.adminKey, {
        kpis: [
          { kpi: 'calls', value: 2, ...window },
          { kpi: 'calls', value: 3, ...window },
        ],
      });
      expect(dup.status).toBe(400);
      expect(dup.body.errors).toEqual([
        expect.objectContaining({ path: 'body.kpis[1].kpi', message: '"calls" is listed twice' }),
      ]);
      expect(await prisma.repKpi.count({ where: { repId: rep.id } })).toBe(0);
    });
  });

  describe('pools', () => {
    let ana: { id: string };
    let ben: { id: string };
    let cy: { id: string };

    beforeAll(async () => {
      ana = await createRep(tenantA.adminKey, { name: 'Pool Ana' });
      ben = await createRep(tenantA.adminKey, { name: 'Pool Ben' });
      cy = await createRep(tenantA.adminKey, { name: 'Pool Cy' });
    });

    it('creates, reads, lists, updates and deletes a pool, with its state row and audit trail', async () => {
      const created = await call('POST', '/v1/pools', tenantA.adminKey, {
        name: 'EMEA',
        strategy: 'weighted_round_robin',
        members: [
          { repId: ana.id, weight: 3 },
          { repId: ben.id, weight: 1 },
        ],
        requiredSkills: ['german'],
        requiredTerritories: ['EMEA'],
        catchUp: true,
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        name: 'EMEA',
        strategy: 'weighted_round_robin',
        members: [
          { repId: ana.id, weight: 3, position: 0 },
          { repId: ben.id, weight: 1, position: 1 },
        ],
        requiredSkills: ['german'],
        requiredTerritories: ['EMEA'],
        catchUp: true,
        fallback: null,
        kpiWeights: [],
        warnings: [],
      });
      const id: string = created.body.id;
      const state = await prisma.poolState.findUnique({ where: { poolId: id } });
      expect(state).toMatchObject({ tenantId: tenantA.tenantId, state: {} });

      const fetched = await call('GET', `/v1/pools/${id}`, viewerKey);
      expect(fetched.status).toBe(200);
      const { warnings: _warnings, ...withoutWarnings } = created.body;
      expect(fetched.body).toEqual(withoutWarnings);

      const list = await call('GET', '/v1/pools', viewerKey);
      expect(list.body.items.map((p: { id: string }) => p.id)).toContain(id);

      const patched = await call('PATCH', `/v1/pools/${id}`, tenantA.adminKey, {
        name: 'EMEA (all)',
        strategy: 'round_robin',
        members: [{ repId: cy.id }, { repId: ana.id }, { repId: ben.id, weight: 2 }],
      });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({
        name: 'EMEA (all)',
        strategy: 'round_robin',
        members: [
          { repId: cy.id, weight: 1, position: 0 },
          { repId: ana.id, weight: 1, position: 1 },
          { repId: ben.id, weight: 2, position: 2 },
        ],
        requiredSkills: ['german'],
        catchUp: true,
      });

      expect((await call('DELETE', `/v1/pools/${id}`, tenantA.adminKey)).status).toBe(204);
      expect((await call('GET', `/v1/pools/${id}`, tenantA.adminKey)).status).toBe(404);
      expect(await prisma.poolState.findUnique({ where: { poolId: id } })).toBeNull();
      expect(await prisma.poolMember.count({ where: { poolId: id } })).toBe(0);
      expect(await auditActions(tenantA.adminKey, id)).toEqual([
        'pool.deleted',
        'pool.updated',
        'pool.created',
      ]);
    });

    it('creates a kpi_weighted pool and warns about settings that have no effect', async () => {
      const res = await call('POST', '/v1/pools', tenantA.adminKey, {
        name: 'Top performers',
        strategy: 'kpi_weighted',
        members: [{ repId: ana.id }, { repId: ben.id }],
        catchUp: true,
        kpiWeights: [
          { kpi: 'conversion_rate', weight: 0.7, direction: 'higher_is_better' },
          { kpi: 'first_response_time', weight: 0.3, direction: 'lower_is_better' },
        ],
      });
      expect(res.status).toBe(201);
      expect(res.body.kpiWeights).toHaveLength(2);
      expect(res.body.warnings).toEqual([
        expect.objectContaining({ path: 'body.catchUp', code: 'catch_up_ignored' }),
      ]);
    });

    it('refuses a weight of 0, an empty pool, unknown reps and repeated members, naming each path', async () => {
      const zero = await call('POST', '/v1/pools', tenantA.adminKey, {
        name: 'Zero',
        strategy: 'weighted_round_robin',
        members: [{ repId: ana.id, weight: 0 }],
      });
      expect(zero.status).toBe(400);
      expect(zero.body.errors).toEqual([
        {
          path: 'body.members[0].weight',
          code: 'invalid_weight',
          message: 'weight must be a number greater than 0',
        },
      ]);

      const empty = await call('POST', '/v1/pools', tenantA.adminKey, {
        name: 'Empty',
        strategy: 'round_robin',
        members: [],
      });
      expect(empty.status).toBe(400);
      expect(empty.body.errors).toEqual([
        expect.objectContaining({ path: 'body.members', code: 'pool_has_no_reps' }),
      ]);
      expect(empty.body.errors[0].message).toContain('"Empty"');

      const unknown = await call('POST', '/v1/pools', tenantA.adminKey, {
        name: 'Unknown',
        strategy: 'round_robin',
        members: [{ repId: ana.id }, { repId: '00000000-0000-4000-8000-000000000000' }, { repId: ana.id }],
      });
      expect(unknown.status).toBe(400);
      expect(unknown.body.errors).toEqual([
        expect.objectContaining({ path: 'body.members[1].repId', code: 'rep_not_found' }),
        expect.objectContaining({ path: 'body.members[2].repId', code: 'duplicate_pool_member' }),
      ]);

      const notUuid = await call('POST', '/v1/pools', tenantA.adminKey, {
        name: 'Not uuid',
        strategy: 'round_robin',
        members: [{ repId: 'ana' }],
      });
      expect(notUuid.status).toBe(400);
      expect(errorPaths(notUuid)).toEqual(['body.members[0].repId']);

      const noKpis = await call('POST', '/v1/pools', tenantA.adminKey, {
        name: 'No KPIs',
        strategy: 'kpi_weighted',
        members: [{ repId: ana.id }],
      });
      expect(noKpis.status).toBe(400);
      expect(noKpis.body.errors).toEqual([
        expect.objectContaining({ path: 'body.kpiWeights', code: 'missing_kpi_weights' }),
      ]);

      expect(
        await prisma.pool.count({ where: { name: { in: ['Zero', 'Empty', 'Unknown', 'No KPIs'] } } }),
      ).toBe(0);
    });

    it("refuses another tenant's rep as a member or a fallback, and another tenant's pool as a fallback", async () => {
      const repB = await createRep(tenantB.adminKey, { name: 'B member' });
      const poolB = await createPool(tenantB.adminKey, {
        name: 'B pool',
        strategy: 'round_robin',
        members: [{ repId: repB.id }],
      });
      const member = await call('POST', '/v1/pools', tenantA.adminKey, {
        name: 'Sneaky',
        strategy: 'round_robin',
        members: [{ repId: ana.id }, { repId: ben.id }, { repId: repB.id }],
      });
      expect(member.status).toBe(400);
      expect(member.body.errors).toEqual([
        expect.objectContaining({ path: 'body.members[2].repId', code: 'rep_not_found' }),
      ]);

      const fallbackPool = await call('POST', '/v1/pools', tenantA.adminKey, {
        name: 'Sneaky fallback',
        strategy: 'round_robin',
        members: [{ repId: ana.id }],
        fallback: { type: 'pool', poolId: poolB.id },
      });
      expect(fallbackPool.status).toBe(400);
      expect(errorPaths(fallbackPool)).toEqual(['body.fallback.poolId']);

      const fallbackRep = await call('POST', '/v1/pools', tenantA.adminKey, {
        name: 'Sneaky rep fallback',
        strategy: 'round_robin',
        members: [{ repId: ana.id }],
        fallback: { type: 'rep', repId: repB.id },
      });
      expect(fallbackRep.status).toBe(400);
      expect(errorPaths(fallbackRep)).toEqual(['body.fallback.repId']);

      const own = await createPool(tenantA.adminKey, {
        name: 'Own',
        strategy: 'round_robin',
        members: [{ repId: ana.id }],
      });
      const patch = await call('PATCH', `/v1/pools/${own.id}`, tenantA.adminKey, {
        members: [{ repId: ana.id }, { repId: repB.id }],
      });
      expect(patch.status).toBe(400);
      expect(errorPaths(patch)).toEqual(['body.members[1].repId']);
      expect(await prisma.poolMember.count({ where: { repId: repB.id } })).toBe(1);
    });

    it('refuses a fallback cycle A → B → A across two pools', async () => {
      const a = await createPool(tenantA.adminKey, {
        name: 'Cycle A',
        strategy: 'round_robin',
        members: [{ repId: ana.id }],
      });
      const b = await createPool(tenantA.adminKey, {
        name: 'Cycle B',
        strategy: 'round_robin',
        members: [{ repId: ben.id }],
        fallback: { type: 'pool', poolId: a.id },
      });
      const res = await call('PATCH', `/v1/pools/${a.id}`, tenantA.adminKey, {
        fallback: { type: 'pool', poolId: b.id },
      });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([
        {
          path: 'body.fallback',
          code: 'fallback_cycle',
          message: 'fallback cycle: "Cycle A" → "Cycle B" → "Cycle A"',
        },
      ]);
      const self = await call('PATCH', `/v1/pools/${a.id}`, tenantA.adminKey, {
        fallback: { type: 'pool', poolId: a.id },
      });
      expect(self.status).toBe(400);
      expect(errorAt(self, 'body.fallback')?.code).toBe('fallback_cycle');
      expect((await call('GET', `/v1/pools/${a.id}`, tenantA.adminKey)).body.fallback).toBeNull();

      // A fallback to a rep ends the chain.
      const toRep = await call('PATCH', `/v1/pools/${a.id}`, tenantA.adminKey, {
        fallback: { type: 'rep', repId: cy.id },
      });
      expect(toRep.status).toBe(200);
      expect(toRep.body.fallback).toEqual({ type: 'rep', repId: cy.id });
    });

    it('refuses a taken name with 409 naming it, on create and on rename', async () => {
      await createPool(tenantA.adminKey, {
        name: 'Unique',
        strategy: 'round_robin',
        members: [{ repId: ana.id }],
      });
      const dup = await call('POST', '/v1/pools', tenantA.adminKey, {
        name: 'Unique',
        strategy: 'round_robin',
        members: [{ repId: ben.id }],
      });
      expect(dup.status).toBe(409);
      expect(dup.body.type).toBe('urn:leadflow:problem:conflict');
      expect(dup.body.detail).toContain('"Unique"');
      expect(dup.body.errors).toEqual([
        expect.objectContaining({ path: 'body.name', code: 'duplicate_name' }),
      ]);

      const other = await createPool(tenantA.adminKey, {
        name: 'Other',
        strategy: 'round_robin',
        members: [{ repId: ana.id }],
      });
      const rename = await call('PATCH', `/v1/pools/${other.id}`, tenantA.adminKey, { name: 'Unique' });
      expect(rename.status).toBe(409);
      // Keeping its own name is not a conflict; another tenant may use the same name.
      expect((await call('PATCH', `/v1/pools/${other.id}`, tenantA.adminKey, { name: 'Other' })).status).toBe(
        200,
      );
      const repB = await createRep(tenantB.adminKey, { name: 'B unique' });
      await createPool(tenantB.adminKey, {
        name: 'Unique',
        strategy: 'round_robin',
        members: [{ repId: repB.id }],
      });
    });

    it('refuses to delete a rep that is a member or the fallback of a pool, naming the pools', async () => {
      const dee = await createRep(tenantA.adminKey, { name: 'Dee' });
      await createPool(tenantA.adminKey, {
        name: 'Dee pool',
        strategy: 'round_robin',
        members: [{ repId: dee.id }],
      });
      const res = await call('DELETE', `/v1/reps/${dee.id}`, tenantA.adminKey);
      expect(res.status).toBe(409);
      expect(res.body.detail).toBe('Rep "Dee" cannot be deleted: it is a member of pool "Dee pool".');

      const eve = await createRep(tenantA.adminKey, { name: 'Eve' });
      await createPool(tenantA.adminKey, {
        name: 'Eve backed',
        strategy: 'round_robin',
        members: [{ repId: ana.id }],
        fallback: { type: 'rep', repId: eve.id },
      });
      const fallback = await call('DELETE', `/v1/reps/${eve.id}`, tenantA.adminKey);
      expect(fallback.status).toBe(409);
      expect(fallback.body.detail).toContain('it is the fallback of pool "Eve backed"');
      expect((await call('GET', `/v1/reps/${eve.id}`, tenantA.adminKey)).status).toBe(200);
    });

    it('refuses to delete a pool that another pool falls back to, naming it', async () => {
      const global = await createPool(tenantA.adminKey, {
        name: 'Global',
        strategy: 'least_loaded',
        members: [{ repId: cy.id }],
      });
      const overflow = await createPool(tenantA.adminKey, {
        name: 'Overflow',
        strategy: 'round_robin',
        members: [{ repId: ben.id }],
        fallback: { type: 'pool', poolId: global.id },
      });
      const res = await call('DELETE', `/v1/pools/${global.id}`, tenantA.adminKey);
      expect(res.status).toBe(409);
      expect(res.body.detail).toBe('Pool "Global" cannot be deleted: it is the fallback of pool "Overflow".');
      // Once nothing falls back to it, it can go.
      expect(
        (await call('PATCH', `/v1/pools/${overflow.id}`, tenantA.adminKey, { fallback: null })).status,
      ).toBe(200);
      expect((await call('DELETE', `/v1/pools/${global.id}`, tenantA.adminKey)).status).toBe(204);
    });

    it('refuses to delete a pool or rep the latest published rule set uses, naming the rules', async () => {
      const old = await createPool(tenantA.adminKey, {
        name: 'Retired',
        strategy: 'round_robin',
        members: [{ repId: ana.id }],
      });
      const current = await createPool(tenantA.adminKey, {
        name: 'Current',
        strategy: 'round_robin',
        members: [{ repId: ana.id }],
      });
      const named = await createRep(tenantA.adminKey, { name: 'Named' });
      const rule = (id: string, action: Prisma.InputJsonObject): Prisma.InputJsonObject => ({
        id,
        action,
        ownerPolicy: 'override',
      });
      await prisma.ruleSetVersion.create({
        data: {
          tenantId: tenantA.tenantId,
          version: 1,
          rules: [
            rule('old-rule', { type: 'route_to_pool', poolId: old.id }),
            rule('default', { type: 'exclude' }),
          ],
        },
      });
      await prisma.ruleSetVersion.create({
        data: {
          tenantId: tenantA.tenantId,
          version: 2,
          rules: [
            rule('emea', { type: 'route_to_pool', poolId: current.id }),
            rule('vip', {
              type: 'assign_rep',
              repId: named.id,
              fallback: { type: 'pool', poolId: current.id },
            }),
            rule('default', { type: 'leave_unrouted' }),
          ],
        },
      });
      // Tenant B's rule sets do not count for tenant A.
      await prisma.ruleSetVersion.create({
        data: {
          tenantId: tenantB.tenantId,
          version: 9,
          rules: [rule('b-rule', { type: 'route_to_pool', poolId: old.id })],
        },
      });

      const pool = await call('DELETE', `/v1/pools/${current.id}`, tenantA.adminKey);
      expect(pool.status).toBe(409);
      expect(pool.body.detail).toBe(
        'Pool "Current" cannot be deleted: rules "emea", "vip" of the published rule set (version 2) route to it.',
      );
      const rep = await call('DELETE', `/v1/reps/${named.id}`, tenantA.adminKey);
      expect(rep.status).toBe(409);
      expect(rep.body.detail).toBe(
        'Rep "Named" cannot be deleted: rule "vip" of the published rule set (version 2) names it.',
      );
      // Only the rule set in force counts: version 1 is history.
      expect((await call('DELETE', `/v1/pools/${old.id}`, tenantA.adminKey)).status).toBe(204);
      expect(await prisma.pool.findUnique({ where: { id: current.id } })).not.toBeNull();
    });

    it('lets a viewer read pools but not write them', async () => {
      const pool = await createPool(tenantA.adminKey, {
        name: 'Viewer pool',
        strategy: 'round_robin',
        members: [{ repId: ana.id }],
      });
      expect((await call('GET', `/v1/pools/${pool.id}`, viewerKey)).status).toBe(200);
      const writes = await Promise.all([
        call('POST', '/v1/pools', viewerKey, {
          name: 'V',
          strategy: 'round_robin',
          members: [{ repId: ana.id }],
        }),
        call('PATCH', `/v1/pools/${pool.id}`, viewerKey, { name: 'V2' }),
        call('DELETE', `/v1/pools/${pool.id}`, viewerKey),
      ]);
      for (const res of writes) expect(res.status).toBe(403);
      expect((await call('GET', `/v1/pools/${pool.id}`, tenantA.adminKey)).body.name).toBe('Viewer pool');
    });

    it("keeps tenants apart: A cannot see, change or delete B's pools", async () => {
      const repB = await createRep(tenantB.adminKey, { name: 'B isolated' });
      const poolB = await createPool(tenantB.adminKey, {
        name: 'B isolated pool',
        strategy: 'round_robin',
        members: [{ repId: repB.id }],
      });
      expect((await call('GET', `/v1/pools/${poolB.id}`, tenantA.adminKey)).status).toBe(404);
      expect(
        (await call('PATCH', `/v1/pools/${poolB.id}`, tenantA.adminKey, { members: [{ repId: ana.id }] }))
          .status,
      ).toBe(404);
      expect((await call('DELETE', `/v1/pools/${poolB.id}`, tenantA.adminKey)).status).toBe(404);
      const listA = await call('GET', '/v1/pools?limit=200', tenantA.adminKey);
      expect(listA.body.items.some((p: { id: string }) => p.id === poolB.id)).toBe(false);
      const stillB = await call('GET', `/v1/pools/${poolB.id}`, tenantB.adminKey);
      expect(stillB.body.members).toEqual([{ repId: repB.id, weight: 1, position: 0 }]);
      const auditA = await call('GET', '/v1/audit-log?limit=200', tenantA.adminKey);
      expect(auditA.text).not.toContain(poolB.id);
    });
  });

  it('documents the routes in the OpenAPI document', async () => {
    const res = await request(api.baseUrl, 'GET', '/docs/openapi.json');
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/v1/reps',
        '/v1/reps/{id}',
        '/v1/reps/{id}/kpis',
        '/v1/pools',
        '/v1/pools/{id}',
      ]),
    );
  });
});
