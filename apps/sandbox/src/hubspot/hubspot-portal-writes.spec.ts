import { describe, expect, it } from 'vitest';
import { HubSpotPortal, DEFAULT_RATE_LIMITS } from './hubspot-portal';
import { resolveObjectType } from './hubspot-schema';

const LEADS = resolveObjectType('leads')!;
const app = { changeSource: 'INTEGRATION', sourceId: '4242' };

function portal() {
  return new HubSpotPortal(1, 'p', 'pat-na1-x', DEFAULT_RATE_LIMITS);
}

describe('HubSpotPortal write log', () => {
  it('records every written value with its time and source, changed or not', () => {
    const p = portal();
    p.addOwner({ email: 'a@x.test', id: '11' });
    const lead = p.create(LEADS, { hs_lead_name: 'A' }, { source: app });
    p.update(lead, { hubspot_owner_id: '11' }, app, Date.parse('2030-01-01T00:00:00.000Z'));
    p.update(lead, { hubspot_owner_id: '11' }, app, Date.parse('2030-01-01T00:00:01.000Z'));

    const writes = p.writesSince(0, { property: 'hubspot_owner_id', limit: 10 });
    expect(writes).toEqual([
      {
        seq: 1,
        objectType: 'leads',
        objectId: lead.id,
        property: 'hubspot_owner_id',
        value: '11',
        changed: true,
        at: '2030-01-01T00:00:00.000Z',
        changeSource: 'INTEGRATION',
        sourceId: '4242',
      },
      expect.objectContaining({ seq: 2, changed: false, at: '2030-01-01T00:00:01.000Z' }),
    ]);
    expect(p.lastWriteSeq).toBe(2);
  });

  it('reads on from a seq and filters by type and property', () => {
    const p = portal();
    const lead = p.create(LEADS, { hs_lead_name: 'A' }, { source: app });
    p.update(lead, { hs_lead_name: 'B', hs_pipeline_stage: 'x' }, app);
    p.update(lead, { hs_lead_name: 'C' }, app);
    expect(p.writesSince(0, { limit: 10 }).map((w) => w.seq)).toEqual([1, 2, 3]);
    expect(p.writesSince(1, { limit: 10 }).map((w) => w.seq)).toEqual([2, 3]);
    expect(p.writesSince(0, { property: 'hs_lead_name', limit: 10 }).map((w) => w.value)).toEqual(['B', 'C']);
    expect(p.writesSince(0, { objectType: 'contacts', limit: 10 })).toEqual([]);
    expect(p.writesSince(0, { limit: 1 }).map((w) => w.seq)).toEqual([1]);
  });
});
