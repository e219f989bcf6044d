import { type FieldDescriptor } from './field-catalogue';
import { type FieldFormat } from './field-type';
import { type FieldValue, previewValue } from './field-value';
import { isCountryCode } from './reference-data/country-lookup';
import { CURRENCY_CODES } from './reference-data/currencies';
import { toBoolean } from './transforms/boolean';
import { toIsoUtc } from './transforms/date';
import { E164_PATTERN } from './transforms/phone-e164';

export type StoredValue = string | number | boolean | string[];

export type Coercion =
  { ok: true; value: StoredValue } | { ok: false; code: 'type_mismatch' | 'invalid_format'; message: string };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DOMAIN = /^(?!-)[\p{Ll}\p{Lo}\p{N}-]{1,63}(?<!-)(\.(?!-)[\p{Ll}\p{Lo}\p{N}-]{1,63}(?<!-))+$/u;
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/;

function mismatch(message: string): Coercion {
  return { ok: false, code: 'type_mismatch', message };
}

/** Checks the promise a canonical text field makes, naming the transform that would fix a miss. */
function checkFormat(text: string, format: FieldFormat): Coercion {
  const bad = (what: string, fix: string): Coercion => ({
    ok: false,
    code: 'invalid_format',
    message: `${previewValue(text)} is not ${what}; ${fix}`,
  });
  switch (format) {
    case 'email':
      return EMAIL.test(text)
        ? { ok: true, value: text }
        : bad('an email address', 'check the source or add "trim"');
    case 'e164':
      return E164_PATTERN.test(text)
        ? { ok: true, value: text }
        : bad('an E.164 phone number', 'add the "phone_e164" transform');
    case 'domain':
      return DOMAIN.test(text)
        ? { ok: true, value: text }
        : bad('a lower-case domain', 'add the "email_to_domain" transform');
    case 'iso3166_alpha2': {
      const code = text.trim().toUpperCase();
      return isCountryCode(code)
        ? { ok: true, value: code }
        : bad('an ISO 3166-1 alpha-2 country code', 'add the "country" transform');
    }
    case 'iso4217': {
      const code = text.trim().toUpperCase();
      return CURRENCY_CODES.has(code)
        ? { ok: true, value: code }
        : bad('an ISO 4217 currency code', 'map a currency code');
    }
    case 'iso8601': {
      const iso = toIsoUtc(text, 'iso8601', 'UTC');
      return typeof iso === 'string'
        ? { ok: true, value: iso }
        : bad('an ISO 8601 date', 'add a "date" transform with the format it is written in');
    }
  }
}

function asSingle(value: Exclude<FieldValue, null>): string | number | boolean | undefined {
  if (!Array.isArray(value)) return value;
  return value.length === 1 ? value[0] : undefined;
}

/**
 * Fits a transformed value into its target field's type, or says why it does not fit. Lenient only
 * where the meaning is certain: "42" is 42, ["x"] is "x", "Yes" is true.
 */
export function coerceToField(value: Exclude<FieldValue, null>, field: FieldDescriptor): Coercion {
  if (field.type === 'list') {
    return { ok: true, value: Array.isArray(value) ? value : [String(value)] };
  }
  const single = asSingle(value);
  if (single === undefined) {
    return mismatch(
      `${field.key} takes one value but got a list of ${Array.isArray(value) ? value.length : 0}; add "join" or "first"`,
    );
  }
  switch (field.type) {
    case 'text': {
      const text = String(single);
      return field.format === undefined ? { ok: true, value: text } : checkFormat(text, field.format);
    }
    case 'enum': {
      const text = String(single);
      if (field.format !== undefined) return checkFormat(text, field.format);
      const options = field.options ?? [];
      const option =
        options.find((candidate) => candidate === text) ??
        options.find((candidate) => candidate.toLowerCase() === text.trim().toLowerCase());
      return option !== undefined
        ? { ok: true, value: option }
        : mismatch(`${previewValue(text)} is not one of ${options.join(', ')}; add a "value_map"`);
    }
    case 'number':
    case 'money':
      if (typeof single === 'number') return { ok: true, value: single };
      if (typeof single === 'string' && PLAIN_NUMBER.test(single.trim()))
        return { ok: true, value: Number(single.trim()) };
      return mismatch(
        `${previewValue(single)} is not a plain number; add a "${field.type === 'money' ? 'money' : 'number'}" transform`,
      );
    case 'date':
      if (typeof single !== 'string')
        return mismatch(`${previewValue(single)} is not a date; add a "date" transform`);
      return checkFormat(single, 'iso8601');
    case 'boolean': {
      const parsed = toBoolean(single);
      return typeof parsed === 'boolean'
        ? { ok: true, value: parsed }
        : mismatch(`${parsed.message}; add a "boolean" transform with your words`);
    }
  }
}
