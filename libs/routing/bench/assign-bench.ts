/**
 * `npm run bench:assign`: database-backed assignment. Four worker processes (as production runs
 * them: each its own Node process and connections, running 8 jobs at once) route leads into ONE pool — the worst case,
 * since every assignment queues on that pool's row lock. Prints leads/s, latency percentiles,
 * and checks that no lead was decided twice and the round robin stayed even.
 *
 *   npm run bench:assign [-- <leads> [<postgres server url>]]
 */
import { fork } from 'node:child_process';
import { loadavg } from 'node:os';
import { Client } from 'pg';
import {
  applyMigrations,
  createPgPool,
  createPrismaClient,
  ensureDatabaseExists,
  findMigrationsDir,
} from '@leadflow/database';
import { RoutingService } from '../src';
import { seedLeads, seedOnePool } from '../test/routing-fixtures';

const WORKERS = 4;
const REPS = 10;
const WARM_UP = 50;
/** Jobs each worker process runs at once (WORKER_CONCURRENCY's default). */
const CONCURRENCY = 8;

interface WorkOrder {
  url: string;
  tenantId: string;
  leadIds: string[];
}

interface WorkReport {
  latenciesMs: number[];
  startedAt: number;
  finishedAt: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** One worker process: warm up, wait for the go signal, assign its share, report. */
async function worker(): Promise<void> {
  const order = await new Promise<WorkOrder>((resolve) =>
    process.once('message', (m) => resolve(m as WorkOrder)),
  );
  const prisma = createPrismaClient({ databaseUrl: order.url, poolSize: 1 });
  const pg = createPgPool({ databaseUrl: order.url, size: 4 });
  const service = new RoutingService(prisma, pg);
  for (const id of order.leadIds.slice(0, WARM_UP)) await service.assign(order.tenantId, id);
  process.send!('ready');
  await new Promise((resolve) => process.once('message', resolve));
  const latenciesMs: number[] = [];
  const startedAt = Date.now();
  const work = order.leadIds.slice(WARM_UP);
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < work.length; i = next++) {
        const t0 = process.hrtime.bigint();
        await service.assign(order.tenantId, work[i]!);
        latenciesMs.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }),
  );
  const report: WorkReport = { latenciesMs, startedAt, finishedAt: Date.now() };
  process.send!(report);
  await prisma.$disconnect();
  await pg.end();
}

async function coordinator(): Promise<void> {
  const leads = Number(process.argv[2] ?? 4000);
  const server = process.argv[3] ?? 'postgresql://postgres@127.0.0.1:5432';
  const name = `leadflow_bench_${Date.now().toString(36)}`;
  const url = `${server}/${name}`;
  await ensureDatabaseExists(url);
  await applyMigrations(url, findMigrationsDir());
  const admin = createPrismaClient({ databaseUrl: url, poolSize: 2 });
  try {
    const fixture = await seedOnePool(admin, { slug: 'bench', reps: REPS });
    const leadIds = await seedLeads(admin, fixture.tenantId, leads + WARM_UP * WORKERS, 'bench');
    const children = Array.from({ length: WORKERS }, () =>
      fork(__filename, [], {
        env: { ...process.env, BENCH_ROLE: 'worker' },
        // BENCH_PROFILE=<dir> writes a CPU profile per worker process.
        execArgv: [
          ...process.execArgv,
          ...(process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : []),
        ],
      }),
    );
    const shares = children.map((_, w) => leadIds.filter((__, i) => i % WORKERS === w));
    await Promise.all(
      children.map(
        (child, w) =>
          new Promise<void>((resolve) => {
            child.once('message', () => resolve());
            child.send({ url, tenantId: fixture.tenantId, leadIds: shares[w]! } satisfies WorkOrder);
          }),
      ),
    );
    const reports = await Promise.all(
      children.map(
        (child) =>
          new Promise<WorkReport>((resolve) => {
            child.once('message', (m) => resolve(m as WorkReport));
            child.send('go');
          }),
      ),
    );
    const seconds =
      (Math.max(...reports.map((r) => r.finishedAt)) - Math.min(...reports.map((r) => r.startedAt))) / 1000;
    const latencies = reports.flatMap((r) => r.latenciesMs).sort((a, b) => a - b);

    const check = new Client({ connectionString: url });
    await check.connect();
    const dup = await check.query<{ n: string }>(
      'SELECT count(*) - count(DISTINCT lead_id) AS n FROM routing_decision',
    );
    const spread = await check.query<{ max: number; min: number }>(
      'SELECT max(c)::int AS max, min(c)::int AS min FROM (SELECT rep_id, count(*) c FROM routing_decision GROUP BY rep_id) x',
    );
    await check.end();
    console.log(
      `assign bench — node ${process.version}, ${WORKERS} worker processes × ${CONCURRENCY} concurrent jobs, 1 pool of ${REPS} reps (round robin), ${latencies.length} leads, load ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    console.log(
      `throughput: ${Math.round(latencies.length / seconds).toLocaleString('en-US')} leads/s (${seconds.toFixed(2)} s)`,
    );
    console.log(
      `latency per assignment: p50 ${percentile(latencies, 50).toFixed(2)} ms, p90 ${percentile(latencies, 90).toFixed(2)} ms, p99 ${percentile(latencies, 99).toFixed(2)} ms, max ${latencies[latencies.length - 1]!.toFixed(2)} ms`,
    );
    console.log(
      `double assignments: ${dup.rows[0]!.n}; leads per rep max − min: ${spread.rows[0]!.max - spread.rows[0]!.min}`,
    );
  } finally {
    await admin.$disconnect();
    const drop = new Client({ connectionString: `${server}/postgres` });
    await drop.connect();
    await drop.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await drop.end();
  }
}

(process.env.BENCH_ROLE === 'worker' ? worker() : coordinator()).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
