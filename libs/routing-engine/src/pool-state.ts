import { type CompiledMember } from './compiled-config';
import { type PoolState } from './state-types';

const EMPTY_STATE: PoolState = { lastAssignedRepId: null, currentWeights: {}, missedTurns: {} };

/** Fills in a stored (possibly partial or missing) pool state. */
export function readPoolState(stored: Partial<PoolState> | undefined): PoolState {
  if (stored === undefined) return EMPTY_STATE;
  return {
    lastAssignedRepId: stored.lastAssignedRepId ?? null,
    currentWeights: stored.currentWeights ?? {},
    missedTurns: stored.missedTurns ?? {},
  };
}

/**
 * A per-member map in member order, dropping reps that left the pool. Keeping member order makes
 * the output byte-identical for the same input.
 */
export function memberRecord(
  members: readonly CompiledMember[],
  value: (repId: string) => number,
  keep: (value: number) => boolean,
): Record<string, number> {
  const record: Record<string, number> = {};
  for (const member of members) {
    const v = value(member.repId);
    if (keep(v)) record[member.repId] = v;
  }
  return record;
}
