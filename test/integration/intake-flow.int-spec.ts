import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { createCrmAdapterRegistry } from '@leadflow/connections';
import { createPrismaClient, type PrismaClient } from '@leadflow/database';
import {
  type IntakeRequest,
  PollProcessor,
  STRANDED_AFTER_MS,
  StrandedWorkSweeper,
  WebhookFanOut,
  WritebackProcessor,
} from '@leadflow/intake';
import { JOBS, requeueJob, writebackJob } from '@leadflow/jobs';
import { freePort, request, type RunningProcess } from '@leadflow/testing';
import { type ApiHarness, startApi, type TestTenant } from '../../apps/api/test/api-harness';
import { connectHubSpotWithSuggestedMapping } from './support/hubspot-connection';
import { seedRoutingTenant } from './support/route-leads';
import { crmRuntimeBeside } from './support/crm-runtime';
import { hubSpotPortalWithApp, type RunningSandbox, startSandbox } from './support/sandbox';
import { startWorkerProcess } from './support/worker-process';

/**
 * The lead journey with real parts: a lead created in the (HubSpot) sandbox → signed webhook → the
 * API's inbox → intake job → the worker process fetches, normalizes with the published mapping,
 * routes → write-back job → the owner appears in the sandbox. Duplicated webhooks route once.
 */
