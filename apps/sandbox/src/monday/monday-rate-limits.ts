/**
 * Monday's limits (developer.monday.com "Rate limits", 2026-09): a per-minute request limit,
 * a concurrency limit and a daily call limit by plan, and a per-minute complexity budget by token
 * kind; every limit can be overridden per sandbox account.
 */
export type MondayPlan = 'basic' | 'pro' | 'enterprise';

export interface MondayLimits {
  /** Requests per sliding minute (1,000 / 2,500 / 5,000). */
  minuteRate: number;
  /** Requests in flight at once (40 / 100 / 250). */
  concurrency: number;
  /** Calls per UTC day (1,000 / 10,000 / 25,000). */
  daily: number;
  /** Complexity points per sliding minute for personal tokens, reads and writes together. */
  complexityPersonal: number;
  /** Complexity points per sliding minute for app (OAuth) tokens, reads and writes each. */
  complexityApp: number;
  /** The most one query may cost. */
  maxQueryComplexity: number;
  /** How long an items_page cursor chain stays usable. */
  cursorTtlSeconds: number;
}

const PLAN_LIMITS: Record<MondayPlan, Pick<MondayLimits, 'minuteRate' | 'concurrency' | 'daily'>> = {
  basic: { minuteRate: 1_000, concurrency: 40, daily: 1_000 },
  pro: { minuteRate: 2_500, concurrency: 100, daily: 10_000 },
  enterprise: { minuteRate: 5_000, concurrency: 250, daily: 25_000 },
};

export function limitsFor(plan: MondayPlan, overrides: Partial<MondayLimits> = {}): MondayLimits {
  return {
    ...PLAN_LIMITS[plan],
    complexityPersonal: 10_000_000,
    complexityApp: 5_000_000,
    maxQueryComplexity: 5_000_000,
    cursorTtlSeconds: 3_600,
    ...overrides,
  };
}

export const MINUTE_MS = 60_000;

/**
 * A weighted sliding window: at most `max` units spent in any `windowMs`. Used for the request
 * minute limit (one unit per request) and the complexity budgets (the query's cost).
 */
export class SlidingWindowBudget {
  private entries: Array<{ at: number; amount: number }> = [];
  private spent = 0;

  constructor(
    readonly max: number,
    readonly windowMs = MINUTE_MS,
  ) {}

  remaining(now: number): number {
    this.expire(now);
    return Math.max(0, this.max - this.spent);
  }

  /** Whether `amount` fits now, without spending it. */
  fits(amount: number, now: number): { ok: boolean; remaining: number; retryInMs: number } {
    this.expire(now);
    const remaining = Math.max(0, this.max - this.spent);
    return this.spent + amount <= this.max
      ? { ok: true, remaining, retryInMs: 0 }
      : { ok: false, remaining, retryInMs: this.freeInMs(amount, now) };
  }

  /** Spends `amount` when it fits; otherwise reports how long until it would. */
  tryTake(amount: number, now: number): { ok: boolean; remaining: number; retryInMs: number } {
    this.expire(now);
    if (this.spent + amount <= this.max) {
      this.entries.push({ at: now, amount });
      this.spent += amount;
      return { ok: true, remaining: this.max - this.spent, retryInMs: 0 };
    }
    return {
      ok: false,
      remaining: Math.max(0, this.max - this.spent),
      retryInMs: this.freeInMs(amount, now),
    };
  }

  /** Until the oldest spending leaves the window (0 when nothing is spent). */
  resetInMs(now: number): number {
    this.expire(now);
    const oldest = this.entries[0];
    return oldest ? oldest.at + this.windowMs - now : 0;
  }

  private freeInMs(amount: number, now: number): number {
    if (amount > this.max) return this.resetInMs(now) || this.windowMs;
    let spent = this.spent;
    for (const entry of this.entries) {
      spent -= entry.amount;
      if (spent + amount <= this.max) return entry.at + this.windowMs - now;
    }
    return 0;
  }

  private expire(now: number): void {
    while (this.entries.length && this.entries[0]!.at <= now - this.windowMs) {
      this.spent -= this.entries.shift()!.amount;
    }
  }
}

const DAY_MS = 86_400_000;

/**
 * Calls per UTC day, counted in tenths: Monday counts a rate-limited request and a
 * complexity-only query as 0.1 of a call.
 */
export class DailyCallCounter {
  private day = Number.NaN;
  private usedTenths = 0;

  constructor(readonly max: number) {}

  tryTake(tenths: number, now: number): { ok: boolean; remaining: number; retryInSeconds: number } {
    const day = Math.floor(now / DAY_MS);
    if (day !== this.day) {
      this.day = day;
      this.usedTenths = 0;
    }
    const retryInSeconds = Math.ceil(((day + 1) * DAY_MS - now) / 1000);
    if (this.usedTenths + tenths > this.max * 10) {
      return { ok: false, remaining: this.remainingCalls(), retryInSeconds };
    }
    this.usedTenths += tenths;
    return { ok: true, remaining: this.remainingCalls(), retryInSeconds };
  }

  private remainingCalls(): number {
    return Math.max(0, Math.floor((this.max * 10 - this.usedTenths) / 10));
  }
}

export interface RateLimitState {
  minute: { max: number; remaining: number; resetInSeconds?: number };
  concurrency: { max: number; remaining: number; retryInSeconds?: number };
  complexity: { max: number; remaining: number; resetInSeconds: number };
}

/**
 * The IETF `RateLimit-Policy` / `RateLimit` structured headers as Monday documents them: policies
 * `minuteRate`, `concurrency` and `complexityMinute`; `t` only when a reset time is known.
 */
export function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  const t = (seconds: number | undefined) => (seconds === undefined ? '' : `;t=${Math.max(0, seconds)}`);
  return {
    'RateLimit-Policy': [
      `"minuteRate";q=${state.minute.max};w=60`,
      `"concurrency";q=${state.concurrency.max};qu="concurrent-requests"`,
      `"complexityMinute";q=${state.complexity.max};w=60;qu="content-bytes"`,
    ].join(', '),
    RateLimit: [
      `"minuteRate";r=${state.minute.remaining}${t(state.minute.resetInSeconds)}`,
      `"concurrency";r=${state.concurrency.remaining}${t(state.concurrency.retryInSeconds)}`,
      `"complexityMinute";r=${state.complexity.remaining}${t(state.complexity.resetInSeconds)}`,
    ].join(', '),
  };
}
