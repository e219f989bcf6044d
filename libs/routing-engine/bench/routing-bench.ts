/**
 * Routing engine benchmark: the pure engine in one process, no I/O.
 * 50 reps, 20 rules (19 conditional + default), every pool kpi_weighted with three KPIs.
 *
 *   npm run bench:routing
 *
 * Prints throughput (decisions/s over a timed loop) and per-decision latency percentiles (each
 * call timed with process.hrtime.bigint) after a warm-up. State deltas are applied between
 * decisions, outside the timed section, as production would persist them.
 */
import { availableParallelism, loadavg } from 'node:os';
import {
  applyStateDelta,
  type Condition,
  type Pool,
  type Rep,
  type RoutableLead,
  route,
  type RoutingConfig,
  type RoutingRule,
  type RoutingSnapshot,
  type RoutingState,
} from '../src';

const REP_COUNT = 50;
const WARM_UP = 50_000;
const THROUGHPUT_DECISIONS = 300_000;
const LATENCY_DECISIONS = 300_000;

const ZONES = ['America/New_York', 'America/Los_Angeles', 'Europe/London', 'Europe/Berlin', 'Asia/Tokyo'];
const REGIONS = ['NA', 'EMEA', 'APAC', 'LATAM', 'ANZ'];
const COUNTRIES = ['US', 'CA', 'GB', 'DE', 'FR', 'JP', 'AU', 'BR', 'MX', 'IN', 'ES', 'NL'];
const INDUSTRIES = ['software', 'healthcare', 'finance', 'retail', 'manufacturing', 'education'];
const SOURCES = ['webinar', 'website', 'referral', 'partner', 'event', 'ads'];

