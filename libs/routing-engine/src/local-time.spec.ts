import { describe, expect, it } from 'vitest';
import { isValidTimeZone, localTimeIn } from './local-time';

const at = (iso: string): number => Date.parse(iso);

describe('localTimeIn', () => {
  it('reads weekday, minute of day and date in the zone', () => {
    expect(localTimeIn('America/New_York', at('2024-05-06T14:00:00Z'))).toEqual({
      weekday: 1,
      minuteOfDay: 600,
      date: '2024-05-06',
    });
    expect(localTimeIn('Asia/Tokyo', at('2024-05-06T14:00:00Z'))).toEqual({
      weekday: 1,
      minuteOfDay: 23 * 60,
      date: '2024-05-06',
    });
    expect(localTimeIn('Australia/Sydney', at('2024-05-06T14:00:00Z'))).toEqual({
      weekday: 2,
      minuteOfDay: 0,
      date: '2024-05-07',
    });
    expect(localTimeIn('Asia/Kolkata', at('2024-05-06T14:00:00Z'))).toEqual({
      weekday: 1,
      minuteOfDay: 19 * 60 + 30,
      date: '2024-05-06',
    });
  });

  it('follows daylight saving changes', () => {
    // New York springs forward at 2024-03-10 02:00 local (07:00Z): 06:59Z is 01:59 EST, 07:00Z is 03:00 EDT.
    expect(localTimeIn('America/New_York', at('2024-03-10T06:59:00Z')).minuteOfDay).toBe(60 + 59);
    expect(localTimeIn('America/New_York', at('2024-03-10T07:00:00Z')).minuteOfDay).toBe(3 * 60);
    // London falls back at 2024-10-27 02:00 BST (01:00Z).
    expect(localTimeIn('Europe/London', at('2024-10-27T00:59:00Z')).minuteOfDay).toBe(60 + 59);
    expect(localTimeIn('Europe/London', at('2024-10-27T01:00:00Z')).minuteOfDay).toBe(60);
  });

  it('shows midnight as 00:00, never 24:00', () => {
    expect(localTimeIn('UTC', at('2024-05-06T00:00:00Z'))).toEqual({
      weekday: 1,
      minuteOfDay: 0,
      date: '2024-05-06',
    });
  });

  it('gives the same answer from its memo as from a fresh computation', () => {
    const first = localTimeIn('Europe/Berlin', at('2024-05-06T14:00:30Z'));
    const again = localTimeIn('Europe/Berlin', at('2024-05-06T14:00:59Z'));
    const next = localTimeIn('Europe/Berlin', at('2024-05-06T14:01:00Z'));
    expect(again).toEqual(first);
    expect(next.minuteOfDay).toBe(first.minuteOfDay + 1);
  });
});

describe('isValidTimeZone', () => {
  it('accepts IANA zones and rejects anything else', () => {
    expect(isValidTimeZone('America/New_York')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
    expect(isValidTimeZone(42)).toBe(false);
  });
});
