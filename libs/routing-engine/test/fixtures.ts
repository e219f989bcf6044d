import {
  type Pool,
  type Rep,
  type RoutableLead,
  type RoutingConfig,
  type RoutingRule,
  type RoutingSnapshot,
  type RoutingState,
} from '../src';

/** Monday 2024-05-06, 10:00 in New York. */
export const NOW = '2024-05-06T14:00:00Z';
export const CONNECTION = 'conn-1';

export function makeRep(id: string, extra: Partial<Rep> = {}): Rep {
  return {
    id,
    active: true,
    availability: 'available',
    timeZone: 'America/New_York',
    crmOwnerIds: { [CONNECTION]: `owner-${id}` },
    ...extra,
  };
}

export function makePool(id: string, repIds: readonly string[], extra: Partial<Pool> = {}): Pool {
  return {
    id,
    strategy: 'round_robin',
    members: repIds.map((repId) => ({ repId })),
    catchUp: false,
    ...extra,
  };
}

export function makeLead(extra: Partial<RoutableLead> = {}): RoutableLead {
  return { connectionId: CONNECTION, externalId: 'lead-1', country: 'US', amount: 1000, ...extra };
}

export function defaultRule(poolId: string, extra: Partial<RoutingRule> = {}): RoutingRule {
  return { id: 'default', action: { type: 'route_to_pool', poolId }, ownerPolicy: 'override', ...extra };
}

export function makeConfig(extra: Partial<RoutingConfig> = {}): RoutingConfig {
  const reps = extra.reps ?? [makeRep('ana'), makeRep('ben'), makeRep('cy')];
  return {
    ruleSet: { version: 1, rules: [defaultRule('pool-main')] },
    pools: [
      makePool(
        'pool-main',
        reps.map((rep) => rep.id),
      ),
    ],
    reps,
    fields: { custom: [] },
    ...extra,
  };
}

export const EMPTY_STATE: RoutingState = { poolStates: {}, repLoads: {}, repKpis: {} };

export function makeSnapshot(
  config: RoutingConfig,
  state: Partial<RoutingState> = {},
  now = NOW,
): RoutingSnapshot {
  return { config, state: { ...EMPTY_STATE, ...state }, now };
}
