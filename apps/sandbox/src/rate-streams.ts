import type { Logger } from '@nestjs/common';

/** How fast a stream creates records, and when it stops (with neither, when stopped). */
export interface RateStreamPlan {
  perSecond: number;
  count?: number;
  durationMs?: number;
}

export interface RateStreamProgress {
  running: boolean;
  created: number;
  perSecond: number;
  count: number | null;
  durationMs: number | null;
  startedAt: string;
  error?: string;
}

interface Stream {
  plan: RateStreamPlan;
  createOne: (now: number) => void;
  startedAt: number;
  created: number;
  running: boolean;
  timer?: NodeJS.Timeout;
  error?: string;
}

const FIRST_NAMES = ['Ada', 'Alan', 'Grace', 'Edsger', 'Barbara', 'Donald', 'Frances', 'Ken', 'Radia', 'Tim'];
const LAST_NAMES = ['Lovelace', 'Turing', 'Hopper', 'Dijkstra', 'Liskov', 'Knuth', 'Allen', 'Thompson'];

/** The `n`th person a stream invents. */
export function streamPersonName(n: number): { first: string; last: string } {
  return { first: FIRST_NAMES[n % FIRST_NAMES.length]!, last: LAST_NAMES[n % LAST_NAMES.length]! };
}

/**
 * Records arriving at a steady rate, one stream per key (a HubSpot portal, a Monday board). Each
 * tick creates however many are due by now, so a late timer catches up instead of drifting; an
 * error stops the stream and is kept for its progress.
 */
export class RateStreams<K> {
  private readonly streams = new Map<K, Stream>();

  constructor(
    private readonly logger: Logger,
    private readonly describe: (key: K) => string,
  ) {}

  /** False when the key already has a running stream. */
  start(key: K, plan: RateStreamPlan, createOne: (now: number) => void, now = Date.now()): boolean {
    if (this.streams.get(key)?.running) return false;
    const stream: Stream = { plan, createOne, startedAt: now, created: 0, running: true };
    this.streams.set(key, stream);
    this.tick(key, stream, now);
    if (stream.running) {
      const everyMs = Math.max(10, Math.min(100, Math.floor(1000 / plan.perSecond)));
      stream.timer = setInterval(() => this.tick(key, stream), everyMs);
      stream.timer.unref();
    }
    return true;
  }

  /** False when the key has no stream. */
  stop(key: K): boolean {
    const stream = this.streams.get(key);
    if (stream === undefined) return false;
    this.end(stream);
    return true;
  }

  progress(key: K): RateStreamProgress | undefined {
    const s = this.streams.get(key);
    if (s === undefined) return undefined;
    return {
      running: s.running,
      created: s.created,
      perSecond: s.plan.perSecond,
      count: s.plan.count ?? null,
      durationMs: s.plan.durationMs ?? null,
      startedAt: new Date(s.startedAt).toISOString(),
      ...(s.error ? { error: s.error } : {}),
    };
  }

  stopAll(): void {
    for (const stream of this.streams.values()) this.end(stream);
  }

  private tick(key: K, stream: Stream, now = Date.now()): void {
    const { plan } = stream;
    const elapsed = now - stream.startedAt;
    let due = Math.floor((elapsed * plan.perSecond) / 1000) + 1;
    if (plan.count !== undefined) due = Math.min(due, plan.count);
    try {
      while (stream.created < due) {
        stream.createOne(now);
        stream.created++;
      }
    } catch (error) {
      stream.error = error instanceof Error ? error.message : String(error);
      this.logger.error(`${this.describe(key)} stopped: ${stream.error}`);
      this.end(stream);
      return;
    }
    const done =
      (plan.count !== undefined && stream.created >= plan.count) ||
      (plan.durationMs !== undefined && elapsed >= plan.durationMs);
    if (done) this.end(stream);
  }

  private end(stream: Stream): void {
    stream.running = false;
    clearInterval(stream.timer);
    stream.timer = undefined;
  }
}
