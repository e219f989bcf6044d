import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { JOBS } from '@leadflow/jobs';
import {
  databaseUrl,
  freePort,
  REPO_ROOT,
  request,
  runNode,
  type RunningProcess,
  TEST_BOOTSTRAP_TOKEN,
  TEST_ENCRYPTION_KEYS,
  TEST_REDIS_URL,
  waitForHttp,
} from '@leadflow/testing';
import { eventually } from './support/eventually';
import { redeliver } from './support/redeliver';
import { connectMondayBoard, createMondayBoard, setUpRoundRobinTeam } from '../../scripts/sandbox-setup.mjs';

/**
 * A lead's whole journey with every part in its own OS process, as deployed: the sandbox CRM
 * (HubSpot and Monday), the API and the worker, built to dist/ and talking only over HTTP, Postgres
 * and Redis. Everything is provisioned through public APIs (the sandbox's control API stands in for
 * a person clicking in the CRM), then: a lead in each CRM gets its owner written back; duplicated and
 * out-of-order webhooks route nothing twice; a lead whose webhook is lost is found by polling.
 */

interface Decision {
  id: string;
  outcome: string;
  repId: string | null;
  poolId: string | null;
  crmOwnerId: string | null;
  writeback: { status: string; attempts: number; error: string | null; writtenBackAt: string | null };
}
interface Lead {
  id: string;
  connectionId: string;
  externalId: string;
  status: string;
  lead: Record<string, unknown>;
  decision: Decision | null;
}
interface Delivery {
  id: string;
  provider: string;
  connectionId: string | null;
  status: string;
  body: string;
  receivedAt: string;
}
interface DeliveryDetail extends Delivery {
  events: { externalId: string; type: string; eventId: string | null }[];
  leads: { id: string; externalId: string; status: string }[];
}

const OWNERS = ['ada', 'grace', 'alan'].map((name) => ({
  email: `${name}@journey.example`,
  firstName: name[0]!.toUpperCase() + name.slice(1),
  lastName: 'Journey',
}));

/** Resolves once the URL answers, or fails at once with the process's output if it died first. */
async function ready(child: RunningProcess, url: string): Promise<void> {
  const died = child.exited.then((code) => {
    throw new Error(`exited (${code}) before ${url} was ready:\n${child.output()}`);
  });
  await Promise.race([waitForHttp(url), died]);
}

