/**
 * `npm run bench:webhooks`: how many signed HubSpot webhook batches (10 events each) the API
 * acknowledges per second on `POST /v1/webhooks/hubspot`, and its ack latency, next to a floor — a
 * bare `node:http` server doing one Postgres INSERT per request — measured the same way, on the same
 * machine, in the same run. Then both at a fixed offered load of 1,000 requests/s.
 *
 * The worker is not started: the figure is the receiver's (verify, store, answer — and the fan-out
 * to intake jobs its dispatcher does in the same process right after, docs/adr/0020), and intake
 * would compete for the same two cores. Object ids cycle through 1,000 values, so the intake jobs
 * collapse on their derived ids instead of filling the shared Redis. After every API round the
 * script waits for the dispatcher to fan out what was acknowledged (no `received` row left) and
 * reports that backlog, so an acknowledgement rate the fan-out cannot keep up with shows.
 *
 *   npm run bench:webhooks [-- --seconds 20 --connections 32 --rate 1000 --unconnected 1]
 *
 * `--unconnected 1` sends events of a portal no connection routes: everything but the intake jobs
 * (verify, store, answer, the dispatcher's lookup and UPDATE), to show what the jobs cost.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { webhookSignatureHeaders } from '../apps/sandbox/src/hubspot/webhook-signer';
import { closedLoop, type LoadRequest, type LoadResult, openLoop } from './load';
import { freePort, REPO_ROOT, startStack, waitFor } from './stack';
import { int, machineLine, ms, percentile, table, verdict } from './stats';
import { arg } from './args';

const SECONDS = arg('seconds', 20);
const CONNECTIONS = arg('connections', 32);
const RATE = arg('rate', 1000);
const EVENTS_PER_BATCH = 10;
const UNCONNECTED = arg('unconnected', 0) === 1;

interface Phase {
  name: string;
  api: LoadResult;
  floor: LoadResult;
}

/** What the dispatcher still had to fan out when an API round ended, and how long that took. */
interface Backlog {
  deliveries: number;
  drainMs: number;
}

function merge(results: readonly LoadResult[]): LoadResult {
  const failed: Record<string, number> = {};
  for (const r of results) for (const [k, v] of Object.entries(r.failed)) failed[k] = (failed[k] ?? 0) + v;
  return {
    ok: results.reduce((a, r) => a + r.ok, 0),
    failed,
    seconds: results.reduce((a, r) => a + r.seconds, 0),
    latenciesMs: results.flatMap((r) => r.latenciesMs).sort((a, b) => a - b),
    unsent: results.reduce((a, r) => a + r.unsent, 0),
  };
}

function describe(r: LoadResult): { rps: number; p50: number; p99: number; failed: number } {
  return {
    rps: r.ok / r.seconds,
    p50: percentile(r.latenciesMs, 50),
    p99: percentile(r.latenciesMs, 99),
    failed: Object.values(r.failed).reduce((a, b) => a + b, 0) + r.unsent,
  };
}

