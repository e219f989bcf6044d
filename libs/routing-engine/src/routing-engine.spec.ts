import { describe, expect, it } from 'vitest';
import { defaultRule, makeConfig, makeLead, makePool, makeRep, makeSnapshot, NOW } from '../test/fixtures';
import { compileRoutingConfig } from './compiled-config';
import { InvalidRoutingConfigError, InvalidSnapshotError, RoutingEngineError } from './errors';
import { route } from './routing-engine';
import { simulate } from './simulation';
import { applyRepLoadIncrement, applyStateDelta } from './state-delta';

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

describe('route', () => {
  it('refuses a configuration it cannot execute safely, naming every problem', () => {
    const config = makeConfig({
      ruleSet: {
        version: 1,
        rules: [
          {
            id: 'bad',
            conditions: {
              combinator: 'all',
              groups: [
                { combinator: 'all', conditions: [{ field: 'email', operator: 'matches', value: '(a+)+' }] },
              ],
            },
            action: { type: 'route_to_pool', poolId: 'pool-main' },
            ownerPolicy: 'override',
          },
          defaultRule('pool-main'),
        ],
      },
      reps: [makeRep('ana', { timeZone: 'Atlantis/Deep' })],
    });
    let error: unknown;
    try {
      route(makeLead(), makeSnapshot(config));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidRoutingConfigError);
    expect(error).toBeInstanceOf(RoutingEngineError);
    expect((error as InvalidRoutingConfigError).issues.map((issue) => issue.path)).toEqual([
      'ruleSet.rules[0].conditions.groups[0].conditions[0].value',
      'reps[0].timeZone',
    ]);
  });

  it('routes around problems it can survive (a missing pool) instead of throwing', () => {
    const config = makeConfig({ ruleSet: { version: 1, rules: [defaultRule('pool-gone')] } });
    expect(() => compileRoutingConfig(config)).not.toThrow();
    expect(route(makeLead(), makeSnapshot(config)).decision).toMatchObject({
      outcome: 'unrouted',
      unroutedReason: 'pool_not_found',
    });
  });

  it('requires now to be an ISO instant with an offset', () => {
    const config = makeConfig();
    expect(() => route(makeLead(), makeSnapshot(config, {}, '2024-05-06T14:00:00'))).toThrow(
      InvalidSnapshotError,
    );
    expect(() => route(makeLead(), makeSnapshot(config, {}, 'yesterday'))).toThrow(InvalidSnapshotError);
  });

  it('does not modify its inputs', () => {
    const snapshot = deepFreeze(
      makeSnapshot(makeConfig(), { poolStates: { 'pool-main': { lastAssignedRepId: 'ana' } } }),
    );
    const lead = deepFreeze(makeLead());
    expect(route(lead, snapshot).decision.repId).toBe('ben');
  });

  it('gives byte-identical results for equal inputs, cached or freshly compiled', () => {
    const snapshot = makeSnapshot(makeConfig());
    const first = JSON.stringify(route(makeLead(), snapshot));
    expect(JSON.stringify(route(makeLead(), snapshot))).toBe(first);
    expect(JSON.stringify(route(makeLead(), structuredClone(snapshot)))).toBe(first);
  });

  it('reads custom fields and ignores inherited keys', () => {
    const config = makeConfig({
      fields: { custom: [{ key: 'constructor', type: 'text' }] },
      ruleSet: {
        version: 1,
        rules: [
          {
            id: 'odd',
            conditions: {
              combinator: 'all',
              groups: [
                { combinator: 'all', conditions: [{ field: 'custom.constructor', operator: 'exists' }] },
              ],
            },
            action: { type: 'exclude' },
            ownerPolicy: 'override',
          },
          defaultRule('pool-main'),
        ],
      },
    });
    expect(route(makeLead({ custom: {} }), makeSnapshot(config)).decision.outcome).toBe('assigned');
    expect(route(makeLead({ custom: { constructor: 'yes' } }), makeSnapshot(config)).decision.outcome).toBe(
      'excluded',
    );
  });
});

