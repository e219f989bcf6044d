import { type FieldType, type Operator } from './config-types';

export const OPERATORS: readonly Operator[] = [
  'equals',
  'not_equals',
  'in',
  'not_in',
  'contains',
  'starts_with',
  'ends_with',
  'gt',
  'gte',
  'lt',
  'lte',
  'between',
  'exists',
  'not_exists',
  'matches',
];

export function isOperator(value: unknown): value is Operator {
  return typeof value === 'string' && (OPERATORS as readonly string[]).includes(value);
}

const PRESENCE: readonly Operator[] = ['exists', 'not_exists'];
const ORDERING: readonly Operator[] = ['gt', 'gte', 'lt', 'lte', 'between'];

/**
 * Which operators make sense on which field type. Dates have no `equals`: an instant rarely equals
 * another and "same day" depends on a time zone the rule does not name, so ranges say it better.
 */
export const OPERATORS_BY_FIELD_TYPE: Record<FieldType, readonly Operator[]> = {
  text: [
    'equals',
    'not_equals',
    'in',
    'not_in',
    'contains',
    'starts_with',
    'ends_with',
    'matches',
    ...PRESENCE,
  ],
  enum: ['equals', 'not_equals', 'in', 'not_in', ...PRESENCE],
  number: ['equals', 'not_equals', 'in', 'not_in', ...ORDERING, ...PRESENCE],
  money: ['equals', 'not_equals', 'in', 'not_in', ...ORDERING, ...PRESENCE],
  date: [...ORDERING, ...PRESENCE],
  boolean: ['equals', 'not_equals', ...PRESENCE],
  list: ['contains', 'in', 'not_in', ...PRESENCE],
};

export function operatorSupportsType(operator: Operator, type: FieldType): boolean {
  return OPERATORS_BY_FIELD_TYPE[type].includes(operator);
}
