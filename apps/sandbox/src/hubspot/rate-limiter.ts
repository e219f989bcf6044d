/** A rolling-window counter: at most `max` accepted calls in any `windowMs`. */
export class RollingWindowLimiter {
  private hits: number[] = [];

  constructor(
    readonly max: number,
    readonly windowMs: number,
  ) {}

  /** Records a call if the window has room; `remaining` is what is left after it. */
  tryTake(now = Date.now()): { ok: boolean; remaining: number } {
    const since = now - this.windowMs;
    while (this.hits.length && this.hits[0]! <= since) this.hits.shift();
    if (this.hits.length >= this.max) return { ok: false, remaining: 0 };
    this.hits.push(now);
    return { ok: true, remaining: this.max - this.hits.length };
  }
}

/**
 * A per-day counter that resets at midnight in the account's time zone, as HubSpot's daily
 * private-app limit does. `offsetMs` is the zone's offset from UTC.
 */
export class DailyLimiter {
  private day = Number.NaN;
  private used = 0;

  constructor(
    readonly max: number,
    private readonly offsetMs: number,
  ) {}

  tryTake(now = Date.now()): { ok: boolean; remaining: number } {
    const day = Math.floor((now + this.offsetMs) / 86_400_000);
    if (day !== this.day) {
      this.day = day;
      this.used = 0;
    }
    if (this.used >= this.max) return { ok: false, remaining: 0 };
    this.used++;
    return { ok: true, remaining: this.max - this.used };
  }
}
