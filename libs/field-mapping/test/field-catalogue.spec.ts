import { describe, expect, it } from 'vitest';
import { CANONICAL_FIELD_KEYS, describeTarget, fieldCatalogue } from '../src/index';

describe('fieldCatalogue', () => {
  it('describes every canonical field, then the custom ones, with types the routing engine can check', () => {
    const catalogue = fieldCatalogue([
      { key: 'segment', label: 'Segment', type: 'enum', options: ['SMB', 'Enterprise'] },
      { key: 'arr', label: 'ARR', type: 'money' },
    ]);
    expect(catalogue.slice(0, CANONICAL_FIELD_KEYS.length).map((field) => field.key)).toEqual([
      ...CANONICAL_FIELD_KEYS,
    ]);
    expect(catalogue.find((field) => field.key === 'status')).toMatchObject({
      type: 'enum',
      options: ['open', 'won', 'lost', 'excluded'],
    });
    expect(catalogue.find((field) => field.key === 'country')).toMatchObject({
      type: 'enum',
      format: 'iso3166_alpha2',
    });
    expect(catalogue.find((field) => field.key === 'country')?.options).toContain('US');
    expect(catalogue.find((field) => field.key === 'createdAt')).toMatchObject({ type: 'date' });
    expect(catalogue.slice(-2)).toEqual([
      expect.objectContaining({
        key: 'custom.segment',
        type: 'enum',
        options: ['SMB', 'Enterprise'],
        custom: true,
      }),
      expect.objectContaining({ key: 'custom.arr', type: 'money', custom: true }),
    ]);
  });

  it('knows only canonical targets and declared custom fields', () => {
    expect(describeTarget('email', [])?.format).toBe('email');
    expect(describeTarget('custom.segment', [])).toBeUndefined();
    expect(describeTarget('segment', [{ key: 'segment', label: 'Segment', type: 'text' }])).toBeUndefined();
  });
});
