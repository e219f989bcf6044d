import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgPool, type PgPool, type PrismaClient } from '@leadflow/database';
import { RoutingService } from '@leadflow/routing';
import { request } from '@leadflow/testing';
import { SYSTEM_DB } from '../src/database/database.tokens';
import { type ApiHarness, errorPaths, type FieldError, startApi, type TestTenant } from './api-harness';

type Tenant = TestTenant;

/** A pool of `reps` fresh reps (each with a load row and an owner id on conn-1), with its state row. */
async function seedPool(
  prisma: PrismaClient,
  tenantId: string,
  name: string,
  reps: number,
): Promise<{ poolId: string; repIds: string[] }> {
  const repIds: string[] = [];
  for (let i = 0; i < reps; i++) {
    const rep = await prisma.rep.create({
      data: {
        tenantId,
        name: `${name} rep ${i}`,
        timeZone: 'UTC',
        crmOwnerIds: { 'conn-1': `${name}-owner-${i}` },
      },
    });
    await prisma.repLoad.create({ data: { repId: rep.id, tenantId } });
    repIds.push(rep.id);
  }
  const pool = await prisma.pool.create({
    data: {
      tenantId,
      name,
      strategy: 'round_robin',
      members: { create: repIds.map((repId, position) => ({ repId, position })) },
    },
  });
  await prisma.poolState.create({ data: { poolId: pool.id, tenantId } });
  return { poolId: pool.id, repIds };
}

function countryRule(id: string, countries: string[], poolId: string) {
  return {
    id,
    name: `Countries ${countries.join(', ')}`,
    conditions: {
      combinator: 'all',
      groups: [{ combinator: 'all', conditions: [{ field: 'country', operator: 'in', value: countries }] }],
    },
    action: { type: 'route_to_pool', poolId },
    ownerPolicy: 'keep_if_active_rep',
  };
}

function defaultRule(poolId: string, id = 'default') {
  return { id, action: { type: 'route_to_pool', poolId }, ownerPolicy: 'override' };
}

