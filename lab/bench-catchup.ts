/**
 * `npm run bench:catchup`: 10,000 leads that only polling can find (webhooks off), under the
 * sandbox's HubSpot limits (110 requests per 10 s, 5 searches per second). Measures leads per second
 * from "all leads exist" to "every owner written", as a share of the rate-limit bound — 110 / 10 s ×
 * 100 records per batch, with one batch read and one batch update per 100 leads ≈ 550 leads/s — and
 * counts leads that failed because of a 429. Then idle polling: with no new leads, CRM requests per
 * connection per poll, right after the catch-up (changes still inside the poll's 2-minute overlap)
 * and once quiet (the overlap has passed the last write and a poll has come back empty). Also
 * reports polls of the one connection that overlapped in time and polls that moved the cursor back.
 *
 * The connection is made by OAuth, as a public app is (HubSpot's 110 per 10 s applies to those;
 * private-app tokens start at 100), and by default its mapping reads only the lead's own properties,
 * as the bound assumes; `--mapping default` keeps the suggested mapping, which also reads each
 * lead's primary contact and company (two association reads and one or two record reads more per
 * batch), and reports the bound for that.
 *
 *   npm run bench:catchup [-- --leads 10000 --cap 900 --interval 5 --idle 60 --mapping lead|default --auth oauth|token]
 */
import { counterByLabel, delta, formatCounts, total } from './metrics';
import { sleep, startStack } from './stack';
import { int, machineLine, table, verdict } from './stats';
import { POLL_OVERLAP_MS } from '../libs/intake/src/poll-processor';
import { arg, argText } from './args';
import { reconnectHubSpotByOAuth } from './chaos-oauth';
import { publishLeadOnlyMapping } from './mappings';

const LEADS = arg('leads', 10_000);
/** Longest the catch-up may take before the figures are taken as they are. */
const CAP_SECONDS = arg('cap', 900);
/** The connection's poll interval, and the scheduler's tick (1 s, so a due poll starts promptly). */
const INTERVAL_SECONDS = arg('interval', 5);
const IDLE_SECONDS = arg('idle', 60);
const BOUND = (110 / 10) * 100 * 0.5;
const MAPPING = argText('mapping', 'lead');
const AUTH = argText('auth', 'oauth');

const CALLS = 'leadflow_crm_call_duration_seconds_count';
const RETRIES = 'leadflow_crm_call_retries_total';

