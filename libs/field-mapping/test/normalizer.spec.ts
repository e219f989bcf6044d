import { describe, expect, it } from 'vitest';
import {
  type FieldMappingInput,
  normalize,
  type NormalizeIssue,
  type NormalizeResult,
  type SourceRecord,
} from '../src/index';

const record: SourceRecord = {
  externalId: 'rec-1',
  object: 'item',
  properties: { name: 'Jane Cooper', empty: '   ', nested: { a: 1 } },
  associations: { contact: { email: 'not-an-email', phone: 'call me' } },
  columns: {
    status_1: { type: 'status', text: 'Mystery', value: '{"index":9}' },
    budget: { type: 'numbers', text: 'lots', value: '"lots"' },
    segment: { type: 'text', text: 'Galaxy', value: '"Galaxy"' },
    person: {
      type: 'people',
      text: 'A, B',
      value: '{"personsAndTeams":[{"id":1,"kind":"person"},{"id":2,"kind":"person"}]}',
    },
  },
  ownerId: null,
  createdAt: '2026-11-20T14:05:00Z',
};

function errorsOf(result: NormalizeResult): NormalizeIssue[] {
  if (result.ok) throw new Error('expected normalization to fail');
  return result.errors;
}

function leadOf(result: NormalizeResult) {
  if (!result.ok) throw new Error(`expected a lead, got ${JSON.stringify(result.errors, null, 2)}`);
  return result;
}