describe('rule sets, simulation and routing decisions', () => {
  let api: ApiHarness;
  let prisma: PrismaClient;
  let pg: PgPool;
  let tenantA: Tenant;
  let tenantB: Tenant;
  let viewerKey: string;
  let everyone: { poolId: string; repIds: string[] };
  let dach: { poolId: string; repIds: string[] };
  let v1Rules: unknown[];
  let v2Rules: unknown[];

  const call = (method: string, path: string, key: string, body?: unknown) =>
    request(api.baseUrl, method, path, { key, body });

  const auditActions = async (tenantId: string) =>
    (await prisma.auditLog.findMany({ where: { tenantId }, orderBy: { createdAt: 'asc' } })).map(
      (a) => a.action,
    );

  beforeAll(async () => {
    api = await startApi();
    prisma = api.app.get<PrismaClient>(SYSTEM_DB);
    pg = createPgPool({ databaseUrl: api.environment.database.url, size: 2 });
    tenantA = await api.createTenant('Acme');
    tenantB = await api.createTenant('Globex');
    viewerKey = (await api.createKey(tenantA.adminKey, 'viewer')).key;
    everyone = await seedPool(prisma, tenantA.tenantId, 'Everyone', 3);
    dach = await seedPool(prisma, tenantA.tenantId, 'DACH', 2);
    v1Rules = [countryRule('dach', ['DE', 'AT', 'CH'], dach.poolId), defaultRule(everyone.poolId)];
    v2Rules = [
      // dach: its countries change; moved below the new rule.
      { id: 'vip', conditions: null, action: { type: 'exclude' }, ownerPolicy: 'override' },
      countryRule('dach', ['DE', 'AT'], dach.poolId),
      defaultRule(everyone.poolId),
    ];
    // vip has no conditions (matches everything) but is not last: a warning, not an error. Give it one.
    (v2Rules[0] as Record<string, unknown>).conditions = {
      combinator: 'any',
      groups: [{ combinator: 'all', conditions: [{ field: 'amount', operator: 'gte', value: 1_000_000 }] }],
    };
  });
  afterAll(async () => {
    await pg.end();
    await api.close();
  });

  it('starts with an empty draft and round-trips a saved one', async () => {
    const empty = await call('GET', '/v1/rule-sets/draft', tenantA.adminKey);
    expect(empty.status).toBe(200);
    expect(empty.body).toEqual({ rules: [], updatedAt: null, basedOnVersion: null });

    const saved = await call('PUT', '/v1/rule-sets/draft', tenantA.adminKey, { rules: v1Rules });
    expect(saved.status).toBe(200);
    expect(saved.body.rules).toEqual(v1Rules);
    expect(saved.body.updatedAt).toEqual(expect.any(String));

    const read = await call('GET', '/v1/rule-sets/draft', tenantA.adminKey);
    expect(read.body).toEqual(saved.body);
    expect(await auditActions(tenantA.tenantId)).toContain('rule_set.draft_saved');
  });

  it('refuses a structurally bad draft with 400 naming every bad field', async () => {
    const res = await call('PUT', '/v1/rule-sets/draft', tenantA.adminKey, {
      rules: [
        { ...defaultRule(everyone.poolId, 'a'), ownerPolicy: 'sometimes' },
        {
          id: 'b',
          conditions: {
            combinator: 'all',
            groups: [{ combinator: 'all', conditions: [{ field: 'country', operator: 'bigger', value: 1 }] }],
          },
          action: { type: 'exclude' },
          ownerPolicy: 'override',
        },
        { id: 'c', action: { type: 'teleport' }, ownerPolicy: 'override' },
        { id: 'd', ownerPolicy: 'override' },
        { id: '', action: { type: 'route_to_pool' }, ownerPolicy: 'override', colour: 'red' },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(errorPaths(res)).toEqual(
      expect.arrayContaining([
        'body.rules[0].ownerPolicy',
        'body.rules[1].conditions.groups[0].conditions[0].operator',
        'body.rules[2].action.type',
        'body.rules[3].action',
        'body.rules[4].id',
        'body.rules[4].action.poolId',
        'body.rules[4]',
      ]),
    );
    expect(res.body.errors.find((e: FieldError) => e.path === 'body.rules[3].action').message).toBe(
      'is required',
    );
    // Nothing was saved.
    expect((await call('GET', '/v1/rule-sets/draft', tenantA.adminKey)).body.rules).toEqual(v1Rules);
  });

  it('refuses to publish a draft with semantic problems, listing each path', async () => {
    const bad = [
      {
        id: 'unknown-field',
        conditions: {
          combinator: 'all',
          groups: [
            {
              combinator: 'all',
              conditions: [{ field: 'favouriteColour', operator: 'equals', value: 'red' }],
            },
          ],
        },
        action: { type: 'route_to_pool', poolId: everyone.poolId },
        ownerPolicy: 'override',
      },
      {
        id: 'gt-on-text',
        conditions: {
          combinator: 'all',
          groups: [{ combinator: 'all', conditions: [{ field: 'country', operator: 'gt', value: 5 }] }],
        },
        action: { type: 'route_to_pool', poolId: everyone.poolId },
        ownerPolicy: 'override',
      },
      {
        id: 'unknown-pool',
        conditions: {
          combinator: 'all',
          groups: [{ combinator: 'all', conditions: [{ field: 'amount', operator: 'gte', value: 10 }] }],
        },
        action: { type: 'route_to_pool', poolId: '0190f0f0-0000-7000-8000-000000000000' },
        ownerPolicy: 'override',
      },
    ];
    expect((await call('PUT', '/v1/rule-sets/draft', tenantA.adminKey, { rules: bad })).status).toBe(200);
    const res = await call('POST', '/v1/rule-sets/draft/publish', tenantA.adminKey);
    expect(res.status).toBe(400);
    expect(errorPaths(res)).toEqual(
      expect.arrayContaining([
        'draft.rules[0].conditions.groups[0].conditions[0].field',
        'draft.rules[1].conditions.groups[0].conditions[0].operator',
        'draft.rules[2].action.poolId',
        // The last rule has conditions: there is no default rule.
        'draft.rules[2].conditions',
      ]),
    );
    const codes = (res.body.errors as FieldError[]).map((e) => e.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        'unknown_field',
        'operator_type_mismatch',
        'pool_not_found',
        'missing_default_rule',
      ]),
    );
    expect(await prisma.ruleSetVersion.count({ where: { tenantId: tenantA.tenantId } })).toBe(0);

    // An empty draft has no default rule either.
    await call('PUT', '/v1/rule-sets/draft', tenantA.adminKey, { rules: [] });
    const empty = await call('POST', '/v1/rule-sets/draft/publish', tenantA.adminKey);
    expect(empty.status).toBe(400);
    expect(errorPaths(empty)).toEqual(['draft.rules']);
  });

  it('publishes versions 1 and 2, lists them newest first and shows each', async () => {
    await call('PUT', '/v1/rule-sets/draft', tenantA.adminKey, { rules: v1Rules });
    const first = await call('POST', '/v1/rule-sets/draft/publish', tenantA.adminKey);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ version: 1, rules: v1Rules, restoredFrom: null, warnings: [] });
    expect(first.body.publishedBy).toMatch(/^lf_[0-9a-z]{10}$/);

    await call('PUT', '/v1/rule-sets/draft', tenantA.adminKey, { rules: v2Rules });
    const second = await call('POST', '/v1/rule-sets/draft/publish', tenantA.adminKey);
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ version: 2, rules: v2Rules });

    const draft = await call('GET', '/v1/rule-sets/draft', tenantA.adminKey);
    expect(draft.body.basedOnVersion).toBe(2);

    const list = await call('GET', '/v1/rule-sets/versions', tenantA.adminKey);
    expect(list.status).toBe(200);
    expect(list.body.items.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(list.body.items[0]).toMatchObject({ ruleCount: 3, restoredFrom: null });
    expect(list.body.nextCursor).toBeNull();

    const page1 = await call('GET', '/v1/rule-sets/versions?limit=1', tenantA.adminKey);
    expect(page1.body.items.map((v: { version: number }) => v.version)).toEqual([2]);
    const page2 = await call(
      'GET',
      `/v1/rule-sets/versions?limit=1&cursor=${page1.body.nextCursor}`,
      tenantA.adminKey,
    );
    expect(page2.body.items.map((v: { version: number }) => v.version)).toEqual([1]);
    expect(page2.body.nextCursor).toBeNull();
    expect((await call('GET', '/v1/rule-sets/versions?cursor=nope', tenantA.adminKey)).status).toBe(400);

    const one = await call('GET', '/v1/rule-sets/versions/1', tenantA.adminKey);
    expect(one.status).toBe(200);
    expect(one.body.rules).toEqual(v1Rules);
    const missing = await call('GET', '/v1/rule-sets/versions/99', tenantA.adminKey);
    expect(missing.status).toBe(404);
    expect(missing.body.detail).toContain('Rule set version 99');
    const badParam = await call('GET', '/v1/rule-sets/versions/abc', tenantA.adminKey);
    expect(badParam.status).toBe(400);
    expect(errorPaths(badParam)).toEqual(['params.v']);

    const actions = await auditActions(tenantA.tenantId);
    expect(actions.filter((a) => a === 'rule_set.published')).toHaveLength(2);
  });

  it('diffs two versions rule by rule', async () => {
    const res = await call('GET', '/v1/rule-sets/versions/1/diff/2', tenantA.adminKey);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ from: 1, to: 2, removed: [], moved: [], unchanged: 1 });
    expect(res.body.added).toEqual([{ ruleId: 'vip', index: 0, rule: v2Rules[0] }]);
    expect(res.body.changed).toEqual([
      {
        ruleId: 'dach',
        fromIndex: 0,
        toIndex: 1,
        parts: ['name', 'conditions'],
        before: v1Rules[0],
        after: v2Rules[1],
      },
    ]);

    const back = await call('GET', '/v1/rule-sets/versions/2/diff/1', tenantA.adminKey);
    expect(back.body.removed.map((r: { ruleId: string }) => r.ruleId)).toEqual(['vip']);

    const missing = await call('GET', '/v1/rule-sets/versions/1/diff/42', tenantA.adminKey);
    expect(missing.status).toBe(404);
    expect(missing.body.detail).toContain('Rule set version 42');
  });

  it('rolls back by republishing an old version as a new one', async () => {
    const res = await call('POST', '/v1/rule-sets/versions/1/rollback', tenantA.adminKey);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ version: 3, restoredFrom: 1, rules: v1Rules });
    const diff = await call('GET', '/v1/rule-sets/versions/1/diff/3', tenantA.adminKey);
    expect(diff.body).toMatchObject({ added: [], removed: [], changed: [], moved: [], unchanged: 2 });
    expect(await auditActions(tenantA.tenantId)).toContain('rule_set.rolled_back');
    // The draft is the admin's work in progress: rolling back leaves it alone.
    expect((await call('GET', '/v1/rule-sets/draft', tenantA.adminKey)).body.rules).toEqual(v2Rules);
    expect((await call('POST', '/v1/rule-sets/versions/77/rollback', tenantA.adminKey)).status).toBe(404);
  });

  it('lets a viewer simulate but not publish, roll back or edit the draft', async () => {
    expect((await call('POST', '/v1/rule-sets/draft/publish', viewerKey)).status).toBe(403);
    expect((await call('PUT', '/v1/rule-sets/draft', viewerKey, { rules: v1Rules })).status).toBe(403);
    expect((await call('POST', '/v1/rule-sets/versions/1/rollback', viewerKey)).status).toBe(403);
    expect((await call('GET', '/v1/rule-sets/versions', viewerKey)).status).toBe(200);
    const sim = await call('POST', '/v1/routing/simulate', viewerKey, {
      leads: [{ externalId: 'x', connectionId: 'conn-1', country: 'US' }],
    });
    expect(sim.status).toBe(200);
  });

  it('simulates explicit leads against the draft and against a version, writing nothing', async () => {
    const stateBefore = await prisma.poolState.findMany({ where: { tenantId: tenantA.tenantId } });
    const loadsBefore = await prisma.repLoad.findMany({ where: { tenantId: tenantA.tenantId } });
    const leads = [
      ...['US', 'FR', 'US', 'GB', 'US', 'BR'].map((country, i) => ({
        externalId: `us-${i}`,
        connectionId: 'conn-1',
        country,
      })),
      { externalId: 'de-1', connectionId: 'conn-1', country: 'DE' },
      { externalId: 'ch-1', connectionId: 'conn-1', country: 'ch' },
      { externalId: 'whale', connectionId: 'conn-1', country: 'US', amount: 5_000_000 },
    ];

    // Version 1: dach covers CH; nothing is excluded.
    const v1 = await call('POST', '/v1/routing/simulate', tenantA.adminKey, { leads, ruleSet: 1 });
    expect(v1.status).toBe(200);
    expect(v1.body.ruleSet).toBe(1);
    expect(v1.body.decisions).toHaveLength(leads.length);
    expect(v1.body.outcomes).toEqual({ assigned: 9, kept_existing_owner: 0, unrouted: 0, excluded: 0 });
    const byExternal = new Map(v1.body.decisions.map((d: { externalId: string }) => [d.externalId, d]));
    expect(byExternal.get('ch-1')).toMatchObject({
      ruleId: 'dach',
      poolId: dach.poolId,
      outcome: 'assigned',
    });
    expect(byExternal.get('us-0')).toMatchObject({ ruleId: 'default', poolId: everyone.poolId });
    expect((byExternal.get('us-0') as { trail: { rules: unknown[] } }).trail.rules).toHaveLength(2);
    const assigned = v1.body.distribution.reduce(
      (sum: number, d: { assigned: number; keptExisting: number }) => sum + d.assigned + d.keptExisting,
      0,
    );
    expect(assigned).toBe(v1.body.outcomes.assigned + v1.body.outcomes.kept_existing_owner);
    expect(v1.body.distribution).toHaveLength(5);
    // Round robin spreads the 7 "everyone" leads over 3 reps: 3/2/2.
    const everyoneCounts = v1.body.distribution
      .filter((d: { repId: string }) => everyone.repIds.includes(d.repId))
      .map((d: { assigned: number }) => d.assigned)
      .sort();
    expect(everyoneCounts).toEqual([2, 2, 3]);

    // The draft (= version 2): vip excludes the whale, dach no longer covers CH.
    const draft = await call('POST', '/v1/routing/simulate', tenantA.adminKey, { leads, ruleSet: 'draft' });
    expect(draft.status).toBe(200);
    expect(draft.body.ruleSet).toBe('draft');
    expect(draft.body.outcomes).toEqual({ assigned: 8, kept_existing_owner: 0, unrouted: 0, excluded: 1 });
    const draftCh = draft.body.decisions.find((d: { externalId: string }) => d.externalId === 'ch-1');
    expect(draftCh).toMatchObject({ ruleId: 'default', poolId: everyone.poolId });

    // Default: the latest published version (3, a copy of 1).
    const latest = await call('POST', '/v1/routing/simulate', tenantA.adminKey, { leads });
    expect(latest.body.ruleSet).toBe(3);
    expect(latest.body.outcomes).toEqual(v1.body.outcomes);

    expect(await prisma.poolState.findMany({ where: { tenantId: tenantA.tenantId } })).toEqual(stateBefore);
    expect(await prisma.repLoad.findMany({ where: { tenantId: tenantA.tenantId } })).toEqual(loadsBefore);
    expect(await prisma.routingDecision.count({ where: { tenantId: tenantA.tenantId } })).toBe(0);
  });

  it('validates simulation requests', async () => {
    const both = await call('POST', '/v1/routing/simulate', tenantA.adminKey, {
      leads: [{ externalId: 'x', connectionId: 'conn-1' }],
      lastN: 3,
    });
    expect(both.status).toBe(400);
    expect(errorPaths(both)).toEqual(['body.lastN']);
    const neither = await call('POST', '/v1/routing/simulate', tenantA.adminKey, {});
    expect(neither.status).toBe(400);
    expect(errorPaths(neither)).toEqual(['body']);
    const badLead = await call('POST', '/v1/routing/simulate', tenantA.adminKey, {
      leads: [{ externalId: 'x' }],
      lastN: undefined,
    });
    expect(errorPaths(badLead)).toEqual(['body.leads[0].connectionId']);
    const tooMany = await call('POST', '/v1/routing/simulate', tenantA.adminKey, { lastN: 1001 });
    expect(errorPaths(tooMany)).toEqual(['body.lastN']);
    const noVersion = await call('POST', '/v1/routing/simulate', tenantA.adminKey, { lastN: 1, ruleSet: 12 });
    expect(noVersion.status).toBe(404);
    expect(noVersion.body.detail).toContain('Rule set version 12');

    // An invalid draft cannot be simulated: its problems come back as for publishing.
    await call('PUT', '/v1/rule-sets/draft', tenantA.adminKey, {
      rules: [{ id: 'only', action: { type: 'assign_rep', repId: 'nobody' }, ownerPolicy: 'override' }],
    });
    const invalid = await call('POST', '/v1/routing/simulate', tenantA.adminKey, {
      lastN: 1,
      ruleSet: 'draft',
    });
    expect(invalid.status).toBe(400);
    expect(errorPaths(invalid)).toEqual(['draft.rules[0].action.repId']);
    await call('PUT', '/v1/rule-sets/draft', tenantA.adminKey, { rules: v2Rules });

    // Tenant B has published nothing.
    const none = await call('POST', '/v1/routing/simulate', tenantB.adminKey, { lastN: 1 });
    expect(none.status).toBe(409);
  });

  it('simulates the tenant’s latest N stored leads, oldest first', async () => {
    const base = Date.now() - 60_000;
    await prisma.lead.createMany({
      data: ['US', 'DE', 'FR', 'AT', 'US'].map((country, i) => ({
        tenantId: tenantA.tenantId,
        connectionId: 'conn-1',
        externalId: `stored-${i}`,
        normalized: { externalId: `stored-${i}`, country },
        createdAt: new Date(base + i * 1000),
      })),
    });
    const res = await call('POST', '/v1/routing/simulate', tenantA.adminKey, { lastN: 3, ruleSet: 1 });
    expect(res.status).toBe(200);
    expect(res.body.decisions.map((d: { externalId: string }) => d.externalId)).toEqual([
      'stored-2',
      'stored-3',
      'stored-4',
    ]);
    expect(res.body.decisions.map((d: { ruleId: string }) => d.ruleId)).toEqual([
      'default',
      'dach',
      'default',
    ]);
    expect(await prisma.routingDecision.count({ where: { tenantId: tenantA.tenantId } })).toBe(0);
  });

  it('shows the stored decision of a routed lead, and 404s otherwise', async () => {
    const leads = await prisma.lead.findMany({
      where: { tenantId: tenantA.tenantId, externalId: { in: ['stored-1', 'stored-2'] } },
      orderBy: { externalId: 'asc' },
      select: { id: true },
    });
    const [routed, notRouted] = leads as [{ id: string }, { id: string }];
    const result = await new RoutingService(prisma, pg).assign(tenantA.tenantId, routed.id);
    expect(result.created).toBe(true);

    const res = await call('GET', `/v1/leads/${routed.id}/decision`, viewerKey);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      leadId: routed.id,
      ruleSetVersion: 3,
      ruleId: 'dach',
      outcome: 'assigned',
      poolId: dach.poolId,
    });
    expect(dach.repIds).toContain(res.body.repId);
    expect(res.body.decision.trail.rules[0]).toMatchObject({ ruleId: 'dach', matched: true });
    expect(res.body.decision.trail.steps[0]).toMatchObject({ kind: 'pool', poolId: dach.poolId });

    const notYet = await call('GET', `/v1/leads/${notRouted.id}/decision`, tenantA.adminKey);
    expect(notYet.status).toBe(404);
    expect(notYet.body.detail).toContain('not been routed yet');

    const unknown = '0190f0f0-0000-7000-8000-0000000000ff';
    const noLead = await call('GET', `/v1/leads/${unknown}/decision`, tenantA.adminKey);
    expect(noLead.status).toBe(404);
    expect(noLead.body.detail).toBe(`Lead ${unknown} was not found`);

    const badId = await call('GET', '/v1/leads/nope/decision', tenantA.adminKey);
    expect(badId.status).toBe(400);
    expect(errorPaths(badId)).toEqual(['params.id']);

    // Tenant B sees neither A's decision nor A's versions.
    const other = await call('GET', `/v1/leads/${routed.id}/decision`, tenantB.adminKey);
    expect(other.status).toBe(404);
    expect(other.body.detail).toBe(`Lead ${routed.id} was not found`);
  });

  it('keeps tenants apart', async () => {
    expect((await call('GET', '/v1/rule-sets/versions/1', tenantB.adminKey)).status).toBe(404);
    expect((await call('GET', '/v1/rule-sets/versions/1/diff/2', tenantB.adminKey)).status).toBe(404);
    expect((await call('GET', '/v1/rule-sets/versions', tenantB.adminKey)).body.items).toEqual([]);
    expect((await call('GET', '/v1/rule-sets/draft', tenantB.adminKey)).body).toEqual({
      rules: [],
      updatedAt: null,
      basedOnVersion: null,
    });
    expect((await call('POST', '/v1/rule-sets/versions/1/rollback', tenantB.adminKey)).status).toBe(404);
    // Tenant B cannot publish rules naming A's pools: they are not B's.
    await call('PUT', '/v1/rule-sets/draft', tenantB.adminKey, { rules: [defaultRule(everyone.poolId)] });
    const res = await call('POST', '/v1/rule-sets/draft/publish', tenantB.adminKey);
    expect(res.status).toBe(400);
    expect(errorPaths(res)).toEqual(['draft.rules[0].action.poolId']);
  });

  it('refuses to roll back to a version whose pool was deleted since', async () => {
    const temp = await seedPool(prisma, tenantA.tenantId, 'Temporary', 1);
    await call('PUT', '/v1/rule-sets/draft', tenantA.adminKey, { rules: [defaultRule(temp.poolId)] });
    const published = await call('POST', '/v1/rule-sets/draft/publish', tenantA.adminKey);
    expect(published.status).toBe(201);
    expect(published.body.version).toBe(4);
    await call('PUT', '/v1/rule-sets/draft', tenantA.adminKey, { rules: v2Rules });
    expect((await call('POST', '/v1/rule-sets/draft/publish', tenantA.adminKey)).body.version).toBe(5);
    await prisma.pool.delete({ where: { id: temp.poolId } });

    const res = await call('POST', '/v1/rule-sets/versions/4/rollback', tenantA.adminKey);
    expect(res.status).toBe(400);
    expect(errorPaths(res)).toEqual(['version.rules[0].action.poolId']);
    expect(res.body.errors[0].code).toBe('pool_not_found');
    expect(await prisma.ruleSetVersion.count({ where: { tenantId: tenantA.tenantId } })).toBe(5);
  });

  it('documents every route with its response schema', async () => {
    const res = await request(api.baseUrl, 'GET', '/docs/openapi.json');
    const paths = res.body.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>;
    const expected: [string, string, string][] = [
      ['/v1/rule-sets/draft', 'get', '200'],
      ['/v1/rule-sets/draft', 'put', '200'],
      ['/v1/rule-sets/draft/publish', 'post', '201'],
      ['/v1/rule-sets/versions', 'get', '200'],
      ['/v1/rule-sets/versions/{v}', 'get', '200'],
      ['/v1/rule-sets/versions/{v}/diff/{w}', 'get', '200'],
      ['/v1/rule-sets/versions/{v}/rollback', 'post', '201'],
      ['/v1/routing/simulate', 'post', '200'],
      ['/v1/leads/{id}/decision', 'get', '200'],
    ];
    for (const [path, method, status] of expected) {
      expect(paths[path]?.[method]?.responses[status], `${method} ${path} ${status}`).toBeDefined();
    }
  });

  it('answers concurrent publishes with distinct versions or 409', async () => {
    const results = await Promise.all(
      Array.from({ length: 4 }, () => call('POST', '/v1/rule-sets/draft/publish', tenantA.adminKey)),
    );
    const created = results.filter((r) => r.status === 201).map((r) => r.body.version as number);
    expect(results.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    expect(new Set(created).size).toBe(created.length);
  });
});
