import { type WallTime } from '../time-zone';

/** Presets for the shapes CRMs actually send; anything else is a token pattern such as `DD/MM/YYYY HH:mm`. */
export const DATE_FORMAT_PRESETS = ['iso8601', 'epoch_ms', 'epoch_s'] as const;
export type DateFormatPreset = (typeof DATE_FORMAT_PRESETS)[number];

/** What a format reads from a text: a wall time, and the UTC offset when the text carries one. */
export interface ParsedDateText {
  wall: WallTime;
  offsetMs: number | null;
}

export type DateTextParser = (text: string) => ParsedDateText | null;

export type CompiledDateFormat =
  | { ok: true; kind: 'epoch'; unitMs: number }
  | { ok: true; kind: 'text'; parse: DateTextParser }
  | { ok: false; message: string };

type TokenName =
  'YYYY' | 'MM' | 'M' | 'DD' | 'D' | 'HH' | 'H' | 'hh' | 'h' | 'mm' | 'ss' | 'SSS' | 'A' | 'a' | 'Z';

// Longest first so that `MM` wins over `M` and `SSS` is read whole.
const TOKENS: readonly { name: TokenName; pattern: string }[] = [
  { name: 'YYYY', pattern: '(\\d{4})' },
  { name: 'SSS', pattern: '(\\d{1,9})' },
  { name: 'MM', pattern: '(\\d{2})' },
  { name: 'DD', pattern: '(\\d{2})' },
  { name: 'HH', pattern: '(\\d{2})' },
  { name: 'hh', pattern: '(\\d{2})' },
  { name: 'mm', pattern: '(\\d{2})' },
  { name: 'ss', pattern: '(\\d{2})' },
  { name: 'M', pattern: '(\\d{1,2})' },
  { name: 'D', pattern: '(\\d{1,2})' },
  { name: 'H', pattern: '(\\d{1,2})' },
  { name: 'h', pattern: '(\\d{1,2})' },
  { name: 'A', pattern: '([AaPp][Mm])' },
  { name: 'a', pattern: '([AaPp][Mm])' },
  { name: 'Z', pattern: '(Z|[+-]\\d{2}(?::?\\d{2})?)' },
];

const TOKEN_SLOTS: Readonly<Record<TokenName, string>> = {
  YYYY: 'year',
  MM: 'month',
  M: 'month',
  DD: 'day',
  D: 'day',
  HH: 'hour',
  H: 'hour',
  hh: 'hour',
  h: 'hour',
  mm: 'minute',
  ss: 'second',
  SSS: 'fraction',
  A: 'meridiem',
  a: 'meridiem',
  Z: 'offset',
};

const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

