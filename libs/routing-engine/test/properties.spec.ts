import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyStateDelta,
  type Condition,
  type Pool,
  type PoolStrategy,
  type Rep,
  type RoutableLead,
  route,
  type RoutingConfig,
  type RoutingRule,
  type RoutingSnapshot,
  type RoutingState,
  simulate,
  type Weekday,
} from '../src';
import { CONNECTION, makeConfig, makeLead, makePool, makeRep, makeSnapshot } from './fixtures';

const ZONES = ['UTC', 'America/New_York', 'Asia/Tokyo', 'Europe/London', 'Australia/Sydney'];
const WEEKDAYS: Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const STRATEGIES: PoolStrategy[] = ['round_robin', 'weighted_round_robin', 'least_loaded', 'kpi_weighted'];
const SKILLS = ['spanish', 'enterprise'];
const WEEK_START = Date.parse('2024-05-05T00:00:00Z');
const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

const hhmm = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

const HALF_HOUR_MS = 30 * 60 * 1000;

// Half-hour instants and half-hour shift edges, so "now" often lands exactly on a boundary.
const instantArb = fc
  .integer({ min: 0, max: WEEK_MS / HALF_HOUR_MS - 1 })
  .map((halfHours) => new Date(WEEK_START + halfHours * HALF_HOUR_MS).toISOString());

const workingHoursArb = fc.option(
  fc.dictionary(
    fc.constantFrom(...WEEKDAYS),
    fc
      .tuple(fc.integer({ min: 0, max: 46 }), fc.integer({ min: 1, max: 24 }))
      .map(([start, length]) => [{ start: hhmm(start * 30), end: hhmm(Math.min(48, start + length) * 30) }]),
  ),
  { nil: null },
);

const outOfOfficeArb = fc.array(
  fc
    .tuple(fc.integer({ min: 0, max: WEEK_MS / HALF_HOUR_MS }), fc.integer({ min: 1, max: 96 }))
    .map(([start, length]) => ({
      start: new Date(WEEK_START + start * HALF_HOUR_MS).toISOString(),
      end: new Date(WEEK_START + (start + length) * HALF_HOUR_MS).toISOString(),
    })),
  { maxLength: 2 },
);

function repArb(id: string): fc.Arbitrary<Rep> {
  return fc.record({
    id: fc.constant(id),
    active: fc.constantFrom(true, true, true, false),
    availability: fc.constantFrom('available', 'available', 'available', 'unavailable'),
    timeZone: fc.constantFrom(...ZONES),
    workingHours: workingHoursArb,
    outOfOffice: outOfOfficeArb,
    dailyCap: fc.option(fc.integer({ min: 0, max: 6 }), { nil: null }),
    openCap: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }),
    skills: fc.subarray(SKILLS),
    territories: fc.constant([]),
    crmOwnerIds: fc.constantFrom(
      { [CONNECTION]: `owner-${id}` },
      { [CONNECTION]: `owner-${id}` },
      { other: `x-${id}` },
    ),
  });
}

const repsArb = fc
  .integer({ min: 1, max: 6 })
  .chain((count) => fc.tuple(...Array.from({ length: count }, (_, i) => repArb(`rep-${i}`))));

function poolArb(id: string, repIds: string[], fallbackPoolId: string | null): fc.Arbitrary<Pool> {
  return fc.record({
    id: fc.constant(id),
    strategy: fc.constantFrom(...STRATEGIES),
    members: fc
      .shuffledSubarray(repIds, { minLength: 1 })
      .chain((ids) =>
        fc.tuple(...ids.map((repId) => fc.integer({ min: 1, max: 5 }).map((weight) => ({ repId, weight })))),
      ),
    requiredSkills: fc.subarray(SKILLS, { maxLength: 1 }),
    catchUp: fc.boolean(),
    fallback: fc.constant(fallbackPoolId === null ? null : { type: 'pool' as const, poolId: fallbackPoolId }),
    kpiWeights: fc.constant([
      { kpi: 'conversion_rate', weight: 2, direction: 'higher_is_better' as const },
      { kpi: 'first_response_time', weight: 1, direction: 'lower_is_better' as const },
    ]),
  });
}

const CONDITIONS: Condition[] = [
  { field: 'country', operator: 'in', value: ['US', 'CA'] },
  { field: 'amount', operator: 'gte', value: 5000 },
  { field: 'email', operator: 'matches', value: '@example\\.com$' },
  { field: 'industry', operator: 'exists' },
  { field: 'amount', operator: 'between', value: [100, 900] },
];

