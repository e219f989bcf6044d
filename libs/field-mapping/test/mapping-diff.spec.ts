import { describe, expect, it } from 'vitest';
import { diffMappings, type FieldMappingInput } from '../src/index';
import { readMapping } from './recorded-payloads';

describe('diffMappings', () => {
  const before = readMapping('monday-leads-board');

  it('finds nothing between a mapping and itself, even with defaults spelled out and keys reordered', () => {
    const spelledOut: FieldMappingInput = {
      statusParity: before.statusParity,
      fields: before.fields.map((rule) => ({ required: false, transforms: [], ...rule })).reverse(),
      customFields: before.customFields,
    };
    const diff = diffMappings(before, spelledOut);
    expect(diff.identical).toBe(true);
    expect(diff.fields).toEqual({ added: [], removed: [], changed: [] });
  });

  it('reports added, removed and changed rules, and which parts changed', () => {
    const after = structuredClone(before);
    after.fields = after.fields.filter((rule) => rule.target !== 'region');
    after.fields.push({ target: 'industry', sources: [{ kind: 'constant', value: 'Healthcare' }] });
    const phone = after.fields.find((rule) => rule.target === 'phone');
    if (phone === undefined) throw new Error('fixture has a phone rule');
    phone.transforms = [{ type: 'phone_e164', defaultCountry: 'GB' }];
    phone.required = true;

    const diff = diffMappings(before, after);

    expect(diff.identical).toBe(false);
    expect(diff.fields.added.map((rule) => rule.target)).toEqual(['industry']);
    expect(diff.fields.removed.map((rule) => rule.target)).toEqual(['region']);
    expect(diff.fields.changed).toEqual([
      expect.objectContaining({ target: 'phone', parts: ['transforms', 'required'] }),
    ]);
    expect(diff.fields.changed[0]?.after.transforms).toEqual([{ type: 'phone_e164', defaultCountry: 'GB' }]);
  });

  it('reports status-parity entries added, removed, changed and a new default', () => {
    const after = structuredClone(before);
    after.statusParity = {
      entries: [
        ...(before.statusParity?.entries ?? []).filter(
          (entry) => entry.value !== 'Qualified' && entry.value !== 'Spam',
        ),
        { value: 'spam', status: 'excluded' },
        { value: 'QUALIFIED', status: 'won' },
        { value: 'Stuck', status: 'open' },
      ],
      default: null,
    };

    const diff = diffMappings(before, after);

    expect(diff.statusParity.added).toEqual([{ value: 'Stuck', status: 'open' }]);
    expect(diff.statusParity.removed).toEqual([]);
    expect(diff.statusParity.changed).toEqual([{ value: 'QUALIFIED', before: 'open', after: 'won' }]);
    expect(diff.statusParity.default).toEqual({ before: 'open', after: null });
  });

  it('reports custom field changes', () => {
    const after = structuredClone(before);
    after.customFields = [
      ...(before.customFields ?? []).filter((field) => field.key !== 'newsletter'),
      { key: 'segment', label: 'Segment', type: 'enum' as const, options: ['SMB'] },
    ].map((field) => (field.key === 'products' ? { ...field, label: 'Products' } : field));

    const diff = diffMappings(before, after);

    expect(diff.customFields.added.map((field) => field.key)).toEqual(['segment']);
    expect(diff.customFields.removed.map((field) => field.key)).toEqual(['newsletter']);
    expect(diff.customFields.changed).toEqual([expect.objectContaining({ key: 'products' })]);
  });
});
