/**
 * A value as it moves through a field rule. CRM values are JSON-decoded strings, numbers,
 * booleans and lists; objects never travel further than the source reader, which either turns
 * them into one of these or reports them.
 */
export type FieldValue = string | number | boolean | string[] | null;

/** Whitespace-only text and empty lists count as "no value" so that source fallback moves on. */
export function isEmptyValue(value: FieldValue): boolean {
  if (value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.every((item) => item.trim() === '');
  return false;
}

/** Text form of a scalar, used by the text transforms so a numeric phone or code still works. */
export function scalarAsText(value: string | number | boolean): string {
  return typeof value === 'string' ? value : String(value);
}

const PREVIEW_LENGTH = 80;

/** Short, single-line rendering of an offending value for messages (never the whole of a long text). */
export function previewValue(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = JSON.stringify(value);
  else if (typeof value === 'number' || typeof value === 'boolean' || value === null) text = String(value);
  else if (value === undefined) text = 'undefined';
  else {
    try {
      text = JSON.stringify(value) ?? typeof value;
    } catch {
      text = typeof value;
    }
  }
  return text.length > PREVIEW_LENGTH ? `${text.slice(0, PREVIEW_LENGTH - 1)}…` : text;
}
