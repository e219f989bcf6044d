import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CrmAdapterRegistry, type CrmWebhookEvent } from '@leadflow/crm';
import { hubSpotAdapter } from '@leadflow/crm-hubspot';
import { mondayAdapter } from '@leadflow/crm-monday';
import { createPgPool, createPrismaClient, type PgPool, type PrismaClient, uuidV7 } from '@leadflow/database';
import { createTestEnvironment, type TestEnvironment } from '@leadflow/testing';
import { DeliveryDispatcher, type DeliveryDispatcherOptions } from './delivery-dispatcher';
import type { IntakeRequest } from './webhook-fanout';

const adapters = new CrmAdapterRegistry([hubSpotAdapter, mondayAdapter]);

/** A HubSpot app-webhook event of `portal` about a lead. */
function hubSpotEvent(portal: string, objectId: number): CrmWebhookEvent {
  return {
    eventId: String(objectId),
    type: 'created',
    externalId: String(objectId),
    externalAccountId: portal,
    objectTypeId: '0-136',
    occurredAt: new Date(),
  };
}

/** The stored body of the same events, as HubSpot sends them. */
function hubSpotBody(portal: string, objectIds: number[]): string {
  return JSON.stringify(
    objectIds.map((objectId, i) => ({
      eventId: i + 1,
      subscriptionId: 1,
      portalId: Number(portal),
      appId: 1,
      occurredAt: Date.now(),
      subscriptionType: 'object.creation',
      attemptNumber: 0,
      objectId,
      objectTypeId: '0-136',
    })),
  );
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** The webhook fan-out after the answer: batches, recovery of what a stopped process left, backpressure. */
describe('DeliveryDispatcher', () => {
  let env: TestEnvironment;
  let prisma: PrismaClient;
  let pg: PgPool;
  let tenantId: string;
  let connectionId: string;
  const portal = '7700001';

  beforeAll(async () => {
    env = await createTestEnvironment();
    prisma = createPrismaClient({ databaseUrl: env.database.url, poolSize: 2 });
    pg = createPgPool({ databaseUrl: env.database.url, size: 4 });
    tenantId = (await prisma.tenant.create({ data: { name: 'Dispatch', slug: 'dispatch' } })).id;
    connectionId = (
      await prisma.crmConnection.create({
        data: {
          tenantId,
          provider: 'hubspot',
          authType: 'token',
          externalAccountId: portal,
          name: 'HubSpot',
          // Never read here: fan-out needs no credentials.
          accessToken: 'sealed',
          credentialsKeyId: 'test1',
        },
      })
    ).id;
  });
  afterAll(async () => {
    await pg?.end();
    await prisma?.$disconnect();
    await env?.dispose();
  });

  function dispatcher(
    enqueue: (requests: readonly IntakeRequest[]) => Promise<void>,
    options: Partial<DeliveryDispatcherOptions> = {},
    now?: () => number,
  ) {
    return new DeliveryDispatcher({ pg, adapters, enqueue, ...(now ? { now } : {}) }, options);
  }

  async function stored(
    status: 'received' | 'queued' = 'received',
    body = hubSpotBody(portal, [1]),
    receivedAt = new Date(),
  ): Promise<string> {
    return (
      await prisma.webhookDelivery.create({
        data: { id: uuidV7(), provider: 'hubspot', status, headers: {}, body, eventCount: 1, receivedAt },
      })
    ).id;
  }

  it('fans deliveries of the same moment out as one batch: one addBulk, jobs once per record, one UPDATE', async () => {
    const calls: IntakeRequest[][] = [];
    const d = dispatcher((requests) => {
      calls.push([...requests]);
      return Promise.resolve();
    });
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) ids.push(await stored());
    // Records 100..109, each named by three deliveries; and one of an account nobody connected.
    ids.forEach((id, i) => {
      // Never a promise here: far below maxPending.
      void d.accept({
        id,
        provider: 'hubspot',
        connection: null,
        events: [hubSpotEvent(portal, 100 + (i % 10)), hubSpotEvent('999', 5)],
      });
    });
    await d.drain();
    expect(calls).toHaveLength(1);
    expect(calls[0]!.map((r) => r.externalId).sort()).toEqual(
      Array.from({ length: 10 }, (_, i) => String(100 + i)),
    );
    expect(new Set(calls[0]!.map((r) => r.connectionId))).toEqual(new Set([connectionId]));
    const rows = await prisma.webhookDelivery.findMany({ where: { id: { in: ids } } });
    expect(rows.every((r) => r.status === 'queued')).toBe(true);
    // App-level deliveries are attributed to the one connection their events belong to.
    expect(rows.every((r) => r.connectionId === connectionId && r.tenantId === tenantId)).toBe(true);
    expect(d.stats).toMatchObject({ dispatched: 30, jobs: 10, failedBatches: 0 });
  });

  it('splits a burst into batches of at most maxBatch', async () => {
    const sizes: number[] = [];
    const d = dispatcher(
      (requests) => {
        sizes.push(requests.length);
        return Promise.resolve();
      },
      { maxBatch: 10 },
    );
    for (let i = 0; i < 25; i++) {
      void d.accept({
        id: await stored(),
        provider: 'hubspot',
        connection: null,
        events: [hubSpotEvent(portal, 1000 + i)],
      });
    }
    await d.drain();
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(25);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(10);
  });

  it('leaves a failed batch received, and the recovery scan fans it out from the stored body', async () => {
    let clock = Date.now();
    const failing = dispatcher(
      () => Promise.reject(new Error('redis is down')),
      {},
      () => clock,
    );
    const id = await stored('received', hubSpotBody(portal, [4242]));
    void failing.accept({ id, provider: 'hubspot', connection: null, events: [hubSpotEvent(portal, 4242)] });
    await failing.drain();
    expect(failing.stats.failedBatches).toBe(1);
    expect((await prisma.webhookDelivery.findUniqueOrThrow({ where: { id } })).status).toBe('received');

    const requested: IntakeRequest[] = [];
    const recovering = dispatcher(
      (requests) => {
        requested.push(...requests);
        return Promise.resolve();
      },
      { recoverAfterMs: 15_000 },
      () => clock,
    );
    // Too young: it may still be in another process's hands.
    await recovering.recoverNow();
    expect(requested).toEqual([]);
    clock += 16_000;
    expect(await recovering.recoverNow()).toBeGreaterThanOrEqual(1);
    expect(requested).toContainEqual({ connectionId, externalId: '4242' });
    expect(await prisma.webhookDelivery.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: 'queued',
      connectionId,
      reason: expect.stringContaining('recovery scan'),
    });
  });

  it('recovers what a stopped process left on start, each row once across processes, and marks unreadable ones failed', async () => {
    const old = new Date(Date.now() - 60_000);
    const left = await Promise.all(
      Array.from({ length: 12 }, (_, i) => stored('received', hubSpotBody(portal, [5000 + i]), old)),
    );
    const garbled = await stored('received', '{not json', old);
    const requested: IntakeRequest[] = [];
    // Two API processes start at once; their scans skip each other's locked rows.
    const [a, b] = [0, 1].map(() =>
      dispatcher(
        async (requests) => {
          requested.push(...requests);
          await new Promise((r) => setTimeout(r, 20));
        },
        { recoveryBatch: 5 },
      ),
    );
    await Promise.all([a!.recoverNow(), b!.recoverNow()]);
    const ours = requested.filter((r) => Number(r.externalId) >= 5000 && Number(r.externalId) < 5012);
    expect(ours.map((r) => r.externalId).sort()).toEqual(left.map((_, i) => String(5000 + i)).sort());
    const rows = await prisma.webhookDelivery.findMany({ where: { id: { in: left } } });
    expect(rows.every((r) => r.status === 'queued')).toBe(true);
    expect(await prisma.webhookDelivery.findUniqueOrThrow({ where: { id: garbled } })).toMatchObject({
      status: 'failed',
      reason: expect.stringContaining('stored body cannot be read again'),
    });
    expect(
      await prisma.webhookDelivery.count({ where: { status: 'received', receivedAt: { lt: old } } }),
    ).toBe(0);
  });

  it('makes the receiver wait for room while fan-out progresses, and stops holding deliveries when it stalls', async () => {
    const gate = deferred();
    const d = dispatcher(() => gate.promise, { maxBatch: 2, maxPending: 2, stallMs: 300, lingerMs: 0 });
    // Wrapped: an async function would await the promise accept may return.
    const accept = async () => ({
      wait: d.accept({
        id: await stored(),
        provider: 'hubspot',
        connection: null,
        events: [hubSpotEvent(portal, 7)],
      }),
    });
    // The first batch hangs in enqueue; two more deliveries fill the memory.
    expect((await accept()).wait).toBeUndefined();
    expect((await accept()).wait).toBeUndefined();
    expect((await accept()).wait).toBeUndefined();
    // Full while the batch is young: the receiver waits for room (and, as nothing moves, gives up
    // after stallMs: the delivery stays received for the recovery scan).
    const { wait: waiting } = await accept();
    expect(waiting).toBeInstanceOf(Promise);
    await waiting;
    expect(d.stats.leftForRecovery).toBe(1);
    // Stalled: no more waiting at all.
    expect((await accept()).wait).toBeUndefined();
    expect(d.stats.leftForRecovery).toBe(2);
    gate.resolve();
    await d.drain();
    expect(d.stats.dispatched).toBe(3);
  });
});
