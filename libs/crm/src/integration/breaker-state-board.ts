import type { Redis } from 'ioredis';
import type { BreakerState } from '../resilience/circuit-breakers';

export interface PublishedBreakerState {
  family: string;
  state: BreakerState;
  /** ISO time of the change. */
  since: string;
  /** Which process saw it (breakers are per process). */
  process: string;
}

const TTL_SECONDS = 24 * 3600;

/**
 * Breakers live in each worker process, but the health API runs elsewhere. Each state change is
 * written to a Redis hash per connection (last writer wins per family), so the API can show what
 * the workers see. A closed breaker is written too, so recovery replaces an old "open".
 */
export class BreakerStateBoard {
  private readonly prefix: string;

  constructor(
    private readonly redis: Redis,
    options: { keyPrefix: string; processName: string },
  ) {
    this.prefix = `${options.keyPrefix}:breakers:`;
    this.processName = options.processName;
  }

  private readonly processName: string;

  publish(connectionId: string, family: string, state: BreakerState): Promise<void> {
    const value: PublishedBreakerState = {
      family,
      state,
      since: new Date().toISOString(),
      process: this.processName,
    };
    const key = this.prefix + connectionId;
    return this.redis
      .multi()
      .hset(key, family, JSON.stringify(value))
      .expire(key, TTL_SECONDS)
      .exec()
      .then(() => undefined);
  }

  async read(connectionId: string): Promise<PublishedBreakerState[]> {
    const entries = await this.redis.hgetall(this.prefix + connectionId);
    return Object.values(entries)
      .map((text) => JSON.parse(text) as PublishedBreakerState)
      .sort((a, b) => a.family.localeCompare(b.family));
  }
}