async function main(): Promise<void> {
  console.log(`webhook ack bench — ${machineLine()}`);
  const stack = await startStack({
    id: `wh_${process.pid}`,
    processes: ['sandbox', 'api'],
    hubspot: { webhooks: false },
    // BENCH_SKIP_BUILD=1 runs the dist/ already built (when the tree is mid-edit elsewhere).
    skipBuild: process.env.BENCH_SKIP_BUILD === '1',
    // BENCH_PROFILE=<dir> writes a CPU profile of the API (on its graceful exit).
    ...(process.env.BENCH_PROFILE
      ? { nodeArgs: { api: ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] } }
      : {}),
  });
  const floorPort = await freePort();
  const floor = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'lab/floor-server.ts')], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', DATABASE_URL: stack.databaseUrl, PORT: String(floorPort) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    await new Promise<void>((resolve, reject) => {
      floor.stdout.on('data', (c: Buffer) =>
        c.toString().includes('floor listening') ? resolve() : undefined,
      );
      floor.once('exit', (code) => reject(new Error(`floor server exited (${code})`)));
    });

    let seq = 0;
    const { app, webhookUrl } = stack.hubspot;
    const portalId = UNCONNECTED ? stack.hubspot.portalId + 1 : stack.hubspot.portalId;
    const makeRequest = (): LoadRequest => {
      const now = Date.now();
      const events = Array.from({ length: EVENTS_PER_BATCH }, () => {
        const n = seq++;
        return {
          eventId: 1_000_000 + n,
          subscriptionId: 1,
          portalId,
          appId: app.appId,
          occurredAt: now,
          subscriptionType: 'object.creation',
          attemptNumber: 0,
          objectId: 500_000 + (n % 1000),
          objectTypeId: '0-136',
          changeFlag: 'CREATED',
          changeSource: 'CRM_UI',
          sourceId: 'userId:2000001',
        };
      });
      const body = JSON.stringify(events);
      const signed = webhookSignatureHeaders({
        method: 'POST',
        uri: webhookUrl,
        body,
        clientSecret: app.clientSecret,
        timestamp: now,
      });
      return {
        path: '/v1/webhooks/hubspot',
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signed },
        body,
      };
    };
    const apiOrigin = stack.urls.api;
    const floorOrigin = `http://127.0.0.1:${floorPort}`;

    // Warm-up: JIT, connection pools and Postgres caches of both servers.
    await closedLoop(apiOrigin, makeRequest, { connections: 16, durationMs: 5000 });
    await closedLoop(floorOrigin, makeRequest, { connections: 16, durationMs: 5000 });
    const stored = async () =>
      Number(
        (
          await stack.sql<{ n: string }>(`SELECT count(*) AS n FROM webhook_delivery WHERE status = 'queued'`)
        )[0]!.n,
      );
    const storedBefore = await stored();
    const received = async () =>
      Number(
        (
          await stack.sql<{ n: string }>(
            `SELECT count(*) AS n FROM webhook_delivery WHERE status = 'received'`,
          )
        )[0]!.n,
      );
    const backlogs: Backlog[] = [];
    const drain = async (): Promise<void> => {
      const started = performance.now();
      const deliveries = await received();
      let left = deliveries;
      while (left > 0) {
        if (performance.now() - started > 60_000) throw new Error(`fan-out did not drain: ${left} left`);
        await new Promise((r) => setTimeout(r, 20));
        left = await received();
      }
      backlogs.push({ deliveries, drainMs: deliveries === 0 ? 0 : performance.now() - started });
    };

    // Floor and API alternate in short rounds, so load from other work on the shared machine falls on
    // both alike instead of on whichever ran during a busy minute.
    const rounds = async (
      count: number,
      run: (origin: string, durationMs: number) => Promise<LoadResult>,
    ): Promise<{ api: LoadResult; floor: LoadResult }> => {
      const api: LoadResult[] = [];
      const floor: LoadResult[] = [];
      for (let i = 0; i < count; i++) {
        const first = i % 2 === 0 ? 'floor' : 'api';
        for (const who of [first, first === 'floor' ? 'api' : 'floor'] as const) {
          const r = await run(who === 'api' ? apiOrigin : floorOrigin, (SECONDS * 1000) / count);
          (who === 'api' ? api : floor).push(r);
          if (who === 'api') await drain();
        }
      }
      return { api: merge(api), floor: merge(floor) };
    };
    const phases: Phase[] = [];
    const max = await rounds(4, (origin, durationMs) =>
      closedLoop(origin, makeRequest, { connections: CONNECTIONS, durationMs }),
    );
    phases.push({ name: `max (closed loop, ${CONNECTIONS} connections)`, ...max });
    const fixed = await rounds(2, (origin, durationMs) =>
      openLoop(origin, makeRequest, { ratePerSecond: RATE, durationMs, connections: 256 }),
    );
    phases.push({ name: `fixed ${int(RATE)} req/s (open loop)`, ...fixed });
    const [apiMax, floorMax, apiFixed, floorFixed] = [max.api, max.floor, fixed.api, fixed.floor];

    // Below saturation, for the shape of the latency the API gives when it keeps up.
    const halfRate = Math.max(10, Math.round(describe(apiMax).rps / 2 / 10) * 10);
    const apiHalf = await openLoop(apiOrigin, makeRequest, {
      ratePerSecond: halfRate,
      durationMs: (SECONDS * 1000) / 2,
      connections: 256,
    });

    await drain();
    const storedAfter = await waitFor('deliveries settled', async () => stored(), 10_000);
    const acked = apiMax.ok + apiFixed.ok + apiHalf.ok;
    const refused = Number(
      (
        await stack.sql<{ n: string }>(`SELECT count(*) AS n FROM webhook_delivery WHERE status = 'rejected'`)
      )[0]!.n,
    );

    console.log(`\n${machineLine()} (after the run)`);
    console.log(
      `${EVENTS_PER_BATCH}-event signed batches${UNCONNECTED ? ' of a portal no connection routes (no intake jobs)' : ''}, ${SECONDS} s per server and phase, API and floor alternating in rounds\n`,
    );
    const rows: string[][] = [['phase', 'server', 'acked req/s', 'p50', 'p99', 'failed']];
    for (const phase of phases) {
      for (const [server, r] of [
        ['leadflow api', phase.api],
        ['floor (http + 1 INSERT)', phase.floor],
      ] as const) {
        const d = describe(r);
        rows.push([phase.name, server, int(d.rps), ms(d.p50), ms(d.p99), int(d.failed)]);
      }
    }
    console.log(table(rows));
    const ratio = describe(apiMax).rps / describe(floorMax).rps;
    const fixedP99 = describe(apiFixed).p99;
    console.log(
      `\nthroughput: api ${int(describe(apiMax).rps)} req/s = ${(ratio * 100).toFixed(1)} % of the floor's ${int(describe(floorMax).rps)} (goal ≥ 60 %: ${verdict(ratio >= 0.6)})`,
    );
    console.log(
      `p99 at ${int(RATE)} req/s offered: api ${ms(fixedP99)}, floor ${ms(describe(floorFixed).p99)} (goal ≤ 50 ms: ${verdict(fixedP99 <= 50 && describe(apiFixed).failed === 0)})`,
    );
    console.log(
      `api below saturation: ${int(halfRate)} req/s offered (half its max) → p50 ${ms(describe(apiHalf).p50)}, p99 ${ms(describe(apiHalf).p99)}, failed ${int(describe(apiHalf).failed)}`,
    );
    const worst = backlogs.reduce((a, b) => (b.deliveries > a.deliveries ? b : a), {
      deliveries: 0,
      drainMs: 0,
    });
    const maxDrainMs = backlogs.slice(0, 4).reduce((a, b) => a + b.drainMs, 0);
    console.log(
      `fan-out: largest backlog at the end of an API round ${int(worst.deliveries)} deliveries, fanned out ${ms(worst.drainMs)} later; counting the max rounds' drain time, api ${int(apiMax.ok / (apiMax.seconds + maxDrainMs / 1000))} req/s sustained`,
    );
    console.log(
      `integrity: ${int(acked)} acknowledged, ${int(storedAfter - storedBefore)} stored as queued, ${int(refused)} refused; failures: max ${JSON.stringify(apiMax.failed)}, fixed ${JSON.stringify(apiFixed.failed)}, unsent ${apiFixed.unsent}`,
    );
    console.log(`api peak RSS ${int(stack.memory('api')?.peakRssMiB ?? 0)} MiB`);
  } finally {
    floor.kill('SIGTERM');
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
