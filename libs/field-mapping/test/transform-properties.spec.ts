import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyTransform,
  type FieldValue,
  normalize,
  type SourceRecord,
  type Transform,
  transformSchema,
  type TransformInput,
} from '../src/index';
import { COUNTRY_CODES } from '../src/reference-data/country-lookup';
import { readMapping } from './recorded-payloads';

const RUNS = { numRuns: 200 };

function transform(input: TransformInput): Transform {
  return transformSchema.parse(input);
}

/** The value after one application, or undefined when the transform refused or found nothing. */
function once(value: FieldValue, configured: Transform): FieldValue | undefined {
  const outcome = applyTransform(value, configured);
  return outcome.ok && outcome.value !== null ? outcome.value : undefined;
}

function expectIdempotent(configured: Transform, values: fc.Arbitrary<FieldValue>): void {
  fc.assert(
    fc.property(values, (value) => {
      const first = once(value, configured);
      if (first === undefined) return;
      expect(once(first, configured)).toEqual(first);
    }),
    RUNS,
  );
}

const anyText = fc.string({ unit: 'binary', maxLength: 60 });
const anyValue: fc.Arbitrary<FieldValue> = fc.oneof(
  anyText,
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(anyText, { maxLength: 4 }),
);

const EVERY_TRANSFORM: Transform[] = (
  [
    { type: 'trim' },
    { type: 'lower' },
    { type: 'upper' },
    { type: 'split_name', part: 'first' },
    { type: 'split_name', part: 'last' },
    { type: 'join', separator: ', ' },
    { type: 'split', separator: ';' },
    { type: 'first' },
    { type: 'number', decimalSeparator: ',' },
    { type: 'money', currency: 'EUR' },
    { type: 'date', format: 'DD/MM/YYYY HH:mm', timeZone: 'Europe/Paris' },
    { type: 'date', format: 'epoch_ms' },
    { type: 'date' },
    { type: 'boolean' },
    { type: 'value_map', entries: [{ from: 'a', to: 'b' }] },
    { type: 'email_to_domain' },
    { type: 'phone_e164', defaultCountry: 'US' },
    { type: 'country' },
    { type: 'regex_extract', pattern: '(\\w+)@' },
    { type: 'truncate', maxLength: 5 },
  ] satisfies TransformInput[]
).map(transform);