function escapeLiteral(char: string): string {
  if (/\s/.test(char)) return '\\s+';
  return char.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

function daysInMonth(year: number, month: number): number {
  const isLeap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, isLeap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

function isValidWallTime(wall: WallTime): boolean {
  return (
    wall.month >= 1 &&
    wall.month <= 12 &&
    wall.day >= 1 &&
    wall.day <= daysInMonth(wall.year, wall.month) &&
    wall.hour >= 0 &&
    wall.hour <= 23 &&
    wall.minute >= 0 &&
    wall.minute <= 59 &&
    wall.second >= 0 &&
    wall.second <= 59
  );
}

/** `Z`, `+02`, `+0200` or `-05:30` in milliseconds east of UTC. */
function parseOffset(text: string): number | null {
  if (text.toUpperCase() === 'Z') return 0;
  const match = /^([+-])(\d{2}):?(\d{2})?$/.exec(text);
  if (match === null) return null;
  const hours = Number(match[2]);
  const minutes = Number(match[3] ?? '0');
  if (hours > 23 || minutes > 59) return null;
  return (match[1] === '-' ? -1 : 1) * (hours * 60 + minutes) * 60_000;
}

function fractionToMs(digits: string | undefined): number {
  if (digits === undefined || digits === '') return 0;
  return Number(digits.padEnd(3, '0').slice(0, 3));
}

function parseIso8601(text: string): ParsedDateText | null {
  const match = ISO_8601.exec(text.trim());
  if (match === null) return null;
  const wall: WallTime = {
    year: Number(match[1]),
    month: Number(match[2]),
    day: Number(match[3]),
    hour: Number(match[4] ?? '0'),
    minute: Number(match[5] ?? '0'),
    second: Number(match[6] ?? '0'),
    millisecond: fractionToMs(match[7]),
  };
  if (!isValidWallTime(wall)) return null;
  const offsetMs = match[8] === undefined ? null : parseOffset(match[8]);
  if (match[8] !== undefined && offsetMs === null) return null;
  return { wall, offsetMs };
}

function compilePattern(format: string): CompiledDateFormat {
  const order: TokenName[] = [];
  let source = '';
  let index = 0;
  while (index < format.length) {
    const token = TOKENS.find((candidate) => format.startsWith(candidate.name, index));
    if (token !== undefined) {
      order.push(token.name);
      source += token.pattern;
      index += token.name.length;
      continue;
    }
    const char = format.charAt(index);
    // A stray letter is almost always a typo for a token (`yyyy`, `mmm`), so refuse it; `T` is ISO's separator.
    if (/[a-z]/i.test(char) && char !== 'T') {
      return { ok: false, message: `unknown date token starting at "${format.slice(index)}"` };
    }
    source += escapeLiteral(char);
    index += 1;
  }
  const has = (...names: TokenName[]): boolean => names.some((name) => order.includes(name));
  if (!has('YYYY') || !has('MM', 'M') || !has('DD', 'D')) {
    return { ok: false, message: 'a date format needs a year (YYYY), a month (MM or M) and a day (DD or D)' };
  }
  const slots = order.map((name) => TOKEN_SLOTS[name]);
  if (new Set(slots).size !== slots.length)
    return { ok: false, message: 'a date format reads the same part twice' };
  if (has('hh', 'h') !== has('A', 'a')) {
    return { ok: false, message: '12-hour clocks (hh, h) need a meridiem token (A) and the reverse' };
  }
  if (has('hh', 'h') && has('HH', 'H'))
    return { ok: false, message: 'use either a 24-hour or a 12-hour clock, not both' };
  const regex = new RegExp(`^${source}$`);
  const parse: DateTextParser = (text) => {
    const match = regex.exec(text.trim());
    if (match === null) return null;
    const read = (name: TokenName): string | undefined => {
      const position = order.indexOf(name);
      return position < 0 ? undefined : match[position + 1];
    };
    const meridiem = (read('A') ?? read('a'))?.toLowerCase();
    let hour = Number(read('HH') ?? read('H') ?? read('hh') ?? read('h') ?? '0');
    if (meridiem !== undefined) {
      if (hour < 1 || hour > 12) return null;
      hour = (hour % 12) + (meridiem === 'pm' ? 12 : 0);
    }
    const wall: WallTime = {
      year: Number(read('YYYY')),
      month: Number(read('MM') ?? read('M')),
      day: Number(read('DD') ?? read('D')),
      hour,
      minute: Number(read('mm') ?? '0'),
      second: Number(read('ss') ?? '0'),
      millisecond: fractionToMs(read('SSS')),
    };
    if (!isValidWallTime(wall)) return null;
    const offsetText = read('Z');
    const offsetMs = offsetText === undefined ? null : parseOffset(offsetText);
    if (offsetText !== undefined && offsetMs === null) return null;
    return { wall, offsetMs };
  };
  return { ok: true, kind: 'text', parse };
}

export function compileDateFormat(format: string): CompiledDateFormat {
  switch (format) {
    case 'iso8601':
      return { ok: true, kind: 'text', parse: parseIso8601 };
    case 'epoch_ms':
      return { ok: true, kind: 'epoch', unitMs: 1 };
    case 'epoch_s':
      return { ok: true, kind: 'epoch', unitMs: 1000 };
    default:
      return compilePattern(format);
  }
}
