import { ownValue } from './own-property';
import { bestInRotationOrder } from './rotation-order';
import { type StrategyInput, type StrategyPick } from './strategy-types';

/** The eligible member with the fewest open leads; ties go to whoever is next in rotation. */
export function pickLeastLoaded(input: StrategyInput): StrategyPick {
  const { pool, reasons, state, repLoads } = input;
  const members = pool.members;
  const openCounts: Record<string, number> = {};
  members.forEach((member, index) => {
    if (reasons[index] === null) openCounts[member.repId] = ownValue(repLoads, member.repId)?.openCount ?? 0;
  });
  const open = (index: number): number => openCounts[members[index]!.repId]!;
  const chosen = bestInRotationOrder(members, reasons, state.lastAssignedRepId, (a, b) => open(a) < open(b));
  return {
    chosen,
    state: { lastAssignedRepId: members[chosen]!.repId, currentWeights: {}, missedTurns: {} },
    detail: { strategy: 'least_loaded', openCounts },
  };
}
