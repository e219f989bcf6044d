import { type CompiledRep, type CompiledRequirements } from './compiled-config';
import { type IneligibilityReason } from './decision-types';
import { localTimeIn } from './local-time';
import { ownValue } from './own-property';
import { type RepLoad } from './state-types';

export interface EligibilityContext {
  nowMs: number;
  connectionId: string;
  repLoads: Readonly<Record<string, RepLoad>>;
}

/**
 * Reasons a rep is away for a while rather than unsuited or deliberately limited. Only these
 * accrue catch-up turns (see catch-up in docs/routing.md).
 */
export const ABSENCE_REASONS: ReadonlySet<IneligibilityReason> = new Set<IneligibilityReason>([
  'unavailable',
  'out_of_office',
]);

function hasAll(tags: ReadonlySet<string>, required: readonly string[]): boolean {
  for (const tag of required) if (!tags.has(tag)) return false;
  return true;
}

function meetsRequirements(rep: CompiledRep, requirements: CompiledRequirements): boolean {
  return hasAll(rep.skills, requirements.skills) && hasAll(rep.territories, requirements.territories);
}

function isOutOfOffice(rep: CompiledRep, nowMs: number): boolean {
  const windows = rep.outOfOffice;
  for (let i = 0; i < windows.length; i += 2) {
    if (nowMs >= windows[i]! && nowMs < windows[i + 1]!) return true;
  }
  return false;
}

function isWithinWorkingHours(
  hours: readonly (readonly number[])[],
  weekday: number,
  minuteOfDay: number,
): boolean {
  const ranges = hours[weekday] ?? [];
  for (let i = 0; i < ranges.length; i += 2) {
    if (minuteOfDay >= ranges[i]! && minuteOfDay < ranges[i + 1]!) return true;
  }
  return false;
}

/** Leads assigned to the rep on the current local day (a count for another day is stale: zero). */
export function assignedToday(load: RepLoad | undefined, today: string): number {
  return load !== undefined && load.day === today ? load.assignedToday : 0;
}

/**
 * The first reason the rep cannot take this lead now, or null when eligible. Structural reasons
 * come first, so a rep who could never take the lead is not counted as "absent" for catch-up.
 */
export function ineligibilityReason(
  rep: CompiledRep,
  context: EligibilityContext,
  ruleRequirements: CompiledRequirements,
  poolRequirements: CompiledRequirements | null,
): IneligibilityReason | null {
  if (!rep.active) return 'inactive';
  if (!meetsRequirements(rep, ruleRequirements)) return 'missing_skill';
  if (poolRequirements !== null && !meetsRequirements(rep, poolRequirements)) return 'missing_skill';
  if (!rep.ownerIds.has(context.connectionId)) return 'no_owner_id_for_connection';
  if (!rep.available) return 'unavailable';
  if (isOutOfOffice(rep, context.nowMs)) return 'out_of_office';
  const load = rep.dailyCap !== null || rep.openCap !== null ? ownValue(context.repLoads, rep.id) : undefined;
  if (rep.workingHours !== null || rep.dailyCap !== null) {
    const local = localTimeIn(rep.timeZone, context.nowMs);
    if (
      rep.workingHours !== null &&
      !isWithinWorkingHours(rep.workingHours, local.weekday, local.minuteOfDay)
    ) {
      return 'outside_working_hours';
    }
    if (rep.dailyCap !== null && assignedToday(load, local.date) >= rep.dailyCap) return 'daily_cap_reached';
  }
  if (rep.openCap !== null && (load?.openCount ?? 0) >= rep.openCap) return 'open_cap_reached';
  return null;
}