describe('normalize: error reporting', () => {
  it('reports every error at once, each naming target, source and transform', () => {
    const mapping: FieldMappingInput = {
      customFields: [{ key: 'segment', label: 'Segment', type: 'enum', options: ['SMB', 'Enterprise'] }],
      fields: [
        { target: 'externalId', sources: [{ kind: 'property', object: 'lead', name: 'id' }] },
        {
          target: 'email',
          sources: [{ kind: 'property', object: 'contact', name: 'email' }],
          transforms: [{ type: 'trim' }],
          required: true,
        },
        {
          target: 'phone',
          sources: [{ kind: 'property', object: 'contact', name: 'phone' }],
          transforms: [{ type: 'trim' }, { type: 'phone_e164', defaultCountry: 'US' }],
          required: true,
        },
        {
          target: 'amount',
          sources: [{ kind: 'column', id: 'budget' }],
          transforms: [{ type: 'money', currency: 'USD' }],
          required: true,
        },
        { target: 'custom.segment', sources: [{ kind: 'column', id: 'segment' }], required: true },
        { target: 'status', sources: [{ kind: 'column', id: 'status_1' }] },
      ],
      statusParity: { entries: [{ value: 'Won', status: 'won' }], default: null },
    };

    const errors = errorsOf(normalize(record, mapping));

    expect(errors).toEqual([
      expect.objectContaining({ code: 'missing_required', target: 'externalId', rule: 0, source: 'lead.id' }),
      expect.objectContaining({ code: 'invalid_format', target: 'email', rule: 1, source: 'contact.email' }),
      {
        code: 'invalid_phone',
        target: 'phone',
        rule: 2,
        source: 'contact.phone',
        transformIndex: 1,
        message: expect.stringContaining('"call me"'),
      },
      {
        code: 'not_money',
        target: 'amount',
        rule: 3,
        source: 'column:budget',
        transformIndex: 0,
        message: expect.stringContaining('"lots"'),
      },
      expect.objectContaining({
        code: 'type_mismatch',
        target: 'custom.segment',
        rule: 4,
        source: 'column:segment',
      }),
      expect.objectContaining({
        code: 'unmapped_status',
        target: 'status',
        rule: 5,
        source: 'column:status_1',
      }),
    ]);
    expect(errors[1]?.message).toContain('"not-an-email" is not an email address');
    expect(errors[4]?.message).toContain('not one of SMB, Enterprise');
    expect(errors[5]?.message).toContain('"Mystery"');
    for (const error of errors)
      expect(error.transformIndex === undefined || Number.isInteger(error.transformIndex)).toBe(true);
  });

  it('leaves an optional field empty with a warning when its value cannot be used', () => {
    const result = normalize(record, {
      fields: [
        { target: 'externalId', sources: [{ kind: 'record', field: 'externalId' }] },
        {
          target: 'phone',
          sources: [{ kind: 'property', object: 'contact', name: 'phone' }],
          transforms: [{ type: 'phone_e164', defaultCountry: 'US' }],
        },
      ],
      statusParity: { default: 'open' },
    });
    const { lead, warnings } = leadOf(result);
    expect(lead.phone).toBeNull();
    expect(warnings).toEqual([
      expect.objectContaining({
        code: 'invalid_phone',
        target: 'phone',
        source: 'contact.phone',
        transformIndex: 0,
        message: expect.stringContaining('phone left empty'),
      }),
    ]);
  });

  it('names the transform that left a required field without a value', () => {
    const errors = errorsOf(
      normalize(record, {
        fields: [
          { target: 'externalId', sources: [{ kind: 'record', field: 'externalId' }] },
          {
            target: 'region',
            sources: [{ kind: 'property', object: 'lead', name: 'name' }],
            transforms: [{ type: 'regex_extract', pattern: '(EMEA|APAC)' }],
            required: true,
          },
        ],
        statusParity: { default: 'open' },
      }),
    );
    expect(errors).toEqual([
      expect.objectContaining({
        code: 'missing_required',
        target: 'region',
        source: 'lead.name',
        transformIndex: 0,
        message: expect.stringContaining('transform 0 (regex_extract)'),
      }),
    ]);
  });

  it('lists every source tried when all are empty', () => {
    const errors = errorsOf(
      normalize(record, {
        fields: [
          { target: 'externalId', sources: [{ kind: 'record', field: 'externalId' }] },
          {
            target: 'company',
            sources: [
              { kind: 'property', object: 'company', name: 'name' },
              { kind: 'property', object: 'lead', name: 'empty' },
            ],
            required: true,
          },
        ],
        statusParity: { default: 'open' },
      }),
    );
    expect(errors).toEqual([
      expect.objectContaining({
        code: 'missing_required',
        target: 'company',
        source: 'company.name, lead.empty',
      }),
    ]);
  });

  it('reports an object value as unreadable and falls back to the next source', () => {
    const { lead, warnings } = leadOf(
      normalize(record, {
        fields: [
          { target: 'externalId', sources: [{ kind: 'record', field: 'externalId' }] },
          {
            target: 'company',
            sources: [
              { kind: 'property', object: 'lead', name: 'nested' },
              { kind: 'property', object: 'lead', name: 'name' },
            ],
          },
        ],
        statusParity: { default: 'open' },
      }),
    );
    expect(lead.company).toBe('Jane Cooper');
    expect(warnings).toEqual([
      expect.objectContaining({ code: 'unreadable_source', target: 'company', source: 'lead.nested' }),
    ]);
  });

  it('refuses a list where one value belongs, pointing at join and first', () => {
    const result = normalize(record, {
      fields: [
        { target: 'externalId', sources: [{ kind: 'record', field: 'externalId' }] },
        { target: 'existingOwnerId', sources: [{ kind: 'column', id: 'person' }], required: true },
      ],
      statusParity: { default: 'open' },
    });
    expect(errorsOf(result)).toEqual([
      expect.objectContaining({
        code: 'type_mismatch',
        target: 'existingOwnerId',
        message: expect.stringContaining('add "join" or "first"'),
      }),
    ]);
  });

  it('reports an unusable mapping as errors with paths instead of throwing', () => {
    const errors = errorsOf(normalize(record, { fields: [{ target: 'emial', sources: [] }] }));
    expect(errors.every((error) => error.code === 'invalid_mapping')).toBe(true);
    expect(errors.map((error) => error.message)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^fields\[0\]\.sources: /)]),
    );
  });

  it('reports a record that is not an object', () => {
    expect(errorsOf(normalize(null as unknown as SourceRecord, { fields: [] }))).toEqual([
      expect.objectContaining({ code: 'invalid_record', target: '' }),
    ]);
  });

  it('does not read inherited properties such as "constructor"', () => {
    const { lead } = leadOf(
      normalize(record, {
        fields: [
          { target: 'externalId', sources: [{ kind: 'record', field: 'externalId' }] },
          { target: 'company', sources: [{ kind: 'property', object: 'lead', name: 'constructor' }] },
        ],
        statusParity: { default: 'open' },
      }),
    );
    expect(lead.company).toBeNull();
  });
});

describe('normalize: status', () => {
  const base: FieldMappingInput['fields'] = [
    { target: 'externalId', sources: [{ kind: 'record', field: 'externalId' }] },
  ];

  it('uses the default when there is no status rule (a board without a status column)', () => {
    const { lead, warnings } = leadOf(normalize(record, { fields: base, statusParity: { default: 'open' } }));
    expect(lead.status).toBe('open');
    expect(warnings).toEqual([]);
  });

  it('matches table values ignoring case and spaces', () => {
    const { lead } = leadOf(
      normalize(
        { ...record, columns: { status_1: { type: 'status', text: ' won ' } } },
        {
          fields: [...base, { target: 'status', sources: [{ kind: 'column', id: 'status_1' }] }],
          statusParity: { entries: [{ value: 'Won', status: 'won' }] },
        },
      ),
    );
    expect(lead.status).toBe('won');
  });

  it('uses the default for an unmapped value but reports it', () => {
    const { lead, warnings } = leadOf(
      normalize(record, {
        fields: [...base, { target: 'status', sources: [{ kind: 'column', id: 'status_1' }] }],
        statusParity: { entries: [{ value: 'Won', status: 'won' }], default: 'excluded' },
      }),
    );
    expect(lead.status).toBe('excluded');
    expect(warnings).toEqual([
      expect.objectContaining({
        code: 'unmapped_status',
        source: 'column:status_1',
        message: expect.stringContaining('"Mystery"'),
      }),
    ]);
  });

  it('fails when the status is empty and there is no default', () => {
    const errors = errorsOf(
      normalize(
        { ...record, columns: {} },
        {
          fields: [...base, { target: 'status', sources: [{ kind: 'column', id: 'status_1' }] }],
          statusParity: { entries: [{ value: 'Won', status: 'won' }] },
        },
      ),
    );
    expect(errors).toEqual([
      expect.objectContaining({ code: 'status_undetermined', target: 'status', rule: 1 }),
    ]);
  });
});