describe('intake journey across the sandbox, API and worker processes', () => {
  const databaseName = `lf_test_${inject('testRunId')}_intake_journey`;
  const queuePrefix = `lf-e2e-journey-${randomBytes(4).toString('hex')}`;
  const secret = randomBytes(12).toString('hex');
  const hubspotApp = { clientId: `journey-hs-${secret}`, clientSecret: `hs-secret-${secret}`, appId: 7301 };
  const mondayApp = {
    clientId: `journey-monday-${secret}`,
    clientSecret: `monday-secret-${secret}`,
    signingSecret: `monday-signing-${secret}`,
  };
  const processes: RunningProcess[] = [];
  let apiUrl: string;
  let sandboxUrl: string;
  let workerUrl: string;
  let adminKey: string;
  let portalId: number;
  let hubspotConnectionId: string;
  let hubspotOwnerIds: string[];
  let mondayAccountId: string;
  let mondayOwnerUserId: string;
  let boardId: number;
  let mondayConnectionId: string;
  let mondayUserIds: string[];
  let poolId: string;
  let repsByOwner: Map<string, string>;

  const api = async <T = any>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await request(apiUrl, method, path, { key: adminKey, body });
    if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${res.text}`);
    return res.body as T;
  };
  const sandbox = async <T = any>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await request(sandboxUrl, method, `/_sandbox${path}`, { body });
    if (res.status >= 300) throw new Error(`${method} /_sandbox${path} → ${res.status} ${res.text}`);
    return res.body as T;
  };

  beforeAll(async () => {
    const build = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}${build.stderr}`);

    const [apiPort, workerPort, sandboxPort] = [await freePort(), await freePort(), await freePort()];
    apiUrl = `http://127.0.0.1:${apiPort}`;
    sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
    workerUrl = `http://127.0.0.1:${workerPort}`;
    const common = {
      DATABASE_URL: databaseUrl(databaseName),
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: queuePrefix,
      TOKEN_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
      LOG_LEVEL: 'warn',
      OTEL_SDK_DISABLED: 'true',
      HUBSPOT_API_BASE_URL: sandboxUrl,
      HUBSPOT_AUTH_BASE_URL: sandboxUrl,
      HUBSPOT_CLIENT_ID: hubspotApp.clientId,
      HUBSPOT_CLIENT_SECRET: hubspotApp.clientSecret,
      HUBSPOT_APP_ID: String(hubspotApp.appId),
      MONDAY_API_URL: `${sandboxUrl}/v2`,
      MONDAY_AUTH_BASE_URL: sandboxUrl,
      MONDAY_CLIENT_ID: mondayApp.clientId,
      MONDAY_CLIENT_SECRET: mondayApp.clientSecret,
      MONDAY_SIGNING_SECRET: mondayApp.signingSecret,
    };
    const sandboxProcess = runNode('dist/apps/sandbox/src/main.js', {
      PORT: String(sandboxPort),
      LOG_LEVEL: 'warn',
      OTEL_SDK_DISABLED: 'true',
    });
    // API and worker start together on a database that does not exist yet: both create and
    // migrate it under the advisory lock, as in a real deployment.
    const apiProcess = runNode('dist/apps/api/src/main.js', {
      ...common,
      PORT: String(apiPort),
      PUBLIC_BASE_URL: apiUrl,
      ADMIN_BOOTSTRAP_TOKEN: TEST_BOOTSTRAP_TOKEN,
    });
    const workerProcess = runNode('dist/apps/worker/src/main.js', {
      ...common,
      WORKER_HEALTH_PORT: String(workerPort),
      POLL_SCHEDULER_INTERVAL_MS: '500',
    });
    processes.push(sandboxProcess, apiProcess, workerProcess);
    await Promise.all([
      ready(sandboxProcess, `${sandboxUrl}/health/ready`),
      ready(apiProcess, `${apiUrl}/health/ready`),
      ready(workerProcess, `${workerUrl}/health/ready`),
    ]);

    const tenant = await request(apiUrl, 'POST', '/v1/tenants', {
      key: TEST_BOOTSTRAP_TOKEN,
      body: { name: 'Journey', slug: 'journey' },
    });
    expect(tenant.status).toBe(201);
    adminKey = tenant.body.apiKey.key;

    // HubSpot: a portal with owners, an app whose webhooks reach the API, connected by token.
    const portal = await sandbox('POST', '/hubspot/portals', { name: 'Journey portal' });
    portalId = portal.portalId;
    const { owners } = await sandbox('POST', `/hubspot/portals/${portalId}/owners`, { owners: OWNERS });
    hubspotOwnerIds = owners.map((o: { id: string | number }) => String(o.id));
    await sandbox('POST', '/hubspot/apps', { ...hubspotApp, portalId });
    await sandbox('PUT', `/hubspot/apps/${hubspotApp.clientId}/webhooks`, {
      targetUrl: `${apiUrl}/v1/webhooks/hubspot`,
      subscriptions: [{ eventType: 'object.creation', objectTypeId: '0-136' }],
      batchWindowMs: 50,
      retryDelaysMs: [200, 500, 1_000],
    });
    hubspotConnectionId = (
      await api('POST', '/v1/connections', {
        provider: 'hubspot',
        authType: 'token',
        token: portal.privateAppToken,
        name: 'Journey HubSpot',
      })
    ).id;

    // Monday: an account with users and a leads board, connected by OAuth (so its webhooks are
    // signed), then the board and its owner column chosen, which subscribes the webhooks.
    const board = await createMondayBoard({
      sandboxUrl,
      account: { name: 'Journey', webhookRetryDelaysMs: [200, 500, 1_000] },
      users: OWNERS.map((o) => ({ name: `${o.firstName} ${o.lastName}`, email: o.email })),
    });
    mondayAccountId = String(board.accountId);
    mondayOwnerUserId = board.ownerUserId;
    mondayUserIds = board.userIds;
    boardId = board.boardId;
    mondayConnectionId = await connectMondayBoard({ apiUrl, sandboxUrl, adminKey, app: mondayApp, ...board });

    // Routing: one rep per person, known in both CRMs, in one round-robin pool that takes everything.
    const team = await setUpRoundRobinTeam({
      apiUrl,
      adminKey,
      teamName: 'Journey team',
      reps: OWNERS.map((owner, i) => ({
        name: `${owner.firstName} ${owner.lastName}`,
        email: owner.email,
        crmOwnerIds: { [hubspotConnectionId]: hubspotOwnerIds[i]!, [mondayConnectionId]: mondayUserIds[i]! },
      })),
      connectionIds: [hubspotConnectionId, mondayConnectionId],
    });
    poolId = team.poolId;
    repsByOwner = new Map();
    team.repIds.forEach((repId, i) => {
      repsByOwner.set(`${hubspotConnectionId}:${hubspotOwnerIds[i]}`, repId);
      repsByOwner.set(`${mondayConnectionId}:${mondayUserIds[i]}`, repId);
    });
  });

  afterAll(async () => {
    // Worker first, so no job is mid-flight against an API or sandbox that is already gone.
    for (const child of [...processes].reverse()) await child.stop('SIGTERM').catch(() => undefined);
    const admin = new Client({ connectionString: databaseUrl('postgres') });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
    await admin.end();
    const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${queuePrefix}:*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    redis.disconnect();
  });

  async function createHubSpotLead(name: string): Promise<string> {
    const { objects: contacts } = await sandbox('POST', `/hubspot/portals/${portalId}/objects/contacts`, {
      objects: [{ properties: { email: `${name.toLowerCase()}@leads.example`, firstname: name } }],
    });
    const { objects: leads } = await sandbox('POST', `/hubspot/portals/${portalId}/objects/leads`, {
      objects: [
        {
          properties: { hs_lead_name: name },
          associations: [{ toObjectType: 'contacts', toObjectId: contacts[0].id, primary: true }],
        },
      ],
    });
    return String(leads[0].id);
  }

  async function createMondayItem(name: string): Promise<string> {
    const { items } = await sandbox('POST', `/monday/accounts/${mondayAccountId}/boards/${boardId}/items`, {
      items: [
        {
          name,
          column_values: {
            email: { email: `${name.toLowerCase()}@items.example`, text: name },
            company: `${name} GmbH`,
          },
        },
      ],
    });
    return String(items[0].id);
  }

  const hubSpotLead = (id: string) =>
    sandbox<{ properties: Record<string, string | undefined> }>(
      'GET',
      `/hubspot/portals/${portalId}/objects/leads/${id}`,
    );

  /** The people in the item's owner column, as Monday stores them. */
  async function mondayOwners(id: string): Promise<string[]> {
    const item = await sandbox('GET', `/monday/accounts/${mondayAccountId}/items/${id}`);
    const value = item.column_values.person?.value as string | object | null | undefined;
    if (!value) return [];
    // The control API returns the stored value as an object; GraphQL would give it as a string.
    const parsed = (typeof value === 'string' ? JSON.parse(value) : value) as {
      personsAndTeams?: { id: number | string }[];
    };
    return (parsed.personsAndTeams ?? []).map((p) => String(p.id));
  }

  const mondayItemUpdatedAt = async (id: string): Promise<string> =>
    (await sandbox('GET', `/monday/accounts/${mondayAccountId}/items/${id}`)).updatedAt;

  async function leadsOf(connectionId: string): Promise<Lead[]> {
    return (await api<{ items: Lead[] }>('GET', `/v1/leads?connectionId=${connectionId}&limit=200`)).items;
  }

  /** Waits for the lead to be decided and its owner written back, and returns its journey. */
  async function writtenBack(connectionId: string, externalId: string) {
    const lead = await eventually(async () => {
      const found = (await leadsOf(connectionId)).find((l) => l.externalId === externalId);
      expect(found?.decision?.writeback.status).toBe('done');
      return found!;
    });
    return api<Lead & { raw: Record<string, unknown> | null; trail: unknown }>('GET', `/v1/leads/${lead.id}`);
  }

  /** Accepted deliveries of a connection whose events name the record, oldest first. */
  async function deliveriesAbout(connectionId: string, externalId: string): Promise<DeliveryDetail[]> {
    const page = await api<{ items: Delivery[] }>(
      'GET',
      `/v1/webhook-deliveries?connectionId=${connectionId}&objectId=${externalId}&limit=200`,
    );
    const details = await Promise.all(
      page.items.map((d) => api<DeliveryDetail>('GET', `/v1/webhook-deliveries/${d.id}`)),
    );
    return details
      .filter((d) => d.events.some((e) => e.externalId === externalId))
      .sort((a, b) => Date.parse(a.receivedAt) - Date.parse(b.receivedAt));
  }

  /**
   * Owner values written to a HubSpot lead through the CRM API, from the sandbox's write log: a
   * repeated write of the same owner is listed too, so this counts writes, not changes.
   */
  async function hubSpotOwnerWrites(id: string): Promise<string[]> {
    const log = await sandbox<{ writes: { objectId: string | number; value: string }[] }>(
      'GET',
      `/hubspot/portals/${portalId}/writes?objectType=leads&property=hubspot_owner_id&limit=10000`,
    );
    return log.writes.filter((w) => String(w.objectId) === id).map((w) => w.value);
  }

  function expectRoutedTo(lead: Lead, connectionId: string, ownerIds: readonly string[], crmOwner: string) {
    expect(ownerIds).toContain(crmOwner);
    expect(lead.status).toBe('routed');
    expect(lead.decision).toMatchObject({
      outcome: 'assigned',
      poolId,
      crmOwnerId: crmOwner,
      repId: repsByOwner.get(`${connectionId}:${crmOwner}`),
      writeback: { status: 'done', attempts: 1, error: null },
    });
    expect(lead.decision!.writeback.writtenBackAt).not.toBeNull();
  }

  it('routes a new HubSpot lead and writes its owner back to the portal', async () => {
    const id = await createHubSpotLead('Hanna');
    const owner = await eventually(async () => {
      const value = (await hubSpotLead(id)).properties.hubspot_owner_id;
      expect(value).toBeTruthy();
      return value!;
    });

    const journey = await writtenBack(hubspotConnectionId, id);
    expectRoutedTo(journey, hubspotConnectionId, hubspotOwnerIds, owner);
    expect(journey.lead).toMatchObject({ externalId: id, email: 'hanna@leads.example' });
    expect(journey.raw).toMatchObject({ id });
    expect(journey.trail).not.toBeNull();
    // The creation webhook reached the API, and the app-level delivery was attributed to this connection.
    const deliveries = await deliveriesAbout(hubspotConnectionId, id);
    expect(deliveries.length).toBeGreaterThan(0);
    expect(deliveries[0]!.events).toContainEqual(
      expect.objectContaining({ externalId: id, type: 'created' }),
    );
  });

  it('routes a new Monday item and writes its owner into the board’s People column', async () => {
    const id = await createMondayItem('Mira');
    const people = await eventually(async () => {
      const value = await mondayOwners(id);
      expect(value).toHaveLength(1);
      return value;
    });

    const journey = await writtenBack(mondayConnectionId, id);
    expectRoutedTo(journey, mondayConnectionId, mondayUserIds, people[0]!);
    expect(journey.lead).toMatchObject({ externalId: id });
    const deliveries = await deliveriesAbout(mondayConnectionId, id);
    expect(deliveries[0]?.events).toContainEqual(
      expect.objectContaining({ externalId: id, type: 'created' }),
    );
  });

  it('routes each lead once and writes each owner once when webhooks arrive twice and out of order', async () => {
    await sandbox('PUT', `/hubspot/portals/${portalId}/faults`, { webhookDuplicateRate: 1 });
    await sandbox('PUT', `/monday/accounts/${mondayAccountId}/faults`, { webhookDuplicateRate: 1 });
    const hubspotIds = [await createHubSpotLead('Dora'), await createHubSpotLead('Dirk')];
    const mondayIds = [await createMondayItem('Dana'), await createMondayItem('Dario')];
    const subjects = [
      ...hubspotIds.map((externalId) => ({ connectionId: hubspotConnectionId, externalId })),
      ...mondayIds.map((externalId) => ({ connectionId: mondayConnectionId, externalId })),
    ];

    // The duplicates really arrived (each creation in at least two accepted deliveries) and the
    // leads were written back; only then is "routed once" a claim about duplicates.
    for (const { connectionId, externalId } of subjects) {
      await eventually(async () => {
        const created = (await deliveriesAbout(connectionId, externalId)).filter((d) =>
          d.events.some((e) => e.externalId === externalId && e.type === 'created'),
        );
        expect(created.length).toBeGreaterThanOrEqual(2);
      });
      await writtenBack(connectionId, externalId);
    }
    await sandbox('DELETE', `/hubspot/portals/${portalId}/faults`);
    await sandbox('DELETE', `/monday/accounts/${mondayAccountId}/faults`);

    const before = new Map<string, Lead>();
    for (const { connectionId, externalId } of subjects)
      before.set(externalId, await writtenBack(connectionId, externalId));

    // Monday keeps no write log, but any change to an item moves its modification time.
    const mondayUpdatedBefore = await Promise.all(mondayIds.map(mondayItemUpdatedAt));

    // Late retries: every captured delivery about these leads again, newest first, so earlier
    // deliveries land after later ones.
    const captured = new Map<string, DeliveryDetail>();
    for (const { connectionId, externalId } of subjects)
      for (const d of await deliveriesAbout(connectionId, externalId)) captured.set(d.id, d);
    const newestFirst = [...captured.values()].sort(
      (a, b) => Date.parse(b.receivedAt) - Date.parse(a.receivedAt),
    );
    const secrets = {
      hubspotClientSecret: hubspotApp.clientSecret,
      mondaySigningSecret: mondayApp.signingSecret,
    };
    for (const delivery of newestFirst) {
      const res = await redeliver(apiUrl, secrets, delivery, {
        accountId: mondayAccountId,
        userId: mondayOwnerUserId,
      });
      expect(res.status, res.text).toBe(200);
      // Acknowledged once stored; fanned out just after: the delivery turns `queued`, and (an app-level
      // one, attributed then) shows in the tenant's debugger.
      await eventually(async () =>
        expect((await api<Delivery>('GET', `/v1/webhook-deliveries/${res.body.deliveryId}`)).status).toBe(
          'queued',
        ),
      );
    }
    // Every intake (and any write-back) those redeliveries queued has run.
    const queues = [JOBS.intakeLead.queue, JOBS.writebackOwner.queue].map(
      (name) => new Queue(name, { connection: { url: TEST_REDIS_URL }, prefix: queuePrefix }),
    );
    try {
      await eventually(async () => {
        for (const queue of queues) {
          const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
          expect(counts).toEqual({ waiting: 0, active: 0, delayed: 0, prioritized: 0 });
        }
      });
    } finally {
      await Promise.all(queues.map((q) => q.close()));
    }

    for (const { connectionId, externalId } of subjects) {
      const leads = (await leadsOf(connectionId)).filter((l) => l.externalId === externalId);
      expect(leads).toHaveLength(1);
      const earlier = before.get(externalId)!;
      expect(leads[0]!.decision).toEqual(earlier.decision);
      expect(leads[0]!.decision?.writeback.attempts).toBe(1);
    }
    // The CRM side, over the whole test so far: each HubSpot owner written exactly once (the
    // sandbox logs every write, repeats included); each Monday item untouched by the redeliveries;
    // every owner still the decided one.
    const all = [...(await leadsOf(hubspotConnectionId)), ...(await leadsOf(mondayConnectionId))];
    const decided = all.filter((l) => l.decision !== null);
    expect(decided).toHaveLength(all.length);
    for (const lead of decided) {
      const owner = lead.decision!.crmOwnerId!;
      if (lead.connectionId === hubspotConnectionId) {
        expect(await hubSpotOwnerWrites(lead.externalId)).toEqual([owner]);
        expect((await hubSpotLead(lead.externalId)).properties.hubspot_owner_id).toBe(owner);
      } else {
        expect(await mondayOwners(lead.externalId)).toEqual([owner]);
      }
    }
    expect(await Promise.all(mondayIds.map(mondayItemUpdatedAt))).toEqual(mondayUpdatedBefore);
    // The router's own books: each lead counted once in the reps' loads.
    const reps = await api<{ items: { load: { openCount: number } }[] }>('GET', '/v1/reps?limit=200');
    expect(reps.items.reduce((sum, r) => sum + r.load.openCount, 0)).toBe(
      decided.filter((l) => l.decision!.outcome === 'assigned').length,
    );
  });

  it('finds by polling a lead whose webhook was dropped, routes it and writes its owner back', async () => {
    for (const connectionId of [hubspotConnectionId, mondayConnectionId]) {
      const polling = await api('PUT', `/v1/connections/${connectionId}/polling`, { intervalSeconds: 1 });
      expect(polling.pollIntervalSeconds).toBe(1);
    }
    const hubspotDropped = async () =>
      (await sandbox('GET', `/hubspot/apps/${hubspotApp.clientId}/webhooks/deliveries`)).droppedEventIds
        .length as number;
    const mondayDropped = async () =>
      (await sandbox('GET', `/monday/accounts/${mondayAccountId}/webhooks/deliveries`)).dropped
        .length as number;
    const [hubspotDroppedBefore, mondayDroppedBefore] = [await hubspotDropped(), await mondayDropped()];

    await sandbox('PUT', `/hubspot/portals/${portalId}/faults`, { webhookDropRate: 1 });
    await sandbox('PUT', `/monday/accounts/${mondayAccountId}/faults`, { webhookDropRate: 1 });
    const createdAt = Date.now();
    const hubspotId = await createHubSpotLead('Paula');
    const mondayId = await createMondayItem('Pavel');
    // The fault stays until the sandbox has actually lost the creation events.
    await eventually(async () => {
      expect(await hubspotDropped()).toBeGreaterThan(hubspotDroppedBefore);
      expect(await mondayDropped()).toBeGreaterThan(mondayDroppedBefore);
    });
    await sandbox('DELETE', `/hubspot/portals/${portalId}/faults`);
    await sandbox('DELETE', `/monday/accounts/${mondayAccountId}/faults`);

    const hubspotOwner = await eventually(async () => {
      const value = (await hubSpotLead(hubspotId)).properties.hubspot_owner_id;
      expect(value).toBeTruthy();
      return value!;
    });
    const mondayPeople = await eventually(async () => {
      const value = await mondayOwners(mondayId);
      expect(value).toHaveLength(1);
      return value;
    });
    expectRoutedTo(
      await writtenBack(hubspotConnectionId, hubspotId),
      hubspotConnectionId,
      hubspotOwnerIds,
      hubspotOwner,
    );
    expectRoutedTo(
      await writtenBack(mondayConnectionId, mondayId),
      mondayConnectionId,
      mondayUserIds,
      mondayPeople[0]!,
    );
    expect(await hubSpotOwnerWrites(hubspotId)).toEqual([hubspotOwner]);
    // No webhook ever announced either record's creation: polling found them.
    for (const [connectionId, id] of [
      [hubspotConnectionId, hubspotId],
      [mondayConnectionId, mondayId],
    ] as const) {
      const created = (await deliveriesAbout(connectionId, id)).filter((d) =>
        d.events.some((e) => e.externalId === id && e.type === 'created'),
      );
      expect(created).toEqual([]);
      const runs = await api<{
        items: { itemsNew: number; itemsSeen: number; error: string | null; windowEnd: string }[];
      }>('GET', `/v1/connections/${connectionId}/sync-runs?limit=200`);
      const found = runs.items.filter((r) => Date.parse(r.windowEnd) >= createdAt && r.itemsNew >= 1);
      expect(found.length, JSON.stringify(runs.items.slice(0, 5))).toBeGreaterThan(0);
      expect(found.every((r) => r.error === null && r.itemsSeen >= r.itemsNew)).toBe(true);
    }
  });
});