const rulesArb: fc.Arbitrary<RoutingRule[]> = fc
  .array(
    fc.record({
      conditions: fc.subarray(CONDITIONS, { minLength: 1 }),
      combinator: fc.constantFrom('all' as const, 'any' as const),
      poolId: fc.constantFrom('pool-a', 'pool-b'),
      ownerPolicy: fc.constantFrom(
        'keep_if_active_rep' as const,
        'override' as const,
        'keep_if_available' as const,
      ),
      requiredSkills: fc.subarray(SKILLS, { maxLength: 1 }),
    }),
    { maxLength: 3 },
  )
  .map((rules) => [
    ...rules.map((rule, i): RoutingRule => ({
      id: `rule-${i}`,
      conditions: {
        combinator: 'all',
        groups: [{ combinator: rule.combinator, conditions: rule.conditions }],
      },
      action: { type: 'route_to_pool', poolId: rule.poolId },
      ownerPolicy: rule.ownerPolicy,
      requiredSkills: rule.requiredSkills,
    })),
    { id: 'default', action: { type: 'route_to_pool', poolId: 'pool-a' }, ownerPolicy: 'keep_if_available' },
  ]);

const configArb: fc.Arbitrary<RoutingConfig> = repsArb.chain((reps) => {
  const ids = reps.map((rep) => rep.id);
  return fc
    .record({ a: poolArb('pool-a', ids, 'pool-b'), b: poolArb('pool-b', ids, null), rules: rulesArb })
    .map(({ a, b, rules }) => ({
      ruleSet: { version: 2, rules },
      pools: [a, b],
      reps,
      fields: { custom: [] },
    }));
});

function stateArb(reps: readonly Rep[]): fc.Arbitrary<RoutingState> {
  return fc
    .tuple(
      ...reps.map(() =>
        fc.record({
          openCount: fc.integer({ min: 0, max: 6 }),
          assignedToday: fc.integer({ min: 0, max: 4 }),
          day: fc.constantFrom('2024-05-05', '2024-05-06', '2024-05-07', '2024-05-08'),
          conversion: fc.double({ min: 0, max: 1, noNaN: true }),
          response: fc.integer({ min: 1, max: 3600 }),
        }),
      ),
    )
    .map((rows) => {
      const state: RoutingState = { poolStates: {}, repLoads: {}, repKpis: {} };
      rows.forEach((row, i) => {
        const id = reps[i]!.id;
        state.repLoads[id] = { openCount: row.openCount, assignedToday: row.assignedToday, day: row.day };
        state.repKpis[id] = { conversion_rate: row.conversion, first_response_time: row.response };
      });
      return state;
    });
}

const leadArb: fc.Arbitrary<RoutableLead> = fc.record({
  connectionId: fc.constant(CONNECTION),
  externalId: fc.uuid(),
  country: fc.constantFrom('US', 'CA', 'DE', null),
  amount: fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: null }),
  email: fc.constantFrom('a@example.com', 'b@other.org', null),
  industry: fc.constantFrom('software', null),
  existingOwnerId: fc.constantFrom(null, null, 'owner-rep-0', 'owner-rep-1', 'owner-unknown'),
});

const scenarioArb = configArb.chain((config) =>
  fc.record({
    config: fc.constant(config),
    state: stateArb(config.reps),
    now: instantArb,
    leads: fc.array(leadArb, { minLength: 1, maxLength: 25 }),
  }),
);

/**
 * An independent reading of the eligibility rules (no engine code), using
 * `toLocaleString` rather than the engine's formatToParts memo.
 */
function localParts(timeZone: string, nowMs: number): { weekday: Weekday; minute: number; date: string } {
  const date = new Date(nowMs);
  const weekday = date
    .toLocaleString('en-US', { timeZone, weekday: 'short' })
    .toLowerCase()
    .slice(0, 3) as Weekday;
  const [hour, minute] = date
    .toLocaleString('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .split(':')
    .map(Number);
  const ymd = date.toLocaleDateString('en-CA', { timeZone });
  return { weekday, minute: hour! * 60 + minute!, date: ymd };
}

function oracleEligible(
  rep: Rep,
  requiredSkills: readonly string[],
  state: RoutingState,
  nowIso: string,
): boolean {
  const nowMs = Date.parse(nowIso);
  if (!rep.active || rep.availability !== 'available') return false;
  if (!requiredSkills.every((skill) => (rep.skills ?? []).includes(skill))) return false;
  if (rep.crmOwnerIds[CONNECTION] === undefined) return false;
  if ((rep.outOfOffice ?? []).some((w) => nowMs >= Date.parse(w.start) && nowMs < Date.parse(w.end)))
    return false;
  const local = localParts(rep.timeZone, nowMs);
  if (rep.workingHours !== null && rep.workingHours !== undefined) {
    const ranges = rep.workingHours[local.weekday] ?? [];
    const toMin = (t: string): number => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));
    if (!ranges.some((r) => local.minute >= toMin(r.start) && local.minute < toMin(r.end))) return false;
  }
  const load = state.repLoads[rep.id];
  const today = load !== undefined && load.day === local.date ? load.assignedToday : 0;
  if (rep.dailyCap !== null && rep.dailyCap !== undefined && today >= rep.dailyCap) return false;
  if (rep.openCap !== null && rep.openCap !== undefined && (load?.openCount ?? 0) >= rep.openCap)
    return false;
  return true;
}

