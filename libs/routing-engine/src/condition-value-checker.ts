import { type ConditionValue, type FieldType, type Operator } from './config-types';
import { parseIsoInstant } from './iso-instant';
import { checkRegexSafety, type RegexProblem } from './regex-safety';

export type ValueProblemCode = 'invalid_value' | 'invalid_regex' | 'unsafe_regex';

export interface ValueProblem {
  code: ValueProblemCode;
  message: string;
}

type ScalarKind = 'text' | 'number' | 'date' | 'boolean';

/** The kind of a single comparison value for a field type, e.g. a list field compares strings. */
function scalarKind(type: FieldType): ScalarKind {
  switch (type) {
    case 'text':
    case 'enum':
    case 'list':
      return 'text';
    case 'number':
    case 'money':
      return 'number';
    case 'date':
      return 'date';
    case 'boolean':
      return 'boolean';
  }
}

const KIND_DESCRIPTION: Record<ScalarKind, string> = {
  text: 'a non-empty string',
  number: 'a finite number',
  date: 'an ISO date (2024-05-01) or instant with offset (2024-05-01T09:00:00Z)',
  boolean: 'true or false',
};

function isScalarOfKind(value: unknown, kind: ScalarKind): boolean {
  switch (kind) {
    case 'text':
      return typeof value === 'string' && value.length > 0;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'date':
      return typeof value === 'string' && parseIsoInstant(value) !== null;
    case 'boolean':
      return typeof value === 'boolean';
  }
}

function orderingKey(value: unknown, kind: ScalarKind): number {
  return kind === 'date' ? (parseIsoInstant(value as string) ?? NaN) : (value as number);
}

function problem(message: string): ValueProblem {
  return { code: 'invalid_value', message };
}

const REGEX_PROBLEM_CODES: Record<RegexProblem, ValueProblemCode> = {
  too_long: 'unsafe_regex',
  invalid: 'invalid_regex',
  unsupported_syntax: 'unsafe_regex',
  backreference: 'unsafe_regex',
  nested_quantifier: 'unsafe_regex',
  overlapping_alternation: 'unsafe_regex',
  empty_repetition: 'unsafe_regex',
  adjacent_quantifiers: 'unsafe_regex',
};

/**
 * Checks a condition's value against its operator and the field's type. The operator must already
 * be known to support the type. Returns null when the value is usable.
 */
export function checkConditionValue(
  operator: Operator,
  type: FieldType,
  value: ConditionValue | undefined,
): ValueProblem | null {
  const kind = scalarKind(type);
  switch (operator) {
    case 'exists':
    case 'not_exists':
      return value === undefined || value === null ? null : problem(`${operator} takes no value`);
    case 'equals':
    case 'not_equals':
    case 'contains':
    case 'starts_with':
    case 'ends_with':
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return isScalarOfKind(value, kind) ? null : problem(`${operator} needs ${KIND_DESCRIPTION[kind]}`);
    case 'in':
    case 'not_in': {
      if (!Array.isArray(value) || value.length === 0) {
        return problem(`${operator} needs a non-empty list of values`);
      }
      const bad = value.findIndex((item) => !isScalarOfKind(item, kind));
      return bad < 0 ? null : problem(`${operator} value [${bad}] must be ${KIND_DESCRIPTION[kind]}`);
    }
    case 'between': {
      if (!Array.isArray(value) || value.length !== 2) {
        return problem('between needs two bounds: [low, high]');
      }
      const [low, high] = value;
      if (!isScalarOfKind(low, kind) || !isScalarOfKind(high, kind)) {
        return problem(`between bounds must each be ${KIND_DESCRIPTION[kind]}`);
      }
      return orderingKey(low, kind) <= orderingKey(high, kind)
        ? null
        : problem('between needs the low bound first: [low, high]');
    }
    case 'matches': {
      if (typeof value !== 'string' || value.length === 0)
        return problem('matches needs a non-empty pattern');
      const safety = checkRegexSafety(value);
      return safety.safe ? null : { code: REGEX_PROBLEM_CODES[safety.problem], message: safety.reason };
    }
  }
}
