import { describe, expect, it } from 'vitest';
import {
  applyTransform,
  type FieldValue,
  transformSchema,
  type TransformInput,
  type TransformOutcome,
} from '../src/index';

function run(value: FieldValue, input: TransformInput): TransformOutcome {
  return applyTransform(value, transformSchema.parse(input));
}

function valueOf(value: FieldValue, input: TransformInput): FieldValue {
  const outcome = run(value, input);
  if (!outcome.ok) throw new Error(`${input.type} failed: ${outcome.message}`);
  return outcome.value;
}

function failureOf(value: FieldValue, input: TransformInput): { code: string; message: string } {
  const outcome = run(value, input);
  if (outcome.ok) throw new Error(`${input.type} should have failed on ${JSON.stringify(value)}`);
  return outcome;
}

describe('text transforms', () => {
  it('trim, lower, upper and truncate work on text and item by item on lists', () => {
    expect(valueOf('  Acme  ', { type: 'trim' })).toBe('Acme');
    expect(valueOf('Jane@Acme.COM', { type: 'lower' })).toBe('jane@acme.com');
    expect(valueOf('emea', { type: 'upper' })).toBe('EMEA');
    expect(valueOf([' a ', 'b '], { type: 'trim' })).toEqual(['a', 'b']);
    expect(valueOf('Enterprise software', { type: 'truncate', maxLength: 10 })).toBe('Enterprise');
  });

  it('truncate never splits an emoji', () => {
    expect(valueOf('ok👍🏽done', { type: 'truncate', maxLength: 3 })).toBe('ok👍');
  });

  it('a missing value stays missing whatever the transform', () => {
    for (const input of [
      { type: 'phone_e164' },
      { type: 'number' },
      { type: 'country' },
      { type: 'boolean' },
    ] as TransformInput[]) {
      expect(run(null, input)).toEqual({ ok: true, value: null, warnings: [] });
      expect(run('   ', input)).toEqual({ ok: true, value: null, warnings: [] });
    }
  });
});

describe('split_name', () => {
  it.each([
    ['Jane Cooper', 'Jane', 'Cooper'],
    ['Mary Ann Smith', 'Mary Ann', 'Smith'],
    ['Dr. Marta de la Cruz', 'Marta', 'de la Cruz'],
    ['Ludwig van Beethoven', 'Ludwig', 'van Beethoven'],
    ['Cooper, Jane', 'Jane', 'Cooper'],
    ['Martin Luther King Jr.', 'Martin Luther', 'King'],
    ['John Smith, PhD', 'John', 'Smith'],
    ['Cher', 'Cher', null],
  ])('%s → first %s, last %s', (name, first, last) => {
    expect(valueOf(name, { type: 'split_name', part: 'first' })).toBe(first);
    expect(valueOf(name, { type: 'split_name', part: 'last' })).toBe(last);
  });

  it('refuses an email address or digits', () => {
    expect(failureOf('jane@acme.com', { type: 'split_name', part: 'first' }).code).toBe('not_a_name');
    expect(failureOf('12345', { type: 'split_name', part: 'last' }).code).toBe('not_a_name');
  });
});

describe('join, split and first', () => {
  it('join glues a list, skipping blanks', () => {
    expect(valueOf(['Jane', ' ', 'Cooper'], { type: 'join', separator: ' ' })).toBe('Jane Cooper');
    expect(valueOf(['Routing', 'Analytics'], { type: 'join', separator: ', ' })).toBe('Routing, Analytics');
  });

  it('split turns HubSpot multi-select text into a list', () => {
    expect(valueOf('routing;scoring; analytics', { type: 'split', separator: ';' })).toEqual([
      'routing',
      'scoring',
      'analytics',
    ]);
  });

  it('first takes the first non-blank item', () => {
    expect(valueOf(['', '41234567', '99'], { type: 'first' })).toBe('41234567');
    expect(valueOf('already single', { type: 'first' })).toBe('already single');
  });
});

describe('number and money', () => {
  it.each([
    ['1,234.50', '.', 1234.5],
    ['1.234,50', ',', 1234.5],
    ['1 234,5', ',', 1234.5],
    ["1'000'000", '.', 1000000],
    ['-12', '.', -12],
    ['.5', '.', 0.5],
  ] as const)('number(%s, decimal %s) = %s', (text, decimalSeparator, expected) => {
    expect(valueOf(text, { type: 'number', decimalSeparator })).toBe(expected);
  });

  it('refuses ambiguous grouping and words with a clear message', () => {
    const failure = failureOf('1,5', { type: 'number' });
    expect(failure.code).toBe('not_a_number');
    expect(failure.message).toContain('"1,5"');
    expect(failureOf('about ten', { type: 'number' }).code).toBe('not_a_number');
    expect(failureOf(['1', '2'], { type: 'number' }).code).toBe('list_not_supported');
    expect(failureOf(true, { type: 'number' }).code).toBe('not_a_number');
  });

  it.each([
    ['$1,200.50', undefined, '.', 1200.5, 'USD', true],
    ['$1,200.50', 'CAD', '.', 1200.5, 'CAD', true],
    ['EUR 1.200,50', undefined, ',', 1200.5, 'EUR', true],
    ['1200 usd', 'EUR', '.', 1200, 'USD', true],
    ['-€50', undefined, '.', -50, 'EUR', true],
    ['£99', undefined, '.', 99, 'GBP', true],
    ['R$ 1.000,00', undefined, ',', 1000, 'BRL', true],
    ['48000.00', 'EUR', '.', 48000, 'EUR', false],
  ] as const)('money(%s, currency %s)', (text, currency, decimalSeparator, amount, code, readFromValue) => {
    const outcome = run(text, {
      type: 'money',
      decimalSeparator,
      ...(currency === undefined ? {} : { currency }),
    });
    expect(outcome).toEqual({ ok: true, value: amount, warnings: [], currency: { code, readFromValue } });
  });

  it('money without any currency gives an amount alone', () => {
    expect(run('500', { type: 'money' })).toEqual({ ok: true, value: 500, warnings: [] });
  });

  it('refuses text that is not money', () => {
    expect(failureOf('call me', { type: 'money' }).code).toBe('not_money');
  });
});