function* routeSequence(snapshot: RoutingSnapshot, leads: readonly RoutableLead[]) {
  let state = snapshot.state;
  for (const lead of leads) {
    const before = state;
    const result = route(lead, { ...snapshot, state });
    state = applyStateDelta(state, result.stateDelta);
    yield { lead, before, after: state, result };
  }
}

describe('routing properties', () => {
  it('never assigns an ineligible rep', () => {
    fc.assert(
      fc.property(scenarioArb, ({ config, state, now, leads }) => {
        for (const { before, result } of routeSequence({ config, state, now }, leads)) {
          const { decision } = result;
          if (decision.outcome !== 'assigned') continue;
          const rep = config.reps.find((r) => r.id === decision.repId)!;
          const rule = config.ruleSet.rules.find((r) => r.id === decision.ruleId)!;
          const pool = config.pools.find((p) => p.id === decision.poolId);
          const required = [...(rule.requiredSkills ?? []), ...(pool?.requiredSkills ?? [])];
          expect(oracleEligible(rep, required, before, now)).toBe(true);
          expect(decision.crmOwnerId).toBe(rep.crmOwnerIds[CONNECTION]);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("reports every candidate's eligibility exactly as an independent check sees it", () => {
    fc.assert(
      fc.property(scenarioArb, ({ config, state, now, leads }) => {
        for (const { before, result } of routeSequence({ config, state, now }, leads)) {
          const rule = config.ruleSet.rules.find((r) => r.id === result.decision.ruleId)!;
          for (const step of result.decision.trail.steps) {
            if (step.kind !== 'pool') continue;
            const pool = config.pools.find((p) => p.id === step.poolId)!;
            const required = [...(rule.requiredSkills ?? []), ...(pool.requiredSkills ?? [])];
            for (const candidate of step.candidates) {
              const rep = config.reps.find((r) => r.id === candidate.repId)!;
              expect({ repId: rep.id, eligible: oracleEligible(rep, required, before, now) }).toEqual({
                repId: rep.id,
                eligible: candidate.eligible,
              });
            }
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('never exceeds a daily or open cap over a sequence', () => {
    fc.assert(
      fc.property(scenarioArb, ({ config, state, now, leads }) => {
        for (const { after, result } of routeSequence({ config, state, now }, leads)) {
          for (const increment of result.stateDelta.repLoads) {
            const rep = config.reps.find((r) => r.id === increment.repId)!;
            const load = after.repLoads[rep.id]!;
            if (rep.dailyCap !== null && rep.dailyCap !== undefined)
              expect(load.assignedToday).toBeLessThanOrEqual(rep.dailyCap);
            if (rep.openCap !== null && rep.openCap !== undefined)
              expect(load.openCount).toBeLessThanOrEqual(rep.openCap);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('is deterministic: the same input gives byte-identical output', () => {
    fc.assert(
      fc.property(scenarioArb, ({ config, state, now, leads }) => {
        const snapshot = { config, state, now };
        for (const lead of leads.slice(0, 5)) {
          const first = JSON.stringify(route(lead, snapshot));
          expect(JSON.stringify(route(lead, snapshot))).toBe(first);
          expect(JSON.stringify(route(structuredClone(lead), structuredClone(snapshot)))).toBe(first);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('strict round robin keeps every rep within one lead of the others', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 120 }),
        fc.option(fc.nat(), { nil: null }),
        (repCount, leadCount, pointerSeed) => {
          const reps = Array.from({ length: repCount }, (_, i) => makeRep(`rep-${i}`));
          const pointer = pointerSeed === null ? null : reps[pointerSeed % repCount]!.id;
          const config = makeConfig({
            reps,
            pools: [
              makePool(
                'pool-main',
                reps.map((r) => r.id),
              ),
            ],
          });
          const snapshot = makeSnapshot(config, {
            poolStates: { 'pool-main': { lastAssignedRepId: pointer } },
          });
          const leads = Array.from({ length: leadCount }, (_, i) => makeLead({ externalId: `lead-${i}` }));
          const counts = simulate(leads, snapshot).distribution.map((entry) => entry.assigned);
          expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('smooth weighted round robin matches the weights within 2% over 10,000 leads', () => {
    const leads = Array.from({ length: 10_000 }, (_, i) => makeLead({ externalId: `lead-${i}` }));
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 10 }), { minLength: 2, maxLength: 6 }), (weights) => {
        const reps = weights.map((_, i) => makeRep(`rep-${i}`));
        const pool = makePool('pool-main', [], {
          strategy: 'weighted_round_robin',
          members: weights.map((weight, i) => ({ repId: `rep-${i}`, weight })),
        });
        const result = simulate(leads, makeSnapshot(makeConfig({ reps, pools: [pool] })));
        const total = weights.reduce((sum, weight) => sum + weight, 0);
        result.distribution.forEach((entry, i) => {
          const expected = (leads.length * weights[i]!) / total;
          expect(Math.abs(entry.assigned - expected)).toBeLessThanOrEqual(0.02 * expected);
        });
      }),
      { numRuns: 12 },
    );
  });
});
