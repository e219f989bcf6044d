import { describe, expect, it } from 'vitest';
import {
  type DiscoveredField,
  type FieldMappingInput,
  MAPPING_PROBLEM_CODES,
  type MappingProblem,
  validate,
} from '../src/index';

const discovered: DiscoveredField[] = [
  { object: 'contact', name: 'email', label: 'Email', type: 'string' },
  { object: 'contact', name: 'phone', label: 'Phone Number', type: 'string' },
  { object: 'contact', name: 'country', label: 'Country/Region', type: 'string' },
  { object: 'company', name: 'numberofemployees', label: 'Employees', type: 'number' },
  { object: 'company', name: 'founded', label: 'Founded', type: 'date' },
  {
    object: 'company',
    name: 'industry',
    label: 'Industry',
    type: 'enumeration',
    options: [
      { value: 'SOFTWARE', label: 'Software' },
      { value: 'RETAIL', label: 'Retail' },
      { value: 'MINING', label: 'Mining' },
    ],
  },
  {
    object: 'lead',
    name: 'hs_pipeline_stage',
    label: 'Lead stage',
    type: 'enumeration',
    options: [
      { value: 'new-stage-id', label: 'New' },
      { value: 'qualified-stage-id', label: 'Qualified' },
      { value: 'unqualified-stage-id', label: 'Disqualified' },
    ],
  },
  { object: 'column', name: 'person', label: 'Owner', type: 'people' },
  { object: 'column', name: 'country_1', label: 'Country', type: 'country' },
];

function clean(): FieldMappingInput {
  return {
    customFields: [{ key: 'employees', label: 'Employees', type: 'number' }],
    fields: [
      { target: 'externalId', sources: [{ kind: 'record', field: 'externalId' }], required: true },
      {
        target: 'email',
        sources: [{ kind: 'property', object: 'contact', name: 'email' }],
        transforms: [{ type: 'trim' }, { type: 'lower' }],
      },
      {
        target: 'phone',
        sources: [{ kind: 'property', object: 'contact', name: 'phone' }],
        transforms: [{ type: 'phone_e164', defaultCountry: 'US' }],
      },
      { target: 'country', sources: [{ kind: 'column', id: 'country_1' }] },
      {
        target: 'existingOwnerId',
        sources: [{ kind: 'column', id: 'person' }],
        transforms: [{ type: 'first' }],
      },
      {
        target: 'custom.employees',
        sources: [{ kind: 'property', object: 'company', name: 'numberofemployees' }],
      },
      {
        target: 'industry',
        sources: [{ kind: 'property', object: 'company', name: 'industry' }],
        transforms: [
          {
            type: 'value_map',
            entries: [
              { from: 'software', to: 'Software' },
              { from: 'Retail', to: 'Retail' },
              { from: 'mining', to: 'Mining' },
            ],
          },
        ],
      },
      { target: 'status', sources: [{ kind: 'property', object: 'lead', name: 'hs_pipeline_stage' }] },
    ],
    statusParity: {
      entries: [
        { value: 'new-stage-id', status: 'open' },
        { value: 'qualified-stage-id', status: 'won' },
        { value: 'unqualified-stage-id', status: 'lost' },
      ],
      default: null,
    },
  };
}

/** A mapping as an API client may send it: anything goes, which is the point of validate. */
interface DraftMapping {
  customFields: unknown[];
  fields: unknown[];
  statusParity: { entries: { value: string; status: string }[]; default: string | null };
}

/** The clean mapping with one change applied. */
function variant(change: (mapping: DraftMapping) => void): unknown {
  const mapping = structuredClone(clean()) as unknown as DraftMapping;
  change(mapping);
  return mapping;
}

function only(problems: MappingProblem[], code: MappingProblem['code']): MappingProblem[] {
  return problems.filter((problem) => problem.code === code);
}

