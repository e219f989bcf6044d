import { normalize } from '@leadflow/field-mapping';
import { describe, expect, it } from 'vitest';
import { HUBSPOT_OBJECTS } from '../src/hubspot-objects';
import type { HubSpotObjectJson } from '../src/hubspot-payloads';
import { hubSpotDefaultMapping } from '../src/mapping-defaults';
import { toCrmRecord } from '../src/record-mapping';
import { recorded } from './recorded-payloads';

/**
 * Golden: recorded HubSpot records through the default mappings, end to end (adapter record shape →
 * normalize). A change to a default mapping or to the adapter's record shape shows up here.
 */
type Batch = { results: HubSpotObjectJson[] };
const lead = recorded<Batch>('leads-batch-read-207').body.results[0]!;
const contact = recorded<Batch>('contacts-batch-read').body.results[0]!;
const company = recorded<Batch>('companies-batch-read').body.results[0]!;

function withAssociations(type: 'leads' | 'contacts' | 'deals', object: HubSpotObjectJson) {
  const facts = HUBSPOT_OBJECTS[type];
  return toCrmRecord({
    facts,
    object,
    associations: facts.associations.map((plan) => ({
      plan,
      edges: [],
      record: plan.as === 'contact' ? contact : company,
    })),
  });
}

function withProperty(
  object: HubSpotObjectJson,
  properties: Record<string, string | null>,
): HubSpotObjectJson {
  return { ...object, properties: { ...object.properties, ...properties } };
}

const person = {
  email: 'jane.cooper@acmerobotics.io',
  firstName: 'Jane',
  company: 'Acme Robotics, Inc.',
  domain: 'acmerobotics.io',
  country: 'US',
  industry: 'COMPUTER_SOFTWARE',
};

describe('HubSpot default mappings (golden)', () => {
  it.each([
    ['new-stage-id', 'open'],
    ['qualified-stage-id', 'won'],
    ['unqualified-stage-id', 'lost'],
  ])('leads: stage %s → %s, with the owner and the contact and company fields', (stage, status) => {
    const result = normalize(
      withAssociations('leads', withProperty(lead, { hs_pipeline_stage: stage })),
      hubSpotDefaultMapping('leads')!,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.lead).toMatchObject({
      externalId: '1004',
      ...person,
      status,
      existingOwnerId: '70000001',
      createdAt: '2026-11-20T14:03:12.345Z',
    });
  });

  it('contacts: the contact itself is the lead, status from hs_lead_status', () => {
    const result = normalize(
      withAssociations(
        'contacts',
        withProperty(contact, { hs_lead_status: 'UNQUALIFIED', hubspot_owner_id: '70000002' }),
      ),
      hubSpotDefaultMapping('contacts')!,
    );
    expect(result).toMatchObject({
      ok: true,
      lead: { externalId: '1002', ...person, status: 'lost', existingOwnerId: '70000002' },
    });
  });

  it.each([
    ['closedwon', 'won'],
    ['closedlost', 'lost'],
    ['contractsent', 'open'],
  ])('deals: stage %s → %s, with amount and currency', (stage, status) => {
    const deal: HubSpotObjectJson = {
      id: '3001',
      properties: {
        dealname: 'Acme renewal',
        amount: '48000',
        deal_currency_code: 'EUR',
        dealstage: stage,
        hubspot_owner_id: '70000003',
        createdate: '2026-11-21T09:00:00.000Z',
      },
      createdAt: '2026-11-21T09:00:00.000Z',
      updatedAt: '2026-11-22T09:00:00.000Z',
      archived: false,
    };
    const result = normalize(withAssociations('deals', deal), hubSpotDefaultMapping('deals')!);
    expect(result).toMatchObject({
      ok: true,
      lead: {
        externalId: '3001',
        ...person,
        amount: 48000,
        currency: 'EUR',
        status,
        existingOwnerId: '70000003',
      },
    });
  });
});