describe('normalize: values', () => {
  it('join reads every source; without join the first with a value wins', () => {
    const { lead } = leadOf(
      normalize(
        { ...record, properties: { first: 'Jane', last: 'Cooper', nick: '' } },
        {
          fields: [
            { target: 'externalId', sources: [{ kind: 'record', field: 'externalId' }] },
            {
              target: 'fullName',
              sources: [
                { kind: 'property', object: 'lead', name: 'first' },
                { kind: 'property', object: 'lead', name: 'nick' },
                { kind: 'property', object: 'lead', name: 'last' },
              ],
              transforms: [{ type: 'join', separator: ' ' }],
            },
            {
              target: 'firstName',
              sources: [
                { kind: 'property', object: 'lead', name: 'nick' },
                { kind: 'property', object: 'lead', name: 'first' },
              ],
            },
          ],
          statusParity: { default: 'open' },
        },
      ),
    );
    expect(lead.fullName).toBe('Jane Cooper');
    expect(lead.firstName).toBe('Jane');
  });

  it('keeps an explicit currency over the configured one, and warns when the amount says otherwise', () => {
    const mapping = (amount: string, currency: string): [SourceRecord, FieldMappingInput] => [
      { ...record, properties: { amount, currency } },
      {
        customFields: [{ key: 'arr', label: 'ARR', type: 'money' }],
        fields: [
          { target: 'externalId', sources: [{ kind: 'record', field: 'externalId' }] },
          {
            target: 'amount',
            sources: [{ kind: 'property', object: 'lead', name: 'amount' }],
            transforms: [{ type: 'money', currency: 'USD' }],
          },
          { target: 'currency', sources: [{ kind: 'property', object: 'lead', name: 'currency' }] },
          {
            target: 'custom.arr',
            sources: [{ kind: 'property', object: 'lead', name: 'amount' }],
            transforms: [{ type: 'money', currency: 'GBP' }],
          },
        ],
        statusParity: { default: 'open' },
      },
    ];
    const plain = leadOf(normalize(...mapping('48000', 'eur')));
    expect(plain.lead).toMatchObject({
      amount: 48000,
      currency: 'EUR',
      custom: { arr: 48000 },
      customCurrencies: { arr: 'GBP' },
    });
    expect(plain.warnings).toEqual([]);

    const written = leadOf(normalize(...mapping('€48,000', 'USD')));
    expect(written.lead).toMatchObject({ amount: 48000, currency: 'USD', customCurrencies: { arr: 'EUR' } });
    expect(written.warnings).toEqual([
      expect.objectContaining({ code: 'currency_conflict', target: 'currency' }),
    ]);
  });

  it('coerces plain values to the target type and refuses what does not fit', () => {
    const result = normalize(
      { ...record, properties: { n: '42', b: 'Yes', d: '2026-11-20', l: 'solo', bad: 'soon' } },
      {
        customFields: [
          { key: 'n', label: 'N', type: 'number' },
          { key: 'b', label: 'B', type: 'boolean' },
          { key: 'd', label: 'D', type: 'date' },
          { key: 'l', label: 'L', type: 'list' },
          { key: 'bad', label: 'Bad', type: 'date' },
        ],
        fields: [
          { target: 'externalId', sources: [{ kind: 'record', field: 'externalId' }] },
          ...(['n', 'b', 'd', 'l', 'bad'] as const).map((key) => ({
            target: `custom.${key}`,
            sources: [{ kind: 'property' as const, object: 'lead' as const, name: key }],
          })),
        ],
        statusParity: { default: 'open' },
      },
    );
    const { lead, warnings } = leadOf(result);
    expect(lead.custom).toEqual({ n: 42, b: true, d: '2026-11-20T00:00:00.000Z', l: ['solo'], bad: null });
    expect(warnings).toEqual([
      expect.objectContaining({
        code: 'invalid_format',
        target: 'custom.bad',
        message: expect.stringContaining('add a "date" transform'),
      }),
    ]);
  });
});
