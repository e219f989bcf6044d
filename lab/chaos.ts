/**
 * `npm run chaos [-- <scenario>[,<scenario>…]]`: fault scenarios against a whole stack (lab/stack.ts).
 * Each starts its own stack, creates leads in the sandbox while the fault is on, then waits for
 * every lead to be assigned exactly once and written back, and prints PASS/FAIL with figures.
 * docs/reliability.md records the runs.
 */
import { reconnectHubSpotByOAuth } from './chaos-oauth';
import { PrivateRedis } from './chaos-redis';
import { type CreatedLead, type Stack, type StackOptions, sleep, startStack } from './stack';

/** The sweeper re-queues stranded work after 2 minutes and runs every minute: room for both. */
const CONVERGE_DEADLINE_MS = 4 * 60_000;
/** Late duplicate writes would land after convergence; look a little longer before judging. */
const SETTLE_MS = 5_000;

interface Scenario {
  name: string;
  title: string;
  leads: number;
  /** How long leads keep arriving; the fault runs inside this window. */
  flowMs: number;
  options?: (ctx: Ctx) => Promise<StackOptions>;
  /** After the stack is up, before leads flow. */
  prepare?: (stack: Stack, ctx: Ctx) => Promise<void>;
  /** Runs alongside the lead flow; resolves when the fault is over. */
  fault: (stack: Stack, ctx: Ctx) => Promise<void>;
  cleanup?: (ctx: Ctx) => Promise<void>;
}

interface Ctx {
  notes: string[];
  redis?: PrivateRedis;
}

const scenarios: Scenario[] = [
  {
    name: 'worker-kill',
    title: 'worker SIGKILLed mid-job (twice), then restarted',
    leads: 80,
    flowMs: 20_000,
    async fault(stack, ctx) {
      const began = Date.now();
      for (const at of [4_000, 6_000]) {
        await sleep(at);
        await stack.kill('worker');
        ctx.notes.push(`worker SIGKILLed at +${((Date.now() - began) / 1000).toFixed(0)} s, down 3 s`);
        await sleep(3_000);
        await stack.start('worker');
      }
    },
  },
  {
    name: 'redis-restart',
    title: 'private redis-server SIGKILLed (no persistence) and started again',
    leads: 80,
    flowMs: 20_000,
    async options(ctx) {
      ctx.redis = await PrivateRedis.start();
      return { redisUrl: ctx.redis.url };
    },
    async fault(_stack, ctx) {
      await sleep(6_000);
      await ctx.redis!.kill();
      ctx.notes.push('redis killed (all queues lost)');
      await sleep(5_000);
      await ctx.redis!.start();
      ctx.notes.push('redis started again after 5 s');
    },
    async cleanup(ctx) {
      await ctx.redis?.kill();
    },
  },
  {
    name: 'pg-terminate',
    title: 'every Postgres connection of the lab database terminated, 4 times',
    leads: 80,
    flowMs: 20_000,
    async fault(stack, ctx) {
      for (let i = 0; i < 4; i++) {
        await sleep(4_000);
        const killed = await stack.sql<{ n: string }>(
          `SELECT count(pg_terminate_backend(pid))::text AS n FROM pg_stat_activity
           WHERE datname = $1 AND pid <> pg_backend_pid()`,
          [stack.databaseName],
        );
        ctx.notes.push(`terminated ${killed[0]?.n ?? '?'} backends`);
      }
    },
  },
  {
    name: 'crm-outage',
    title: 'CRM outage for 30 s (every CRM call 503)',
    leads: 80,
    flowMs: 35_000,
    async fault(stack) {
      await sleep(2_000);
      await stack.hubspot.setFaults({ outage: { durationMs: 30_000 } });
      await sleep(30_000);
    },
  },
  {
    name: 'rate-limit-storm',
    title: '429 storm for 20 s',
    leads: 80,
    flowMs: 25_000,
    async fault(stack) {
      await sleep(2_000);
      await stack.hubspot.setFaults({ rateLimitStormMs: 20_000 });
      await sleep(20_000);
    },
  },
  {
    name: 'token-expiry',
    title: 'OAuth access token expired every 5 s for 30 s',
    leads: 80,
    flowMs: 30_000,
    async prepare(stack, ctx) {
      await reconnectHubSpotByOAuth(stack);
      ctx.notes.push('connection reconnected by OAuth (authType oauth)');
    },
    async fault(stack, ctx) {
      let expired = 0;
      for (let t = 0; t < 30_000; t += 5_000) {
        await sleep(5_000);
        await stack.hubspot.control('POST', `/portals/${stack.hubspot.portalId}/expire-access-tokens`);
        expired++;
      }
      ctx.notes.push(`access tokens expired ${expired} times`);
    },
  },
  {
    name: 'webhook-drop',
    title: '20 % of webhook events dropped (polling every 5 s must find them)',
    leads: 100,
    flowMs: 20_000,
    options: () => Promise.resolve({ hubspot: { pollIntervalSeconds: 5 } }),
    async fault(stack, ctx) {
      await stack.hubspot.setFaults({ webhookDropRate: 0.2, seed: 7 });
      await sleep(20_000);
      const sent = (await stack.hubspot.webhookDeliveries()) as { droppedEventIds: unknown[] };
      ctx.notes.push(`sandbox dropped ${sent.droppedEventIds.length} webhook events`);
    },
  },
  {
    name: 'webhook-duplicate',
    title: 'every webhook event delivered twice',
    leads: 80,
    flowMs: 20_000,
    async fault(stack, ctx) {
      await stack.hubspot.setFaults({ webhookDuplicateRate: 1, seed: 7 });
      await sleep(20_000);
      const sent = (await stack.hubspot.webhookDeliveries()) as { deliveries: { eventIds: unknown[] }[] };
      const events = sent.deliveries.flatMap((d) => d.eventIds);
      ctx.notes.push(`sandbox sent ${events.length} events in ${sent.deliveries.length} batches`);
    },
  },
];

