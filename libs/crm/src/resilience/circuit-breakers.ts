import CircuitBreaker from 'opossum';
import { CrmError, isCrmError } from '../crm-error';

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface BreakerThresholds {
  /** Failure percentage over the rolling window at which the breaker opens. */
  errorThresholdPercentage: number;
  /** Calls needed in the window before the breaker may open, so two unlucky calls cannot open it. */
  volumeThreshold: number;
  /** How long an open breaker fails fast before letting one trial call through (half-open). */
  resetTimeoutMs: number;
  /** Length of the rolling statistics window. */
  rollingWindowMs: number;
}

export const DEFAULT_BREAKER_THRESHOLDS: Readonly<BreakerThresholds> = Object.freeze({
  errorThresholdPercentage: 50,
  volumeThreshold: 10,
  resetTimeoutMs: 30_000,
  rollingWindowMs: 60_000,
});

/** Which breaker a call goes through, and what to name in the fail-fast error. */
export interface BreakerCall {
  connectionId: string;
  /** A group of calls that fail together, e.g. `read`, `write`, `search`. */
  family: string;
  provider: string;
  operation: string;
}

type Action = () => Promise<unknown>;

/** Told about every state change, e.g. to publish it where the health API (another process) reads it. */
export type BreakerStateListener = (connectionId: string, family: string, state: BreakerState) => void;

/**
 * One circuit breaker per `connectionId:family` (style guide, practice 3). Per connection because one
 * customer's broken portal must not stop the others; per family because a provider's search API can be
 * down while record reads work.
 *
 * Only errors whose policy says `countsForBreaker` (TEMPORARY) count as failures: the breaker exists to
 * stop hammering a provider that is down, and a 429, a 404 or a revoked token say nothing about that.
 * Those errors still reach the caller unchanged; opossum just records them as successes.
 */
export class BreakerRegistry {
  private readonly thresholds: BreakerThresholds;
  private readonly byConnection = new Map<string, Map<string, CircuitBreaker<[Action], unknown>>>();

  private readonly onStateChange: BreakerStateListener | undefined;

  constructor(thresholds: Partial<BreakerThresholds> = {}, onStateChange?: BreakerStateListener) {
    this.thresholds = { ...DEFAULT_BREAKER_THRESHOLDS, ...thresholds };
    this.onStateChange = onStateChange;
  }

  /**
   * Runs `fn` through the call's breaker. While the breaker is open this rejects at once with a
   * TEMPORARY {@link CrmError} (cause `CIRCUIT_OPEN`), which the retry policy backs off from like any
   * other temporary failure.
   */
  async run<T>(call: BreakerCall, fn: () => Promise<T>): Promise<T> {
    const breaker = this.breaker(call.connectionId, call.family);
    try {
      return (await breaker.fire(fn)) as T;
    } catch (error) {
      if (isOpenBreakerRejection(error)) {
        throw new CrmError({
          code: 'TEMPORARY',
          provider: call.provider,
          operation: call.operation,
          causeCode: 'CIRCUIT_OPEN',
          providerMessage: `circuit open for ${call.connectionId}:${call.family}`,
        });
      }
      throw error;
    }
  }

  /** Each family's breaker state for one connection, for the provider health API. */
  state(connectionId: string): Record<string, BreakerState> {
    const states: Record<string, BreakerState> = {};
    for (const [family, breaker] of this.byConnection.get(connectionId) ?? []) {
      states[family] = stateOf(breaker);
    }
    return states;
  }

  /** The breaker for one family (created on first use); exposed for its events (`open`, `halfOpen`, `close`). */
  breaker(connectionId: string, family: string): CircuitBreaker<[Action], unknown> {
    let families = this.byConnection.get(connectionId);
    if (families === undefined) {
      families = new Map();
      this.byConnection.set(connectionId, families);
    }
    let breaker = families.get(family);
    if (breaker === undefined) {
      breaker = new CircuitBreaker((fn: Action) => fn(), {
        name: `${connectionId}:${family}`,
        errorThresholdPercentage: this.thresholds.errorThresholdPercentage,
        volumeThreshold: this.thresholds.volumeThreshold,
        resetTimeout: this.thresholds.resetTimeoutMs,
        rollingCountTimeout: this.thresholds.rollingWindowMs,
        // Call timeouts belong to the HTTP client, which maps them to TEMPORARY; a second clock here
        // would abandon calls that may still succeed at the provider.
        timeout: false,
        errorFilter: (error: unknown) => !(isCrmError(error) && error.countsForBreaker),
      });
      const listener = this.onStateChange;
      if (listener !== undefined) {
        breaker.on('open', () => listener(connectionId, family, 'open'));
        breaker.on('halfOpen', () => listener(connectionId, family, 'half-open'));
        breaker.on('close', () => listener(connectionId, family, 'closed'));
      }
      families.set(family, breaker);
    }
    return breaker;
  }

  /** Stops every breaker's timers (on application shutdown). */
  shutdown(): void {
    for (const families of this.byConnection.values()) {
      for (const breaker of families.values()) breaker.shutdown();
    }
    this.byConnection.clear();
  }
}

function stateOf(breaker: CircuitBreaker): BreakerState {
  if (breaker.opened) return 'open';
  if (breaker.halfOpen) return 'half-open';
  return 'closed';
}

function isOpenBreakerRejection(error: unknown): boolean {
  return error instanceof Error && (error as Error & { code?: unknown }).code === 'EOPENBREAKER';
}
