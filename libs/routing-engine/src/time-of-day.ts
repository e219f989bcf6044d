import { type Weekday } from './config-types';

export const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes since midnight for `HH:MM` (`24:00` allowed as an end), or null when malformed. */
export function parseTimeOfDay(text: string, allowEndOfDay: boolean): number | null {
  if (allowEndOfDay && text === '24:00') return 24 * 60;
  const match = TIME_OF_DAY.exec(text);
  if (match === null) return null;
  return Number(match[1]) * 60 + Number(match[2]);
}