describe('intake: webhook to owner written back', () => {
  let sandbox: RunningSandbox;
  let api: ApiHarness;
  let worker: RunningProcess;
  let prisma: PrismaClient;
  let tenant: TestTenant;
  let portalId: number;
  let connectionId: string;
  let ownerIds: string[];
  let privateAppToken: string;

  beforeAll(async () => {
    sandbox = await startSandbox();
    const portal = await hubSpotPortalWithApp(sandbox, 'Intake portal', 'intake.example');
    portalId = portal.portalId;
    privateAppToken = portal.privateAppToken;
    ownerIds = portal.ownerIds;
    const { app, env: hubspot } = portal;
    const port = await freePort();
    api = await startApi({ ...hubspot, PORT: String(port), PUBLIC_BASE_URL: `http://127.0.0.1:${port}` });
    prisma = createPrismaClient({ databaseUrl: api.environment.database.url, poolSize: 2 });
    await sandbox.control('PUT', `/apps/${app.clientId}/webhooks`, {
      targetUrl: `${api.baseUrl}/v1/webhooks/hubspot`,
      subscriptions: [{ eventType: 'object.creation', objectTypeId: '0-136' }],
      retryDelaysMs: [200, 500, 1_000],
      batchWindowMs: 50,
    });

    tenant = await api.createTenant('Intake');
    connectionId = await connectHubSpotWithSuggestedMapping(
      api.baseUrl,
      tenant.adminKey,
      portal.privateAppToken,
    );
    await seedRoutingTenant(prisma, { tenantId: tenant.tenantId, connectionId, ownerIds });

    worker = (await startWorkerProcess({ ...api.environment.env, ...hubspot })).process;
  });
  afterAll(async () => {
    await worker?.stop('SIGTERM');
    await prisma?.$disconnect();
    await api?.close();
    await sandbox?.close();
  });

  async function createLead(name: string, country: string): Promise<string> {
    const { objects: contacts } = await sandbox.control<{ objects: { id: string }[] }>(
      'POST',
      `/portals/${portalId}/objects/contacts`,
      {
        objects: [{ properties: { email: `${name.toLowerCase()}@example.com`, firstname: name, country } }],
      },
    );
    const { objects: leads } = await sandbox.control<{ objects: { id: string }[] }>(
      'POST',
      `/portals/${portalId}/objects/leads`,
      {
        objects: [
          {
            properties: { hs_lead_name: name, hs_pipeline_stage: 'new-stage-id' },
            associations: [{ toObjectType: 'contacts', toObjectId: contacts[0]!.id, primary: true }],
          },
        ],
      },
    );
    return leads[0]!.id;
  }

  const ownerInCrm = async (id: string) =>
    (
      await sandbox.control<{ properties: Record<string, string | null> }>(
        'GET',
        `/portals/${portalId}/objects/leads/${id}`,
      )
    ).properties.hubspot_owner_id ?? null;

  it('routes a new HubSpot lead and writes its owner back, with the journey recorded', async () => {
    const id = await createLead('Anna', 'Germany');
    await expect.poll(() => ownerInCrm(id), { timeout: 20_000, interval: 200 }).toBe(ownerIds[0]);
    // The owner is in the CRM a moment before the write-back records it.
    await expect
      .poll(async () => (await prisma.lead.findFirst({ where: { connectionId, externalId: id } }))?.status, {
        timeout: 10_000,
        interval: 100,
      })
      .toBe('routed');

    const lead = await prisma.lead.findFirstOrThrow({
      where: { connectionId, externalId: id },
      include: { decision: true },
    });
    expect(lead).toMatchObject({ status: 'routed', objectType: 'leads', mappingVersion: 1 });
    expect(lead.normalized).toMatchObject({ externalId: id, country: 'DE', email: 'anna@example.com' });
    expect(lead.decision).toMatchObject({
      ruleId: 'dach',
      outcome: 'assigned',
      crmOwnerId: ownerIds[0],
      writebackStatus: 'done',
    });
    const listed = await request(api.baseUrl, 'GET', `/v1/leads?status=routed&connectionId=${connectionId}`, {
      key: tenant.adminKey,
    });
    expect(listed.body.items.map((l: { externalId: string }) => l.externalId)).toEqual([id]);
    const journey = await request(api.baseUrl, 'GET', `/v1/leads/${lead.id}`, { key: tenant.adminKey });
    expect(journey.body).toMatchObject({
      externalId: id,
      status: 'routed',
      mappingVersion: 1,
      lead: { country: 'DE' },
      decision: { ruleId: 'dach', writeback: { status: 'done', attempts: 1, error: null } },
    });
    expect(journey.body.raw).toMatchObject({ id });
    expect(journey.body.trail).not.toBeNull();
    const other = await api.createTenant('Other');
    expect((await request(api.baseUrl, 'GET', `/v1/leads/${lead.id}`, { key: other.adminKey })).status).toBe(
      404,
    );

    // The app-level delivery was attributed to the one connection its events belong to.
    const found = await request(
      api.baseUrl,
      'GET',
      `/v1/webhook-deliveries?objectId=${id}&connectionId=${connectionId}`,
      {
        key: tenant.adminKey,
      },
    );
    expect(found.body.items.length).toBeGreaterThan(0);
    const deliveryPath = `/v1/webhook-deliveries/${found.body.items[0].id}`;
    const delivery = await request(api.baseUrl, 'GET', deliveryPath, { key: tenant.adminKey });
    expect(delivery.body.events.map((e: { externalId: string }) => e.externalId)).toContain(id);
    expect(delivery.body.leads).toContainEqual({ id: lead.id, externalId: id, status: 'routed' });
    expect((await request(api.baseUrl, 'GET', deliveryPath, { key: other.adminKey })).status).toBe(404);

    // Replaying it queues intake again, and the lead is not routed a second time.
    const operator = await api.createKey(tenant.adminKey, 'operator');
    const replay = await request(api.baseUrl, 'POST', `${deliveryPath}/replay`, { key: operator.key });
    expect(replay.status).toBe(200);
    expect(replay.body.jobs).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 500));
    expect(await prisma.routingDecision.count({ where: { leadId: lead.id } })).toBe(1);
  });

  it('routes each lead once when every webhook arrives twice', async () => {
    await sandbox.control('PUT', `/portals/${portalId}/faults`, { webhookDuplicateRate: 1 });
    const ids = [
      await createLead('Bob', 'United States'),
      await createLead('Clara', 'Austria'),
      await createLead('Eva', 'Switzerland'),
    ];
    for (const id of ids)
      await expect.poll(() => ownerInCrm(id), { timeout: 20_000, interval: 200 }).not.toBeNull();
    await sandbox.control('DELETE', `/portals/${portalId}/faults`);

    // Bob goes to the rest-of-world rep; Clara and Eva share the DACH pool's next two turns, in
    // whichever order their concurrent intake jobs reached the router.
    const [bob, clara, eva] = await Promise.all(ids.map(ownerInCrm));
    expect(bob).toBe(ownerIds[2]);
    expect([clara, eva].sort()).toEqual([ownerIds[0], ownerIds[1]].sort());
    const decisions = await prisma.routingDecision.findMany({ where: { lead: { connectionId } } });
    expect(decisions).toHaveLength(4);
    const loads = await prisma.repLoad.findMany({ where: { tenantId: tenant.tenantId } });
    expect(loads.reduce((sum, l) => sum + l.assignedToday, 0)).toBe(4);
    // Every creation event arrived twice (one for the first lead, two for each of these three).
    const delivered = await prisma.webhookDelivery.aggregate({
      where: { provider: 'hubspot', status: 'queued' },
      _sum: { eventCount: true },
    });
    expect(delivered._sum.eventCount).toBeGreaterThanOrEqual(7);
  });

  it('finds a lead whose webhook was dropped by polling, and records the runs', async () => {
    const polling = await request(api.baseUrl, 'PUT', `/v1/connections/${connectionId}/polling`, {
      key: tenant.adminKey,
      body: { intervalSeconds: 1 },
    });
    expect(polling.body.pollIntervalSeconds).toBe(1);
    await sandbox.control('PUT', `/portals/${portalId}/faults`, { webhookDropRate: 1 });
    const id = await createLead('Fred', 'United Kingdom');
    await expect.poll(() => ownerInCrm(id), { timeout: 20_000, interval: 250 }).toBe(ownerIds[2]);
    await sandbox.control('DELETE', `/portals/${portalId}/faults`);

    const runs = await request(api.baseUrl, 'GET', `/v1/connections/${connectionId}/sync-runs?limit=200`, {
      key: tenant.adminKey,
    });
    expect(runs.status).toBe(200);
    const items = runs.body.items as {
      itemsNew: number;
      itemsSeen: number;
      error: string | null;
      windowStart: string;
      windowEnd: string;
    }[];
    expect(items.some((r) => r.itemsNew >= 1)).toBe(true);
    expect(items.every((r) => r.error === null)).toBe(true);
    for (const run of items) expect(Date.parse(run.windowEnd)).toBeGreaterThan(Date.parse(run.windowStart));
    expect(await prisma.routingDecision.count({ where: { lead: { connectionId, externalId: id } } })).toBe(1);
  });

  /** A change made in the CRM, through its API, as a sales rep's tools would. */
  async function changeInCrm(id: string, properties: Record<string, string>): Promise<void> {
    const res = await fetch(`${sandbox.baseUrl}/crm/v3/objects/leads/${id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${privateAppToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ properties }),
    });
    expect(res.status).toBe(200);
  }

  const leadOf = (externalId: string) =>
    prisma.lead.findFirstOrThrow({ where: { connectionId, externalId }, include: { decision: true } });

  it('applies a won status from the CRM to the lead, its rep’s open leads and the rep’s KPIs', async () => {
    const id = await createLead('Gina', 'Germany');
    await expect.poll(() => ownerInCrm(id), { timeout: 20_000, interval: 200 }).not.toBeNull();
    const lead = await leadOf(id);
    expect(lead.crmStatus).toBe('open');
    const repId = lead.decision!.repId!;
    const before = await prisma.repLoad.findUniqueOrThrow({ where: { repId } });

    // Polling (every second since the previous test) sees the change and intake applies it.
    await changeInCrm(id, { hs_pipeline_stage: 'qualified-stage-id' });
    await expect
      .poll(async () => (await leadOf(id)).crmStatus, { timeout: 20_000, interval: 250 })
      .toBe('won');
    const after = await leadOf(id);
    expect(after.closedAt).not.toBeNull();
    expect(after.decision!.id).toBe(lead.decision!.id);
    expect((await prisma.repLoad.findUniqueOrThrow({ where: { repId } })).openCount).toBe(
      before.openCount - 1,
    );
    const assigned = await prisma.routingDecision.count({ where: { repId, outcome: 'assigned' } });
    const kpis = Object.fromEntries(
      (await prisma.repKpi.findMany({ where: { repId } })).map((k) => [k.kpi, k.value]),
    );
    expect(kpis).toEqual({ win_rate: 1, conversion_rate: 1 / assigned });

    const journey = await request(api.baseUrl, 'GET', `/v1/leads/${lead.id}`, { key: tenant.adminKey });
    expect(journey.body).toMatchObject({ crmStatus: 'won', decision: { id: lead.decision!.id } });
    const won = await request(api.baseUrl, 'GET', `/v1/leads?crmStatus=won&connectionId=${connectionId}`, {
      key: tenant.adminKey,
    });
    expect(won.body.items.map((l: { externalId: string }) => l.externalId)).toEqual([id]);
    const bad = await request(api.baseUrl, 'GET', '/v1/leads?crmStatus=closed', { key: tenant.adminKey });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('crmStatus');

    // Lost after all: the KPI follows, the open count does not move again.
    await changeInCrm(id, { hs_pipeline_stage: 'unqualified-stage-id' });
    await expect
      .poll(async () => (await leadOf(id)).crmStatus, { timeout: 20_000, interval: 250 })
      .toBe('lost');
    expect((await prisma.repKpi.findFirstOrThrow({ where: { repId, kpi: 'win_rate' } })).value).toBe(0);
    expect((await prisma.repLoad.findUniqueOrThrow({ where: { repId } })).openCount).toBe(
      before.openCount - 1,
    );
  });

  it('re-routes a lead when an operator asks, and by a forced replay, keeping each old decision', async () => {
    const id = await createLead('Hugo', 'Austria');
    await expect.poll(() => ownerInCrm(id), { timeout: 20_000, interval: 200 }).not.toBeNull();
    const first = await leadOf(id);
    const firstOwner = first.decision!.crmOwnerId;
    const viewer = await api.createKey(tenant.adminKey, 'viewer');
    const operator = await api.createKey(tenant.adminKey, 'operator');
    const path = `/v1/leads/${first.id}/reroute`;
    expect((await request(api.baseUrl, 'POST', path, { key: viewer.key, body: {} })).status).toBe(403);
    const invalid = await request(api.baseUrl, 'POST', path, { key: operator.key, body: { reason: '' } });
    expect(invalid.status).toBe(400);
    expect(invalid.text).toContain('reason');

    const res = await request(api.baseUrl, 'POST', path, {
      key: operator.key,
      body: { reason: 'rep on leave' },
    });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ leadId: first.id, supersededDecisionId: first.decision!.id, queued: true });
    // Round robin over two DACH reps: the next turn is the other rep, written over our own earlier owner.
    await expect.poll(() => ownerInCrm(id), { timeout: 20_000, interval: 200 }).not.toBe(firstOwner);
    await expect
      .poll(async () => (await leadOf(id)).decision?.writebackStatus, { timeout: 20_000, interval: 200 })
      .toBe('done');
    const journey = await request(api.baseUrl, 'GET', `/v1/leads/${first.id}`, { key: operator.key });
    expect(journey.body.pastDecisions).toMatchObject([
      { id: first.decision!.id, crmOwnerId: firstOwner, reason: 'rep on leave', supersededBy: operator.id },
    ]);
    expect(journey.body.decision.crmOwnerId).toBe(await ownerInCrm(id));

    // A forced replay of the lead's webhook routes it afresh too; a plain one does not.
    const delivery = journey.body.deliveries[0] as { id: string };
    const replayPath = `/v1/webhook-deliveries/${delivery.id}/replay`;
    const plain = await request(api.baseUrl, 'POST', replayPath, { key: operator.key, body: {} });
    expect(plain.body).toMatchObject({ rerouted: 0 });
    const forced = await request(api.baseUrl, 'POST', replayPath, {
      key: operator.key,
      body: { force: true },
    });
    expect(forced.status).toBe(200);
    expect(forced.body.rerouted).toBe(1);
    await expect
      .poll(
        async () =>
          (await request(api.baseUrl, 'GET', `/v1/leads/${first.id}`, { key: operator.key })).body
            .pastDecisions.length,
        { timeout: 20_000, interval: 250 },
      )
      .toBe(2);
    await expect
      .poll(async () => (await leadOf(id)).decision?.writebackStatus, { timeout: 20_000, interval: 200 })
      .toBe('done');
    expect(await prisma.routingDecision.count({ where: { leadId: first.id } })).toBe(1);
    const audit = await prisma.auditLog.count({
      where: { tenantId: tenant.tenantId, action: 'lead.reroute' },
    });
    expect(audit).toBe(2);
  });

  it('sweeps up work a crash stranded: a delivery never fanned out, a write-back never queued', async () => {
    const id = await createLead('Ines', 'Germany');
    await expect.poll(() => ownerInCrm(id), { timeout: 20_000, interval: 200 }).not.toBeNull();
    const lead = await leadOf(id);
    const stored = await prisma.webhookDelivery.findFirstOrThrow({
      where: { connectionId, status: 'queued', body: { contains: id } },
    });
    // As if the API stopped after storing the delivery, and the worker after deciding.
    const stranded = await prisma.webhookDelivery.create({
      data: { provider: 'hubspot', status: 'received', headers: {}, body: stored.body, eventCount: 1 },
    });
    await prisma.routingDecision.update({
      where: { id: lead.decision!.id },
      data: { writebackStatus: 'pending', writtenBackAt: null },
    });

    const redis = new Redis(api.environment.env.REDIS_URL!, { maxRetriesPerRequest: null });
    const writebacks = new Queue(JOBS.writebackOwner.queue, {
      connection: redis,
      prefix: api.environment.env.QUEUE_PREFIX!,
    });
    const requested: IntakeRequest[] = [];
    const adapters = createCrmAdapterRegistry();
    const sweeper = new StrandedWorkSweeper({
      prisma,
      adapters,
      fanOut: new WebhookFanOut({
        prisma,
        adapters,
        enqueue: (requests) => {
          requested.push(...requests);
          return Promise.resolve();
        },
      }),
      requeueWriteback: async (decisionId) => {
        const job = writebackJob(decisionId, 8);
        await requeueJob(writebacks, job.name, { decisionId }, job.opts);
      },
      now: () => new Date(Date.now() + STRANDED_AFTER_MS + 1_000),
    });
    try {
      const swept = await sweeper.sweep();
      expect(swept.deliveries).toBeGreaterThanOrEqual(1);
      expect(swept.writebacks).toBe(1);
      expect(requested).toContainEqual({ connectionId, externalId: id });
      expect(await prisma.webhookDelivery.findUniqueOrThrow({ where: { id: stranded.id } })).toMatchObject({
        status: 'queued',
      });
      await expect
        .poll(async () => (await leadOf(id)).decision?.writebackStatus, { timeout: 20_000, interval: 200 })
        .toBe('done');
      expect((await sweeper.sweep()).writebacks).toBe(0);
    } finally {
      await writebacks.close();
      redis.disconnect();
    }
  });

  it('never moves a connection’s poll cursor backwards when an earlier poll finishes last', async () => {
    // The worker's own polls would race this test: give the connection a long interval first.
    await request(api.baseUrl, 'PUT', `/v1/connections/${connectionId}/polling`, {
      key: tenant.adminKey,
      body: { intervalSeconds: 3600 },
    });
    const { crm, dispose } = crmRuntimeBeside(prisma, api.environment.env, sandbox, 'cursor-test');
    const pollerAt = (now: Date) =>
      new PollProcessor({
        prisma,
        factory: crm.factory,
        adapters: crm.adapters,
        enqueueIntake: () => Promise.resolve(),
        now: () => now,
      });
    const cursor = async () =>
      (await prisma.syncCursor.findFirstOrThrow({ where: { connectionId } })).syncedUntil.getTime();
    try {
      const later = new Date();
      await pollerAt(later).poll(connectionId);
      expect(await cursor()).toBe(later.getTime());
      await pollerAt(new Date(later.getTime() - 5 * 60_000)).poll(connectionId);
      expect(await cursor()).toBe(later.getTime());
    } finally {
      dispose();
    }
  });

  it('queues for intake only what polling finds unseen or changed, and leaves settled leads and history alone', async () => {
    const decided = await prisma.lead.findFirstOrThrow({
      where: { connectionId, decision: { isNot: null }, crmUpdatedAt: { not: null } },
    });
    const seenAt = decided.crmUpdatedAt!.getTime();
    const stored = async (externalId: string, status: string) =>
      prisma.lead.create({
        data: {
          tenantId: tenant.tenantId,
          connectionId,
          externalId,
          status,
          normalized: {},
          crmUpdatedAt: new Date(seenAt),
        },
      });
    await stored('poll-needs-mapping', 'needs_mapping');
    await stored('poll-needs-mapping-changed', 'needs_mapping');
    await stored('poll-undecided', 'new');
    const at = (ms: number) => new Date(ms).toISOString();
    const record = (externalId: string, updatedAt: string | null, createdAt: string | null = null) => ({
      externalId,
      updatedAt,
      ownerId: null,
      createdAt,
      properties: {},
      raw: {},
    });
    const page = [
      record('poll-unknown', at(seenAt)), // never stored: new
      record(decided.externalId, at(seenAt - 1_000)), // our own write-back is newer: nothing to do
      record('poll-needs-mapping', at(seenAt)), // waiting for a mapping fix, unchanged
      record('poll-needs-mapping-changed', at(seenAt + 1_000)), // changed in the CRM since
      record('poll-undecided', at(seenAt)), // stored but its intake never finished: safety net
      record('poll-history', at(seenAt), '2020-01-01T00:00:00.000Z'), // created before the connection: edited, not new
    ];
    const queued: string[][] = [];
    const poller = new PollProcessor({
      prisma,
      factory: {
        forConnection: () =>
          Promise.resolve({ listChangedLeads: () => Promise.resolve({ items: page, nextCursor: null }) }),
      } as unknown as ConstructorParameters<typeof PollProcessor>[0]['factory'],
      adapters: createCrmAdapterRegistry(),
      enqueueIntake: (_connection, found) => {
        queued.push(found.map((r) => r.externalId));
        return Promise.resolve();
      },
      now: () => new Date(seenAt + 60_000),
    });
    const result = await poller.poll(connectionId);
    expect(queued).toEqual([['poll-unknown', 'poll-needs-mapping-changed', 'poll-undecided']]);
    expect(result).toMatchObject({ itemsSeen: 6, itemsNew: 4, pages: 1 });
  });

  it('does not overwrite an owner changed in the CRM, skips decisions without one, and tells stale jobs apart', async () => {
    // The worker's own polls would re-read these leads: keep them away while the test sets states.
    await request(api.baseUrl, 'PUT', `/v1/connections/${connectionId}/polling`, {
      key: tenant.adminKey,
      body: { intervalSeconds: 3600 },
    });
    const conflicted = await createLead('Ivo', 'Germany');
    const unowned = await createLead('Jana', 'Germany');
    for (const id of [conflicted, unowned]) {
      await expect
        .poll(async () => (await leadOf(id)).decision?.writebackStatus, { timeout: 20_000, interval: 200 })
        .toBe('done');
    }
    const { crm, dispose } = crmRuntimeBeside(prisma, api.environment.env, sandbox, 'writeback-test');
    const writeback = new WritebackProcessor({ prisma, factory: crm.factory, adapters: crm.adapters });
    try {
      // A decision still pending two minutes on (a backlog): its record is read again first, and a
      // person gave it another owner meanwhile.
      const first = await leadOf(conflicted);
      await prisma.routingDecision.update({
        where: { id: first.decision!.id },
        data: { writebackStatus: 'pending', createdAt: new Date(Date.now() - 120_000) },
      });
      const someoneElse = ownerIds.find((o) => o !== first.decision!.crmOwnerId)!;
      await changeInCrm(conflicted, { hubspot_owner_id: someoneElse });
      expect(await writeback.process(first.decision!.id, { number: 1, last: false })).toBe('conflict');
      const afterConflict = await leadOf(conflicted);
      expect(afterConflict.status).toBe('writeback_conflict');
      expect(afterConflict.decision).toMatchObject({ writebackStatus: 'conflict', writebackAttempts: 2 });
      expect(afterConflict.decision!.writebackError).toMatch(/not overwritten/);
      expect(await ownerInCrm(conflicted)).toBe(someoneElse);

      // A decision with no owner to write (unrouted) finishes as skipped, the lead keeps its outcome.
      const second = await leadOf(unowned);
      await prisma.routingDecision.update({
        where: { id: second.decision!.id },
        data: { writebackStatus: 'pending', crmOwnerId: null, outcome: 'unrouted' },
      });
      expect(await writeback.process(second.decision!.id, { number: 1, last: false })).toBe('skipped');
      expect((await leadOf(unowned)).status).toBe('unrouted');

      // Jobs that outlived their decision's write-back, or the decision itself (re-routed).
      expect(await writeback.process(second.decision!.id, { number: 2, last: false })).toBe('already_done');
      expect(
        await writeback.process('00000000-0000-7000-8000-000000000000', { number: 1, last: false }),
      ).toBe('superseded');
    } finally {
      dispose();
    }
  });
});
