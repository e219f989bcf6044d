import { describe, expect, it } from 'vitest';
import { fieldMappingSchema, fieldMappingShapeSchema } from '../src/index';
import { checkPattern } from '../src/transforms/safe-pattern';
import { readMapping } from './recorded-payloads';

describe('regular expression safety', () => {
  it.each([
    ['(a+)+$', 'nested quantifiers'],
    ['(a*)*b', 'nested quantifiers'],
    ['(\\w+\\s?)*$', 'nested quantifiers'],
    ['(.*a){12}', 'nested quantifiers'],
    ['((ab)+c)+', 'nested quantifiers'],
    ['(a|aa)+', 'containing |'],
    ['(x|x)*y', 'containing |'],
    ['(a)\\1', 'back-references'],
    ['(?<w>a)\\k<w>', 'back-references'],
    ['a'.repeat(201), 'longer than 200'],
    ['(unclosed', 'not a valid regular expression'],
  ])('refuses %s', (pattern, reason) => {
    const check = checkPattern(pattern);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.reason).toContain(reason);
  });

  it.each([
    '^([^@]+)@',
    '(\\d{3})-(\\d{4})',
    '(?:Mr|Mrs|Ms)?\\.?\\s*(\\w+)',
    '[a-z]+(?:-[a-z]+)?',
    '^([^-]+?)(?:\\s+-\\s+.*)?$',
    '#(?<ticket>[A-Z]{2,5}-\\d+)',
    '[(+*)]+',
    '\\(\\d+\\)+',
  ])('accepts %s', (pattern) => {
    expect(checkPattern(pattern).ok).toBe(true);
  });

  it('counts capture groups, skipping non-capturing and lookaround groups', () => {
    expect(checkPattern('(a)(?:b)(?<c>c)(?=d)(?<!e)f')).toMatchObject({
      ok: true,
      captureGroups: 2,
      groupNames: ['c'],
    });
  });

  it('allows only the i, m, s and u flags', () => {
    expect(checkPattern('a', 'iu').ok).toBe(true);
    expect(checkPattern('a', 'g').ok).toBe(false);
  });
});

describe('fieldMappingSchema', () => {
  it('fills defaults so stored mappings are explicit', () => {
    const parsed = fieldMappingSchema.parse({
      fields: [{ target: 'externalId', sources: [{ kind: 'record', field: 'externalId' }] }],
      statusParity: { default: 'open' },
    });
    expect(parsed).toEqual({
      customFields: [],
      fields: [
        {
          target: 'externalId',
          sources: [{ kind: 'record', field: 'externalId' }],
          transforms: [],
          required: false,
        },
      ],
      statusParity: { entries: [], default: 'open' },
    });
  });

  it('accepts the example mappings', () => {
    for (const name of ['hubspot-lead', 'hubspot-contact', 'hubspot-deal', 'monday-leads-board']) {
      expect(fieldMappingSchema.safeParse(readMapping(name)).success).toBe(true);
    }
  });

  it('rejects unknown keys, so a typo such as "requried" is not silently ignored', () => {
    const result = fieldMappingSchema.safeParse({
      fields: [{ target: 'externalId', sources: [{ kind: 'record', field: 'externalId' }], requried: true }],
      statusParity: { default: 'open' },
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ code: 'unrecognized_keys', path: ['fields', 0] });
  });

  it('rejects an inconsistent mapping with our problem code, while the shape schema accepts it as a draft', () => {
    const draft = { fields: [{ target: 'email', sources: [{ kind: 'constant', value: 'a@b.co' }] }] };
    expect(fieldMappingShapeSchema.safeParse(draft).success).toBe(true);
    const result = fieldMappingSchema.safeParse(draft);
    expect(result.success).toBe(false);
    expect(
      result.error?.issues.map((issue) => (issue as { params?: { problem?: string } }).params?.problem),
    ).toEqual(['missing_required_target', 'missing_required_target']);
  });

  it('upper-cases currency and country codes', () => {
    const parsed = fieldMappingSchema.parse({
      fields: [
        { target: 'externalId', sources: [{ kind: 'record', field: 'externalId' }] },
        {
          target: 'amount',
          sources: [{ kind: 'constant', value: '5' }],
          transforms: [{ type: 'money', currency: 'eur' }],
        },
        {
          target: 'phone',
          sources: [{ kind: 'constant', value: '5' }],
          transforms: [{ type: 'phone_e164', defaultCountry: 'de' }],
        },
      ],
      statusParity: { default: 'open' },
    });
    expect(parsed.fields[1]?.transforms[0]).toMatchObject({ currency: 'EUR' });
    expect(parsed.fields[2]?.transforms[0]).toMatchObject({ defaultCountry: 'DE' });
  });
});
