/**
 * Reads a key only if the record holds it itself, so ids such as "constructor" or "__proto__"
 * never pick up Object.prototype members. Everything an object literal inherits is a function or
 * Object.prototype itself, so only those values need the (slower) own-property check: the common
 * lookup stays a plain property read, which matters on the per-rep hot path.
 */
export function ownValue<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  if (record === undefined) return undefined;
  const value: unknown = record[key];
  if (value === undefined) return undefined;
  if (
    (typeof value === 'function' || value === Object.prototype) &&
    !Object.prototype.hasOwnProperty.call(record, key)
  ) {
    return undefined;
  }
  return value as T;
}