/** A small deterministic generator so every run benchmarks the same leads. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 0x1_0000_0000;
  };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function buildConfig(): RoutingConfig {
  const reps: Rep[] = Array.from({ length: REP_COUNT }, (_, i) => ({
    id: `rep-${String(i).padStart(2, '0')}`,
    active: i % 17 !== 5,
    availability: i % 13 === 7 ? 'unavailable' : 'available',
    timeZone: ZONES[i % ZONES.length]!,
    workingHours:
      i % 3 === 0
        ? null
        : {
            mon: [{ start: '00:00', end: '24:00' }],
            tue: [{ start: '00:00', end: '24:00' }],
            wed: [{ start: '00:00', end: '24:00' }],
            thu: [{ start: '00:00', end: '24:00' }],
            fri: [{ start: '00:00', end: '24:00' }],
          },
    outOfOffice: i % 11 === 3 ? [{ start: '2024-05-01T00:00:00Z', end: '2024-05-10T00:00:00Z' }] : [],
    dailyCap: 100_000_000,
    openCap: 100_000_000,
    skills: i % 4 === 0 ? ['spanish', 'enterprise'] : ['smb'],
    territories: [REGIONS[i % REGIONS.length]!],
    crmOwnerIds: { 'conn-hubspot': `owner-${i}` },
  }));
  const kpiWeights = [
    { kpi: 'conversion_rate', weight: 0.5, direction: 'higher_is_better' as const },
    { kpi: 'win_rate', weight: 0.3, direction: 'higher_is_better' as const },
    { kpi: 'first_response_time', weight: 0.2, direction: 'lower_is_better' as const },
  ];
  const regionalPools: Pool[] = REGIONS.map((region, r) => ({
    id: `pool-${region.toLowerCase()}`,
    strategy: 'kpi_weighted',
    members: reps.filter((_, i) => i % REGIONS.length === r).map((rep) => ({ repId: rep.id })),
    catchUp: false,
    kpiWeights,
    fallback: { type: 'pool', poolId: 'pool-all' },
  }));
  const allPool: Pool = {
    id: 'pool-all',
    strategy: 'kpi_weighted',
    members: reps.map((rep) => ({ repId: rep.id })),
    catchUp: false,
    kpiWeights,
  };
  const conditionSets: Condition[][] = [
    [
      { field: 'country', operator: 'equals', value: 'JP' },
      { field: 'amount', operator: 'gt', value: 50_000 },
    ],
    [{ field: 'email', operator: 'ends_with', value: '@bigcorp.com' }],
    [
      { field: 'industry', operator: 'in', value: ['healthcare', 'finance'] },
      { field: 'amount', operator: 'gte', value: 80_000 },
    ],
    [{ field: 'company', operator: 'contains', value: 'holdings' }],
    [
      { field: 'custom.employees', operator: 'between', value: [5_000, 10_000] },
      { field: 'country', operator: 'equals', value: 'DE' },
    ],
    [
      { field: 'source', operator: 'equals', value: 'partner' },
      { field: 'custom.partner_tier', operator: 'equals', value: 'gold' },
    ],
    [{ field: 'email', operator: 'matches', value: '^[a-z]+\\.[a-z]+@(gov|mil)\\.[a-z]{2}$' }],
    [{ field: 'domain', operator: 'starts_with', value: 'edu-' }],
    [
      { field: 'custom.products', operator: 'contains', value: 'analytics' },
      { field: 'amount', operator: 'lt', value: 1_000 },
    ],
    [
      { field: 'phone', operator: 'not_exists' },
      { field: 'source', operator: 'equals', value: 'ads' },
      { field: 'country', operator: 'equals', value: 'BR' },
    ],
    [
      { field: 'country', operator: 'in', value: ['AU', 'NZ'] },
      { field: 'industry', operator: 'equals', value: 'retail' },
    ],
    [
      { field: 'custom.is_customer', operator: 'equals', value: true },
      { field: 'amount', operator: 'gt', value: 90_000 },
    ],
    [{ field: 'createdAt', operator: 'lt', value: '2020-01-01' }],
    [
      { field: 'region', operator: 'equals', value: 'LATAM' },
      { field: 'industry', operator: 'equals', value: 'education' },
    ],
    [{ field: 'company', operator: 'matches', value: '^(acme|globex|initech)\\b' }],
    [{ field: 'custom.employees', operator: 'gt', value: 9_500 }],
    [{ field: 'fullName', operator: 'starts_with', value: 'zz' }],
    [{ field: 'country', operator: 'not_in', value: COUNTRIES }],
    [
      { field: 'industry', operator: 'equals', value: 'manufacturing' },
      { field: 'region', operator: 'equals', value: 'EMEA' },
    ],
  ];
  const rules: RoutingRule[] = conditionSets.map((conditions, r) => ({
    id: `rule-${r + 1}`,
    conditions: {
      combinator: 'any',
      groups: [
        { combinator: 'all', conditions },
        {
          combinator: 'all',
          conditions: [{ field: 'custom.campaign', operator: 'equals', value: `campaign-${r}` }],
        },
      ],
    },
    action: { type: 'route_to_pool', poolId: regionalPools[r % regionalPools.length]!.id },
    ownerPolicy: r % 2 === 0 ? 'keep_if_active_rep' : 'override',
    requiredSkills: r % 7 === 0 ? ['enterprise'] : [],
  }));
  rules.push({
    id: 'default',
    action: { type: 'route_to_pool', poolId: 'pool-all' },
    ownerPolicy: 'keep_if_available',
  });
  return {
    ruleSet: { version: 7, rules },
    pools: [...regionalPools, allPool],
    reps,
    fields: {
      custom: [
        { key: 'employees', type: 'number' },
        { key: 'partner_tier', type: 'enum', options: ['gold', 'silver', 'bronze'] },
        { key: 'products', type: 'list' },
        { key: 'is_customer', type: 'boolean' },
        { key: 'campaign', type: 'text' },
      ],
    },
  };
}

function buildLeads(count: number): RoutableLead[] {
  const random = lcg(42);
  return Array.from({ length: count }, (_, i) => {
    const first = pick(random, ['ana', 'bo', 'chen', 'dara', 'eli', 'fatima', 'gus']);
    const last = pick(random, ['smith', 'garcia', 'tanaka', 'muller', 'dubois', 'silva']);
    return {
      connectionId: 'conn-hubspot',
      externalId: `lead-${i}`,
      email: `${first}.${last}@${pick(random, ['example.com', 'bigcorp.com', 'gov.uk', 'mail.io'])}`,
      firstName: first,
      lastName: last,
      fullName: `${first} ${last}`,
      phone: random() < 0.3 ? null : '+1 555 0100',
      company: `${pick(random, ['Acme', 'Globex', 'Umbrella', 'Stark'])} ${pick(random, ['Inc', 'Holdings', 'GmbH'])}`,
      domain: `${last}.com`,
      country: pick(random, COUNTRIES),
      region: pick(random, REGIONS),
      industry: pick(random, INDUSTRIES),
      source: pick(random, SOURCES),
      amount: Math.floor(random() * 100_000),
      status: 'open',
      existingOwnerId: random() < 0.1 ? `owner-${Math.floor(random() * REP_COUNT)}` : null,
      createdAt: '2024-05-06T12:00:00Z',
      custom: {
        employees: Math.floor(random() * 10_000),
        partner_tier: pick(random, ['gold', 'silver', 'bronze']),
        products: random() < 0.5 ? ['crm', 'analytics'] : ['crm'],
        is_customer: random() < 0.2,
        campaign: `campaign-${Math.floor(random() * 400)}`,
      },
    };
  });
}

function buildState(): RoutingState {
  const random = lcg(7);
  const repKpis: RoutingState['repKpis'] = {};
  for (let i = 0; i < REP_COUNT; i++) {
    repKpis[`rep-${String(i).padStart(2, '0')}`] = {
      conversion_rate: Math.round(random() * 1000) / 1000,
      win_rate: Math.round(random() * 1000) / 1000,
      first_response_time: Math.round(random() * 3600),
    };
  }
  return { poolStates: {}, repLoads: {}, repKpis };
}

function percentile(sorted: BigUint64Array, p: number): number {
  const index = Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length));
  return Number(sorted[index]!) / 1000;
}

function main(): void {
  const config = buildConfig();
  const leads = buildLeads(4096);
  const now = '2024-05-06T15:30:00Z';
  let state = buildState();
  let sink = 0;
  let next = 0;
  const routeNext = (): void => {
    const lead = leads[next++ % leads.length]!;
    const snapshot: RoutingSnapshot = { config, state, now };
    const result = route(lead, snapshot);
    sink += result.decision.trail.rules.length;
    state = applyStateDelta(state, result.stateDelta);
  };

  for (let i = 0; i < WARM_UP; i++) routeNext();

  // Throughput: route only, state held still so the loop measures the engine, not object copies.
  const fixed: RoutingSnapshot = { config, state, now };
  const started = process.hrtime.bigint();
  for (let i = 0; i < THROUGHPUT_DECISIONS; i++) {
    sink += route(leads[i % leads.length]!, fixed).decision.trail.rules.length;
  }
  const elapsedNs = Number(process.hrtime.bigint() - started);
  const perSecond = Math.round(THROUGHPUT_DECISIONS / (elapsedNs / 1e9));

  // Latency: each decision timed on its own, with state deltas applied between decisions.
  const samples = new BigUint64Array(LATENCY_DECISIONS);
  for (let i = 0; i < LATENCY_DECISIONS; i++) {
    const lead = leads[next++ % leads.length]!;
    const snapshot: RoutingSnapshot = { config, state, now };
    const t0 = process.hrtime.bigint();
    const result = route(lead, snapshot);
    samples[i] = process.hrtime.bigint() - t0;
    sink += result.decision.trail.rules.length;
    state = applyStateDelta(state, result.stateDelta);
  }
  samples.sort();

  const outcomes = new Map<string, number>();
  for (let i = 0; i < 2000; i++) {
    const outcome = route(leads[i]!, fixed).decision.outcome;
    outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
  }

  console.log(
    `routing-engine bench — node ${process.version}, ${REP_COUNT} reps, ${config.ruleSet.rules.length} rules, kpi_weighted pools`,
  );
  // Latency tails on a shared machine follow its load; print it so figures can be read in context.
  console.log(
    `machine: ${availableParallelism()} CPUs, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(`outcome mix (first 2000 leads): ${[...outcomes].map(([k, v]) => `${k}=${v}`).join(', ')}`);
  console.log(
    `throughput: ${perSecond.toLocaleString('en-US')} decisions/s (${THROUGHPUT_DECISIONS.toLocaleString('en-US')} decisions)`,
  );
  console.log(
    `latency per decision (µs): p50=${percentile(samples, 50).toFixed(2)} p90=${percentile(samples, 90).toFixed(2)} ` +
      `p99=${percentile(samples, 99).toFixed(2)} p99.9=${percentile(samples, 99.9).toFixed(2)} max=${percentile(samples, 100).toFixed(2)}`,
  );
  if (sink === -1) console.log('unreachable');
}

main();
