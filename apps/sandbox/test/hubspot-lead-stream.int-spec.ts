import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receivedEvents, startReceiver, startSandbox, waitFor, type RunningSandbox } from './sandbox-harness';

let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startSandbox();
});

afterAll(async () => {
  await sandbox?.close();
});

describe('HubSpot sandbox lead stream', () => {
  it('creates leads with a new primary contact each, in the default pipeline, and fires webhooks', async () => {
    const hooks = await startReceiver();
    try {
      const { portalId, client } = await sandbox.newPortal();
      await sandbox.control('POST', '/apps', { clientId: 'stream-app', clientSecret: 's', portalId });
      await sandbox.control('PUT', '/apps/stream-app/webhooks', {
        targetUrl: hooks.url,
        subscriptions: [
          { eventType: 'object.creation', objectTypeId: '0-136' },
          { eventType: 'contact.creation' },
        ],
      });
      const started = await sandbox.control('POST', `/portals/${portalId}/lead-stream`, {
        perSecond: 50,
        count: 5,
        properties: { hs_lead_label: 'WARM' },
      });
      expect(started).toMatchObject({ perSecond: 50, count: 5 });
      const done = await waitFor('the stream to finish', async () => {
        const p = await sandbox.control('GET', `/portals/${portalId}/lead-stream`);
        return !p.running && p;
      });
      expect(done.created).toBe(5);

      const found = await client.crm.objects.searchApi.doSearch('leads', {
        properties: ['hs_lead_name', 'hs_pipeline', 'hs_pipeline_stage', 'hs_lead_label'],
        limit: 10,
      });
      expect(found.total).toBe(5);
      for (const lead of found.results) {
        expect(lead.properties).toMatchObject({
          hs_pipeline: 'lead-pipeline-id',
          hs_pipeline_stage: 'new-stage-id',
          hs_lead_label: 'WARM',
        });
        expect(lead.properties.hs_lead_name).toMatch(/^\w+ \w+$/);
        expect(Date.parse(lead.properties.createdate!)).toBeGreaterThan(Date.now() - 60_000);
      }
      const assoc = await client.crm.associations.v4.batchApi.getPage('leads', 'contacts', {
        inputs: found.results.map((l) => ({ id: l.id })),
      });
      expect(assoc.results).toHaveLength(5);
      for (const r of assoc.results) {
        expect(r.to).toHaveLength(1);
        expect(r.to[0]!.associationTypes.map((t) => t.typeId).sort()).toEqual([578, 608]);
      }
      const contacts = new Set(assoc.results.map((r) => r.to[0]!.toObjectId));
      expect(contacts.size).toBe(5);

      const events = await waitFor('ten creation events', () => {
        const all = receivedEvents(hooks);
        return all.length === 10 && all;
      });
      expect(
        events
          .filter((e) => e.objectTypeId === '0-136')
          .map((e) => String(e.objectId))
          .sort(),
      ).toEqual(found.results.map((l) => l.id).sort());
      expect(events.filter((e) => e.subscriptionType === 'contact.creation')).toHaveLength(5);
    } finally {
      await hooks.close();
    }
  });

  it('runs until stopped, refuses a second stream, and reports progress', async () => {
    const { portalId } = await sandbox.newPortal();
    await sandbox.control('POST', `/portals/${portalId}/lead-stream`, { perSecond: 20 });
    const conflict = await fetch(`${sandbox.base}/_sandbox/hubspot/portals/${portalId}/lead-stream`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ perSecond: 1 }),
    });
    expect(conflict.status).toBe(409);
    await waitFor('a few leads', async () => {
      const p = await sandbox.control('GET', `/portals/${portalId}/lead-stream`);
      return p.created >= 3;
    });
    const stopped = await sandbox.control('DELETE', `/portals/${portalId}/lead-stream`);
    expect(stopped.running).toBe(false);
    const portal = await sandbox.control('GET', `/portals/${portalId}`);
    expect(portal.counts).toMatchObject({ leads: stopped.created, contacts: stopped.created });
    await new Promise((r) => setTimeout(r, 150));
    expect((await sandbox.control('GET', `/portals/${portalId}/lead-stream`)).created).toBe(stopped.created);
  });

  it('gives seeded leads the default pipeline and stage unless they name one', async () => {
    const { portalId } = await sandbox.newPortal();
    const { objects } = await sandbox.control('POST', `/portals/${portalId}/objects/leads`, {
      objects: [{ properties: {} }, { properties: { hs_pipeline_stage: 'qualified-stage-id' } }],
    });
    expect(objects[0].properties).toMatchObject({
      hs_pipeline: 'lead-pipeline-id',
      hs_pipeline_stage: 'new-stage-id',
    });
    expect(objects[1].properties.hs_pipeline_stage).toBe('qualified-stage-id');
  });
});
