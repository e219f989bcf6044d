import { type DiscoveredField, normalize, validate } from '@leadflow/field-mapping';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeMonday, mondayContext } from '../test/fake-monday';
import { recorded } from '../test/recorded-payloads';
import { MondayCrmClient } from './client';
import { mondayDefaultMapping, mondayDefaultMappingFor } from './mapping-defaults';

afterEach(() => {
  vi.unstubAllGlobals();
});

async function boardFields(): Promise<DiscoveredField[]> {
  fakeMonday(() => ({ body: { data: recorded('board-columns') } }));
  const { context } = mondayContext({ boardId: '1234567890', ownerColumnId: 'person' });
  return new MondayCrmClient(context).listFields('items');
}

describe('mondayDefaultMapping', () => {
  it('is valid for the recorded board, with no errors', async () => {
    const fields = await boardFields();
    const mapping = mondayDefaultMapping(fields);
    expect(validate(mapping, fields).filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('takes columns by type and title, the owner from the record, status parity from the labels', async () => {
    const fields = await boardFields();
    const mapping = mondayDefaultMapping(fields);
    const rule = (target: string) => mapping.fields.find((f) => f.target === target);
    expect(rule('externalId')).toMatchObject({
      sources: [{ kind: 'record', field: 'externalId' }],
      required: true,
    });
    expect(rule('fullName')?.sources).toEqual([{ kind: 'property', object: 'lead', name: 'name' }]);
    expect(rule('email')?.sources).toEqual([{ kind: 'column', id: 'email_mkx1', read: 'auto' }]);
    expect(rule('phone')).toMatchObject({
      sources: [{ kind: 'column', id: 'phone_mkx2' }],
      transforms: [{ type: 'phone_e164' }],
    });
    expect(rule('country')?.sources).toEqual([{ kind: 'column', id: 'country_mkx3', read: 'auto' }]);
    expect(rule('domain')?.sources.map((s) => (s.kind === 'column' ? s.id : s.kind))).toEqual([
      'link_site',
      'email_mkx1',
    ]);
    expect(rule('status')?.sources).toEqual([{ kind: 'column', id: 'status', read: 'auto' }]);
    expect(rule('existingOwnerId')?.sources).toEqual([{ kind: 'record', field: 'ownerId' }]);
    // Left to title similarity by the suggester.
    expect(rule('company')?.sources).toEqual([{ kind: 'column', id: 'text_company', read: 'auto' }]);
    expect(rule('region')?.sources).toEqual([{ kind: 'column', id: 'text_region', read: 'auto' }]);
    expect(rule('amount')?.sources).toEqual([{ kind: 'column', id: 'numbers_budget', read: 'auto' }]);

    const parity = Object.fromEntries(mapping.statusParity.entries.map((e) => [e.value, e.status]));
    expect(parity).toMatchObject({
      Won: 'won',
      Lost: 'lost',
      Spam: 'excluded',
      'Working on it': 'open',
      'New lead': 'open',
    });
    expect(mapping.statusParity.default).toBe('open');
  });

  it('normalizes a recorded item', async () => {
    const fields = await boardFields();
    const mapping = mondayDefaultMapping(fields);
    fakeMonday(() => ({ body: { data: recorded('items-by-id') } }));
    const { context } = mondayContext({ boardId: '1234567890', ownerColumnId: 'person' });
    const { records } = await new MondayCrmClient(context).fetchLeads('items', ['9876543210']);
    const result = normalize(records[0]!, mapping);
    if (!result.ok) throw new Error(JSON.stringify(result));
    expect(result.lead).toMatchObject({
      externalId: '9876543210',
      email: 'jane.cooper@acmerobotics.io',
      firstName: 'Jane',
      lastName: 'Cooper',
      phone: '+14155552671',
      company: 'Acme Robotics',
      domain: 'acmerobotics.io',
      country: 'US',
      region: 'West',
      status: 'open',
      existingOwnerId: '41234567',
      createdAt: '2026-11-20T14:05:00.000Z',
    });
  });

  it.each([
    ['Won', 1, true, 'won'],
    ['Lost', 2, false, 'lost'],
    ['Spam', 3, false, 'excluded'],
    ['New lead', 5, false, 'open'],
  ])('golden: a recorded item labelled %s normalizes to status %s', async (label, index, isDone, status) => {
    const fields = await boardFields();
    const mapping = mondayDefaultMapping(fields);
    const items = recorded<{ items: { id: string; column_values: Record<string, unknown>[] }[] }>(
      'items-by-id',
    );
    const item = items.items[0]!;
    const relabelled = {
      items: [
        {
          ...item,
          column_values: item.column_values.map((cv) =>
            cv['id'] === 'status'
              ? { ...cv, text: label, label, index, is_done: isDone, value: JSON.stringify({ index }) }
              : cv,
          ),
        },
      ],
    };
    fakeMonday(() => ({ body: { data: relabelled } }));
    const { context } = mondayContext({ boardId: '1234567890', ownerColumnId: 'person' });
    const { records } = await new MondayCrmClient(context).fetchLeads('items', [item.id]);
    const result = normalize(records[0]!, mapping);
    expect(result).toMatchObject({
      ok: true,
      lead: { externalId: item.id, status, existingOwnerId: '41234567' },
    });
  });

  it('prefers the best-titled column when a board has several of a type, and works without optional columns', () => {
    const fields: DiscoveredField[] = [
      { object: 'column', name: 'email_private', label: 'Private e-mail', type: 'email' },
      { object: 'column', name: 'email_work', label: 'Work email', type: 'email' },
      { object: 'lead', name: 'name', label: 'Item name', type: 'text' },
    ];
    const mapping = mondayDefaultMapping(fields);
    expect(mapping.fields.find((f) => f.target === 'email')?.sources).toEqual([
      { kind: 'column', id: 'email_work', read: 'auto' },
    ]);
    expect(mapping.fields.find((f) => f.target === 'status')).toBeUndefined();
    expect(validate(mapping, fields).filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('is offered for board items once there are fields', async () => {
    expect(mondayDefaultMappingFor('items', undefined)).toBeUndefined();
    expect(mondayDefaultMappingFor('items', [])).toBeUndefined();
    expect(mondayDefaultMappingFor('contacts', await boardFields())).toBeUndefined();
    expect(mondayDefaultMappingFor('items', await boardFields())).toBeDefined();
  });
});