describe('transform properties', () => {
  it('trim, lower, upper and truncate are idempotent on any text', () => {
    for (const configured of [
      { type: 'trim' },
      { type: 'lower' },
      { type: 'upper' },
      { type: 'truncate', maxLength: 7 },
    ] as const) {
      expectIdempotent(transform(configured), anyText);
    }
  });

  it('truncate keeps at most maxLength code points and a prefix of the input', () => {
    fc.assert(
      fc.property(anyText, fc.integer({ min: 1, max: 20 }), (text, maxLength) => {
        const result = once(text, transform({ type: 'truncate', maxLength }));
        if (result === undefined) return;
        expect(typeof result).toBe('string');
        expect(Array.from(result as string).length).toBeLessThanOrEqual(maxLength);
        expect(text.startsWith(result as string)).toBe(true);
      }),
      RUNS,
    );
  });

  it('email_to_domain is idempotent: a domain maps to itself', () => {
    const addresses = fc.oneof(
      fc.emailAddress(),
      fc.domain(),
      fc.webUrl(),
      fc.domain().map((domain) => `https://www.${domain}/x`),
    );
    expectIdempotent(transform({ type: 'email_to_domain' }), addresses);
  });

  it('phone_e164 is idempotent: an E.164 number stays as it is, with or without a default country', () => {
    const countries = fc.constantFrom('US', 'GB', 'DE', 'FR', 'IN', 'BR', 'JP', 'AU', 'ES', 'NG');
    const typed = fc.stringMatching(/^\+?[0-9][0-9 ().-]{5,18}$/);
    fc.assert(
      fc.property(countries, typed, (country, text) => {
        const e164 = once(text, transform({ type: 'phone_e164', defaultCountry: country }));
        if (e164 === undefined) return;
        expect(e164).toMatch(/^\+[1-9]\d{6,14}$/);
        expect(once(e164, transform({ type: 'phone_e164' }))).toBe(e164);
        expect(once(e164, transform({ type: 'phone_e164', defaultCountry: country }))).toBe(e164);
      }),
      RUNS,
    );
  });

  it('country maps every ISO code, in any case, to itself, and is idempotent on names', () => {
    const country = transform({ type: 'country' });
    for (const code of COUNTRY_CODES) {
      expect(once(code, country)).toBe(code);
      expect(once(code.toLowerCase(), country)).toBe(code);
    }
    expectIdempotent(
      country,
      fc.oneof(anyText, fc.constantFrom('United States', 'UK', 'Deutschland', 'Viet Nam', 'ivory coast')),
    );
  });

  it('never throws, whatever the value, and always says ok or why not', () => {
    fc.assert(
      fc.property(fc.constantFrom(...EVERY_TRANSFORM), anyValue, (configured, value) => {
        const outcome = applyTransform(value, configured);
        if (!outcome.ok) {
          expect(outcome.code).toMatch(/^[a-z_]+$/);
          expect(outcome.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('gives a clear error on impossible input: the code says what failed and the message quotes the value', () => {
    const word = fc
      .stringMatching(/^[a-z]{3,12}$/)
      .filter((text) => !['true', 'yes', 'false', 'off', 'checked', 'unchecked'].includes(text));
    const cases: [TransformInput, fc.Arbitrary<string>, string][] = [
      [{ type: 'number' }, word, 'not_a_number'],
      [{ type: 'money' }, word, 'not_money'],
      [{ type: 'date', format: 'YYYY-MM-DD' }, word, 'invalid_date'],
      [{ type: 'boolean' }, word, 'not_boolean'],
      [{ type: 'phone_e164', defaultCountry: 'US' }, word, 'invalid_phone'],
      [{ type: 'country' }, fc.stringMatching(/^[0-9]{2,6}$/), 'unknown_country'],
      [{ type: 'email_to_domain' }, word, 'invalid_domain'],
    ];
    for (const [input, values, code] of cases) {
      fc.assert(
        fc.property(values, (text) => {
          const outcome = applyTransform(text, transform(input));
          expect(outcome).toMatchObject({ ok: false, code });
          if (!outcome.ok) expect(outcome.message).toContain(JSON.stringify(text));
        }),
        { numRuns: 50 },
      );
    }
  });
});

describe('normalize never throws', () => {
  it('on arbitrary records and mappings', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (record, mapping) => {
        const result = normalize(record as SourceRecord, mapping as never);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  });

  it('on arbitrary property and column values under a real mapping', () => {
    const mapping = readMapping('monday-leads-board');
    const columnValue = fc.record(
      {
        text: fc.option(anyText),
        value: fc.anything(),
        type: fc.constantFrom(
          'people',
          'dropdown',
          'date',
          'checkbox',
          'email',
          'phone',
          'country',
          'numbers',
          'status',
          'text',
        ),
      },
      { requiredKeys: [] },
    );
    const record = fc.record({
      externalId: fc.string(),
      object: fc.constant('item'),
      properties: fc.dictionary(fc.constantFrom('name', 'created_at', 'group'), fc.anything()),
      columns: fc.dictionary(
        fc.constantFrom(
          'email_mkx1',
          'phone_mkx2',
          'status',
          'person',
          'dropdown_products',
          'date4',
          'checkbox_news',
          'numbers_budget',
          'country_mkx3',
        ),
        columnValue,
      ),
      createdAt: fc.option(fc.string()),
    });
    fc.assert(
      fc.property(record, (generated) => {
        const result = normalize(generated, mapping);
        if (!result.ok) {
          for (const error of result.errors) {
            expect(error.code).not.toBe('internal_error');
            expect(error.message.length).toBeGreaterThan(0);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