describe('validate', () => {
  it('finds nothing wrong with a clean mapping', () => {
    expect(validate(clean(), discovered)).toEqual([]);
  });

  it('refuses what is not a mapping object', () => {
    expect(validate('mapping', discovered)).toEqual([
      expect.objectContaining({ code: 'invalid_shape', path: '' }),
    ]);
    expect(validate({ fields: 'x', extra: 1 }, discovered).map((problem) => problem.path)).toEqual(
      expect.arrayContaining(['extra', 'fields']),
    );
  });

  // One example per problem kind: [code, change to the clean mapping, expected path, severity].
  const cases: [MappingProblem['code'], (mapping: DraftMapping) => void, string, 'error' | 'warning'][] = [
    [
      'invalid_shape',
      (m) => {
        m.fields[1] = { target: 'email', sources: [{ kind: 'property', object: 'ticket', name: 'x' }] };
      },
      'fields[1].sources[0].object',
      'error',
    ],
    [
      'unknown_target',
      (m) => {
        m.fields.push({ target: 'emial', sources: [{ kind: 'constant', value: 'x' }] });
      },
      'fields[8].target',
      'error',
    ],
    [
      'unknown_target',
      (m) => {
        m.fields.push({ target: 'custom.segment', sources: [{ kind: 'constant', value: 'x' }] });
      },
      'fields[8].target',
      'error',
    ],
    [
      'duplicate_target',
      (m) => {
        m.fields.push({ target: 'email', sources: [{ kind: 'constant', value: 'a@b.co' }] });
      },
      'fields[8].target',
      'error',
    ],
    [
      'duplicate_custom_field',
      (m) => {
        m.customFields.push({ key: 'employees', label: 'Again', type: 'text' });
      },
      'customFields[1].key',
      'error',
    ],
    [
      'missing_required_target',
      (m) => {
        m.fields.splice(0, 1);
      },
      'fields',
      'error',
    ],
    [
      'missing_required_target',
      (m) => {
        m.fields.splice(7, 1);
      },
      'statusParity.default',
      'error',
    ],
    [
      'missing_enum_options',
      (m) => {
        m.customFields.push({ key: 'tier', label: 'Tier', type: 'enum' });
        m.fields.push({ target: 'custom.tier', sources: [{ kind: 'constant', value: 'A' }] });
      },
      'customFields[1].options',
      'error',
    ],
    [
      'unsafe_pattern',
      (m) => {
        m.fields[1] = {
          target: 'email',
          sources: [{ kind: 'property', object: 'contact', name: 'email' }],
          transforms: [{ type: 'regex_extract', pattern: '^(\\w+\\s?)*$' }],
        };
      },
      'fields[1].transforms[0].pattern',
      'error',
    ],
    [
      'unknown_capture_group',
      (m) => {
        m.fields[1] = {
          target: 'email',
          sources: [{ kind: 'property', object: 'contact', name: 'email' }],
          transforms: [{ type: 'regex_extract', pattern: '(\\w+)@', group: 2 }],
        };
      },
      'fields[1].transforms[0].group',
      'error',
    ],
    [
      'invalid_date_format',
      (m) => {
        m.fields.push({
          target: 'createdAt',
          sources: [{ kind: 'record', field: 'createdAt' }],
          transforms: [{ type: 'date', format: 'yyyy-mm-dd' }],
        });
      },
      'fields[8].transforms[0].format',
      'error',
    ],
    [
      'invalid_time_zone',
      (m) => {
        m.fields.push({
          target: 'createdAt',
          sources: [{ kind: 'record', field: 'createdAt' }],
          transforms: [{ type: 'date', timeZone: 'Mars/Olympus_Mons' }],
        });
      },
      'fields[8].transforms[0].timeZone',
      'error',
    ],
    [
      'invalid_currency',
      (m) => {
        m.fields.push({
          target: 'amount',
          sources: [{ kind: 'constant', value: 10 }],
          transforms: [{ type: 'money', currency: 'EURO' }],
        });
      },
      'fields[8].transforms[0].currency',
      'error',
    ],
    [
      'invalid_country',
      (m) => {
        m.fields[2] = {
          target: 'phone',
          sources: [{ kind: 'property', object: 'contact', name: 'phone' }],
          transforms: [{ type: 'phone_e164', defaultCountry: 'UK' }],
        };
      },
      'fields[2].transforms[0].defaultCountry',
      'error',
    ],
    [
      'duplicate_status_value',
      (m) => {
        m.statusParity.entries.push({ value: 'New-Stage-Id', status: 'lost' });
      },
      'statusParity.entries[3].value',
      'error',
    ],
    [
      'unknown_source',
      (m) => {
        m.fields[1] = { target: 'email', sources: [{ kind: 'property', object: 'contact', name: 'e_mail' }] };
      },
      'fields[1].sources[0]',
      'error',
    ],
    [
      'unknown_source',
      (m) => {
        m.fields[4] = { target: 'existingOwnerId', sources: [{ kind: 'column', id: 'people_9' }] };
      },
      'fields[4].sources[0]',
      'error',
    ],
    [
      'incompatible_transform',
      (m) => {
        m.fields[5] = {
          target: 'custom.employees',
          sources: [{ kind: 'property', object: 'company', name: 'numberofemployees' }],
          transforms: [{ type: 'email_to_domain' }],
        };
      },
      'fields[5].transforms[0]',
      'error',
    ],
    [
      'incompatible_transform',
      (m) => {
        m.fields.push({
          target: 'createdAt',
          sources: [{ kind: 'property', object: 'company', name: 'founded' }],
          transforms: [{ type: 'boolean' }],
        });
      },
      'fields[8].transforms[0]',
      'error',
    ],
    [
      'incompatible_target',
      (m) => {
        m.fields[4] = { target: 'existingOwnerId', sources: [{ kind: 'column', id: 'person' }] };
      },
      'fields[4].target',
      'error',
    ],
    [
      'incompatible_target',
      (m) => {
        m.fields.push({
          target: 'amount',
          sources: [{ kind: 'property', object: 'company', name: 'founded' }],
        });
      },
      'fields[8].target',
      'error',
    ],
    [
      'incompatible_target',
      (m) => {
        m.fields.push({
          target: 'amount',
          sources: [{ kind: 'property', object: 'contact', name: 'phone' }],
        });
      },
      'fields[8].target',
      'warning',
    ],
    [
      'missing_format_transform',
      (m) => {
        m.fields[2] = { target: 'phone', sources: [{ kind: 'property', object: 'contact', name: 'phone' }] };
      },
      'fields[2].transforms',
      'warning',
    ],
    [
      'missing_format_transform',
      (m) => {
        m.fields[3] = {
          target: 'country',
          sources: [{ kind: 'property', object: 'contact', name: 'country' }],
        };
      },
      'fields[3].transforms',
      'warning',
    ],
    [
      'value_map_incomplete',
      (m) => {
        m.fields[6] = {
          target: 'industry',
          sources: [{ kind: 'property', object: 'company', name: 'industry' }],
          transforms: [{ type: 'value_map', entries: [{ from: 'SOFTWARE', to: 'Software' }] }],
        };
      },
      'fields[6].transforms[0]',
      'warning',
    ],
    [
      'status_parity_incomplete',
      (m) => {
        m.statusParity.entries.pop();
      },
      'statusParity.entries',
      'error',
    ],
    [
      'status_parity_incomplete',
      (m) => {
        m.statusParity.entries.pop();
        m.statusParity.default = 'open';
      },
      'statusParity.entries',
      'warning',
    ],
    [
      'unknown_status_value',
      (m) => {
        m.statusParity.entries.push({ value: 'closedwon', status: 'won' });
      },
      'statusParity.entries[3].value',
      'warning',
    ],
    [
      'unmapped_custom_field',
      (m) => {
        m.customFields.push({ key: 'notes', label: 'Notes', type: 'text' });
      },
      'customFields[1]',
      'warning',
    ],
  ];

  it.each(cases)('reports %s', (code, change, path, severity) => {
    const problems = validate(variant(change), discovered);
    expect(only(problems, code)).toEqual([
      expect.objectContaining({ code, path, severity, message: expect.any(String) }),
    ]);
  });

  it('has an example for every problem code', () => {
    expect(new Set(cases.map(([code]) => code))).toEqual(new Set(MAPPING_PROBLEM_CODES));
  });

  it('lists the enum options a value map or status table misses', () => {
    const problems = validate(
      variant((m) => {
        m.fields[6] = {
          target: 'industry',
          sources: [{ kind: 'property', object: 'company', name: 'industry' }],
          transforms: [
            { type: 'lower' },
            { type: 'value_map', entries: [{ from: 'software', to: 'Software' }] },
          ],
        };
        m.statusParity.entries.splice(1, 2);
      }),
      discovered,
    );
    expect(only(problems, 'value_map_incomplete')[0]?.missingOptions).toEqual(['RETAIL', 'MINING']);
    expect(only(problems, 'status_parity_incomplete')[0]?.missingOptions).toEqual([
      'qualified-stage-id',
      'unqualified-stage-id',
    ]);
  });

  it('does not let one broken rule hide the problems of the others', () => {
    const problems = validate(
      variant((m) => {
        m.fields[1] = { target: 'email', sources: [], transforms: [{ type: 'nope' }] };
        m.fields[2] = { target: 'phone', sources: [{ kind: 'property', object: 'contact', name: 'mobile' }] };
        m.fields.push({ target: 'email', sources: [{ kind: 'constant', value: 'x@y.co' }] });
      }),
      discovered,
    );
    expect(problems.map((problem) => `${problem.code} ${problem.path}`)).toEqual(
      expect.arrayContaining([
        'invalid_shape fields[1].sources',
        'invalid_shape fields[1].transforms[0].type',
        'duplicate_target fields[8].target',
        'unknown_source fields[2].sources[0]',
      ]),
    );
  });

  it('reads "lead" property sources from the object the mapping is for', () => {
    const dealFields: DiscoveredField[] = [
      { object: 'deal', name: 'amount', label: 'Amount', type: 'number' },
    ];
    const mapping: FieldMappingInput = {
      fields: [
        { target: 'externalId', sources: [{ kind: 'record', field: 'externalId' }] },
        { target: 'amount', sources: [{ kind: 'property', object: 'lead', name: 'amount' }] },
      ],
      statusParity: { default: 'open' },
    };
    expect(validate(mapping, dealFields, { recordObject: 'deal' })).toEqual([]);
    expect(only(validate(mapping, dealFields), 'unknown_source')).toHaveLength(1);
  });
});
