import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { Registry } from 'prom-client';
import { parseWorkerConfig } from '@leadflow/config';
import { createCrmRuntime, type CrmRuntime } from '@leadflow/connections';
import { createPrismaClient, type PrismaClient } from '@leadflow/database';
import {
  BackfillProcessor,
  type BackfillPageResult,
  STRANDED_AFTER_MS,
  StrandedWorkSweeper,
  WebhookFanOut,
} from '@leadflow/intake';
import { TokenVault } from '@leadflow/security';
import { request, type RunningProcess } from '@leadflow/testing';
import { type ApiHarness, errorPaths, startApi, type TestTenant } from '../../apps/api/test/api-harness';
import { seedRoutingTenant } from './support/route-leads';
import { connectHubSpotWithSuggestedMapping } from './support/hubspot-connection';
import { type RunningSandbox, startSandbox } from './support/sandbox';
import { startWorkerProcess } from './support/worker-process';

const DAY = 86_400_000;
const LEADS = 250;

/** Outbound CRM calls by operation, from a Prometheus text exposition. */
function callsByOperation(metrics: string): Map<string, number> {
  const calls = new Map<string, number>();
  for (const line of metrics.split('\n')) {
    if (!line.startsWith('leadflow_crm_call_duration_seconds_count{')) continue;
    const operation = /operation="([^"]+)"/.exec(line)?.[1];
    if (operation === undefined) continue;
    calls.set(operation, (calls.get(operation) ?? 0) + Number(line.split(' ').at(-1)));
  }
  return calls;
}

/**
 * Backfill with real parts: HubSpot sandbox portals holding months of leads, the API starting and
 * reporting backfills, the worker process running them page by page, and the processor driven
 * directly where a crash has to land between two exact steps.
 */