describe('date', () => {
  it('reads ISO 8601 with an offset as is, and without one in the configured zone', () => {
    expect(valueOf('2026-11-20T15:03:12.345+01:00', { type: 'date', timeZone: 'America/New_York' })).toBe(
      '2026-11-20T14:03:12.345Z',
    );
    expect(valueOf('2026-11-20 09:30', { type: 'date', timeZone: 'America/New_York' })).toBe(
      '2026-11-20T14:30:00.000Z',
    );
    expect(valueOf('2026-07-01', { type: 'date', timeZone: 'Europe/Berlin' })).toBe(
      '2026-06-30T22:00:00.000Z',
    );
  });

  it('reads token formats, 12-hour clocks and epochs', () => {
    expect(valueOf('20/11/2026', { type: 'date', format: 'DD/MM/YYYY', timeZone: 'UTC' })).toBe(
      '2026-11-20T00:00:00.000Z',
    );
    expect(
      valueOf('11/20/2026 9:30 PM', {
        type: 'date',
        format: 'MM/DD/YYYY h:mm A',
        timeZone: 'America/Los_Angeles',
      }),
    ).toBe('2026-11-21T05:30:00.000Z');
    expect(
      valueOf('20.11.2026 14:03', { type: 'date', format: 'DD.MM.YYYY HH:mm', timeZone: 'Europe/Berlin' }),
    ).toBe('2026-11-20T13:03:00.000Z');
    expect(valueOf('1763647392345', { type: 'date', format: 'epoch_ms' })).toBe('2025-11-20T14:03:12.345Z');
    expect(valueOf(1763647392, { type: 'date', format: 'epoch_s' })).toBe('2025-11-20T14:03:12.000Z');
  });

  it('moves a time skipped by a DST jump forward and takes the first of a repeated hour', () => {
    expect(valueOf('2026-03-08 02:30', { type: 'date', timeZone: 'America/New_York' })).toBe(
      '2026-03-08T07:30:00.000Z',
    );
    expect(valueOf('2026-11-01 01:30', { type: 'date', timeZone: 'America/New_York' })).toBe(
      '2026-11-01T05:30:00.000Z',
    );
  });

  it('refuses impossible dates and text in the wrong format', () => {
    expect(failureOf('2026-02-30', { type: 'date' }).code).toBe('invalid_date');
    expect(failureOf('11/20/2026', { type: 'date', format: 'DD/MM/YYYY' }).code).toBe('invalid_date');
    expect(failureOf('next Tuesday', { type: 'date' }).message).toContain('"next Tuesday"');
    expect(failureOf('0099-01-01', { type: 'date' }).code).toBe('invalid_date');
  });
});

describe('boolean', () => {
  it('reads the default vocabulary and a configured one', () => {
    expect(valueOf('Yes', { type: 'boolean' })).toBe(true);
    expect(valueOf(' off ', { type: 'boolean' })).toBe(false);
    expect(valueOf(1, { type: 'boolean' })).toBe(true);
    expect(valueOf('Oui', { type: 'boolean', truthy: ['oui'], falsy: ['non'] })).toBe(true);
  });

  it('refuses a word outside the vocabulary', () => {
    const failure = failureOf('maybe', { type: 'boolean' });
    expect(failure.code).toBe('not_boolean');
    expect(failure.message).toContain('"maybe"');
  });
});

describe('value_map', () => {
  const entries = [
    { from: 'COMPUTER_SOFTWARE', to: 'Software' },
    { from: 'SPAM', to: null },
  ];

  it('maps ignoring case unless told otherwise, null meaning "no value"', () => {
    expect(valueOf('computer_software', { type: 'value_map', entries })).toBe('Software');
    expect(valueOf('SPAM', { type: 'value_map', entries })).toBeNull();
    expect(
      valueOf('computer_software', { type: 'value_map', entries, caseSensitive: true, default: 'Other' }),
    ).toBe('Other');
  });

  it('uses the default for unknown values, or keeps them with a warning', () => {
    expect(valueOf('MINING', { type: 'value_map', entries, default: 'Other' })).toBe('Other');
    const outcome = run('MINING', { type: 'value_map', entries });
    expect(outcome).toMatchObject({ ok: true, value: 'MINING', warnings: [{ code: 'value_not_mapped' }] });
  });
});

