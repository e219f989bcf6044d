import { type CompiledMember } from './compiled-config';
import { type IneligibilityReason } from './decision-types';

/**
 * Index of the member after the pointer (the last rep assigned). A pointer that is null or no
 * longer a member restarts the rotation at the first member.
 */
export function rotationStart(members: readonly CompiledMember[], pointer: string | null): number {
  if (pointer === null) return 0;
  for (let i = 0; i < members.length; i++) {
    if (members[i]!.repId === pointer) return (i + 1) % members.length;
  }
  return 0;
}

/**
 * The member that wins under `better`, scanning in rotation order so that ties go to whoever is
 * next in rotation. `better(a, b)` must be strict; only eligible members (reason null) compete.
 */
export function bestInRotationOrder(
  members: readonly CompiledMember[],
  reasons: readonly (IneligibilityReason | null)[],
  pointer: string | null,
  better: (candidate: number, best: number) => boolean,
): number {
  const count = members.length;
  const start = rotationStart(members, pointer);
  let best = -1;
  for (let k = 0; k < count; k++) {
    const index = (start + k) % count;
    if (reasons[index] !== null) continue;
    if (best < 0 || better(index, best)) best = index;
  }
  return best;
}
