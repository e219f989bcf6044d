import { describe, expect, it } from 'vitest';
import { DailyCallCounter, limitsFor, rateLimitHeaders, SlidingWindowBudget } from './monday-rate-limits';

describe('SlidingWindowBudget', () => {
  it('spends within the window and says when enough frees up', () => {
    const budget = new SlidingWindowBudget(100, 60_000);
    expect(budget.tryTake(60, 0)).toEqual({ ok: true, remaining: 40, retryInMs: 0 });
    expect(budget.tryTake(30, 10_000)).toEqual({ ok: true, remaining: 10, retryInMs: 0 });
    // 50 more needs the first spending (60 at t=0) to leave the window at t=60s.
    expect(budget.tryTake(50, 20_000)).toEqual({ ok: false, remaining: 10, retryInMs: 40_000 });
    expect(budget.resetInMs(20_000)).toBe(40_000);
    expect(budget.tryTake(50, 60_000).ok).toBe(true);
    expect(budget.remaining(70_000)).toBe(50);
  });
});

describe('DailyCallCounter', () => {
  it('counts tenths of calls and resets at midnight UTC', () => {
    const counter = new DailyCallCounter(1);
    const beforeMidnight = Date.parse('2026-10-27T23:59:30Z');
    expect(counter.tryTake(5, beforeMidnight).ok).toBe(true);
    expect(counter.tryTake(5, beforeMidnight)).toEqual({ ok: true, remaining: 0, retryInSeconds: 30 });
    expect(counter.tryTake(1, beforeMidnight).ok).toBe(false);
    expect(counter.tryTake(10, Date.parse('2026-10-28T00:00:00Z')).ok).toBe(true);
  });
});

describe('rateLimitHeaders', () => {
  it('renders the three policies in the IETF structured-field form Monday documents', () => {
    const limits = limitsFor('enterprise');
    expect(
      rateLimitHeaders({
        minute: { max: limits.minuteRate, remaining: 0, resetInSeconds: 38 },
        concurrency: { max: limits.concurrency, remaining: 249 },
        complexity: { max: 5_000_000, remaining: 4_950_000, resetInSeconds: 45 },
      }),
    ).toEqual({
      'RateLimit-Policy':
        '"minuteRate";q=5000;w=60, "concurrency";q=250;qu="concurrent-requests", "complexityMinute";q=5000000;w=60;qu="content-bytes"',
      RateLimit: '"minuteRate";r=0;t=38, "concurrency";r=249, "complexityMinute";r=4950000;t=45',
    });
  });
});