interface Figures {
  created: number;
  stored: number;
  decided: number;
  writtenBack: number;
  ownerMatches: number;
  duplicateLeadRows: number;
  pastDecisions: number;
  ownerWrites: number;
  leadsWrittenTwiceSameOwner: number;
  leadsWrittenWithDifferentOwners: number;
  unexpectedExits: string;
}

interface Outcome {
  name: string;
  pass: boolean;
  convergedMs: number | undefined;
  figures: Figures;
  problems: string[];
  notes: string[];
  logDir: string;
  totalMs: number;
}

/** Creates `total` leads in one-second ticks over `durationMs`, as a steady inflow. */
async function flowLeads(stack: Stack, total: number, durationMs: number): Promise<CreatedLead[]> {
  const ticks = Math.max(1, Math.round(durationMs / 1000));
  const out: CreatedLead[] = [];
  const started = Date.now();
  for (let i = 0; i < ticks && out.length < total; i++) {
    const n = i === ticks - 1 ? total - out.length : Math.min(Math.ceil(total / ticks), total - out.length);
    out.push(...(await stack.hubspot.createLeads(n)));
    const next = started + (i + 1) * 1000;
    if (next > Date.now()) await sleep(next - Date.now());
  }
  return out;
}

async function measure(stack: Stack, created: CreatedLead[]): Promise<Figures> {
  const ids = new Set(created.map((l) => l.id));
  const rows = (await stack.leads(stack.hubspot.connectionId)).filter((r) => ids.has(r.external_id));
  const owners = await stack.hubspot.owners();
  const writes = (await stack.hubspot.writes({ objectType: 'leads' })).filter((w) => ids.has(w.objectId));
  const perExternal = new Map<string, number>();
  for (const r of rows) perExternal.set(r.external_id, (perExternal.get(r.external_id) ?? 0) + 1);
  const writesPerLead = new Map<string, Set<string>>();
  const writeCount = new Map<string, number>();
  for (const w of writes) {
    writesPerLead.set(w.objectId, (writesPerLead.get(w.objectId) ?? new Set()).add(w.value));
    writeCount.set(w.objectId, (writeCount.get(w.objectId) ?? 0) + 1);
  }
  const past = await stack
    .sql<{ n: string }>(
      `SELECT count(*)::text AS n FROM routing_decision_history h JOIN lead l ON l.id = h.lead_id
       WHERE l.connection_id = $1`,
      [stack.hubspot.connectionId],
    )
    .catch(() => [{ n: 'n/a' }]);
  return {
    created: created.length,
    stored: perExternal.size,
    decided: rows.filter((r) => r.decision_id !== null && r.outcome === 'assigned').length,
    writtenBack: rows.filter((r) => r.writeback_status === 'done').length,
    ownerMatches: rows.filter((r) => r.crm_owner_id !== null && owners.get(r.external_id) === r.crm_owner_id)
      .length,
    duplicateLeadRows: [...perExternal.values()].filter((n) => n > 1).length,
    pastDecisions: Number(past[0]?.n ?? 0),
    ownerWrites: writes.length,
    leadsWrittenTwiceSameOwner: [...writeCount.entries()].filter(
      ([id, n]) => n > 1 && writesPerLead.get(id)!.size === 1,
    ).length,
    leadsWrittenWithDifferentOwners: [...writesPerLead.values()].filter((v) => v.size > 1).length,
    unexpectedExits: Object.values(stack.processes)
      .filter((p) => p.unexpectedExits.length > 0)
      .map((p) => `${p.name}:${p.unexpectedExits.join('/')}`)
      .join(' '),
  };
}

