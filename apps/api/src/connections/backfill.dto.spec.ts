import { describe, expect, it } from 'vitest';
import { backfillRange, backfillRangeProblems, MAX_BACKFILL_DAYS, startBackfillSchema } from './backfill.dto';

const now = new Date('2026-11-25T12:00:00Z');

describe('backfill range', () => {
  it('is the last N days up to now, or from a date up to now or to a date', () => {
    expect(backfillRange({ days: 30 }, now)).toEqual({ from: new Date('2026-10-26T12:00:00Z'), to: now });
    expect(backfillRange({ from: '2026-11-01T00:00:00Z' }, now)).toEqual({
      from: new Date('2026-11-01T00:00:00Z'),
      to: now,
    });
    expect(backfillRange({ days: 1, to: '2026-11-10T00:00:00+01:00' }, now)).toEqual({
      from: new Date('2026-11-08T23:00:00Z'),
      to: new Date('2026-11-09T23:00:00Z'),
    });
    // A `to` a moment ahead of our clock (skew) means now.
    expect(backfillRange({ days: 1, to: '2026-11-25T12:01:00Z' }, now).to).toEqual(now);
  });

  it('names the field that makes a range unusable', () => {
    const problems = (input: Parameters<typeof backfillRangeProblems>[0]) =>
      backfillRangeProblems(input, now).map((p) => [p.path.join('.'), p.message]);
    expect(problems({ days: 30 })).toEqual([]);
    expect(problems({})).toEqual([['', expect.stringContaining('give from')]]);
    expect(problems({ from: '2026-11-01T00:00:00Z', days: 3 })).toEqual([
      ['days', 'give from or days, not both'],
    ]);
    expect(problems({ from: '2026-11-01T00:00:00Z', to: '2026-10-01T00:00:00Z' })).toEqual([
      ['from', 'must be before to'],
    ]);
    expect(problems({ from: '2026-12-01T00:00:00Z' })).toEqual([['from', 'must be in the past']]);
    expect(problems({ days: 1, to: '2027-01-01T00:00:00Z' })).toEqual([['to', 'must not be in the future']]);
    expect(problems({ from: '2020-01-01T00:00:00Z' })).toEqual([
      ['from', expect.stringContaining(`at most ${MAX_BACKFILL_DAYS} days`)],
    ]);
  });

  it('validates the body: types, unknown fields, route defaulting to false', () => {
    expect(startBackfillSchema.parse({ days: 30 })).toEqual({ days: 30, route: false });
    const bad = startBackfillSchema.safeParse({ from: 'last week', route: 'yes', extra: 1 });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => i.path.join('.') || i.code);
    expect(paths).toEqual(expect.arrayContaining(['from', 'route', 'unrecognized_keys']));
    expect(startBackfillSchema.safeParse({ days: 0 }).error?.issues[0]).toMatchObject({
      path: ['days'],
      message: 'must be at least 1',
    });
  });
});