describe('simulate', () => {
  const config = makeConfig({
    pools: [
      makePool('pool-main', ['ana', 'ben'], {
        strategy: 'weighted_round_robin',
        members: [
          { repId: 'ana', weight: 3 },
          { repId: 'ben', weight: 1 },
        ],
      }),
    ],
  });
  const leads = Array.from({ length: 8 }, (_, i) => makeLead({ externalId: `lead-${i}` }));

  it('routes sequentially, applying each state delta: smooth 3:1 gives A A B A', () => {
    const result = simulate(leads, makeSnapshot(config));
    expect(result.decisions.map((decision) => decision.repId)).toEqual([
      'ana',
      'ana',
      'ben',
      'ana',
      'ana',
      'ana',
      'ben',
      'ana',
    ]);
    expect(result.distribution).toEqual([
      { repId: 'ana', assigned: 6, keptExisting: 0 },
      { repId: 'ben', assigned: 2, keptExisting: 0 },
      { repId: 'cy', assigned: 0, keptExisting: 0 },
    ]);
    expect(result.outcomes).toEqual({ assigned: 8, kept_existing_owner: 0, unrouted: 0, excluded: 0 });
    expect(result.finalState.poolStates['pool-main']).toEqual({
      lastAssignedRepId: 'ana',
      currentWeights: { ana: 0, ben: 0 },
      missedTurns: {},
    });
    expect(result.finalState.repLoads).toEqual({
      ana: { openCount: 6, assignedToday: 6, day: '2024-05-06' },
      ben: { openCount: 2, assignedToday: 2, day: '2024-05-06' },
    });
  });

  it('counts kept owners separately', () => {
    const keepConfig = makeConfig({
      ruleSet: { version: 1, rules: [defaultRule('pool-main', { ownerPolicy: 'keep_if_active_rep' })] },
    });
    const result = simulate(
      [makeLead({ existingOwnerId: 'owner-cy' }), makeLead()],
      makeSnapshot(keepConfig),
    );
    expect(result.distribution).toEqual([
      { repId: 'ana', assigned: 1, keptExisting: 0 },
      { repId: 'ben', assigned: 0, keptExisting: 0 },
      { repId: 'cy', assigned: 0, keptExisting: 1 },
    ]);
  });
});

describe('round robin catch-up over a sequence', () => {
  it('pays a returning rep the turns missed while out of office, then resumes the rotation', () => {
    const away = makeRep('ben', {
      outOfOffice: [{ start: '2024-05-06T00:00:00Z', end: '2024-05-06T12:00:00Z' }],
    });
    const config = makeConfig({
      reps: [makeRep('ana'), away, makeRep('cy')],
      pools: [makePool('pool-main', ['ana', 'ben', 'cy'], { catchUp: true })],
    });
    const leads = Array.from({ length: 4 }, (_, i) => makeLead({ externalId: `lead-${i}` }));
    const whileAway = simulate(leads, makeSnapshot(config, {}, '2024-05-06T10:00:00Z'));
    expect(whileAway.decisions.map((d) => d.repId)).toEqual(['ana', 'cy', 'ana', 'cy']);
    expect(whileAway.finalState.poolStates['pool-main']?.missedTurns).toEqual({ ben: 2 });

    const back = simulate(leads, makeSnapshot(config, whileAway.finalState, '2024-05-06T13:00:00Z'));
    expect(back.decisions.map((d) => d.repId)).toEqual(['ben', 'ben', 'ana', 'ben']);
    expect(back.finalState.poolStates['pool-main']?.missedTurns).toEqual({});
  });

  it('without catch-up, a returning rep simply rejoins the rotation', () => {
    const away = makeRep('ben', {
      outOfOffice: [{ start: '2024-05-06T00:00:00Z', end: '2024-05-06T12:00:00Z' }],
    });
    const config = makeConfig({ reps: [makeRep('ana'), away, makeRep('cy')] });
    const leads = Array.from({ length: 4 }, (_, i) => makeLead({ externalId: `lead-${i}` }));
    const whileAway = simulate(leads, makeSnapshot(config, {}, '2024-05-06T10:00:00Z'));
    const back = simulate(leads, makeSnapshot(config, whileAway.finalState, '2024-05-06T13:00:00Z'));
    expect(back.decisions.map((d) => d.repId)).toEqual(['ana', 'ben', 'cy', 'ana']);
  });
});

describe('state deltas', () => {
  it('resets the daily count when the delta is for another local day', () => {
    const load = { openCount: 4, assignedToday: 3, day: '2024-05-06' };
    expect(
      applyRepLoadIncrement(load, {
        repId: 'ana',
        openCountIncrement: 1,
        assignedTodayIncrement: 1,
        day: '2024-05-06',
      }),
    ).toEqual({
      openCount: 5,
      assignedToday: 4,
      day: '2024-05-06',
    });
    expect(
      applyRepLoadIncrement(load, {
        repId: 'ana',
        openCountIncrement: 1,
        assignedTodayIncrement: 1,
        day: '2024-05-07',
      }),
    ).toEqual({
      openCount: 5,
      assignedToday: 1,
      day: '2024-05-07',
    });
    expect(
      applyRepLoadIncrement(undefined, {
        repId: 'ana',
        openCountIncrement: 1,
        assignedTodayIncrement: 1,
        day: '2024-05-07',
      }),
    ).toEqual({
      openCount: 1,
      assignedToday: 1,
      day: '2024-05-07',
    });
  });

  it('leaves the state untouched for an empty delta', () => {
    const state = makeSnapshot(makeConfig()).state;
    expect(applyStateDelta(state, { poolStates: [], repLoads: [] })).toBe(state);
  });

  it('is exactly what changed: nothing for kept owners and unrouted leads', () => {
    const config = makeConfig({
      ruleSet: { version: 1, rules: [defaultRule('pool-main', { ownerPolicy: 'keep_if_active_rep' })] },
    });
    expect(
      route(makeLead({ existingOwnerId: 'owner-ben' }), makeSnapshot(config, {}, NOW)).stateDelta,
    ).toEqual({ poolStates: [], repLoads: [] });
  });
});
