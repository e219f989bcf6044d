import { type FieldValue } from './field-value';
import { isCountryCode } from './reference-data/country-lookup';
import { type ColumnValue } from './source-record';
import { toE164 } from './transforms/phone-e164';

export type ColumnReading = { ok: true; value: FieldValue } | { ok: false; message: string };

function decodedValue(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function textOf(column: ColumnValue): FieldValue {
  return typeof column.text === 'string' ? column.text : null;
}

function stringField(value: unknown, key: string): string | null {
  if (!isRecord(value)) return null;
  const field = value[key];
  if (typeof field === 'string' && field.trim() !== '') return field;
  if (typeof field === 'number' && Number.isFinite(field)) return String(field);
  return null;
}

/** Person ids from `{"personsAndTeams":[{"id":123,"kind":"person"}]}`; teams cannot own leads, so they are left out. */
function personIds(value: unknown): string[] | null {
  if (!isRecord(value) || !Array.isArray(value['personsAndTeams'])) return null;
  const ids: string[] = [];
  for (const entry of value['personsAndTeams'] as unknown[]) {
    if (!isRecord(entry) || entry['kind'] === 'team') continue;
    const id = entry['id'];
    if (typeof id === 'number' || (typeof id === 'string' && id !== '')) ids.push(String(id));
  }
  return ids;
}

/** `{"date":"2026-11-02","time":"10:00:00"}` → `2026-11-02T10:00:00Z`: Monday stores date-column times in UTC. */
function isoFromDateValue(value: unknown): string | null {
  const date = stringField(value, 'date');
  if (date === null) return null;
  const time = stringField(value, 'time');
  return time === null ? date : `${date}T${time}Z`;
}

/**
 * A Monday phone value keeps the country picked in the column beside a national number
 * (`{"phone":"020 7946 0958","countryShortName":"GB"}`); reading it here is the only place that
 * country is known, so national numbers become international before any transform runs.
 */
function phoneWithCountry(value: unknown): string | null {
  const phone = stringField(value, 'phone');
  const country = stringField(value, 'countryShortName')?.toUpperCase();
  if (phone === null || country === undefined || phone.trim().startsWith('+') || !isCountryCode(country))
    return phone;
  const international = toE164(phone, country);
  return international.ok && international.value !== null ? international.value : phone;
}

/**
 * Reads a Monday column the way its type means it: people give person ids (owners), dropdowns
 * and tags give lists of labels, dates give ISO text, checkboxes give booleans, email/phone/
 * link/country give the address, number or code rather than the display text. Any other type,
 * or a value that does not have the expected shape, falls back to Monday's display text.
 */
export function readMondayColumn(column: ColumnValue, mode: 'auto' | 'text'): ColumnReading {
  if (mode === 'text') return { ok: true, value: textOf(column) };
  const value = decodedValue(column.value);
  switch (column.type) {
    case 'people':
    case 'multiple-person': {
      const ids = personIds(value);
      return { ok: true, value: ids ?? (value === null || value === undefined ? null : textOf(column)) };
    }
    case 'dropdown':
    case 'tags': {
      const text = textOf(column);
      if (typeof text !== 'string' || text.trim() === '') return { ok: true, value: null };
      return {
        ok: true,
        value: text
          .split(',')
          .map((label) => label.trim())
          .filter((label) => label !== ''),
      };
    }
    case 'date':
      return { ok: true, value: isoFromDateValue(value) ?? textOf(column) };
    case 'checkbox': {
      const checked = isRecord(value) ? value['checked'] : undefined;
      if (checked === true || checked === 'true') return { ok: true, value: true };
      // Monday clears the value (null) rather than storing checked: false.
      return { ok: true, value: false };
    }
    case 'email':
      return { ok: true, value: stringField(value, 'email') ?? textOf(column) };
    case 'phone':
      return { ok: true, value: phoneWithCountry(value) ?? textOf(column) };
    case 'link':
      return { ok: true, value: stringField(value, 'url') ?? textOf(column) };
    case 'country':
      return { ok: true, value: stringField(value, 'countryCode') ?? textOf(column) };
    case 'numbers': {
      const text = textOf(column);
      if (typeof text === 'string' && text.trim() !== '') return { ok: true, value: text };
      return {
        ok: true,
        value: typeof value === 'string' || typeof value === 'number' ? String(value) : null,
      };
    }
    default:
      return { ok: true, value: textOf(column) };
  }
}
