import { zonedWallTimeToUtcMs } from '../time-zone';
import { compileDateFormat } from './date-format';
import { failed, type TransformFailure } from './transform-outcome';

const MIN_MS = Date.UTC(1000, 0, 1);
const MAX_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/**
 * Reads a date in the given format and returns ISO 8601 in UTC (`2026-11-20T14:03:12.345Z`).
 * A text that carries its own offset is read with it; otherwise its wall time is read in
 * `timeZone`. A date without a time is midnight in `timeZone`.
 */
export function toIsoUtc(
  value: string | number,
  format: string,
  timeZone: string,
): string | TransformFailure {
  const compiled = compileDateFormat(format);
  if (!compiled.ok) return failed('invalid_transform', `date format "${format}": ${compiled.message}`);
  let utcMs: number | null;
  if (compiled.kind === 'epoch') {
    const text = String(value).trim();
    const count = /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
    utcMs = Number.isFinite(count) ? Math.round(count * compiled.unitMs) : null;
  } else {
    const parsed = typeof value === 'string' ? compiled.parse(value) : null;
    if (parsed === null) utcMs = null;
    else if (parsed.offsetMs !== null) {
      const wallMs = zonedWallTimeToUtcMs(parsed.wall, 'UTC');
      utcMs = wallMs === null ? null : wallMs - parsed.offsetMs;
    } else {
      utcMs = zonedWallTimeToUtcMs(parsed.wall, timeZone);
    }
  }
  if (utcMs === null || utcMs < MIN_MS || utcMs > MAX_MS) {
    return failed(
      'invalid_date',
      `${JSON.stringify(value)} is not a date in format "${format}" (time zone ${timeZone})`,
    );
  }
  return new Date(utcMs).toISOString();
}