function converged(f: Figures): boolean {
  return (
    f.stored === f.created &&
    f.decided === f.created &&
    f.writtenBack === f.created &&
    f.ownerMatches === f.created
  );
}

function judge(f: Figures): string[] {
  const problems: string[] = [];
  if (f.stored !== f.created) problems.push(`${f.created - f.stored} leads never stored`);
  if (f.decided !== f.created) problems.push(`${f.created - f.decided} leads without an assigned decision`);
  if (f.writtenBack !== f.created) problems.push(`${f.created - f.writtenBack} decisions not written back`);
  if (f.ownerMatches !== f.created) {
    problems.push(
      `${f.created - f.ownerMatches} leads whose sandbox owner is missing or differs from the decision`,
    );
  }
  if (f.duplicateLeadRows > 0) problems.push(`${f.duplicateLeadRows} leads stored twice`);
  if (f.pastDecisions > 0) problems.push(`${f.pastDecisions} superseded decisions (re-routed)`);
  if (f.leadsWrittenWithDifferentOwners > 0) {
    problems.push(`${f.leadsWrittenWithDifferentOwners} leads written with different owners`);
  }
  return problems;
}

async function run(scenario: Scenario): Promise<Outcome> {
  const began = Date.now();
  const ctx: Ctx = { notes: [] };
  const id = `chaos_${scenario.name.replace(/-/g, '_')}_${process.pid}`;
  let stack: Stack | undefined;
  try {
    const extra = (await scenario.options?.(ctx)) ?? {};
    stack = await startStack({
      id,
      ...extra,
      // A short scheduler tick so a connection's own interval, not the tick, decides when it polls.
      processEnv: { worker: { POLL_SCHEDULER_INTERVAL_MS: '2000' } },
      hubspot: { webhooks: true, pollIntervalSeconds: 15, ...extra.hubspot },
    });
    // Terminated backends surface as 'error' on idle pooled clients; unhandled they end this process.
    stack.db.on('error', () => undefined);
    console.log(`[${scenario.name}] stack up in ${Date.now() - began} ms; logs ${stack.logDir}`);
    await scenario.prepare?.(stack, ctx);

    const flowing = flowLeads(stack, scenario.leads, scenario.flowMs);
    const faulting = scenario.fault(stack, ctx);
    const [created] = await Promise.all([flowing, faulting]);
    await stack.hubspot.clearFaults();
    const faultOver = Date.now();

    let figures = await measure(stack, created);
    let convergedMs: number | undefined;
    while (Date.now() - faultOver < CONVERGE_DEADLINE_MS) {
      figures = await measure(stack, created);
      if (converged(figures)) {
        convergedMs = Date.now() - faultOver;
        break;
      }
      await sleep(2_000);
    }
    if (convergedMs !== undefined) {
      await sleep(SETTLE_MS);
      figures = await measure(stack, created);
    }
    const problems = judge(figures);
    if (convergedMs === undefined) problems.unshift(`not converged within ${CONVERGE_DEADLINE_MS / 1000} s`);
    return {
      name: scenario.name,
      pass: problems.length === 0,
      convergedMs,
      figures,
      problems,
      notes: ctx.notes,
      logDir: stack.logDir,
      totalMs: Date.now() - began,
    };
  } catch (error) {
    return {
      name: scenario.name,
      pass: false,
      convergedMs: undefined,
      figures: emptyFigures(),
      problems: [`scenario crashed: ${(error as Error).message}`],
      notes: ctx.notes,
      logDir: stack?.logDir ?? '-',
      totalMs: Date.now() - began,
    };
  } finally {
    await stack?.stop().catch(() => undefined);
    await scenario.cleanup?.(ctx).catch(() => undefined);
  }
}

