import { RoutingEngineError } from './errors';
import { ABSENCE_REASONS } from './eligibility';
import { ownValue } from './own-property';
import { memberRecord } from './pool-state';
import { type StrategyInput, type StrategyPick } from './strategy-types';

const always = (): boolean => true;

/**
 * Smooth weighted round robin (as in nginx): each turn every competing member's current weight
 * grows by its weight, the largest current weight wins (ties: member order) and the winner's
 * current weight drops by the total added. Weights 3:1 give A A B A, spreading a rep's turns out
 * instead of bunching them.
 *
 * Ineligible members are frozen, except that with catch-up on, absent members keep accruing: they
 * come back with a large current weight and get their missed share first.
 */
export function pickSmoothWeighted(input: StrategyInput): StrategyPick {
  const { pool, reasons, state } = input;
  const members = pool.members;
  const currentWeightsBefore = memberRecord(
    members,
    (repId) => ownValue(state.currentWeights, repId) ?? 0,
    always,
  );
  const current = { ...currentWeightsBefore };
  let totalWeight = 0;
  let chosen = -1;
  for (let index = 0; index < members.length; index++) {
    const member = members[index]!;
    const reason = reasons[index] ?? null;
    const accrues = reason === null || (pool.catchUp && ABSENCE_REASONS.has(reason));
    if (!accrues) continue;
    current[member.repId] = current[member.repId]! + member.weight;
    totalWeight += member.weight;
    if (reason === null && (chosen < 0 || current[member.repId]! > current[members[chosen]!.repId]!))
      chosen = index;
  }
  if (chosen < 0)
    throw new RoutingEngineError('smooth weighted round robin called without an eligible member');
  const chosenRepId = members[chosen]!.repId;
  current[chosenRepId] = current[chosenRepId]! - totalWeight;
  return {
    chosen,
    state: { lastAssignedRepId: chosenRepId, currentWeights: current, missedTurns: {} },
    detail: {
      strategy: 'weighted_round_robin',
      totalWeight,
      currentWeightsBefore,
      currentWeightsAfter: current,
    },
  };
}
