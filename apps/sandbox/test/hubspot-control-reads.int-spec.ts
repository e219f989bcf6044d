import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from './sandbox-harness';

let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startSandbox();
});

afterAll(async () => {
  await sandbox?.close();
});

describe('HubSpot sandbox read-only control endpoints', () => {
  it('lists objects in id order with the asked properties, page by page', async () => {
    const { portalId } = await sandbox.newPortal();
    await sandbox.control('POST', `/portals/${portalId}/objects/leads/generate`, { count: 5 });
    const first = await sandbox.control(
      'GET',
      `/portals/${portalId}/objects/leads?properties=hs_pipeline_stage&limit=3`,
    );
    expect(first.total).toBe(5);
    expect(first.results).toHaveLength(3);
    expect(first.results[0].properties).toMatchObject({ hs_pipeline_stage: 'new-stage-id' });
    expect(first.results[0].properties.createdate).toEqual(expect.any(String));
    const rest = await sandbox.control('GET', `/portals/${portalId}/objects/leads?after=${first.next}`);
    expect(rest.results).toHaveLength(2);
    expect(rest.next).toBeNull();
    const ids = [...first.results, ...rest.results].map((o: { id: string }) => Number(o.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });

  it('logs owner writes made through the CRM API, including a repeated one', async () => {
    const { portalId, client } = await sandbox.newPortal();
    const { owners } = await sandbox.control('POST', `/portals/${portalId}/owners`, {
      owners: [{ email: 'a@x.test' }],
    });
    const { firstId } = await sandbox.control('POST', `/portals/${portalId}/objects/leads/generate`, {
      count: 1,
    });
    for (let i = 0; i < 2; i++) {
      await client.crm.objects.batchApi.update('leads', {
        inputs: [{ id: String(firstId), properties: { hubspot_owner_id: owners[0].id } }],
      });
    }
    const log = await sandbox.control('GET', `/portals/${portalId}/writes?property=hubspot_owner_id`);
    expect(log.writes).toHaveLength(2);
    expect(log.writes[0]).toMatchObject({
      objectType: 'leads',
      objectId: String(firstId),
      value: owners[0].id,
      changed: true,
      changeSource: 'INTEGRATION',
    });
    expect(log.writes[1]).toMatchObject({ changed: false });
    const lead = await sandbox.control('GET', `/portals/${portalId}/objects/leads/${firstId}`);
    expect(lead.properties.hs_lastmodifieddate).toBe(log.writes[1].at);
    const after = await sandbox.control('GET', `/portals/${portalId}/writes?after=${log.next}`);
    expect(after.writes).toEqual([]);
  });
});
