import { type Condition, type ConditionValue, type FieldType } from './config-types';
import { type ResolvedField } from './field-catalogue';
import { parseIsoInstant } from './iso-instant';
import { type CustomFieldValue, type NormalizedLead } from './lead-types';
import { MATCHES_FLAGS } from './regex-safety';

export type ValueTest = (actual: CustomFieldValue) => boolean;

export interface CompiledCondition {
  field: string;
  operator: Condition['operator'];
  /** As written in the rule, for the trail (null when the operator takes no value). */
  expected: ConditionValue;
  read: (lead: NormalizedLead) => CustomFieldValue;
  test: ValueTest;
}

/**
 * Absent means null, undefined, blank text or an empty list. Every "positive" operator is false
 * on an absent value and its negation (`not_equals`, `not_in`, `not_exists`) is true.
 */
export function isPresent(actual: CustomFieldValue | undefined): boolean {
  if (actual === null || actual === undefined) return false;
  if (typeof actual === 'string') return actual.trim().length > 0;
  if (Array.isArray(actual)) return actual.length > 0;
  return true;
}

function lower(value: unknown): string {
  return (value as string).toLowerCase();
}

function numberOf(actual: CustomFieldValue): number | null {
  return typeof actual === 'number' && Number.isFinite(actual) ? actual : null;
}

function dateOf(actual: CustomFieldValue): number | null {
  return typeof actual === 'string' ? parseIsoInstant(actual) : null;
}

/** Reads an actual value as a number on the condition's scale (epoch ms for dates). */
function orderedReader(type: FieldType): (actual: CustomFieldValue) => number | null {
  return type === 'date' ? dateOf : numberOf;
}

function orderedBound(type: FieldType, value: unknown): number {
  return type === 'date' ? (parseIsoInstant(value as string) ?? NaN) : (value as number);
}

function negate(test: ValueTest): ValueTest {
  return (actual) => !test(actual);
}

function equalsTest(type: FieldType, expected: ConditionValue): ValueTest {
  switch (type) {
    case 'text':
    case 'enum':
    case 'list': {
      const wanted = lower(expected);
      return (actual) => typeof actual === 'string' && actual.toLowerCase() === wanted;
    }
    case 'number':
    case 'money':
    case 'date':
    case 'boolean':
      return (actual) => actual === expected;
  }
}

function inTest(type: FieldType, expected: ConditionValue): ValueTest {
  const values = expected as (string | number)[];
  switch (type) {
    case 'list': {
      const wanted = new Set(values.map(lower));
      return (actual) =>
        Array.isArray(actual) &&
        actual.some((item) => typeof item === 'string' && wanted.has(item.toLowerCase()));
    }
    case 'text':
    case 'enum': {
      const wanted = new Set(values.map(lower));
      return (actual) => typeof actual === 'string' && wanted.has(actual.toLowerCase());
    }
    case 'number':
    case 'money':
    case 'date':
    case 'boolean': {
      const wanted = new Set<unknown>(values);
      return (actual) => wanted.has(actual);
    }
  }
}

function containsTest(type: FieldType, expected: ConditionValue): ValueTest {
  const wanted = lower(expected);
  if (type === 'list') {
    return (actual) =>
      Array.isArray(actual) &&
      actual.some((item) => typeof item === 'string' && item.toLowerCase() === wanted);
  }
  return (actual) => typeof actual === 'string' && actual.toLowerCase().includes(wanted);
}

function compareTest(
  type: FieldType,
  expected: ConditionValue,
  compare: (a: number, b: number) => boolean,
): ValueTest {
  const read = orderedReader(type);
  const bound = orderedBound(type, expected);
  return (actual) => {
    const value = read(actual);
    return value !== null && compare(value, bound);
  };
}

function betweenTest(type: FieldType, expected: ConditionValue): ValueTest {
  const read = orderedReader(type);
  const [lowValue, highValue] = expected as [unknown, unknown];
  const low = orderedBound(type, lowValue);
  const high = orderedBound(type, highValue);
  return (actual) => {
    const value = read(actual);
    return value !== null && value >= low && value <= high;
  };
}

/** Builds the test for a condition that has already passed validation. */
export function compileValueTest(condition: Condition, type: FieldType): ValueTest {
  const expected = condition.value ?? null;
  switch (condition.operator) {
    case 'equals':
      return equalsTest(type, expected);
    case 'not_equals':
      return negate(equalsTest(type, expected));
    case 'in':
      return inTest(type, expected);
    case 'not_in':
      return negate(inTest(type, expected));
    case 'contains':
      return containsTest(type, expected);
    case 'starts_with': {
      const wanted = lower(expected);
      return (actual) => typeof actual === 'string' && actual.toLowerCase().startsWith(wanted);
    }
    case 'ends_with': {
      const wanted = lower(expected);
      return (actual) => typeof actual === 'string' && actual.toLowerCase().endsWith(wanted);
    }
    case 'gt':
      return compareTest(type, expected, (a, b) => a > b);
    case 'gte':
      return compareTest(type, expected, (a, b) => a >= b);
    case 'lt':
      return compareTest(type, expected, (a, b) => a < b);
    case 'lte':
      return compareTest(type, expected, (a, b) => a <= b);
    case 'between':
      return betweenTest(type, expected);
    case 'exists':
      return isPresent;
    case 'not_exists':
      return negate(isPresent);
    case 'matches': {
      // Compiled once per rule set; `test` on a regex without the g flag keeps no state between calls.
      const regex = new RegExp(expected as string, MATCHES_FLAGS);
      return (actual) => typeof actual === 'string' && regex.test(actual);
    }
  }
}

export function compileCondition(condition: Condition, field: ResolvedField): CompiledCondition {
  return {
    field: condition.field,
    operator: condition.operator,
    expected: condition.value ?? null,
    read: field.read,
    test: compileValueTest(condition, field.type),
  };
}
