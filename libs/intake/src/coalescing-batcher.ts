/**
 * Coalesces single-item calls into batch calls, per group (e.g. one connection's batch read), with
 * at most one batch in flight per group: the first item goes out at once; items arriving while a
 * batch is in flight — including while it waits for the CRM's rate limiter — wait and leave
 * together as the next batch. Under light load every item is its own call (no added latency); under
 * heavy load batches grow towards `maxBatch`, so calls per second stay bounded by the CRM's latency
 * and rate budget instead of growing with the number of leads (ADR 0018).
 *
 * Under a rate limit that alone is not enough: a batch leaves as soon as the previous one returns,
 * so the budget is spent on many small batches whatever the arrival rate. `lingerMs` lets a batch
 * that is not full wait (until it is full or the linger ends) when the caller says so — typically
 * in proportion to how much of the connection's budget is already used — so batches grow exactly
 * when calls are scarce and cost no latency when they are not.
 *
 * DataLoader batches per event-loop tick and dispatches every batch at once, which neither holds
 * items back while a call is in flight nor bounds concurrent calls per group; hence this class.
 */
export interface BatchRunner<G, I, R> {
  /** Runs one batch; returns a result for each item, in the same order. */
  (group: G, items: readonly I[]): Promise<readonly R[]>;
}

interface Waiting<I, R> {
  item: I;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

interface GroupState<G, I, R> {
  group: G;
  waiting: Waiting<I, R>[];
  inFlight: boolean;
  /** Set while a batch lingers: called when the batch becomes full. */
  full?: () => void;
}

export interface CoalescingBatcherOptions<G> {
  maxBatch: number;
  keyOf: (group: G) => string;
  /**
   * How long a batch that is not full may wait for more items before it leaves (0: at once). Asked
   * before each such batch; an error counts as 0 (batching must never fail the items).
   */
  lingerMs?: (group: G) => number | Promise<number>;
}

export class CoalescingBatcher<G, I, R> {
  private readonly groups = new Map<string, GroupState<G, I, R>>();

  constructor(
    private readonly run: BatchRunner<G, I, R>,
    private readonly options: CoalescingBatcherOptions<G>,
  ) {
    if (!Number.isInteger(options.maxBatch) || options.maxBatch < 1) {
      throw new RangeError(`maxBatch must be a positive integer, got ${options.maxBatch}`);
    }
  }

  submit(group: G, item: I): Promise<R> {
    const key = this.options.keyOf(group);
    let state = this.groups.get(key);
    if (state === undefined) {
      state = { group, waiting: [], inFlight: false };
      this.groups.set(key, state);
    }
    const entry = state;
    const result = new Promise<R>((resolve, reject) => entry.waiting.push({ item, resolve, reject }));
    if (entry.waiting.length >= this.options.maxBatch) entry.full?.();
    if (!entry.inFlight) void this.dispatch(key, entry);
    return result;
  }

  /** Items waiting or in flight, for tests and metrics. */
  get pending(): number {
    let count = 0;
    for (const state of this.groups.values()) count += state.waiting.length;
    return count;
  }

  private async dispatch(key: string, state: GroupState<G, I, R>): Promise<void> {
    state.inFlight = true;
    // Let the items submitted in this tick join the first batch.
    await new Promise<void>((resolve) => setImmediate(resolve));
    try {
      while (state.waiting.length > 0) {
        if (state.waiting.length < this.options.maxBatch) await this.linger(state);
        const batch = state.waiting.splice(0, this.options.maxBatch);
        try {
          const results = await this.run(
            state.group,
            batch.map((w) => w.item),
          );
          if (results.length !== batch.length) {
            throw new Error(`batch runner returned ${results.length} results for ${batch.length} items`);
          }
          batch.forEach((w, i) => w.resolve(results[i]!));
        } catch (error) {
          for (const w of batch) w.reject(error);
        }
      }
    } finally {
      state.full = undefined;
      state.inFlight = false;
      if (state.waiting.length === 0) this.groups.delete(key);
      else void this.dispatch(key, state);
    }
  }

  private async linger(state: GroupState<G, I, R>): Promise<void> {
    const lingerOf = this.options.lingerMs;
    if (lingerOf === undefined) return;
    let ms: number;
    try {
      ms = await lingerOf(state.group);
    } catch {
      ms = 0;
    }
    if (!(ms > 0) || state.waiting.length >= this.options.maxBatch) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        state.full = undefined;
        resolve();
      }
      state.full = done;
    });
  }
}
