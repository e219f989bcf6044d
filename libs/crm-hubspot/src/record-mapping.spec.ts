import { describe, expect, it } from 'vitest';
import { recorded } from '../test/recorded-payloads';
import { HUBSPOT_OBJECTS } from './hubspot-objects';
import type { HubSpotAssociationsJson, HubSpotBatchJson, HubSpotObjectJson } from './hubspot-payloads';
import {
  associationEdgesByFromId,
  isoTime,
  missingIds,
  pickAssociatedId,
  toCrmRecord,
} from './record-mapping';

const leads = recorded<HubSpotBatchJson<HubSpotObjectJson>>('leads-batch-read-207');
const toContacts = recorded<HubSpotBatchJson<HubSpotAssociationsJson>>('leads-contacts-associations-207');
const toCompanies = recorded<HubSpotBatchJson<HubSpotAssociationsJson>>('leads-companies-associations');
const contact = recorded<HubSpotBatchJson<HubSpotObjectJson>>('contacts-batch-read').body.results[0]!;
const company = recorded<HubSpotBatchJson<HubSpotObjectJson>>('companies-batch-read').body.results[0]!;

describe('associations', () => {
  it('groups a v4 batch read by record, with every type id of each link (numeric ids as strings)', () => {
    const edges = associationEdgesByFromId(toContacts.body.results);
    expect(edges.get('1004')).toEqual([
      { toId: '1002', typeIds: [608, 578] },
      { toId: '1003', typeIds: [608] },
    ]);
    // The 207's NO_ASSOCIATIONS_FOUND entry: nothing for that lead.
    expect(edges.has('1005')).toBe(false);
  });

  it('picks the primary link, else the only one, else none', () => {
    const edges = associationEdgesByFromId(toContacts.body.results).get('1004')!;
    expect(pickAssociatedId(edges, [578])).toBe('1002');
    expect(pickAssociatedId(edges, [])).toBeNull();
    expect(pickAssociatedId([{ toId: '7', typeIds: [3] }], [])).toBe('7');
    expect(pickAssociatedId([], [578])).toBeNull();
  });
});

describe('toCrmRecord', () => {
  it('maps a lead with its primary contact and company, keeping the raw object and association ids', () => {
    const lead = leads.body.results.find((r) => r.id === '1004')!;
    const facts = HUBSPOT_OBJECTS.leads;
    const record = toCrmRecord({
      facts,
      object: lead,
      associations: [
        {
          plan: facts.associations[0]!,
          edges: associationEdgesByFromId(toContacts.body.results).get('1004')!,
          record: contact,
        },
        {
          plan: facts.associations[1]!,
          edges: associationEdgesByFromId(toCompanies.body.results).get('1004')!,
          record: company,
        },
      ],
    });
    expect(record).toEqual({
      externalId: '1004',
      object: 'lead',
      properties: lead.properties,
      associations: {
        contact: contact.properties,
        company: company.properties,
      },
      ownerId: '70000001',
      createdAt: '2026-11-20T14:03:12.345Z',
      updatedAt: '2026-11-20T14:03:15.001Z',
      raw: {
        ...lead,
        associations: {
          contacts: [
            { id: '1002', typeIds: [608, 578] },
            { id: '1003', typeIds: [608] },
          ],
          companies: [{ id: '1001', typeIds: [610, 580] }],
        },
      },
    });
    expect(record.associations?.contact).toMatchObject({ email: 'jane.cooper@acmerobotics.io' });
    expect(record.associations?.company).toMatchObject({ name: 'Acme Robotics, Inc.' });
  });

  it('says "none" for an association it read and found nothing for, and leaves out the ones not read', () => {
    const lead = leads.body.results.find((r) => r.id === '1005')!;
    const facts = HUBSPOT_OBJECTS.leads;
    const record = toCrmRecord({
      facts,
      object: lead,
      associations: [{ plan: facts.associations[0]!, edges: [], record: null }],
    });
    expect(record.associations).toEqual({ contact: null });
    expect(record.ownerId).toBeNull();
    expect(record.raw['associations']).toEqual({ contacts: [] });
  });

  it('falls back to the date properties when the object-level times are absent', () => {
    const record = toCrmRecord({
      facts: HUBSPOT_OBJECTS.contacts,
      object: {
        id: '9',
        properties: {
          createdate: '1700000000000',
          lastmodifieddate: '2026-01-02T03:04:05Z',
          hubspot_owner_id: '',
        },
      },
      associations: [],
    });
    expect(record).toMatchObject({
      object: 'contact',
      createdAt: '2023-11-14T22:13:20.000Z',
      updatedAt: '2026-01-02T03:04:05.000Z',
      ownerId: null,
    });
  });
});

describe('missingIds', () => {
  it('lists requested ids the 207 did not return', () => {
    expect(leads.status).toBe(207);
    expect(missingIds(['1004', '1005', '999999'], leads.body.results)).toEqual(['999999']);
  });

  it('reads HubSpot times', () => {
    expect(isoTime('2026-11-20T14:03:12.345Z')).toBe('2026-11-20T14:03:12.345Z');
    expect(isoTime('not a date')).toBeNull();
    expect(isoTime(null)).toBeNull();
  });
});
