import { format, resolveConfig } from 'prettier';
import { describe, expect, it } from 'vitest';
import { normalize, type NormalizeResult, validate } from '../src/index';
import {
  hubspotDiscoveredFields,
  hubspotRecord,
  mondayDiscoveredFields,
  mondayItems,
  mondayRecord,
  readFixture,
  readMapping,
} from './recorded-payloads';

type HubSpotObject = Parameters<typeof hubspotRecord>[1];

// Golden files are formatted as the repository's Prettier would, so `npm run format` and
// `vitest -u` agree on their bytes.
async function golden(result: NormalizeResult): Promise<string> {
  const options = await resolveConfig(__filename);
  return format(JSON.stringify(result, null, 2), { ...options, parser: 'json' });
}

function expectLead(result: NormalizeResult) {
  if (!result.ok) throw new Error(`expected a lead, got errors: ${JSON.stringify(result.errors, null, 2)}`);
  return result;
}

describe('golden: HubSpot records through the example mappings', () => {
  it('a Lead with its associated contact and company', async () => {
    const payload = readFixture<{ lead: HubSpotObject; contact: HubSpotObject; company: HubSpotObject }>(
      'hubspot/lead-with-associations.json',
    );
    const result = normalize(hubspotRecord('lead', payload.lead, payload), readMapping('hubspot-lead'));

    const { lead, warnings } = expectLead(result);
    expect(lead).toMatchObject({
      externalId: '81234567001',
      email: 'jane.cooper@acmerobotics.io',
      phone: '+14155552671',
      country: 'US',
      domain: 'acmerobotics.io',
      status: 'open',
      existingOwnerId: '512345678',
    });
    expect(warnings).toEqual([]);
    await expect(await golden(result)).toMatchFileSnapshot('./golden/hubspot-lead.json');
  });

  it('a Contact whose lead status is UNQUALIFIED is lost', async () => {
    const payload = readFixture<{ contact: HubSpotObject }>('hubspot/contact.json');
    const result = normalize(hubspotRecord('contact', payload.contact), readMapping('hubspot-contact'));

    const { lead } = expectLead(result);
    expect(lead).toMatchObject({
      status: 'lost',
      firstName: 'Olivia',
      lastName: 'Bennett',
      country: 'GB',
      existingOwnerId: '512349999',
    });
    await expect(await golden(result)).toMatchFileSnapshot('./golden/hubspot-contact.json');
  });

  it('a Deal in closedwon is won, with its amount in the deal currency', async () => {
    const payload = readFixture<{ deal: HubSpotObject; contact: HubSpotObject; company: HubSpotObject }>(
      'hubspot/deal.json',
    );
    const result = normalize(hubspotRecord('deal', payload.deal, payload), readMapping('hubspot-deal'));

    const { lead, warnings } = expectLead(result);
    expect(lead).toMatchObject({
      status: 'won',
      amount: 48000,
      currency: 'EUR',
      country: 'DE',
      existingOwnerId: '512340001',
    });
    expect(warnings).toEqual([]);
    await expect(await golden(result)).toMatchFileSnapshot('./golden/hubspot-deal-won.json');
  });

  it('a Deal in closedlost without associations is lost and falls back to its own name', async () => {
    const payload = readFixture<{ deal: HubSpotObject }>('hubspot/deal-lost.json');
    const result = normalize(hubspotRecord('deal', payload.deal), readMapping('hubspot-deal'));

    const { lead } = expectLead(result);
    expect(lead).toMatchObject({
      status: 'lost',
      company: 'Bluebird Clinics',
      amount: 12500,
      currency: 'USD',
      existingOwnerId: null,
      email: null,
    });
    await expect(await golden(result)).toMatchFileSnapshot('./golden/hubspot-deal-lost.json');
  });
});

describe('golden: Monday items through the example board mapping', () => {
  const mapping = readMapping('monday-leads-board');
  const items = mondayItems();

  it.each(items.map((item) => [item.id, item] as const))('item %s', async (id, item) => {
    await expect(await golden(normalize(mondayRecord(item), mapping))).toMatchFileSnapshot(
      `./golden/monday-item-${id}.json`,
    );
  });

  function normalizedItem(id: string) {
    const item = items.find((candidate) => candidate.id === id);
    if (item === undefined) throw new Error(`no fixture item ${id}`);
    return expectLead(normalize(mondayRecord(item), mapping));
  }

  it('reads people, dropdown, date, checkbox, country and phone columns by their meaning', () => {
    const { lead } = normalizedItem('9876543210');
    expect(lead).toMatchObject({
      phone: '+14155552671',
      country: 'US',
      amount: 25000,
      currency: 'USD',
      existingOwnerId: '41234567',
      custom: {
        products: ['Routing', 'Analytics'],
        demo_at: '2026-11-24T16:30:00.000Z',
        newsletter: true,
        board_group: 'New leads',
      },
    });
  });

  it('maps the Spam label to excluded, and an empty people column to no owner', () => {
    const { lead } = normalizedItem('9876543211');
    expect(lead.status).toBe('excluded');
    expect(lead.existingOwnerId).toBeNull();
  });

  it('reports a label missing from the status-parity table instead of silently calling it open', () => {
    const { lead, warnings } = normalizedItem('9876543212');
    expect(lead.status).toBe('open');
    expect(warnings).toContainEqual(
      expect.objectContaining({ code: 'unmapped_status', target: 'status', rule: 12 }),
    );
    expect(warnings.find((warning) => warning.code === 'unmapped_status')?.message).toContain('"Stuck"');
    // Teams cannot own leads: the person after the team is the owner.
    expect(lead.existingOwnerId).toBe('41239999');
  });

  it('maps Won to won and turns a national number into E.164 with the column country', () => {
    const { lead } = normalizedItem('9876543213');
    expect(lead).toMatchObject({ status: 'won', phone: '+442079460958', country: 'GB' });
  });
});

describe('the example mappings against the recorded field definitions', () => {
  it.each([
    ['hubspot-lead', 'lead'],
    ['hubspot-contact', 'contact'],
    ['hubspot-deal', 'deal'],
  ])('%s has no errors', (name, recordObject) => {
    const problems = validate(readMapping(name), hubspotDiscoveredFields(), { recordObject });
    expect(problems.filter((problem) => problem.severity === 'error')).toEqual([]);
  });

  it('monday-leads-board has no errors, and warns that "Stuck" is not in its status table', () => {
    const problems = validate(readMapping('monday-leads-board'), mondayDiscoveredFields());
    expect(problems.filter((problem) => problem.severity === 'error')).toEqual([]);
    expect(problems).toContainEqual(
      expect.objectContaining({
        code: 'status_parity_incomplete',
        severity: 'warning',
        path: 'statusParity.entries',
        missingOptions: ['Stuck'],
      }),
    );
  });
});