describe('backfill: importing a connection’s existing leads', () => {
  let sandbox: RunningSandbox;
  let api: ApiHarness;
  let worker: RunningProcess;
  let workerMetricsUrl: string;
  let prisma: PrismaClient;
  const hubspot: Record<string, string> = {};

  interface Setup {
    tenant: TestTenant;
    portalId: number;
    token: string;
    connectionId: string;
    ownerIds: string[];
    leadIds: string[];
    operatorKey: string;
  }
  let a: Setup;
  let b: Setup;

  /** `count` leads (each with a contact) created and last changed `daysAgo` days back, an hour apart. */
  async function seedHistory(portalId: number, count: number, daysAgo: number): Promise<string[]> {
    const start = Date.now() - daysAgo * DAY;
    const at = (i: number) => new Date(start + i * 3_600_000).toISOString();
    const { objects: contacts } = await sandbox.control<{ objects: { id: string }[] }>(
      'POST',
      `/portals/${portalId}/objects/contacts`,
      {
        objects: Array.from({ length: count }, (_, i) => ({
          properties: {
            email: `history-${daysAgo}-${i}@example.com`,
            firstname: `History${i}`,
            country: i % 2 === 0 ? 'Germany' : 'United States',
            createdate: at(i),
            lastmodifieddate: at(i),
          },
        })),
      },
    );
    const { objects: leads } = await sandbox.control<{ objects: { id: string }[] }>(
      'POST',
      `/portals/${portalId}/objects/leads`,
      {
        objects: contacts.map((contact, i) => ({
          properties: {
            hs_lead_name: `History ${i}`,
            hs_pipeline_stage: 'new-stage-id',
            createdate: at(i),
            hs_lastmodifieddate: at(i),
          },
          associations: [{ toObjectType: 'contacts', toObjectId: contact.id, primary: true }],
        })),
      },
    );
    return leads.map((l) => l.id);
  }

  async function setUp(name: string): Promise<Setup> {
    const portal = await sandbox.portal({ name: `${name} portal` });
    const { owners } = await sandbox.control<{ owners: { id: string }[] }>(
      'POST',
      `/portals/${portal.portalId}/owners`,
      { owners: ['rep0', 'rep1', 'rep2'].map((n) => ({ email: `${n}@${name.toLowerCase()}.example` })) },
    );
    // 250 leads over the last ~11 days, and 20 from two months ago, outside a 30-day backfill.
    const leadIds = await seedHistory(portal.portalId, LEADS, 11);
    await seedHistory(portal.portalId, 20, 60);
    const tenant = await api.createTenant(name);
    const connectionId = await connectHubSpotWithSuggestedMapping(
      api.baseUrl,
      tenant.adminKey,
      portal.privateAppToken,
    );
    const ownerIds = owners.map((o) => o.id);
    await seedRoutingTenant(prisma, { tenantId: tenant.tenantId, connectionId, ownerIds });
    const operator = await api.createKey(tenant.adminKey, 'operator');
    return {
      tenant,
      portalId: portal.portalId,
      token: portal.privateAppToken,
      connectionId,
      ownerIds,
      leadIds,
      operatorKey: operator.key,
    };
  }

  beforeAll(async () => {
    sandbox = await startSandbox();
    Object.assign(hubspot, { HUBSPOT_API_BASE_URL: sandbox.baseUrl, HUBSPOT_AUTH_BASE_URL: sandbox.baseUrl });
    api = await startApi(hubspot);
    prisma = createPrismaClient({ databaseUrl: api.environment.database.url, poolSize: 4 });
    a = await setUp('Acme');
    b = await setUp('Bolt');

    const started = await startWorkerProcess({ ...api.environment.env, ...hubspot });
    worker = started.process;
    workerMetricsUrl = `${started.url}/metrics`;
  }, 120_000);
  afterAll(async () => {
    await worker?.stop('SIGTERM');
    await prisma?.$disconnect();
    await api?.close();
    await sandbox?.close();
  });

  const backfillPath = (s: Setup) => `/v1/connections/${s.connectionId}/backfill`;
  const latest = async (s: Setup) =>
    (await request(api.baseUrl, 'GET', backfillPath(s), { key: s.tenant.adminKey })).body;
  const ownerWrites = async (portalId: number) =>
    (
      await sandbox.control<{ writes: unknown[] }>(
        'GET',
        `/portals/${portalId}/writes?property=hubspot_owner_id&limit=10000`,
      )
    ).writes.length;

  it('refuses bad requests with the field named, other tenants, viewers, and a second active backfill', async () => {
    const viewer = await api.createKey(a.tenant.adminKey, 'viewer');
    const post = (key: string, body: unknown, path = backfillPath(a)) =>
      request(api.baseUrl, 'POST', path, { key, body });

    expect((await post(viewer.key, { days: 30 })).status).toBe(403);
    const both = await post(a.operatorKey, { from: '2026-01-01T00:00:00Z', days: 3 });
    expect(both.status).toBe(400);
    expect(errorPaths(both)).toEqual(['body.days']);
    const reversed = await post(a.operatorKey, {
      from: new Date(Date.now() - DAY).toISOString(),
      to: new Date(Date.now() - 2 * DAY).toISOString(),
    });
    expect(reversed.status).toBe(400);
    expect(reversed.body.errors).toEqual([
      expect.objectContaining({ path: 'body.from', message: 'must be before to' }),
    ]);
    const tooLong = await post(a.operatorKey, { days: 400, route: 'yes' });
    expect(errorPaths(tooLong).sort()).toEqual(['body.days', 'body.route']);
    const neither = await post(a.operatorKey, {});
    expect(neither.status).toBe(400);
    expect(neither.text).toContain('give from');

    const unknown = `/v1/connections/0190a4f8-0000-7000-8000-000000000000/backfill`;
    expect((await post(a.operatorKey, { days: 30 }, unknown)).status).toBe(404);
    expect((await post(b.operatorKey, { days: 30 })).status).toBe(404);
    expect((await request(api.baseUrl, 'GET', backfillPath(a), { key: a.tenant.adminKey })).status).toBe(404);
    const nothingToCancel = await post(a.operatorKey, undefined, `${backfillPath(a)}/cancel`);
    expect(nothingToCancel.status).toBe(409);
  });

  it('imports a month of leads without routing them, in batch calls, with progress', async () => {
    const started = await request(api.baseUrl, 'POST', backfillPath(a), {
      key: a.operatorKey,
      body: { days: 30 },
    });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ connectionId: a.connectionId, route: false, objectType: 'leads' });
    expect(['queued', 'running']).toContain(started.body.status);
    expect(Date.parse(started.body.to) - Date.parse(started.body.from)).toBe(30 * DAY);

    const again = await request(api.baseUrl, 'POST', backfillPath(a), {
      key: a.operatorKey,
      body: { days: 7 },
    });
    expect(again.status).toBe(409);
    expect(again.text).toContain(started.body.id);
    const elsewhere = await request(api.baseUrl, 'GET', backfillPath(a), { key: b.tenant.adminKey });
    expect(elsewhere.status).toBe(404);

    await expect
      .poll(async () => (await latest(a)).status, { timeout: 60_000, interval: 250 })
      .toBe('completed');
    const done = await latest(a);
    expect(done).toMatchObject({
      id: started.body.id,
      error: null,
      progress: { percent: 100, pages: 3 },
      counts: {
        seen: LEADS,
        imported: LEADS,
        routed: 0,
        sentToIntake: 0,
        needsMapping: 0,
        skipped: 0,
        missing: 0,
      },
      crmCalls: 3,
    });
    expect(done.startedAt).not.toBeNull();
    expect(done.finishedAt).not.toBeNull();

    const leads = await prisma.lead.findMany({
      where: { connectionId: a.connectionId },
      include: { decision: true },
    });
    expect(leads).toHaveLength(LEADS);
    expect(new Set(leads.map((l) => l.externalId))).toEqual(new Set(a.leadIds));
    expect(leads.every((l) => l.status === 'imported' && l.decision === null)).toBe(true);
    expect(leads.every((l) => l.backfillId === started.body.id && l.mappingVersion === 1)).toBe(true);
    expect(leads[0]!.normalized).toMatchObject({ email: expect.stringContaining('@example.com') });
    expect(await ownerWrites(a.portalId)).toBe(0);
    const listed = await request(api.baseUrl, 'GET', `/v1/leads?status=imported&limit=1`, {
      key: a.tenant.adminKey,
    });
    expect(listed.body.items).toHaveLength(1);

    // Every call the worker made was a search page or a batch read: nothing record by record.
    const calls = callsByOperation(await (await fetch(workerMetricsUrl)).text());
    for (const operation of calls.keys()) expect(operation).toMatch(/search|batchRead|owners/);

    const history = await request(api.baseUrl, 'GET', `/v1/connections/${a.connectionId}/backfills`, {
      key: a.tenant.adminKey,
    });
    expect(history.body.items.map((i: { id: string }) => i.id)).toEqual([started.body.id]);
    const audit = await prisma.auditLog.count({
      where: { tenantId: a.tenant.tenantId, action: 'connection.backfill_started' },
    });
    expect(audit).toBe(1);
  });

  it('keeps an imported lead unrouted when the CRM changes it later, until an operator re-routes it', async () => {
    await request(api.baseUrl, 'PUT', `/v1/connections/${a.connectionId}/polling`, {
      key: a.tenant.adminKey,
      body: { intervalSeconds: 1 },
    });
    const id = a.leadIds[0]!;
    const changed = await fetch(`${sandbox.baseUrl}/crm/v3/objects/leads/${id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${a.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ properties: { hs_pipeline_stage: 'qualified-stage-id' } }),
    });
    expect(changed.status).toBe(200);
    const lead = () =>
      prisma.lead.findFirstOrThrow({
        where: { connectionId: a.connectionId, externalId: id },
        include: { decision: true },
      });
    // Polling sees the change and intake applies it: status from the CRM, still not routed.
    await expect.poll(async () => (await lead()).crmStatus, { timeout: 20_000, interval: 250 }).toBe('won');
    expect(await lead()).toMatchObject({ status: 'imported', decision: null });
    expect(await ownerWrites(a.portalId)).toBe(0);

    const other = a.leadIds[1]!;
    const otherLead = await prisma.lead.findFirstOrThrow({
      where: { connectionId: a.connectionId, externalId: other },
    });
    const rerouted = await request(api.baseUrl, 'POST', `/v1/leads/${otherLead.id}/reroute`, {
      key: a.operatorKey,
      body: { reason: 'route this one after all' },
    });
    expect(rerouted.status).toBe(202);
    expect(rerouted.body.supersededDecisionId).toBeNull();
    await expect
      .poll(
        async () =>
          (await prisma.routingDecision.findFirst({ where: { leadId: otherLead.id } }))?.writebackStatus,
        { timeout: 20_000, interval: 250 },
      )
      .toBe('done');
    const routed = await prisma.lead.findUniqueOrThrow({ where: { id: otherLead.id } });
    expect(routed.backfillId).toBeNull();
    expect(await ownerWrites(a.portalId)).toBe(1);
    expect(await prisma.routingDecision.count({ where: { lead: { connectionId: a.connectionId } } })).toBe(1);
    await request(api.baseUrl, 'PUT', `/v1/connections/${a.connectionId}/polling`, {
      key: a.tenant.adminKey,
      body: { intervalSeconds: 3600 },
    });
  });

  describe('checkpoints', () => {
    let redis: Redis;
    let crm: CrmRuntime;
    let registry: Registry;
    beforeAll(() => {
      redis = new Redis(api.environment.env.REDIS_URL!);
      registry = new Registry();
      const config = parseWorkerConfig({ ...api.environment.env, ...hubspot });
      crm = createCrmRuntime({
        prisma,
        redis,
        vault: new TokenVault(config.encryptionKeys),
        config,
        keyPrefix: api.environment.env.QUEUE_PREFIX!,
        processName: 'backfill-test',
        metricsRegistry: registry,
      });
    });
    afterAll(() => {
      crm.close();
      redis.disconnect();
    });

    const processor = (db: PrismaClient = prisma) =>
      new BackfillProcessor({
        prisma: db,
        factory: crm.factory,
        intake: { process: () => Promise.reject(new Error('import-only: intake is not called')) },
        enqueueIntake: () => Promise.reject(new Error('history only: nothing is live')),
      });
    const createBackfill = () =>
      prisma.backfill.create({
        data: {
          tenantId: b.tenant.tenantId,
          connectionId: b.connectionId,
          objectType: 'leads',
          rangeFrom: new Date(Date.now() - 30 * DAY),
          rangeTo: new Date(),
          requestedBy: 'test',
        },
      });

    it('resumes after a crash from the last committed page, counting each record once', async () => {
      const backfill = await createBackfill();
      const first = await processor().runPage(backfill.id, 0);
      expect(first).toMatchObject({ result: 'page', nextPage: 1, counts: { itemsSeen: 100, imported: 100 } });

      // The worker dies in page 1 after reading the CRM, before its transaction commits.
      const crashing = new Proxy(prisma, {
        get: (target, key) =>
          key === '$transaction'
            ? () => Promise.reject(new Error('worker killed'))
            : Reflect.get(target, key),
      });
      await expect(processor(crashing).runPage(backfill.id, 1, { number: 1, last: false })).rejects.toThrow(
        'worker killed',
      );
      expect(await prisma.backfill.findUniqueOrThrow({ where: { id: backfill.id } })).toMatchObject({
        status: 'running',
        pages: 1,
        itemsSeen: 100,
        imported: 100,
        error: 'worker killed',
      });
      expect(await prisma.lead.count({ where: { connectionId: b.connectionId } })).toBe(100);

      // A late duplicate of page 0 reads nothing and points at the checkpoint.
      expect(await processor().runPage(backfill.id, 0)).toMatchObject({ result: 'stale', nextPage: 1 });

      // No job is left for it: the sweeper queues the page the checkpoint points at.
      const requeued: [string, number][] = [];
      const sweeper = new StrandedWorkSweeper({
        prisma,
        adapters: crm.adapters,
        fanOut: new WebhookFanOut({ prisma, adapters: crm.adapters, enqueue: () => Promise.resolve() }),
        requeueWriteback: () => Promise.resolve(),
        requeueBackfill: (id, page) => {
          requeued.push([id, page]);
          return Promise.resolve();
        },
        now: () => new Date(Date.now() + STRANDED_AFTER_MS + 1_000),
      });
      expect((await sweeper.sweep()).backfills).toBe(1);
      expect(requeued).toEqual([[backfill.id, 1]]);

      // A fresh worker carries on from there to the end.
      const fresh = processor();
      const results: BackfillPageResult[] = [];
      for (let page: number | null = 1; page !== null;) {
        const result: BackfillPageResult = await fresh.runPage(backfill.id, page);
        results.push(result);
        page = result.nextPage;
      }
      expect(results.map((r) => r.result)).toEqual(['page', 'page']);
      expect(await prisma.backfill.findUniqueOrThrow({ where: { id: backfill.id } })).toMatchObject({
        status: 'completed',
        pages: 3,
        itemsSeen: LEADS,
        imported: LEADS,
        skipped: 0,
        crmCalls: 3,
        cursor: null,
        error: null,
      });
      const leads = await prisma.lead.findMany({ where: { connectionId: b.connectionId } });
      expect(leads).toHaveLength(LEADS);
      expect(new Set(leads.map((l) => l.externalId)).size).toBe(LEADS);
      expect((await sweeper.sweep()).backfills).toBe(0);

      // Four listing pages in all (the crashed one read twice), and only searches and batch reads.
      const calls = callsByOperation(await registry.metrics());
      expect(calls.get('leads.search')).toBe(4);
      for (const operation of calls.keys()) expect(operation).toMatch(/search|batchRead/);
    });

    it('commits a page run twice at once only once, and stops when cancelled', async () => {
      const backfill = await createBackfill();
      const results = await Promise.all([
        processor().runPage(backfill.id, 0),
        processor().runPage(backfill.id, 0),
      ]);
      expect(results.map((r) => r.result).sort()).toEqual(['page', 'stale']);
      // The leads were stored by the first backfill: this one refreshes them, once.
      expect(await prisma.backfill.findUniqueOrThrow({ where: { id: backfill.id } })).toMatchObject({
        pages: 1,
        itemsSeen: 100,
        imported: 100,
      });
      expect(
        await prisma.lead.count({ where: { connectionId: b.connectionId, backfillId: backfill.id } }),
      ).toBe(100);

      const cancelled = await request(api.baseUrl, 'POST', `${backfillPath(b)}/cancel`, {
        key: b.operatorKey,
      });
      expect(cancelled.status).toBe(200);
      expect(cancelled.body).toMatchObject({ id: backfill.id, status: 'cancelled', progress: { pages: 1 } });
      expect(cancelled.body.progress.percent).toBeGreaterThan(0);
      expect(await processor().runPage(backfill.id, 1)).toMatchObject({ result: 'done', nextPage: null });
      expect((await prisma.backfill.findUniqueOrThrow({ where: { id: backfill.id } })).pages).toBe(1);
    });
  });

  it('routes what it finds when asked: each lead decided once, owners written in batches', async () => {
    const started = await request(api.baseUrl, 'POST', backfillPath(b), {
      key: b.operatorKey,
      body: { from: new Date(Date.now() - 30 * DAY).toISOString(), route: true },
    });
    expect(started.status).toBe(202);
    await expect
      .poll(async () => (await latest(b)).status, { timeout: 60_000, interval: 250 })
      .toBe('completed');
    // Listed into the lead store (three search pages), then routed by lead id (three batch reads).
    expect(await latest(b)).toMatchObject({
      counts: { seen: LEADS, imported: LEADS, routed: LEADS, skipped: 0, missing: 0 },
      progress: { percent: 100, pages: 6 },
      crmCalls: 6,
    });
    await expect
      .poll(
        () =>
          prisma.routingDecision.count({
            where: { lead: { connectionId: b.connectionId }, writebackStatus: 'done' },
          }),
        { timeout: 60_000, interval: 500 },
      )
      .toBe(LEADS);
    const leads = await prisma.lead.findMany({
      where: { connectionId: b.connectionId },
      include: { decision: true },
    });
    expect(leads.every((l) => l.backfillId === started.body.id && l.decision !== null)).toBe(true);
    const { results } = await sandbox.control<{ results: { properties: Record<string, string | null> }[] }>(
      'GET',
      `/portals/${b.portalId}/objects/leads?properties=hubspot_owner_id&limit=10000`,
    );
    const owned = results.filter((r) => r.properties.hubspot_owner_id);
    expect(owned).toHaveLength(LEADS);
    for (const r of owned) expect(b.ownerIds).toContain(r.properties.hubspot_owner_id);
    // Owners went out in batch writes, not one call per lead.
    const calls = callsByOperation(await (await fetch(workerMetricsUrl)).text());
    expect(calls.get('leads.batchUpdate') ?? 0).toBeLessThan(LEADS / 10);

    // A second routing backfill finds every lead decided: nothing is routed twice.
    const again = await request(api.baseUrl, 'POST', backfillPath(b), {
      key: b.operatorKey,
      body: { days: 30, route: true },
    });
    expect(again.status).toBe(202);
    await expect
      .poll(async () => (await latest(b)).status, { timeout: 60_000, interval: 250 })
      .toBe('completed');
    expect((await latest(b)).counts).toMatchObject({ seen: LEADS, imported: 0, routed: 0, skipped: LEADS });
    expect(await prisma.routingDecision.count({ where: { lead: { connectionId: b.connectionId } } })).toBe(
      LEADS,
    );
  });
});
