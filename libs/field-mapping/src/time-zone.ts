/** A calendar date and clock time with no zone attached, as written in a CRM field. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const formatters = new Map<string, Intl.DateTimeFormat | null>();

// Creating an Intl.DateTimeFormat is far slower than using one, and a mapping uses few zones.
function formatterFor(timeZone: string): Intl.DateTimeFormat | null {
  const cached = formatters.get(timeZone);
  if (cached !== undefined) return cached;
  let formatter: Intl.DateTimeFormat | null;
  try {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    formatter = null;
  }
  if (formatters.size < 500) formatters.set(timeZone, formatter);
  return formatter;
}

export function isValidTimeZone(timeZone: string): boolean {
  return timeZone.length > 0 && timeZone.length <= 64 && formatterFor(timeZone) !== null;
}

/** Milliseconds since the epoch for a wall time read as UTC; null outside years 1000-9999. */
export function wallTimeAsUtcMs(wall: WallTime): number | null {
  if (wall.year < 1000 || wall.year > 9999) return null;
  // Date.UTC maps years 0-99 onto 1900-1999, so set the year separately.
  const date = new Date(0);
  date.setUTCFullYear(wall.year, wall.month - 1, wall.day);
  date.setUTCHours(wall.hour, wall.minute, wall.second, wall.millisecond);
  return date.getTime();
}

function zoneOffsetMs(utcMs: number, formatter: Intl.DateTimeFormat): number {
  const wholeSecond = Math.floor(utcMs / 1000) * 1000;
  const fields: Record<string, number> = {};
  for (const part of formatter.formatToParts(new Date(wholeSecond))) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const asUtc = new Date(0);
  asUtc.setUTCFullYear(fields['year'] ?? 1970, (fields['month'] ?? 1) - 1, fields['day'] ?? 1);
  asUtc.setUTCHours(fields['hour'] ?? 0, fields['minute'] ?? 0, fields['second'] ?? 0, 0);
  return asUtc.getTime() - wholeSecond;
}

const DAY_MS = 86_400_000;

/**
 * The instant a wall time denotes in an IANA time zone, or null for an unknown zone or a year
 * outside 1000-9999. Like Temporal's "compatible" disambiguation, a time skipped by a DST jump
 * moves forward by the jump and a repeated time takes its earlier occurrence.
 */
export function zonedWallTimeToUtcMs(wall: WallTime, timeZone: string): number | null {
  const wallMs = wallTimeAsUtcMs(wall);
  if (wallMs === null) return null;
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') return wallMs;
  const formatter = formatterFor(timeZone);
  if (formatter === null) return null;
  // Zones change offset at most a few times a year, so the offsets a day either side bracket it.
  const offsetBefore = zoneOffsetMs(wallMs - DAY_MS, formatter);
  const offsetAfter = zoneOffsetMs(wallMs + DAY_MS, formatter);
  if (offsetBefore === offsetAfter) return wallMs - offsetBefore;
  const candidates = [wallMs - offsetBefore, wallMs - offsetAfter].filter(
    (utcMs) => zoneOffsetMs(utcMs, formatter) === wallMs - utcMs,
  );
  if (candidates.length === 0) return wallMs - offsetBefore;
  return Math.min(...candidates);
}
