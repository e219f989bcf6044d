/**
 * `npm run bench:e2e`: leads created in the sandbox at a steady rate (default 50/s for 60 s, the
 * sandbox's lead stream, each lead with a new primary contact, webhooks on) → routed → owner written
 * back. Latency per lead is from its `createdate` to the first write of its owner through the CRM
 * API (the sandbox's write log), both stamped by the sandbox's clock. Also: leads never written
 * (lost) or written more than once (duplicated), the processes' peak memory, and the CRM calls the
 * worker made per lead. HubSpot's limits stay as in production (110 requests per 10 s per portal,
 * and the product's own limiter).
 *
 * Options for the diagnostics recorded next to the main figures: `--window` (the sandbox's webhook
 * batching window, default 250 ms as HubSpot batches), `--auth oauth` (connect as a public app:
 * 110 instead of a private app's 100 per 10 s), `--mapping lead` (read only the lead's own
 * properties, not its primary contact and company).
 *
 *   npm run bench:e2e [-- --rate 50 --seconds 60 --drain 300 --heap <MiB> --window 250 --auth token|oauth --mapping default|lead]
 */
import { counterByLabel, delta, formatCounts, total } from './metrics';
import { type ProcessName, sleep, startStack } from './stack';
import { ascending, int, machineLine, ms, percentile, table, verdict } from './stats';
import { arg, argText } from './args';
import { reconnectHubSpotByOAuth } from './chaos-oauth';
import { publishLeadOnlyMapping } from './mappings';

const RATE = arg('rate', 50);
const SECONDS = arg('seconds', 60);
/** Longest wait after the last lead is created for the rest to be written back. */
const DRAIN_SECONDS = arg('drain', 300);
/** Diagnostic: `--max-old-space-size` for api and worker (0 = Node's default). */
const HEAP_MIB = arg('heap', 0);
const WINDOW_MS = arg('window', 250);
const AUTH = argText('auth', 'token');
const MAPPING = argText('mapping', 'default');

