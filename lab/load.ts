/**
 * A small HTTP load generator on undici's Pool (keep-alive connections, no pipelining): closed loop
 * (N connections each with one request in flight: the most the server acknowledges) and open loop
 * (requests sent on a fixed schedule whatever the server does, latency counted from the scheduled
 * time, so a stall is not hidden by the generator waiting for it — no coordinated omission).
 */
import { Pool } from 'undici';

export interface LoadRequest {
  path: string;
  method: 'POST' | 'GET';
  headers: Record<string, string>;
  body?: string;
}

export interface LoadResult {
  /** Requests answered 2xx. */
  ok: number;
  /** Non-2xx answers by status, and transport errors under "error". */
  failed: Record<string, number>;
  seconds: number;
  /** Latency of 2xx answers in ms, ascending. */
  latenciesMs: number[];
  /** Requests the open loop scheduled but had not sent when time ran out (generator saturated). */
  unsent: number;
}

async function send(pool: Pool, request: LoadRequest): Promise<number> {
  const res = await pool.request({
    path: request.path,
    method: request.method,
    headers: request.headers,
    ...(request.body === undefined ? {} : { body: request.body }),
  });
  await res.body.dump();
  return res.statusCode;
}

function record(result: LoadResult, status: number | 'error', latencyMs: number): void {
  if (status !== 'error' && status >= 200 && status < 300) {
    result.ok += 1;
    result.latenciesMs.push(latencyMs);
  } else {
    result.failed[String(status)] = (result.failed[String(status)] ?? 0) + 1;
  }
}

function finish(result: LoadResult, started: number): LoadResult {
  result.seconds = (performance.now() - started) / 1000;
  result.latenciesMs.sort((a, b) => a - b);
  return result;
}

/** `connections` requests in flight at all times for `durationMs`. */
export async function closedLoop(
  origin: string,
  make: () => LoadRequest,
  options: { connections: number; durationMs: number },
): Promise<LoadResult> {
  const pool = new Pool(origin, { connections: options.connections, pipelining: 1 });
  const result: LoadResult = { ok: 0, failed: {}, seconds: 0, latenciesMs: [], unsent: 0 };
  const started = performance.now();
  const end = started + options.durationMs;
  try {
    await Promise.all(
      Array.from({ length: options.connections }, async () => {
        while (performance.now() < end) {
          const t0 = performance.now();
          const status = await send(pool, make()).catch(() => 'error' as const);
          record(result, status, performance.now() - t0);
        }
      }),
    );
    return finish(result, started);
  } finally {
    await pool.close();
  }
}

/**
 * `ratePerSecond` requests per second for `durationMs`, each sent at its scheduled time on up to
 * `connections` keep-alive connections (more requests than connections queue in the pool, and
 * that wait counts in their latency, as it would for a real sender).
 */
export async function openLoop(
  origin: string,
  make: () => LoadRequest,
  options: { ratePerSecond: number; durationMs: number; connections: number },
): Promise<LoadResult> {
  const pool = new Pool(origin, { connections: options.connections, pipelining: 1 });
  const result: LoadResult = { ok: 0, failed: {}, seconds: 0, latenciesMs: [], unsent: 0 };
  const interval = 1000 / options.ratePerSecond;
  const total = Math.floor((options.durationMs / 1000) * options.ratePerSecond);
  const inFlight = new Set<Promise<void>>();
  const started = performance.now();
  let sent = 0;
  try {
    await new Promise<void>((done) => {
      const tick = () => {
        const now = performance.now();
        while (sent < total && started + sent * interval <= now) {
          const scheduled = started + sent * interval;
          sent += 1;
          const p: Promise<void> = send(pool, make())
            .catch(() => 'error' as const)
            .then((status) => record(result, status, performance.now() - scheduled))
            .finally(() => inFlight.delete(p));
          inFlight.add(p);
        }
        if (sent >= total) done();
        else setTimeout(tick, Math.max(0, Math.min(1, started + sent * interval - performance.now())));
      };
      tick();
    });
    // Answers still outstanding are awaited (bounded: undici's own timeouts end stuck ones).
    await Promise.all(inFlight);
    result.unsent = total - sent;
    return finish(result, started);
  } finally {
    await pool.close();
  }
}