function emptyFigures(): Figures {
  return {
    created: 0,
    stored: 0,
    decided: 0,
    writtenBack: 0,
    ownerMatches: 0,
    duplicateLeadRows: 0,
    pastDecisions: 0,
    ownerWrites: 0,
    leadsWrittenTwiceSameOwner: 0,
    leadsWrittenWithDifferentOwners: 0,
    unexpectedExits: '',
  };
}

function report(o: Outcome, title: string): void {
  const f = o.figures;
  const conv = o.convergedMs === undefined ? 'never' : `${(o.convergedMs / 1000).toFixed(1)} s`;
  console.log(`${o.pass ? 'PASS' : 'FAIL'} ${o.name} — ${title}`);
  console.log(
    `  leads ${f.created}, stored ${f.stored}, assigned ${f.decided}, written back ${f.writtenBack}, ` +
      `owner = decision ${f.ownerMatches}; converged ${conv} after the fault; run ${(o.totalMs / 1000).toFixed(0)} s`,
  );
  console.log(
    `  owner writes ${f.ownerWrites} (rewritten, same owner: ${f.leadsWrittenTwiceSameOwner}; different owners: ` +
      `${f.leadsWrittenWithDifferentOwners}), leads stored twice ${f.duplicateLeadRows}, superseded decisions ` +
      `${f.pastDecisions}, unexpected exits ${f.unexpectedExits === '' ? 'none' : f.unexpectedExits}`,
  );
  if (o.notes.length > 0) console.log(`  fault: ${o.notes.join('; ')}`);
  for (const p of o.problems) console.log(`  problem: ${p}`);
  console.log(`  logs: ${o.logDir}`);
}

async function main(): Promise<void> {
  const wanted = (process.argv[2] ?? '').split(',').filter((s) => s !== '');
  const unknown = wanted.filter((w) => !scenarios.some((s) => s.name === w));
  if (unknown.length > 0) {
    console.error(
      `unknown scenario ${unknown.join(', ')}; known: ${scenarios.map((s) => s.name).join(', ')}`,
    );
    process.exit(2);
  }
  const chosen = wanted.length === 0 ? scenarios : scenarios.filter((s) => wanted.includes(s.name));
  console.log(`chaos: ${chosen.map((s) => s.name).join(', ')} — ${new Date().toISOString()}`);
  const outcomes: Outcome[] = [];
  for (const scenario of chosen) {
    const outcome = await run(scenario);
    report(outcome, scenario.title);
    outcomes.push(outcome);
  }
  const failed = outcomes.filter((o) => !o.pass);
  console.log(`\n${outcomes.length - failed.length}/${outcomes.length} passed`);
  process.exitCode = failed.length === 0 ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
