import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubSpotSignatureV3 } from '@leadflow/crm-hubspot';
import { createPrismaClient, type PrismaClient } from '@leadflow/database';
import { request } from '@leadflow/testing';
import { type ApiHarness, startApi } from '../../apps/api/test/api-harness';

const CLIENT_SECRET = 'hubspot-app-secret-for-webhook-tests';
const PUBLIC = 'https://leadflow.example.com';

/** The webhook inbox: every request stored before it is answered, refused ones with the reason. */
describe('webhook inbox (HubSpot app webhooks)', () => {
  let api: ApiHarness;
  let prisma: PrismaClient;

  beforeAll(async () => {
    api = await startApi({
      HUBSPOT_CLIENT_ID: 'app',
      HUBSPOT_CLIENT_SECRET: CLIENT_SECRET,
      PUBLIC_BASE_URL: PUBLIC,
      WEBHOOK_REJECTED_KEEP: '5',
    });
    prisma = createPrismaClient({ databaseUrl: api.environment.database.url, poolSize: 2 });
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await api?.close();
  });

  const events = JSON.stringify([
    {
      eventId: 1,
      subscriptionId: 2,
      portalId: 40000001,
      appId: 3,
      occurredAt: Date.now(),
      subscriptionType: 'object.creation',
      attemptNumber: 0,
      objectId: 1004,
      objectTypeId: '0-136',
    },
  ]);

  function post(body: string, headers: Record<string, string>) {
    return fetch(`${api.baseUrl}/v1/webhooks/hubspot`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
  }

  function signature(body: string, timestamp = String(Date.now())) {
    return {
      'x-hubspot-signature-v3': hubSpotSignatureV3({
        method: 'POST',
        uri: `${PUBLIC}/v1/webhooks/hubspot`,
        body,
        timestamp,
        clientSecret: CLIENT_SECRET,
      }),
      'x-hubspot-request-timestamp': timestamp,
    };
  }

  it('accepts a signed delivery and stores it, without the signature header', async () => {
    const res = await post(events, signature(events));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { received: number; deliveryId: string };
    expect(body.received).toBe(1);
    // Stored before the answer; fanned out to intake just after it (received → queued).
    const stored = await prisma.webhookDelivery.findUniqueOrThrow({ where: { id: body.deliveryId } });
    expect(stored).toMatchObject({ provider: 'hubspot', eventCount: 1, body: events });
    expect(['received', 'queued']).toContain(stored.status);
    expect(Object.keys(stored.headers as object)).not.toContain('x-hubspot-signature-v3');
    expect(Object.keys(stored.headers as object)).toContain('x-hubspot-request-timestamp');
    await expect
      .poll(
        async () =>
          (await prisma.webhookDelivery.findUniqueOrThrow({ where: { id: body.deliveryId } })).status,
      )
      .toBe('queued');
  });

  it('refuses a forged, stale or unsigned delivery with 401, and keeps it with the reason', async () => {
    const forged = await post(events.replace('1004', '1005'), signature(events));
    expect(forged.status).toBe(401);
    expect(((await forged.json()) as { detail: string }).detail).toBe('signature: bad_signature');

    const stale = await post(events, signature(events, String(Date.now() - 10 * 60_000)));
    expect(stale.status).toBe(401);
    const unsigned = await post(events, {});
    expect(unsigned.status).toBe(401);

    const rejected = await prisma.webhookDelivery.findMany({
      where: { status: 'rejected' },
      orderBy: { receivedAt: 'asc' },
    });
    expect(rejected.map((d) => d.reason)).toEqual([
      'signature: bad_signature',
      'signature: stale_timestamp',
      'signature: missing_signature',
    ]);
    expect(rejected[0]!.body).toContain('1005');
  });

  it('keeps requests for unknown providers and connections too, answering 404', async () => {
    const unknown = await post('{}', {});
    expect(unknown.status).toBe(401);
    const res = await fetch(`${api.baseUrl}/v1/webhooks/zoho`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(404);
    const connection = await fetch(
      `${api.baseUrl}/v1/webhooks/hubspot/0195a1b2-0000-7000-8000-000000000000`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      },
    );
    expect(connection.status).toBe(404);
    const reasons = (await prisma.webhookDelivery.findMany({ where: { status: 'rejected' } })).map(
      (d) => d.reason,
    );
    expect(reasons).toEqual(
      expect.arrayContaining([
        expect.stringContaining('unknown CRM provider "zoho"'),
        expect.stringContaining('no hubspot connection'),
      ]),
    );
  });

  it('keeps only the newest refused deliveries per source, so a flood cannot fill the database', async () => {
    for (let i = 0; i < 12; i++) {
      expect(
        (
          await post(`[{"n":${i}}]`, {
            'x-hubspot-signature-v3': 'forged',
            'x-hubspot-request-timestamp': String(Date.now()),
          })
        ).status,
      ).toBe(401);
    }
    const kept = await prisma.webhookDelivery.findMany({
      where: { provider: 'hubspot', status: 'rejected', connectionId: null },
      orderBy: { receivedAt: 'desc' },
    });
    expect(kept).toHaveLength(5);
    expect(kept[0]!.body).toBe('[{"n":11}]');
    for (let i = 0; i < 8; i++) {
      await fetch(`${api.baseUrl}/v1/webhooks/provider-${i}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
    }
    expect(await prisma.webhookDelivery.count({ where: { provider: 'unknown' } })).toBe(5);
    // Accepted deliveries are never pruned.
    expect(await prisma.webhookDelivery.count({ where: { status: 'queued' } })).toBeGreaterThan(0);
  });

  it('holds the bound when refusals arrive all at once (each answer waits for a prune after its row)', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        post(`[{"burst":${i}}]`, {
          'x-hubspot-signature-v3': 'forged',
          'x-hubspot-request-timestamp': String(Date.now()),
        }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array.from({ length: 20 }, () => 401));
    expect(
      await prisma.webhookDelivery.count({
        where: { provider: 'hubspot', status: 'rejected', connectionId: null },
      }),
    ).toBe(5);
  });

  it('answers as the rest of the API does: request id, problem+json refusals, the body limit', async () => {
    const accepted = await post(events, { ...signature(events), 'x-request-id': 'webhook-req-1' });
    expect(accepted.status).toBe(200);
    expect(accepted.headers.get('x-request-id')).toBe('webhook-req-1');
    expect(accepted.headers.get('content-type')).toBe('application/json; charset=utf-8');

    const refused = await post('[]', { 'x-request-id': 'webhook-req-2' });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(refused.headers.get('www-authenticate')).toBe('Bearer realm="leadflow"');
    expect(await refused.json()).toEqual({
      type: 'urn:leadflow:problem:unauthenticated',
      title: 'Webhook refused',
      status: 401,
      detail: 'signature: missing_signature',
      instance: '/v1/webhooks/hubspot',
      requestId: 'webhook-req-2',
    });

    const tooLarge = await post(`[${'0,'.repeat(600_000)}0]`, {});
    expect(tooLarge.status).toBe(413);
    expect(((await tooLarge.json()) as { type: string }).type).toBe('urn:leadflow:problem:payload-too-large');
    // Only POSTs are deliveries: anything else on these paths is the app's 404, as before.
    const get = await fetch(`${api.baseUrl}/v1/webhooks/hubspot`);
    expect(get.status).toBe(404);
    expect(get.headers.get('content-type')).toContain('application/problem+json');
    // The HTTP histogram still labels them by route template.
    const metrics = await (await fetch(`${api.baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/route="\/v1\/webhooks\/:provider",status_code="200"/);
  });

  it('refuses deliveries for a connection as soon as this API disconnects it (no stale cache)', async () => {
    const tenant = await api.createTenant('Hooks');
    const connection = await prisma.crmConnection.create({
      data: {
        tenantId: tenant.tenantId,
        provider: 'hubspot',
        authType: 'token',
        externalAccountId: '40000002',
        name: 'Per-connection URL',
        // Never opened here; disconnecting erases it.
        accessToken: 'sealed',
        credentialsKeyId: 'test1',
      },
    });
    const path = `/v1/webhooks/hubspot/${connection.id}`;
    const body = events.replace('40000001', '40000002');
    const send = () => {
      const timestamp = String(Date.now());
      return fetch(`${api.baseUrl}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-hubspot-request-timestamp': timestamp,
          'x-hubspot-signature-v3': hubSpotSignatureV3({
            method: 'POST',
            uri: `${PUBLIC}${path}`,
            body,
            timestamp,
            clientSecret: CLIENT_SECRET,
          }),
        },
        body,
      });
    };
    const first = await send();
    expect(first.status).toBe(200);
    const { deliveryId } = (await first.json()) as { deliveryId: string };
    await expect
      .poll(
        async () => (await prisma.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } })).status,
      )
      .toBe('queued');

    const deleted = await request(api.baseUrl, 'DELETE', `/v1/connections/${connection.id}`, {
      key: tenant.adminKey,
    });
    expect(deleted.status).toBe(204);
    const after = await send();
    expect(after.status).toBe(404);
    expect(((await after.json()) as { detail: string }).detail).toBe(
      `no hubspot connection ${connection.id}`,
    );
  });

  it('fans out a delivery a stopped receiver left received (recovery scan)', async () => {
    const left = await prisma.webhookDelivery.create({
      data: {
        provider: 'hubspot',
        status: 'received',
        headers: {},
        body: events,
        eventCount: 1,
        receivedAt: new Date(Date.now() - 60_000),
      },
    });
    await expect
      .poll(async () => (await prisma.webhookDelivery.findUniqueOrThrow({ where: { id: left.id } })).status, {
        timeout: 15_000,
        interval: 250,
      })
      .toBe('queued');
    expect((await prisma.webhookDelivery.findUniqueOrThrow({ where: { id: left.id } })).reason).toContain(
      'recovery scan',
    );
  });
});
