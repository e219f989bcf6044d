import { createHash, createHmac } from 'node:crypto';
import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseHubSpotWebhookEvents, verifyHubSpotSignatureV3 } from '@leadflow/crm-hubspot';
import {
  receivedEvents,
  startReceiver,
  startSandbox,
  waitFor,
  type Receiver,
  type RunningSandbox,
} from './sandbox-harness';

let sandbox: RunningSandbox;
const receivers: Receiver[] = [];
let nextClient = 1;

beforeAll(async () => {
  sandbox = await startSandbox();
});

afterEach(async () => {
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

afterAll(async () => {
  await sandbox?.close();
});

async function receiver(): Promise<Receiver> {
  const r = await startReceiver();
  receivers.push(r);
  return r;
}

/** A portal with an app installed by configuration and webhook settings pointing at `targetUrl`. */
async function setup(settings: Record<string, unknown>) {
  const portal = await sandbox.newPortal();
  const clientId = `webhook-app-${nextClient++}`;
  const app = await sandbox.control('POST', '/apps', {
    clientId,
    clientSecret: `secret-${clientId}`,
    portalId: portal.portalId,
  });
  await sandbox.control('PUT', `/apps/${clientId}/webhooks`, settings);
  return { ...portal, clientId, clientSecret: `secret-${clientId}`, appId: app.appId as number };
}

const contactCreation = { eventType: 'contact.creation' };

describe('HubSpot sandbox webhooks', () => {
  it('delivers signed JSON batches of creation and property-change events', async () => {
    const hooks = await receiver();
    const { portalId, client, clientId, clientSecret, appId } = await setup({
      targetUrl: hooks.url,
      subscriptions: [
        contactCreation,
        { eventType: 'object.creation', objectTypeId: '0-136' },
        { eventType: 'object.propertyChange', objectTypeId: 'leads', propertyName: 'hs_pipeline_stage' },
      ],
    });
    const settings = await sandbox.control('GET', `/apps/${clientId}/webhooks`);
    expect(settings).toMatchObject({ targetUrl: hooks.url, maxConcurrentRequests: 10 });
    expect(settings.retryDelaysMs).toHaveLength(10);
    expect(settings.subscriptions[2]).toMatchObject({ objectTypeId: '0-136', active: true });

    // Three contacts seeded in one call land in one batch.
    const { objects } = await sandbox.control('POST', `/portals/${portalId}/objects/contacts`, {
      objects: [
        { properties: { email: 'a@x.test' } },
        { properties: { email: 'b@x.test' } },
        { properties: {} },
      ],
    });
    const first = await waitFor('the contact batch', () => hooks.requests[0]);
    expect(first.events.map((e) => e.objectId)).toEqual(objects.map((o: any) => Number(o.id)));
    expect(first.events[0]).toEqual({
      eventId: expect.any(Number),
      subscriptionId: settings.subscriptions[0].id,
      portalId,
      appId,
      occurredAt: expect.any(Number),
      subscriptionType: 'contact.creation',
      attemptNumber: 0,
      objectId: Number(objects[0].id),
      changeFlag: 'CREATED',
      changeSource: 'CRM_UI',
      sourceId: expect.stringMatching(/^userId:\d+$/),
    });

    // A lead created through the CRM API (private-app token): a generic event with objectTypeId.
    const lead = await client.crm.objects.basicApi.create('leads', {
      properties: { hs_lead_name: 'Ada' },
      associations: [
        {
          to: { id: objects[0].id },
          types: [{ associationCategory: 'HUBSPOT_DEFINED' as any, associationTypeId: 578 }],
        },
      ],
    });
    const created = await waitFor('the lead creation event', () =>
      receivedEvents(hooks).find((e) => e.subscriptionType === 'object.creation'),
    );
    expect(created).toMatchObject({
      objectId: Number(lead.id),
      objectTypeId: '0-136',
      changeFlag: 'CREATED',
      changeSource: 'INTEGRATION',
    });

    // Property changes through batch update and PATCH; only the subscribed property produces events.
    await client.crm.objects.batchApi.update('leads', {
      inputs: [
        { id: lead.id, properties: { hs_pipeline_stage: 'attempting-stage-id', hs_lead_label: 'HOT' } },
      ],
    });
    await client.crm.objects.basicApi.update('leads', lead.id, {
      properties: { hs_pipeline_stage: 'connected-stage-id' },
    });
    const changes = await waitFor('two stage changes', () => {
      const found = receivedEvents(hooks).filter((e) => e.subscriptionType === 'object.propertyChange');
      return found.length === 2 && found;
    });
    expect(changes.map((e) => e.propertyValue)).toEqual(['attempting-stage-id', 'connected-stage-id']);
    expect(changes[0]).toMatchObject({
      objectId: Number(lead.id),
      objectTypeId: '0-136',
      propertyName: 'hs_pipeline_stage',
      changeSource: 'INTEGRATION',
    });
    expect(changes[0].changeFlag).toBeUndefined();

    for (const request of hooks.requests) {
      expect(request.method).toBe('POST');
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.events.length).toBeLessThanOrEqual(100);
      // Signature v3, computed here from HubSpot's description, and checked by Leadflow's own verifier.
      const timestamp = request.headers['x-hubspot-request-timestamp'] as string;
      const expected = createHmac('sha256', clientSecret)
        .update(`POST${request.uri}${request.rawBody}${timestamp}`)
        .digest('base64');
      expect(request.headers['x-hubspot-signature-v3']).toBe(expected);
      expect(
        verifyHubSpotSignatureV3({
          method: 'POST',
          uri: request.uri,
          body: request.rawBody,
          timestamp,
          signature: request.headers['x-hubspot-signature-v3'] as string,
          clientSecret,
          now: Date.now(),
        }),
      ).toEqual({ ok: true });
      // Signature v1: hex SHA-256 of secret + body.
      expect(request.headers['x-hubspot-signature-version']).toBe('v1');
      expect(request.headers['x-hubspot-signature']).toBe(
        createHash('sha256')
          .update(clientSecret + request.rawBody)
          .digest('hex'),
      );
      expect(parseHubSpotWebhookEvents(request.rawBody).ok).toBe(true);
    }

    const log = await waitFor('every delivery to settle', async () => {
      const d = await sandbox.control('GET', `/apps/${clientId}/webhooks/deliveries`);
      return d.deliveries.every((x: any) => x.outcome === 'delivered') && d;
    });
    expect(log.deliveries).toHaveLength(hooks.requests.length);
    expect(log.deliveries[0]).toMatchObject({
      portalId,
      attemptNumber: 0,
      statusCode: 200,
      eventIds: first.events.map((e) => e.eventId),
    });
  });

  it('reports deletions through the CRM API', async () => {
    const hooks = await receiver();
    const { portalId, client } = await setup({
      targetUrl: hooks.url,
      subscriptions: [{ eventType: 'object.deletion', objectTypeId: '0-1' }],
    });
    const { objects } = await sandbox.control('POST', `/portals/${portalId}/objects/contacts`, {
      objects: [{ properties: { email: 'gone@x.test' } }],
    });
    await client.crm.contacts.basicApi.archive(objects[0].id);
    const [event] = await waitFor('the deletion event', () => hooks.requests[0]?.events);
    expect(event).toMatchObject({
      subscriptionType: 'object.deletion',
      objectTypeId: '0-1',
      objectId: Number(objects[0].id),
      changeFlag: 'DELETED',
    });
  });

  it('retries failed batches on the schedule with attemptNumber counting up, 4xx included', async () => {
    const hooks = await receiver();
    hooks.respond = (_req, index) => (index < 2 ? 503 : 200);
    const { portalId, clientId } = await setup({
      targetUrl: hooks.url,
      subscriptions: [contactCreation],
      retryDelaysMs: [30, 30, 30],
    });
    await sandbox.control('POST', `/portals/${portalId}/objects/contacts`, { objects: [{ properties: {} }] });
    await waitFor('the third attempt', () => hooks.requests.length === 3);
    expect(hooks.requests.map((r) => r.events[0].attemptNumber)).toEqual([0, 1, 2]);
    expect(new Set(hooks.requests.map((r) => r.events[0].eventId)).size).toBe(1);
    const { deliveries } = await waitFor('the delivery log', async () => {
      const d = await sandbox.control('GET', `/apps/${clientId}/webhooks/deliveries`);
      return d.deliveries.length === 3 && d.deliveries[2].outcome === 'delivered' && d;
    });
    expect(deliveries.map((d: any) => [d.attemptNumber, d.statusCode, d.outcome])).toEqual([
      [0, 503, 'retrying'],
      [1, 503, 'retrying'],
      [2, 200, 'delivered'],
    ]);

    // A 400 is a failure like any other for app webhooks; after the last retry the batch is dropped.
    hooks.respond = () => 400;
    const before = hooks.requests.length;
    await sandbox.control('PUT', `/apps/${clientId}/webhooks`, {
      targetUrl: hooks.url,
      subscriptions: [contactCreation],
      retryDelaysMs: [10],
    });
    await sandbox.control('POST', `/portals/${portalId}/objects/contacts`, { objects: [{ properties: {} }] });
    const last = await waitFor('the abandoned batch', async () => {
      const d = await sandbox.control('GET', `/apps/${clientId}/webhooks/deliveries`);
      const tail = d.deliveries.slice(3);
      return tail.length === 2 && tail[1].outcome !== 'in-flight' && tail;
    });
    expect(last.map((d: any) => [d.attemptNumber, d.statusCode, d.outcome])).toEqual([
      [0, 400, 'retrying'],
      [1, 400, 'failed'],
    ]);
    expect(hooks.requests.length - before).toBe(2);
  });

  it('treats a receiver that is down or silent as a failure and keeps serving', async () => {
    // A port nobody listens on.
    const closed = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const { port } = s.address() as { port: number };
        s.close(() => resolve(port));
      });
    });
    const { portalId, clientId, client } = await setup({
      targetUrl: `http://127.0.0.1:${closed}/hooks`,
      subscriptions: [contactCreation],
      retryDelaysMs: [10],
    });
    await sandbox.control('POST', `/portals/${portalId}/objects/contacts`, { objects: [{ properties: {} }] });
    const down = await waitFor('two refused attempts', async () => {
      const d = await sandbox.control('GET', `/apps/${clientId}/webhooks/deliveries`);
      return d.deliveries.length === 2 && d.deliveries[1].outcome === 'failed' && d.deliveries;
    });
    expect(down[0].error).toMatch(/ECONNREFUSED/);
    expect(down[0].statusCode).toBeUndefined();

    const silent = await receiver();
    silent.respond = () => 'hang';
    await sandbox.control('PUT', `/apps/${clientId}/webhooks`, {
      targetUrl: silent.url,
      subscriptions: [contactCreation],
      retryDelaysMs: [],
      timeoutMs: 100,
    });
    await sandbox.control('POST', `/portals/${portalId}/objects/contacts`, { objects: [{ properties: {} }] });
    const timedOut = await waitFor('the timed-out attempt', async () => {
      const d = await sandbox.control('GET', `/apps/${clientId}/webhooks/deliveries`);
      return d.deliveries[2]?.outcome === 'failed' && d.deliveries[2];
    });
    expect(timedOut.error).toBe('no response within 100 ms');
    expect(silent.requests).toHaveLength(1);
    await expect(client.crm.owners.ownersApi.getPage()).resolves.toBeDefined();
  });

  it('keeps at most maxConcurrentRequests requests in flight per app', async () => {
    const hooks = await receiver();
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    hooks.respond = async () => {
      await released;
      return 200;
    };
    const { portalId, clientId } = await setup({
      targetUrl: hooks.url,
      subscriptions: [contactCreation],
      maxConcurrentRequests: 2,
    });
    await sandbox.control('POST', `/portals/${portalId}/objects/contacts/generate`, { count: 450 });
    // Four full batches are cut at once; two go out and two wait for a free slot.
    await waitFor('two requests held by the receiver', () => hooks.inFlight === 2);
    const held = await sandbox.control('GET', `/apps/${clientId}/webhooks/deliveries`);
    expect(held).toMatchObject({ inFlight: 2, queuedBatches: 2 });
    release();
    await waitFor('all 450 events', () => receivedEvents(hooks).length === 450);
    const sizes = hooks.requests.map((r) => r.events.length).sort((a, b) => b - a);
    expect(sizes).toEqual([100, 100, 100, 100, 50]);
    expect(hooks.maxInFlight).toBe(2);
  });

  it('drops and duplicates events as the portal faults say, repeatably with a seed', async () => {
    const hooks = await receiver();
    const { portalId, clientId } = await setup({ targetUrl: hooks.url, subscriptions: [contactCreation] });

    await sandbox.control('PUT', `/portals/${portalId}/faults`, { webhookDuplicateRate: 1 });
    await sandbox.control('POST', `/portals/${portalId}/objects/contacts`, {
      objects: [{ properties: {} }, { properties: {} }],
    });
    await waitFor('original and duplicate batches', () => hooks.requests.length === 2);
    const [original, duplicate] = hooks.requests.map((r) => r.events.map((e) => e.eventId));
    expect(original).toHaveLength(2);
    expect(duplicate).toEqual(original);

    await sandbox.control('PUT', `/portals/${portalId}/faults`, {
      webhookDuplicateRate: 0,
      webhookDropRate: 1,
    });
    await sandbox.control('POST', `/portals/${portalId}/objects/contacts`, { objects: [{ properties: {} }] });
    const { droppedEventIds } = await sandbox.control('GET', `/apps/${clientId}/webhooks/deliveries`);
    expect(droppedEventIds).toHaveLength(1);
    await sandbox.control('PUT', `/portals/${portalId}/faults`, { webhookDropRate: 0 });
    const { objects } = await sandbox.control('POST', `/portals/${portalId}/objects/contacts`, {
      objects: [{ properties: {} }],
    });
    const third = await waitFor('the next batch', () => hooks.requests[2]);
    expect(third.events.map((e) => e.objectId)).toEqual([Number(objects[0].id)]);
    expect(receivedEvents(hooks).some((e) => droppedEventIds.includes(e.eventId))).toBe(false);

    // The same seed drops the same events.
    const dropped: number[][] = [];
    for (let run = 0; run < 2; run++) {
      const other = await setup({ targetUrl: hooks.url, subscriptions: [contactCreation] });
      await sandbox.control('PUT', `/portals/${other.portalId}/faults`, { webhookDropRate: 0.5, seed: 42 });
      await sandbox.control('POST', `/portals/${other.portalId}/objects/contacts/generate`, { count: 20 });
      const d = await waitFor('the kept events to arrive', async () => {
        const log = await sandbox.control('GET', `/apps/${other.clientId}/webhooks/deliveries`);
        const delivered = log.deliveries.flatMap((x: any) => (x.outcome === 'delivered' ? x.eventIds : []));
        return delivered.length + log.droppedEventIds.length === 20 && { ...log, delivered };
      });
      const firstId = Math.min(...d.delivered, ...d.droppedEventIds);
      dropped.push(d.droppedEventIds.map((id: number) => id - firstId));
    }
    expect(dropped[0]!.length).toBeGreaterThan(0);
    expect(dropped[0]!.length).toBeLessThan(20);
    expect(dropped[1]).toEqual(dropped[0]);
  });

  it('delivers for portals that installed the app by consent', async () => {
    const hooks = await receiver();
    const { portalId } = await sandbox.newPortal();
    await sandbox.control('POST', '/apps', { clientId: 'consent-app', clientSecret: 's3cret' });
    await sandbox.control('PUT', '/apps/consent-app/webhooks', {
      targetUrl: hooks.url,
      subscriptions: [contactCreation],
    });
    const authorize = new URL(`${sandbox.base}/oauth/authorize`);
    authorize.search = new URLSearchParams({
      client_id: 'consent-app',
      redirect_uri: 'http://localhost:9999/cb',
      scope: 'oauth crm.objects.contacts.read',
    }).toString();
    expect((await fetch(authorize, { redirect: 'manual' })).status).toBe(302);
    const app = await sandbox.control('GET', '/apps/consent-app');
    expect(app.installedPortalIds).toEqual([portalId]);

    await sandbox.control('POST', `/portals/${portalId}/objects/contacts`, { objects: [{ properties: {} }] });
    const [event] = await waitFor('the event', () => hooks.requests[0]?.events);
    expect(event).toMatchObject({ portalId, appId: app.appId, subscriptionType: 'contact.creation' });
  });

  it('rejects settings HubSpot would not accept', async () => {
    await sandbox.control('POST', '/apps', { clientId: 'strict-app', clientSecret: 's' });
    const res = await fetch(`${sandbox.base}/_sandbox/hubspot/apps/strict-app/webhooks`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        targetUrl: 'http://localhost/x',
        subscriptions: [{ eventType: 'object.creation' }, { eventType: 'contact.propertyChange' }],
      }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as any;
    expect(body.issues.map((i: any) => i.path.join('.'))).toEqual([
      'subscriptions.0.objectTypeId',
      'subscriptions.1.propertyName',
    ]);
  });
});

describe('HubSpot sandbox webhooks on shutdown', () => {
  it('stops retrying and closes cleanly', async () => {
    const own = await startSandbox();
    const hooks = await receiver();
    hooks.respond = () => 500;
    const { portalId } = await own.newPortal();
    await own.control('POST', '/apps', { clientId: 'shutdown-app', clientSecret: 's', portalId });
    await own.control('PUT', '/apps/shutdown-app/webhooks', {
      targetUrl: hooks.url,
      subscriptions: [contactCreation],
      retryDelaysMs: [200],
    });
    await own.control('POST', `/portals/${portalId}/objects/contacts`, { objects: [{ properties: {} }] });
    await waitFor('the first attempt', async () => {
      const d = await own.control('GET', '/apps/shutdown-app/webhooks/deliveries');
      return d.deliveries[0]?.outcome === 'retrying';
    });
    await expect(own.close()).resolves.toBeUndefined();
    await new Promise((r) => setTimeout(r, 400));
    expect(hooks.requests).toHaveLength(1);
  });
});
