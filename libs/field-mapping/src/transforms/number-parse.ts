import { failed, type TransformFailure } from './transform-outcome';

export type DecimalSeparator = '.' | ',';

/**
 * Reads numbers as people type them: `1,234.50`, `1 234,5` (with `,` as decimal separator),
 * `-12`, `.5`. Grouping must be in threes so that `1,5` with a `.` decimal separator is refused
 * rather than read as 15.
 */
export function parseLocaleNumber(text: string, decimalSeparator: DecimalSeparator): number | null {
  const compact = text.trim().replace(/[\u00a0\u202f]/g, ' ');
  if (compact === '' || compact.length > 64) return null;
  const group = decimalSeparator === '.' ? "[, ']" : "[. ']";
  const decimal = decimalSeparator === '.' ? '\\.' : ',';
  const shape = new RegExp(`^([+-])?(\\d{1,3}(?:${group}\\d{3})+|\\d+)?(?:${decimal}(\\d+))?$`);
  const match = shape.exec(compact);
  if (match === null || (match[2] === undefined && match[3] === undefined)) return null;
  const integer = (match[2] ?? '0').replace(/[^\d]/g, '');
  const value = Number(`${match[1] ?? ''}${integer}.${match[3] ?? '0'}`);
  return Number.isFinite(value) ? value : null;
}

export function numberFromValue(
  value: string | number,
  decimalSeparator: DecimalSeparator,
): number | TransformFailure {
  if (typeof value === 'number') return value;
  const parsed = parseLocaleNumber(value, decimalSeparator);
  if (parsed === null) {
    return failed(
      'not_a_number',
      `${JSON.stringify(value)} is not a number (decimal separator "${decimalSeparator}")`,
    );
  }
  return parsed;
}
