import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubSpotSignatureV3 } from '@leadflow/crm-hubspot';
import { createPrismaClient, type PrismaClient } from '@leadflow/database';
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
    const stored = await prisma.webhookDelivery.findUniqueOrThrow({ where: { id: body.deliveryId } });
    expect(stored).toMatchObject({ provider: 'hubspot', status: 'queued', eventCount: 1, body: events });
    expect(Object.keys(stored.headers as object)).not.toContain('x-hubspot-signature-v3');
    expect(Object.keys(stored.headers as object)).toContain('x-hubspot-request-timestamp');
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
});
