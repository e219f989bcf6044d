import { describe, expect, it } from 'vitest';
import { DailyLimiter, RollingWindowLimiter } from './rate-limiter';

const EASTERN = -5 * 3_600_000;

describe('DailyLimiter', () => {
  it('allows max calls per day and resets at midnight in the account time zone', () => {
    const limiter = new DailyLimiter(2, EASTERN);
    // 04:59 UTC is 23:59 the previous day in US/Eastern (standard time).
    const beforeMidnight = Date.parse('2026-03-02T04:59:00Z');
    expect(limiter.tryTake(beforeMidnight)).toEqual({ ok: true, remaining: 1 });
    expect(limiter.tryTake(beforeMidnight)).toEqual({ ok: true, remaining: 0 });
    expect(limiter.tryTake(beforeMidnight)).toEqual({ ok: false, remaining: 0 });
    expect(limiter.tryTake(Date.parse('2026-03-02T05:00:00Z'))).toEqual({ ok: true, remaining: 1 });
  });
});

describe('RollingWindowLimiter', () => {
  it('frees a slot once the oldest call leaves the window', () => {
    const limiter = new RollingWindowLimiter(1, 1000);
    expect(limiter.tryTake(0).ok).toBe(true);
    expect(limiter.tryTake(999).ok).toBe(false);
    expect(limiter.tryTake(1000).ok).toBe(true);
  });
});
