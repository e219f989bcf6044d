import { describe, expect, it } from 'vitest';
import { HUBSPOT_OBJECTS } from './hubspot-objects';
import { ownerUpdateInputs } from './owner-writer';

describe('ownerUpdateInputs', () => {
  it('writes the owner with the extra properties, the owner id winning', () => {
    expect(
      ownerUpdateInputs(
        HUBSPOT_OBJECTS.contacts,
        [{ externalId: '1', ownerId: '77', properties: { hs_lead_status: 'OPEN', hubspot_owner_id: 'x' } }],
        undefined,
      ),
    ).toEqual([{ id: '1', properties: { hs_lead_status: 'OPEN', hubspot_owner_id: '77' } }]);
  });

  it('adds the lead stage for leads unless the assignment sets one', () => {
    const inputs = ownerUpdateInputs(
      HUBSPOT_OBJECTS.leads,
      [
        { externalId: '1', ownerId: '77' },
        { externalId: '2', ownerId: '78', properties: { hs_pipeline_stage: 'connected-stage-id' } },
      ],
      'attempting-stage-id',
    );
    expect(inputs).toEqual([
      { id: '1', properties: { hs_pipeline_stage: 'attempting-stage-id', hubspot_owner_id: '77' } },
      { id: '2', properties: { hs_pipeline_stage: 'connected-stage-id', hubspot_owner_id: '78' } },
    ]);
    expect(ownerUpdateInputs(HUBSPOT_OBJECTS.contacts, [{ externalId: '1', ownerId: '77' }], 'x')).toEqual([
      { id: '1', properties: { hubspot_owner_id: '77' } },
    ]);
  });

  it('writes a record assigned twice once, with the last assignment', () => {
    expect(
      ownerUpdateInputs(
        HUBSPOT_OBJECTS.deals,
        [
          { externalId: '1', ownerId: 'a' },
          { externalId: '2', ownerId: 'b' },
          { externalId: '1', ownerId: 'c' },
        ],
        undefined,
      ),
    ).toEqual([
      { id: '2', properties: { hubspot_owner_id: 'b' } },
      { id: '1', properties: { hubspot_owner_id: 'c' } },
    ]);
  });
});
