import { type FieldType } from './field-type';
import { type ProblemSeverity } from './mapping-problem';
import { type Transform } from './mapping-schema';

/** What a validator can know about a value before seeing it: the kind its CRM field type implies. */
export type ValueKind = 'text' | 'number' | 'date' | 'boolean' | 'list' | 'unknown';

const KIND_BY_PROVIDER_TYPE: Readonly<Record<string, ValueKind>> = {
  // HubSpot property types
  string: 'text',
  enumeration: 'text',
  phone_number: 'text',
  number: 'number',
  date: 'date',
  datetime: 'date',
  bool: 'boolean',
  // Monday column types (and the neutral names adapters may use)
  text: 'text',
  long_text: 'text',
  name: 'text',
  email: 'text',
  phone: 'text',
  link: 'text',
  country: 'text',
  location: 'text',
  status: 'text',
  color: 'text',
  numbers: 'number',
  rating: 'number',
  creation_log: 'date',
  last_updated: 'date',
  checkbox: 'boolean',
  boolean: 'boolean',
  people: 'list',
  'multiple-person': 'list',
  dropdown: 'list',
  tags: 'list',
  list: 'list',
};

export function kindOfProviderType(type: string): ValueKind {
  return Object.prototype.hasOwnProperty.call(KIND_BY_PROVIDER_TYPE, type)
    ? (KIND_BY_PROVIDER_TYPE[type] ?? 'unknown')
    : 'unknown';
}

export function kindOfConstant(value: string | number | boolean): ValueKind {
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  return 'text';
}

const ACCEPTS: Readonly<Record<Transform['type'], readonly ValueKind[]>> = {
  trim: ['text', 'list', 'date'],
  lower: ['text', 'list', 'date'],
  upper: ['text', 'list', 'date'],
  truncate: ['text', 'list', 'number', 'date'],
  value_map: ['text', 'list', 'number', 'boolean'],
  regex_extract: ['text', 'list', 'number', 'date'],
  split_name: ['text'],
  email_to_domain: ['text', 'list'],
  phone_e164: ['text', 'number', 'list'],
  country: ['text', 'list'],
  join: ['text', 'number', 'date', 'boolean', 'list'],
  split: ['text', 'list'],
  first: ['text', 'number', 'date', 'boolean', 'list'],
  number: ['text', 'number'],
  money: ['text', 'number'],
  date: ['text', 'date', 'number'],
  boolean: ['text', 'boolean', 'number'],
};

export function transformAccepts(transform: Transform, kind: ValueKind): boolean {
  return kind === 'unknown' || ACCEPTS[transform.type].includes(kind);
}

export function transformOutputKind(transform: Transform, input: ValueKind): ValueKind {
  switch (transform.type) {
    case 'trim':
    case 'lower':
    case 'upper':
    case 'truncate':
    case 'value_map':
    case 'regex_extract':
    case 'email_to_domain':
    case 'phone_e164':
    case 'country':
      return input === 'list' ? 'list' : input === 'unknown' ? 'unknown' : 'text';
    case 'split_name':
    case 'join':
      return 'text';
    case 'split':
      return 'list';
    case 'first':
      return input === 'list' ? 'text' : input;
    case 'number':
    case 'money':
      return 'number';
    case 'date':
      return 'date';
    case 'boolean':
      return 'boolean';
  }
}

/** How sure we are that a value of this kind cannot land in a field of this type: null when it can. */
export function targetMismatch(
  kind: ValueKind,
  type: FieldType,
): { severity: ProblemSeverity; hint: string } | null {
  if (kind === 'unknown' || type === 'list') return null;
  if (kind === 'list')
    return {
      severity: 'error',
      hint: 'a list needs "join" or "first" before it can fill a single-value field',
    };
  switch (type) {
    case 'text':
      return null;
    case 'enum':
      return kind === 'text' ? null : { severity: 'warning', hint: 'enum fields take text values' };
    case 'number':
    case 'money':
      if (kind === 'number') return null;
      if (kind === 'text')
        return {
          severity: 'warning',
          hint: `only plain numbers will be accepted unless you add a "${type === 'money' ? 'money' : 'number'}" transform`,
        };
      return { severity: 'error', hint: `a ${kind} value cannot become a number` };
    case 'date':
      if (kind === 'date') return null;
      if (kind === 'text')
        return {
          severity: 'warning',
          hint: 'only ISO 8601 text will be accepted unless you add a "date" transform',
        };
      return {
        severity: 'error',
        hint:
          kind === 'number'
            ? 'add a "date" transform with format epoch_ms or epoch_s'
            : `a ${kind} value cannot become a date`,
      };
    case 'boolean':
      if (kind === 'boolean' || kind === 'number') return null;
      if (kind === 'text')
        return {
          severity: 'warning',
          hint: 'only true/false, yes/no, 1/0 will be accepted unless you add a "boolean" transform',
        };
      return { severity: 'error', hint: `a ${kind} value cannot become yes/no` };
  }
}
