/**
 * Strict ISO 8601 parsing. `Date.parse` alone accepts many formats and reads a date-time without an
 * offset in the machine's local zone, which would make routing depend on where it runs; so we only
 * accept a date (`2024-05-01`, read as UTC midnight) or a date-time with `Z` or an explicit offset.
 */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

/** Epoch milliseconds, or null when the text is not a strict ISO date or instant. */
export function parseIsoInstant(text: string): number | null {
  if (!ISO_INSTANT.test(text)) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
}