async function main(): Promise<void> {
  console.log(`end-to-end bench — ${machineLine()}`);
  const heapFlag = HEAP_MIB > 0 ? [`--max-old-space-size=${HEAP_MIB}`] : [];
  const stack = await startStack({
    id: `e2e_${process.pid}`,
    nodeArgs: { api: heapFlag, worker: heapFlag },
    hubspot: { webhookBatchWindowMs: WINDOW_MS },
  });
  if (AUTH === 'oauth') await reconnectHubSpotByOAuth(stack);
  if (MAPPING === 'lead') await publishLeadOnlyMapping(stack);
  console.log(`webhook batch window ${WINDOW_MS} ms, connection by ${AUTH}, mapping ${MAPPING}`);
  const peaks: Record<'api' | 'worker', number> = { api: 0, worker: 0 };
  // JS heap at the RSS peak's neighbourhood: tells a heap that grows from memory outside it (WASM, code).
  const heapPeaks: Record<'api' | 'worker', { used: number; total: number }> = {
    api: { used: 0, total: 0 },
    worker: { used: 0, total: 0 },
  };
  let sampling = true;
  const sampler = (async () => {
    for (let tick = 0; sampling; tick++) {
      for (const name of ['api', 'worker'] as const) {
        peaks[name] = Math.max(peaks[name], stack.memory(name)?.rssMiB ?? 0);
        if (tick % 4 === 0) {
          const text = await stack.metrics(name).catch(() => '');
          const mib = (metric: string) =>
            total(counterByLabel(text, `leadflow_nodejs_heap_size_${metric}_bytes`)) / 1048576;
          heapPeaks[name].used = Math.max(heapPeaks[name].used, mib('used'));
          heapPeaks[name].total = Math.max(heapPeaks[name].total, mib('total'));
        }
      }
      await sleep(500);
    }
  })();
  try {
    const expected = Math.round(RATE * SECONDS);
    const metricsBefore = counterByLabel(
      await stack.metrics('worker'),
      'leadflow_crm_call_duration_seconds_count',
      'operation',
    );
    const rssAtStart = { api: stack.memory('api')?.rssMiB ?? 0, worker: stack.memory('worker')?.rssMiB ?? 0 };
    const started = Date.now();
    await stack.hubspot.startLeadStream({ perSecond: RATE, count: expected });
    await stack.waitFor(
      'the lead stream to finish',
      async () => !(await stack.hubspot.leadStream()).running,
      (SECONDS + 30) * 1000,
    );
    const streamEnded = Date.now();
    const leads = (await stack.hubspot.listObjects('leads')).map((l) => ({
      id: l.id,
      createdAt: Date.parse(l.properties.createdate ?? ''),
    }));
    // Until every lead has an owner write, or the drain time is up.
    let writes = await stack.hubspot.writes();
    const ids = new Set(leads.map((l) => l.id));
    const writtenIds = () => new Set(writes.filter((w) => ids.has(w.objectId)).map((w) => w.objectId));
    const drainDeadline = streamEnded + DRAIN_SECONDS * 1000;
    while (writtenIds().size < leads.length && Date.now() < drainDeadline) {
      await sleep(1000);
      writes = await stack.hubspot.writes();
    }
    const allDone = Date.now();
    // A little longer, so a late second write of an already written owner is seen too.
    await sleep(3000);
    writes = await stack.hubspot.writes();
    sampling = false;
    await sampler;

    const byLead = new Map<string, { at: number; changed: boolean }[]>();
    for (const w of writes) {
      const list = byLead.get(w.objectId) ?? [];
      list.push({ at: Date.parse(w.at), changed: w.changed });
      byLead.set(w.objectId, list);
    }
    const latencies = ascending(
      leads.flatMap((l) => {
        const first = byLead.get(l.id)?.[0];
        return first === undefined ? [] : [first.at - l.createdAt];
      }),
    );
    const lost = leads.filter((l) => !byLead.has(l.id)).length;
    const duplicated = [...byLead.values()].filter((list) => list.length > 1).length;
    const reassigned = [...byLead.values()].filter((list) => list.filter((w) => w.changed).length > 1).length;
    const stored = await stack.leads(stack.hubspot.connectionId);
    const doubleDecisions = (
      await stack.sql<{ n: string }>(`SELECT count(*) - count(DISTINCT lead_id) AS n FROM routing_decision`)
    )[0]!.n;
    const statuses = new Map<string, number>();
    for (const l of stored) statuses.set(l.status, (statuses.get(l.status) ?? 0) + 1);
    const calls = delta(
      counterByLabel(await stack.metrics('worker'), 'leadflow_crm_call_duration_seconds_count', 'operation'),
      metricsBefore,
    );
    const outcomes = counterByLabel(
      await stack.metrics('worker'),
      'leadflow_crm_call_duration_seconds_count',
      'outcome',
    );
    const hwm = (name: ProcessName) => stack.memory(name)?.peakRssMiB ?? 0;
    const lastWrite = Math.max(...[...byLead.values()].map((list) => list[0]!.at));
    const p50 = percentile(latencies, 50);
    const p99 = percentile(latencies, 99);

    console.log(`\n${machineLine()} (after the run)`);
    console.log(
      `${int(leads.length)} leads created at ${RATE}/s over ${((streamEnded - started) / 1000).toFixed(1)} s (stream), webhooks on, default HubSpot limits${HEAP_MIB > 0 ? `, --max-old-space-size=${HEAP_MIB}` : ''}; drained ${((allDone - streamEnded) / 1000).toFixed(1)} s after the stream (cap ${DRAIN_SECONDS} s)\n`,
    );
    console.log(
      table([
        ['figure', 'measured', 'goal', ''],
        ['p50 created → owner written', ms(p50), '≤ 100 ms', verdict(p50 <= 100)],
        ['p99 created → owner written', ms(p99), '≤ 500 ms', verdict(p99 <= 500)],
        ['max', ms(latencies[latencies.length - 1] ?? Number.NaN), '', ''],
        ['lost (no owner written)', int(lost), '0', verdict(lost === 0)],
        [
          'duplicated (owner written > 1×)',
          `${int(duplicated)} (${reassigned} changed twice)`,
          '0',
          verdict(duplicated === 0),
        ],
        [
          'api peak RSS (sampled / VmHWM)',
          `${int(peaks.api)} / ${int(hwm('api'))} MiB`,
          '≤ 250 MiB',
          verdict(Math.max(peaks.api, hwm('api')) <= 250),
        ],
        [
          'worker peak RSS (sampled / VmHWM)',
          `${int(peaks.worker)} / ${int(hwm('worker'))} MiB`,
          '≤ 250 MiB',
          verdict(Math.max(peaks.worker, hwm('worker')) <= 250),
        ],
      ]),
    );
    console.log(
      `\nwritten back: ${int(leads.length - lost)} of ${int(leads.length)}; throughput ${((leads.length - lost) / Math.max(1, (lastWrite - started) / 1000)).toFixed(1)} leads/s from the first creation to the last write`,
    );
    console.log(
      `RSS at start: api ${int(rssAtStart.api)} MiB, worker ${int(rssAtStart.worker)} MiB; JS heap peak used/total: api ${int(heapPeaks.api.used)}/${int(heapPeaks.api.total)} MiB, worker ${int(heapPeaks.worker.used)}/${int(heapPeaks.worker.total)} MiB`,
    );
    // Where the time goes, per stage (sandbox and Postgres clocks are this machine's clock).
    const createdAtById = new Map(leads.map((l) => [l.id, l.createdAt]));
    const stage = (pick: (l: (typeof stored)[number]) => Date | null) =>
      percentile(
        ascending(
          stored.flatMap((l) => {
            const at = pick(l);
            const created = createdAtById.get(l.external_id);
            return at === null || created === undefined ? [] : [at.getTime() - created];
          }),
        ),
        50,
      );
    const deliveries = await stack.sql<{ body: string; received_at: Date }>(
      `SELECT body, received_at FROM webhook_delivery WHERE status <> 'rejected'`,
    );
    const webhookAt = new Map<string, number>();
    for (const d of deliveries) {
      for (const event of JSON.parse(d.body) as { objectId?: number }[]) {
        const id = String(event.objectId);
        if (!webhookAt.has(id)) webhookAt.set(id, d.received_at.getTime());
      }
    }
    const webhookMedian = percentile(
      ascending(leads.flatMap((l) => (webhookAt.has(l.id) ? [webhookAt.get(l.id)! - l.createdAt] : []))),
      50,
    );
    console.log(
      `median from creation: webhook received ${ms(webhookMedian)}, lead stored by intake ${ms(stage((l) => l.created_at))}, decided ${ms(stage((l) => l.decided_at))}, write-back recorded ${ms(stage((l) => l.written_back_at))}`,
    );
    console.log(`stored leads by status: ${formatCounts(statuses)}; double decisions: ${doubleDecisions}`);
    console.log(
      `worker CRM calls: ${int(total(calls))} (${(total(calls) / Math.max(1, leads.length)).toFixed(2)} per lead) — ${formatCounts(calls)}`,
    );
    console.log(`CRM call outcomes (whole run): ${formatCounts(outcomes)}`);
    const exits = (['api', 'worker', 'sandbox'] as const).filter(
      (n) => stack.processes[n].unexpectedExits.length > 0,
    );
    if (exits.length > 0) console.log(`processes that exited on their own: ${exits.join(', ')}`);
  } finally {
    sampling = false;
    await sampler;
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
