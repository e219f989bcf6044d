import { type FieldValue, isEmptyValue, scalarAsText } from '../field-value';
import { type Transform } from '../mapping-schema';
import { toBoolean } from './boolean';
import { toCountryCode } from './country';
import { toIsoUtc } from './date';
import { emailToDomain } from './email-to-domain';
import { parseMoney } from './money';
import { numberFromValue } from './number-parse';
import { toE164 } from './phone-e164';
import { extractWithPattern } from './regex-extract';
import { splitNamePart } from './split-name';
import { failed, type TextOutcome, type TransformOutcome, type TransformWarning } from './transform-outcome';
import { truncateText } from './truncate';
import { mapValue } from './value-map';

function success(
  value: FieldValue,
  warnings: TransformWarning[] = [],
  currency?: { code: string; readFromValue: boolean },
): TransformOutcome {
  return currency === undefined ? { ok: true, value, warnings } : { ok: true, value, warnings, currency };
}

/** Lifts a one-text transform over lists (item by item, dropping items that become empty). */
function overText(value: FieldValue, transformText: (text: string) => TextOutcome): TransformOutcome {
  if (value === null) return success(null);
  if (!Array.isArray(value)) {
    const outcome = transformText(scalarAsText(value));
    if (!outcome.ok) return outcome;
    return success(outcome.value, outcome.warning === undefined ? [] : [outcome.warning]);
  }
  const items: string[] = [];
  const warnings: TransformWarning[] = [];
  for (const item of value) {
    const outcome = transformText(item);
    if (!outcome.ok) return { ...outcome, message: `list item ${JSON.stringify(item)}: ${outcome.message}` };
    if (outcome.warning !== undefined) warnings.push(outcome.warning);
    if (outcome.value !== null && outcome.value !== '') items.push(outcome.value);
  }
  return success(items, warnings);
}

function plainText(transformText: (text: string) => string): (text: string) => TextOutcome {
  return (text) => ({ ok: true, value: transformText(text) });
}

function listNotSupported(type: string): TransformOutcome {
  return failed('list_not_supported', `${type} needs one value, not a list; add "first" or "join" before it`);
}

function joinValues(value: FieldValue, separator: string): TransformOutcome {
  if (value === null) return success(null);
  const parts = (Array.isArray(value) ? value : [scalarAsText(value)])
    .map((part) => part.trim())
    .filter((part) => part !== '');
  return success(parts.length === 0 ? null : parts.join(separator));
}

/**
 * Applies one transform, as parsed by `transformSchema` (defaults filled in). Never throws: impossible input (a word where a number belongs, an
 * unknown country) comes back as a failure with a code and a message that names the value.
 */
export function applyTransform(value: FieldValue, transform: Transform): TransformOutcome {
  // A missing value stays missing whatever the transform: "no phone" is not an invalid phone.
  if (value === null || isEmptyValue(value)) return success(null);
  switch (transform.type) {
    case 'trim':
      return overText(
        value,
        plainText((text) => text.trim()),
      );
    case 'lower':
      return overText(
        value,
        plainText((text) => text.toLowerCase()),
      );
    case 'upper':
      return overText(
        value,
        plainText((text) => text.toUpperCase()),
      );
    case 'truncate':
      return overText(
        value,
        plainText((text) => truncateText(text, transform.maxLength)),
      );
    case 'split_name':
      return overText(value, (text) => splitNamePart(text, transform.part));
    case 'value_map':
      return overText(value, (text) => mapValue(text, transform));
    case 'email_to_domain':
      return overText(value, emailToDomain);
    case 'phone_e164':
      return overText(value, (text) => toE164(text, transform.defaultCountry));
    case 'country':
      return overText(value, toCountryCode);
    case 'regex_extract':
      return overText(value, (text) => extractWithPattern(text, transform));
    case 'join':
      return joinValues(value, transform.separator);
    case 'split': {
      const texts = Array.isArray(value) ? value : [scalarAsText(value)];
      const items = texts
        .flatMap((text) => text.split(transform.separator))
        .map((item) => item.trim())
        .filter((item) => item !== '');
      return success(items);
    }
    case 'first': {
      if (!Array.isArray(value)) return success(value);
      return success(value.find((item) => item.trim() !== '') ?? null);
    }
    case 'number': {
      if (Array.isArray(value)) return listNotSupported('number');
      if (typeof value === 'boolean')
        return failed('not_a_number', `${String(value)} is a yes/no value, not a number`);
      const parsed = numberFromValue(value, transform.decimalSeparator);
      return typeof parsed === 'number' ? success(parsed) : parsed;
    }
    case 'money': {
      if (Array.isArray(value)) return listNotSupported('money');
      if (typeof value === 'boolean')
        return failed('not_money', `${String(value)} is a yes/no value, not money`);
      const money = parseMoney(value, transform.currency, transform.decimalSeparator);
      if ('ok' in money) return money;
      return success(
        money.amount,
        [],
        money.currency === null
          ? undefined
          : { code: money.currency, readFromValue: money.currencyReadFromValue },
      );
    }
    case 'date': {
      if (Array.isArray(value)) return listNotSupported('date');
      if (typeof value === 'boolean')
        return failed('invalid_date', `${String(value)} is a yes/no value, not a date`);
      const iso = toIsoUtc(value, transform.format, transform.timeZone);
      return typeof iso === 'string' ? success(iso) : iso;
    }
    case 'boolean': {
      if (Array.isArray(value)) return listNotSupported('boolean');
      const parsed = toBoolean(value, transform.truthy, transform.falsy);
      return typeof parsed === 'boolean' ? success(parsed) : parsed;
    }
  }
}
