import { describe, expect, it } from 'vitest';
import { type Condition, type FieldType } from './config-types';
import { compileValueTest } from './condition-compiler';
import { type CustomFieldValue } from './lead-types';

function check(type: FieldType, condition: Omit<Condition, 'field'>, actual: CustomFieldValue): boolean {
  return compileValueTest({ field: 'f', ...condition }, type)(actual);
}

describe('condition semantics', () => {
  it.each<[FieldType, Omit<Condition, 'field'>, CustomFieldValue, boolean]>([
    ['text', { operator: 'equals', value: 'Acme' }, 'ACME', true],
    ['text', { operator: 'equals', value: 'Acme' }, 'Acme Inc', false],
    ['text', { operator: 'equals', value: 'Acme' }, null, false],
    ['text', { operator: 'not_equals', value: 'Acme' }, null, true],
    ['text', { operator: 'not_equals', value: 'Acme' }, 'acme', false],
    ['text', { operator: 'in', value: ['de', 'AT'] }, 'at', true],
    ['text', { operator: 'not_in', value: ['de', 'AT'] }, 'FR', true],
    ['text', { operator: 'contains', value: 'HOLD' }, 'Globex Holdings', true],
    ['text', { operator: 'starts_with', value: 'glo' }, 'Globex', true],
    ['text', { operator: 'ends_with', value: '.IO' }, 'acme.io', true],
    ['text', { operator: 'matches', value: '^a.c$' }, 'ABC', true],
    ['text', { operator: 'matches', value: 'b' }, 123, false],
    ['text', { operator: 'exists' }, '  ', false],
    ['text', { operator: 'exists' }, 'x', true],
    ['text', { operator: 'not_exists' }, undefined as unknown as null, true],
    ['text', { operator: 'equals', value: '5' }, 5, false],
    ['number', { operator: 'equals', value: 5 }, 5, true],
    ['number', { operator: 'equals', value: 5 }, '5', false],
    ['number', { operator: 'in', value: [1, 2] }, 2, true],
    ['number', { operator: 'gt', value: 5 }, 5, false],
    ['number', { operator: 'gte', value: 5 }, 5, true],
    ['number', { operator: 'lt', value: 5 }, Number.NaN, false],
    ['money', { operator: 'between', value: [10, 20] }, 20, true],
    ['money', { operator: 'between', value: [10, 20] }, 20.01, false],
    ['date', { operator: 'gt', value: '2024-05-06' }, '2024-05-06T00:00:01Z', true],
    ['date', { operator: 'lt', value: '2024-05-06T12:00:00+02:00' }, '2024-05-06T10:00:00Z', false],
    ['date', { operator: 'lte', value: '2024-05-06T12:00:00+02:00' }, '2024-05-06T10:00:00Z', true],
    ['date', { operator: 'gt', value: '2024-05-06' }, '2024-05-07T09:00:00', false],
    ['boolean', { operator: 'equals', value: false }, false, true],
    ['boolean', { operator: 'not_equals', value: true }, null, true],
    ['enum', { operator: 'equals', value: 'pro' }, 'PRO', true],
    ['list', { operator: 'contains', value: 'vip' }, ['VIP', 'beta'], true],
    ['list', { operator: 'contains', value: 'vi' }, ['VIP'], false],
    ['list', { operator: 'in', value: ['beta', 'alpha'] }, ['VIP', 'Beta'], true],
    ['list', { operator: 'not_in', value: ['beta'] }, ['VIP', 'Beta'], false],
    ['list', { operator: 'not_in', value: ['beta'] }, [], true],
    ['list', { operator: 'exists' }, [], false],
  ])('%s %j on %j → %s', (type, condition, actual, expected) => {
    expect(check(type, condition, actual)).toBe(expected);
  });
});
