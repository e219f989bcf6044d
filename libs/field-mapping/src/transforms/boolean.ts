import { failed, type TransformFailure } from './transform-outcome';

export const DEFAULT_TRUTHY: readonly string[] = ['true', 'yes', 'y', '1', 'on', 'checked', 'x'];
export const DEFAULT_FALSY: readonly string[] = ['false', 'no', 'n', '0', 'off', 'unchecked'];

/** Case- and space-insensitive; a configured vocabulary replaces the default one of the same side. */
export function toBoolean(
  value: string | number | boolean,
  truthy: readonly string[] = DEFAULT_TRUTHY,
  falsy: readonly string[] = DEFAULT_FALSY,
): boolean | TransformFailure {
  if (typeof value === 'boolean') return value;
  const word = String(value).trim().toLowerCase();
  if (truthy.some((candidate) => candidate.trim().toLowerCase() === word)) return true;
  if (falsy.some((candidate) => candidate.trim().toLowerCase() === word)) return false;
  return failed(
    'not_boolean',
    `${JSON.stringify(value)} is neither true (${truthy.join(', ')}) nor false (${falsy.join(', ')})`,
  );
}
