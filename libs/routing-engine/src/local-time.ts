/**
 * Wall-clock time in a rep's IANA zone, via Intl. Formatters are expensive to build and
 * `formatToParts` is not free, so we keep one formatter per zone and remember the last minute
 * computed per zone: routing many leads within the same minute costs one Intl call per zone.
 * This is a memo of a pure function of (zone, instant); it never reads the clock.
 */
export interface LocalTime {
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  minuteOfDay: number;
  /** `YYYY-MM-DD`. */
  date: string;
}

const WEEKDAY_INDEX: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };
const MS_PER_MINUTE = 60_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
const lastMinuteByZone = new Map<string, { minute: number; local: LocalTime }>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isValidTimeZone(timeZone: unknown): boolean {
  if (typeof timeZone !== 'string' || timeZone.length === 0) return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

function computeLocalTime(timeZone: string, epochMs: number): LocalTime {
  let weekday = 0;
  let year = '';
  let month = '';
  let day = '';
  let hour = 0;
  let minute = 0;
  for (const part of formatterFor(timeZone).formatToParts(epochMs)) {
    switch (part.type) {
      case 'weekday':
        weekday = WEEKDAY_INDEX[part.value] ?? 0;
        break;
      case 'year':
        year = part.value;
        break;
      case 'month':
        month = part.value;
        break;
      case 'day':
        day = part.value;
        break;
      case 'hour':
        hour = Number(part.value);
        break;
      case 'minute':
        minute = Number(part.value);
        break;
      default:
        break;
    }
  }
  return { weekday, minuteOfDay: hour * 60 + minute, date: `${year}-${month}-${day}` };
}

/** Local weekday, minute of day and date of an instant in a zone (the zone must be valid). */
export function localTimeIn(timeZone: string, epochMs: number): LocalTime {
  const minute = Math.floor(epochMs / MS_PER_MINUTE);
  const cached = lastMinuteByZone.get(timeZone);
  if (cached !== undefined && cached.minute === minute) return cached.local;
  const local = computeLocalTime(timeZone, minute * MS_PER_MINUTE);
  lastMinuteByZone.set(timeZone, { minute, local });
  return local;
}