async function main(): Promise<void> {
  console.log(`catch-up bench — ${machineLine()}`);
  const stack = await startStack({
    id: `catchup_${process.pid}`,
    hubspot: { webhooks: false, pollIntervalSeconds: INTERVAL_SECONDS },
    processEnv: { worker: { POLL_SCHEDULER_INTERVAL_MS: '1000' } },
    // BENCH_PROFILE=<dir> writes a CPU profile of the worker (on its graceful exit).
    ...(process.env.BENCH_PROFILE
      ? { nodeArgs: { worker: ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] } }
      : {}),
  });
  try {
    if (AUTH === 'oauth') await reconnectHubSpotByOAuth(stack);
    else if (AUTH !== 'token') throw new Error(`--auth must be oauth or token, not ${AUTH}`);
    if (MAPPING === 'lead') await publishLeadOnlyMapping(stack);
    else if (MAPPING !== 'default') throw new Error(`--mapping must be lead or default, not ${MAPPING}`);
    const workerMetrics = async () => {
      const text = await stack.metrics('worker');
      return {
        calls: counterByLabel(text, CALLS, 'operation'),
        outcomes: counterByLabel(text, CALLS, 'outcome'),
        retries: counterByLabel(text, RETRIES, 'code'),
      };
    };
    interface PollRun {
      started: number;
      ended: number;
      windowEnd: number;
      pages: number;
      items_seen: number;
      items_new: number;
      error: string | null;
    }
    const pollRuns = async (since: Date): Promise<PollRun[]> =>
      (
        await stack.sql<{
          created_at: Date;
          window_end: Date;
          duration_ms: number;
          pages: number;
          items_seen: number;
          items_new: number;
          error: string | null;
        }>(
          `SELECT created_at, window_end, duration_ms, pages, items_seen, items_new, error
           FROM sync_run WHERE created_at > $1 ORDER BY created_at`,
          [since],
        )
      ).map((r) => ({
        ...r,
        started: r.created_at.getTime() - r.duration_ms,
        ended: r.created_at.getTime(),
        windowEnd: r.window_end.getTime(),
      }));
    /** Most polls of the connection that ran at the same moment (one is what the design intends). */
    const maxConcurrent = (runs: readonly PollRun[]) => {
      const edges = runs.flatMap((r) => [
        [r.started, 1],
        [r.ended, -1],
      ]);
      edges.sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
      let now = 0;
      let max = 0;
      for (const [, d] of edges) max = Math.max(max, (now += d!));
      return max;
    };
    /** Polls that finished after a poll with a later window end: the cursor went back. */
    const cursorRegressions = (runs: readonly PollRun[]) => {
      let newest = 0;
      let back = 0;
      for (const r of runs) {
        if (r.error !== null) continue;
        if (r.windowEnd < newest) back += 1;
        newest = Math.max(newest, r.windowEnd);
      }
      return back;
    };

    // The leads, created through the control API: no webhook, no API budget spent.
    const createStarted = Date.now();
    const leads = await stack.hubspot.createLeads(LEADS);
    const allExist = Date.now();
    const before = await workerMetrics();
    const ids = new Set(leads.map((l) => l.id));

    let written = new Set<string>();
    let lastWrite = 0;
    let printed = allExist;
    const deadline = allExist + CAP_SECONDS * 1000;
    while (Date.now() < deadline) {
      const writes = await stack.hubspot.writes();
      written = new Set(writes.filter((w) => ids.has(w.objectId)).map((w) => w.objectId));
      lastWrite = Math.max(0, ...writes.map((w) => Date.parse(w.at)));
      if (Date.now() - printed >= 30_000) {
        printed = Date.now();
        console.log(
          `  ${int(written.size)} of ${int(LEADS)} written after ${((printed - allExist) / 1000).toFixed(0)} s`,
        );
      }
      if (written.size >= LEADS) break;
      await sleep(2000);
    }
    const after = await workerMetrics();
    const seconds = ((written.size >= LEADS ? lastWrite : Date.now()) - allExist) / 1000;
    const rate = written.size / seconds;
    const stored = await stack.leads(stack.hubspot.connectionId);
    const failed429 = stored.filter(
      (l) => l.writeback_status === 'failed' && /429|RATE_LIMIT/i.test(l.writeback_error ?? ''),
    ).length;
    const failedOther = stored.filter((l) => l.writeback_status === 'failed').length - failed429;
    const calls = delta(after.calls, before.calls);
    const providerRateLimited = delta(after.retries, before.retries).get('RATE_LIMITED') ?? 0;
    const catchupRuns = await pollRuns(new Date(createStarted));

    // Idle polling: no new leads. First while the catch-up's writes are inside the overlap window,
    // then once the overlap has passed (what a quiet connection costs every interval).
    const idle = async (label: string) => {
      const m0 = await workerMetrics();
      const t0 = new Date();
      await sleep(IDLE_SECONDS * 1000);
      const m1 = await workerMetrics();
      const runs = await pollRuns(t0);
      const requests = total(delta(m1.calls, m0.calls)) + total(delta(m1.retries, m0.retries));
      return {
        label,
        polls: runs.length,
        requests,
        perPoll: runs.length === 0 ? Number.NaN : requests / runs.length,
        pages: runs.reduce((a, r) => a + r.pages, 0),
        seen: runs.reduce((a, r) => a + r.items_seen, 0),
        byOperation: delta(m1.calls, m0.calls),
      };
    };
    const idleRecent = await idle('right after the catch-up');
    // Quiet: the 2-minute overlap has passed the last write, and a poll has come back empty (polls
    // still paging through the overlap finish first).
    const overlapPassed = lastWrite + POLL_OVERLAP_MS + INTERVAL_SECONDS * 1000;
    if (overlapPassed > Date.now()) await sleep(overlapPassed - Date.now());
    const settled = await stack.waitFor(
      'an empty poll',
      async () => {
        const runs = await pollRuns(new Date(overlapPassed - 60_000));
        const empty = runs.find(
          (r) => r.items_seen === 0 && r.started >= overlapPassed - INTERVAL_SECONDS * 1000,
        );
        return empty === undefined ? false : empty.ended;
      },
      600_000,
    );
    const idleQuiet = await idle('quiet: overlap passed, polls empty');
    const allRuns = await pollRuns(new Date(createStarted));

    console.log(`\n${machineLine()} (after the run)`);
    console.log(
      `${int(LEADS)} leads created in ${((allExist - createStarted) / 1000).toFixed(1)} s (control API), webhooks off, poll every ${INTERVAL_SECONDS} s (scheduler tick 1 s), sandbox limits 110 req/10 s + 5 searches/s, connection by ${AUTH}, mapping: ${MAPPING === 'lead' ? "the lead's own properties" : 'suggested (lead + primary contact + company)'}\n`,
    );
    console.log(
      table([
        ['figure', 'measured', 'goal', ''],
        [
          'catch-up rate',
          `${rate.toFixed(1)} leads/s = ${((rate / BOUND) * 100).toFixed(1)} % of ${int(BOUND)}/s`,
          '≥ 80 %',
          verdict(rate / BOUND >= 0.8),
        ],
        [
          'leads written back',
          `${int(written.size)} of ${int(LEADS)} in ${seconds.toFixed(1)} s`,
          'all',
          verdict(written.size === LEADS),
        ],
        ['leads failed by a 429', int(failed429), '0', verdict(failed429 === 0)],
        [
          `idle requests per poll (${idleQuiet.label})`,
          `${idleQuiet.perPoll.toFixed(2)} (${idleQuiet.requests} in ${idleQuiet.polls} polls)`,
          'exactly 1',
          verdict(idleQuiet.polls > 0 && idleQuiet.requests === idleQuiet.polls),
        ],
        [
          `idle requests per poll (${idleRecent.label})`,
          `${idleRecent.perPoll.toFixed(2)} (${idleRecent.requests} in ${idleRecent.polls} polls, ${idleRecent.seen} records re-read)`,
          '',
          '',
        ],
      ]),
    );
    console.log(
      `\nworker CRM calls during the catch-up: ${int(total(calls))} (${((total(calls) / Math.max(1, written.size)) * 100).toFixed(1)} per 100 leads) — ${formatCounts(calls)}`,
    );
    // Search has its own budget (5/s); everything else shares the 110 per 10 s.
    const budgetCalls = total(calls) - (calls.get(`leads.search`) ?? 0);
    console.log(
      `calls on the 110/10 s budget: ${((budgetCalls / Math.max(1, written.size)) * 100).toFixed(1)} per 100 leads → at most ${(11 / (budgetCalls / Math.max(1, written.size))).toFixed(0)} leads/s at 11 requests/s (the bound's 550/s assumes 2 per 100)`,
    );
    console.log(
      `429s answered by the sandbox and retried: ${int(providerRateLimited)}; call outcomes: ${formatCounts(delta(after.outcomes, before.outcomes))}`,
    );
    console.log(
      `polls during the catch-up: ${catchupRuns.length} (${catchupRuns.filter((r) => r.error !== null).length} failed), pages ${catchupRuns.reduce((a, r) => a + r.pages, 0)}, records seen ${int(catchupRuns.reduce((a, r) => a + r.items_seen, 0))}, new ${int(catchupRuns.reduce((a, r) => a + r.items_new, 0))}`,
    );
    const firstError = catchupRuns.find((r) => r.error !== null)?.error;
    if (firstError) console.log(`first poll error: ${firstError.slice(0, 300)}`);
    console.log(
      `write-backs failed for other reasons: ${failedOther}; leads stored: ${int(stored.length)} (never stored: ${int(LEADS - stored.length)}), decided: ${int(stored.filter((l) => l.decision_id !== null).length)}`,
    );
    console.log(
      `polls of the one connection running at once: at most ${maxConcurrent(allRuns)} (catch-up and idle; 1 intended); polls that moved the cursor back: ${cursorRegressions(allRuns)}; first empty poll ${((settled - lastWrite) / 1000).toFixed(0)} s after the last write`,
    );
    console.log(
      `idle calls by operation: recent ${formatCounts(idleRecent.byOperation)}; quiet ${formatCounts(idleQuiet.byOperation)}`,
    );
  } finally {
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
