import { type RepLoadIncrement, type RoutingStateDelta } from './decision-types';
import { ownValue } from './own-property';
import { type RepLoad, type RoutingState } from './state-types';

/**
 * How a stored rep load absorbs an increment. The persistence layer should apply the same rule
 * (in SQL: reset `assigned_today` when the stored day differs) so the engine and the database agree.
 */
export function applyRepLoadIncrement(load: RepLoad | undefined, increment: RepLoadIncrement): RepLoad {
  const openCount = (load?.openCount ?? 0) + increment.openCountIncrement;
  const sameDay = load !== undefined && load.day === increment.day;
  return {
    openCount,
    assignedToday: (sameDay ? load.assignedToday : 0) + increment.assignedTodayIncrement,
    day: increment.day,
  };
}

/** The state after a decision: pool states replaced, rep loads incremented. Does not mutate. */
export function applyStateDelta(state: RoutingState, delta: RoutingStateDelta): RoutingState {
  if (delta.poolStates.length === 0 && delta.repLoads.length === 0) return state;
  const poolStates = { ...state.poolStates };
  for (const update of delta.poolStates) poolStates[update.poolId] = update.state;
  const repLoads = { ...state.repLoads };
  for (const increment of delta.repLoads) {
    repLoads[increment.repId] = applyRepLoadIncrement(ownValue(state.repLoads, increment.repId), increment);
  }
  return { poolStates, repLoads, repKpis: state.repKpis };
}