describe('email_to_domain', () => {
  it.each([
    ['Jane.Cooper@AcmeRobotics.io', 'acmerobotics.io'],
    ['ops@mail.acme.co.uk', 'mail.acme.co.uk'],
    ['https://www.acmerobotics.io/about?x=1', 'acmerobotics.io'],
    ['WWW.Acme.com', 'acme.com'],
    ['acme.com:8443', 'acme.com'],
    ['www.com', 'www.com'],
  ])('%s → %s', (text, domain) => {
    expect(valueOf(text, { type: 'email_to_domain' })).toBe(domain);
  });

  it('refuses what has no domain', () => {
    expect(failureOf('@acme.com', { type: 'email_to_domain' }).code).toBe('invalid_email');
    expect(failureOf('jane@localhost', { type: 'email_to_domain' }).code).toBe('invalid_email');
    expect(failureOf('n/a', { type: 'email_to_domain' }).code).toBe('invalid_domain');
  });
});

describe('phone_e164', () => {
  it('normalizes international and national numbers', () => {
    expect(valueOf('+1 (415) 555-2671', { type: 'phone_e164' })).toBe('+14155552671');
    expect(valueOf('(415) 555-2671', { type: 'phone_e164', defaultCountry: 'US' })).toBe('+14155552671');
    expect(valueOf('020 7946 0958', { type: 'phone_e164', defaultCountry: 'gb' })).toBe('+442079460958');
    expect(valueOf('00 49 30 1234567', { type: 'phone_e164', defaultCountry: 'FR' })).toBe('+49301234567');
  });

  it('refuses input whose E.164 form would not read back as itself (found by the idempotence property)', () => {
    expect(failureOf('0000.0 )0', { type: 'phone_e164', defaultCountry: 'DE' }).code).toBe('invalid_phone');
    expect(failureOf('+4900000', { type: 'phone_e164' }).code).toBe('invalid_phone');
  });

  it('keeps a number of possible length outside assigned ranges, with a warning', () => {
    expect(run('+1 555 123 4567', { type: 'phone_e164' })).toMatchObject({
      ok: true,
      value: '+15551234567',
      warnings: [{ code: 'phone_unverified' }],
    });
  });

  it('refuses what cannot be a phone number, and says why', () => {
    expect(failureOf('12', { type: 'phone_e164', defaultCountry: 'US' }).code).toBe('invalid_phone');
    expect(failureOf('415 555 2671', { type: 'phone_e164' }).message).toContain('without a default country');
    expect(failureOf('call the office', { type: 'phone_e164', defaultCountry: 'US' }).code).toBe(
      'invalid_phone',
    );
  });
});

describe('country', () => {
  it.each([
    ['US', 'US'],
    ['usa', 'US'],
    ['U.S.', 'US'],
    ['United States of America', 'US'],
    ['UK', 'GB'],
    ['Great Britain', 'GB'],
    ['united kingdom', 'GB'],
    ['DEU', 'DE'],
    ['Deutschland', 'DE'],
    ["Côte d'Ivoire", 'CI'],
    ['Cote d’Ivoire', 'CI'],
    ['St. Kitts & Nevis', 'KN'],
    ['The Netherlands', 'NL'],
    ['Korea, Republic of', 'KR'],
    ['Türkiye', 'TR'],
    ['Turkey', 'TR'],
    ['in', 'IN'],
  ])('%s → %s', (text, code) => {
    expect(valueOf(text, { type: 'country' })).toBe(code);
  });

  it('refuses unknown names and non-country codes', () => {
    expect(failureOf('Narnia', { type: 'country' }).code).toBe('unknown_country');
    expect(failureOf('EU', { type: 'country' }).code).toBe('unknown_country');
    expect(failureOf('Korea', { type: 'country' }).code).toBe('unknown_country');
  });
});

describe('regex_extract', () => {
  it('extracts the first group, a named group, or the whole match', () => {
    expect(valueOf('Order #A-123 placed', { type: 'regex_extract', pattern: '#([A-Z]-\\d+)' })).toBe('A-123');
    expect(valueOf('ref: 42', { type: 'regex_extract', pattern: 'ref: (?<ref>\\d+)', group: 'ref' })).toBe(
      '42',
    );
    expect(valueOf('Acme EMEA', { type: 'regex_extract', pattern: 'emea|apac', flags: 'i' })).toBe('EMEA');
  });

  it('gives no value and a warning when nothing matches', () => {
    expect(run('nothing here', { type: 'regex_extract', pattern: '(\\d+)' })).toMatchObject({
      ok: true,
      value: null,
      warnings: [{ code: 'no_match' }],
    });
  });

  it('refuses values longer than the match cap', () => {
    expect(failureOf('a'.repeat(1001), { type: 'regex_extract', pattern: '(a)' }).code).toBe(
      'value_too_long',
    );
  });
});
