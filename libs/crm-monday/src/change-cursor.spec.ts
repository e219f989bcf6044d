import { describe, expect, it } from 'vitest';
import {
  changedItemsQuery,
  decodeChangeCursor,
  encodeChangeCursor,
  inWindow,
  itemsPageSize,
  MONDAY_CURSOR_SAFE_AGE_MS,
  nextStep,
} from './change-cursor';

const since = new Date('2026-11-20T09:00:00Z');
const now = Date.parse('2026-11-20T12:00:00Z');

describe('Monday change cursors', () => {
  it('round-trip and are opaque', () => {
    const cursor = {
      since: since.getTime(),
      resumeFrom: since.getTime() + 5_000,
      mondayCursor: 'MSwx',
      issuedAt: now,
    };
    const text = encodeChangeCursor(cursor);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeChangeCursor(text)).toEqual(cursor);
    expect(decodeChangeCursor('not-a-cursor')).toBeUndefined();
    expect(decodeChangeCursor(Buffer.from('{"v":2}').toString('base64url'))).toBeUndefined();
    // A resume point before the window is not one this adapter makes.
    expect(
      decodeChangeCursor(encodeChangeCursor({ ...cursor, resumeFrom: cursor.since - 1 })),
    ).toBeUndefined();
  });

  it('continue with Monday’s cursor while it is fresh and belongs to the window', () => {
    const text = encodeChangeCursor({
      since: since.getTime(),
      resumeFrom: since.getTime() + 1,
      mondayCursor: 'c',
      issuedAt: now - 60_000,
    });
    expect(nextStep(text, since, now)).toEqual({
      kind: 'next',
      since: since.getTime(),
      resumeFrom: since.getTime() + 1,
      mondayCursor: 'c',
    });
  });

  it('restart from where the listing got to when Monday’s cursor is about to expire (or from the future)', () => {
    const cursor = { since: since.getTime(), resumeFrom: since.getTime() + 7, mondayCursor: 'c' };
    const restart = { kind: 'restart', since: since.getTime(), resumeFrom: since.getTime() + 7 };
    expect(
      nextStep(encodeChangeCursor({ ...cursor, issuedAt: now - MONDAY_CURSOR_SAFE_AGE_MS }), since, now),
    ).toEqual(restart);
    expect(nextStep(encodeChangeCursor({ ...cursor, issuedAt: now + 1 }), since, now)).toEqual(restart);
  });

  it('start over for a new or moved window, and refuse what is not a cursor', () => {
    const first = { kind: 'first', since: since.getTime() };
    expect(nextStep(undefined, since, now)).toEqual(first);
    const moved = encodeChangeCursor({
      since: since.getTime() + 1,
      resumeFrom: since.getTime() + 1,
      mondayCursor: 'c',
      issuedAt: now,
    });
    expect(nextStep(moved, since, now)).toEqual(first);
    expect(nextStep('garbage', since, now)).toBeUndefined();
  });

  it('filter from the day before since (Monday compares dates, in a zone it does not state)', () => {
    expect(changedItemsQuery(Date.parse('2026-11-20T00:30:00Z')).rules?.[0]?.compare_value).toEqual([
      'EXACT',
      '2026-11-19',
    ]);
    expect(changedItemsQuery(0).rules?.[0]?.compare_value).toEqual(['EXACT', '1970-01-01']);
  });

  it('keep [since, until) exactly', () => {
    const s = since.getTime();
    const u = s + 3_600_000;
    expect(inWindow(new Date(s).toISOString(), s, u)).toBe(true);
    expect(inWindow(new Date(u).toISOString(), s, u)).toBe(false);
    expect(inWindow(new Date(s - 1).toISOString(), s, u)).toBe(false);
    expect(inWindow(null, s, u)).toBe(true);
  });

  it('page sizes stay within Monday’s 500', () => {
    expect(itemsPageSize(undefined)).toBe(100);
    expect(itemsPageSize(10_000)).toBe(500);
    expect(itemsPageSize(0)).toBe(1);
    expect(itemsPageSize(Number.NaN)).toBe(100);
  });
});
