import { RoutingEngineError } from './errors';
import { ABSENCE_REASONS } from './eligibility';
import { ownValue } from './own-property';
import { memberRecord } from './pool-state';
import { bestInRotationOrder, rotationStart } from './rotation-order';
import { type StrategyInput, type StrategyPick } from './strategy-types';

const isPositive = (value: number): boolean => value > 0;

/**
 * Strict round robin: the next eligible member after the pointer.
 *
 * With catch-up on, every member the rotation passes over because they are absent (unavailable or
 * out of office) is owed a turn. While an owed member is eligible, the lead goes to them instead
 * (most turns owed first, ties in rotation order), one owed turn is paid, and the pointer does not
 * move, so the regular rotation resumes where it left off.
 */
export function pickRoundRobin(input: StrategyInput): StrategyPick {
  const { pool, reasons, state } = input;
  const members = pool.members;
  const pointer = state.lastAssignedRepId;

  if (!pool.catchUp) {
    const chosen = nextInRotation(input);
    return {
      chosen,
      state: { lastAssignedRepId: members[chosen]!.repId, currentWeights: {}, missedTurns: {} },
      detail: { strategy: 'round_robin', catchUp: null },
    };
  }

  const owed = (repId: string): number => ownValue(state.missedTurns, repId) ?? 0;
  const missedTurnsBefore = memberRecord(members, owed, isPositive);
  const returning = bestInRotationOrder(members, reasons, pointer, (candidate, best) => {
    return owed(members[candidate]!.repId) > owed(members[best]!.repId);
  });
  if (returning >= 0 && owed(members[returning]!.repId) > 0) {
    const paidRepId = members[returning]!.repId;
    const missedTurnsAfter = memberRecord(
      members,
      (repId) => owed(repId) - (repId === paidRepId ? 1 : 0),
      isPositive,
    );
    return {
      chosen: returning,
      state: { lastAssignedRepId: pointer, currentWeights: {}, missedTurns: missedTurnsAfter },
      detail: { strategy: 'round_robin', catchUp: { applied: true, missedTurnsBefore, missedTurnsAfter } },
    };
  }

  const chosen = nextInRotation(input);
  const passedOver = new Set<string>();
  const start = rotationStart(members, pointer);
  for (let index = start; index !== chosen; index = (index + 1) % members.length) {
    const reason = reasons[index];
    if (reason !== null && reason !== undefined && ABSENCE_REASONS.has(reason))
      passedOver.add(members[index]!.repId);
  }
  const missedTurnsAfter = memberRecord(
    members,
    (repId) => owed(repId) + (passedOver.has(repId) ? 1 : 0),
    isPositive,
  );
  return {
    chosen,
    state: { lastAssignedRepId: members[chosen]!.repId, currentWeights: {}, missedTurns: missedTurnsAfter },
    detail: { strategy: 'round_robin', catchUp: { applied: false, missedTurnsBefore, missedTurnsAfter } },
  };
}

function nextInRotation(input: StrategyInput): number {
  const members = input.pool.members;
  const start = rotationStart(members, input.state.lastAssignedRepId);
  for (let k = 0; k < members.length; k++) {
    const index = (start + k) % members.length;
    if (input.reasons[index] === null) return index;
  }
  throw new RoutingEngineError('round robin called without an eligible member');
}
