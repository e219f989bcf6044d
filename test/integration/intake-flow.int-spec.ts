import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, type PrismaClient } from '@leadflow/database';
import { freePort, request, runNode, type RunningProcess, waitForHttp } from '@leadflow/testing';
import { type ApiHarness, startApi, type TestTenant } from '../../apps/api/test/api-harness';
import { seedRoutingTenant } from './support/route-leads';
import { type RunningSandbox, startSandbox } from './support/sandbox';

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

  beforeAll(async () => {
    sandbox = await startSandbox();
    const portal = await sandbox.portal({ name: 'Intake portal' });
    portalId = portal.portalId;
    const { owners } = await sandbox.control<{ owners: { id: string }[] }>(
      'POST',
      `/portals/${portalId}/owners`,
      {
        owners: ['rep0', 'rep1', 'rep2'].map((n) => ({ email: `${n}@intake.example` })),
      },
    );
    ownerIds = owners.map((o) => o.id);
    const app = await sandbox.oauthApp(portalId);
    const port = await freePort();
    const hubspot = {
      HUBSPOT_API_BASE_URL: sandbox.baseUrl,
      HUBSPOT_AUTH_BASE_URL: sandbox.baseUrl,
      HUBSPOT_CLIENT_ID: app.clientId,
      HUBSPOT_CLIENT_SECRET: app.clientSecret,
    };
    api = await startApi({ ...hubspot, PORT: String(port), PUBLIC_BASE_URL: `http://127.0.0.1:${port}` });
    prisma = createPrismaClient({ databaseUrl: api.environment.database.url, poolSize: 2 });
    await sandbox.control('PUT', `/apps/${app.clientId}/webhooks`, {
      targetUrl: `${api.baseUrl}/v1/webhooks/hubspot`,
      subscriptions: [{ eventType: 'object.creation', objectTypeId: '0-136' }],
      retryDelaysMs: [200, 500, 1_000],
      batchWindowMs: 50,
    });

    tenant = await api.createTenant('Intake');
    const connected = await request(api.baseUrl, 'POST', '/v1/connections', {
      key: tenant.adminKey,
      body: { provider: 'hubspot', authType: 'token', token: portal.privateAppToken },
    });
    expect(connected.status).toBe(201);
    connectionId = connected.body.id;
    const draft = await request(api.baseUrl, 'GET', `/v1/connections/${connectionId}/mapping/draft`, {
      key: tenant.adminKey,
    });
    await request(api.baseUrl, 'PUT', `/v1/connections/${connectionId}/mapping/draft`, {
      key: tenant.adminKey,
      body: draft.body.mapping,
    });
    const published = await request(api.baseUrl, 'POST', `/v1/connections/${connectionId}/mapping/publish`, {
      key: tenant.adminKey,
    });
    expect(published.status).toBe(201);
    await seedRoutingTenant(prisma, { tenantId: tenant.tenantId, connectionId, ownerIds });

    const healthPort = await freePort();
    worker = runNode(
      'apps/worker/src/main.ts',
      {
        ...api.environment.env,
        ...hubspot,
        WORKER_HEALTH_PORT: String(healthPort),
        LOG_LEVEL: 'warn',
        POLL_SCHEDULER_INTERVAL_MS: '500',
      },
      [],
      ['--import', 'tsx'],
    );
    await waitForHttp(`http://127.0.0.1:${healthPort}/health/ready`);
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
});
