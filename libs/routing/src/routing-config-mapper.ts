import type { Prisma } from '@leadflow/database';
import type {
  FallbackTarget,
  KpiWeight,
  OutOfOfficeWindow,
  Pool,
  RoutingRule,
  Rep,
  WorkingHours,
} from '@leadflow/routing-engine';

/**
 * Rows as stored → the routing engine's types. JSON columns were validated when written (the API's
 * zod schemas), so they are cast here rather than re-parsed on every assignment.
 */

export type PoolRow = Prisma.PoolGetPayload<{ include: { members: true } }>;
export type RepRow = Prisma.RepGetPayload<object>;

export function poolFromRow(row: PoolRow): Pool {
  return {
    id: row.id,
    name: row.name,
    strategy: row.strategy,
    members: [...row.members]
      .sort((a, b) => a.position - b.position)
      .map((m) => ({ repId: m.repId, weight: m.weight })),
    requiredSkills: row.requiredSkills,
    requiredTerritories: row.requiredTerritories,
    catchUp: row.catchUp,
    fallback: (row.fallback as FallbackTarget | null) ?? null,
    kpiWeights: row.kpiWeights as unknown as KpiWeight[],
  };
}

export function repFromRow(row: RepRow): Rep {
  return {
    id: row.id,
    name: row.name,
    active: row.active,
    availability: row.availability,
    timeZone: row.timeZone,
    workingHours: (row.workingHours as WorkingHours | null) ?? null,
    outOfOffice: row.outOfOffice as unknown as OutOfOfficeWindow[],
    dailyCap: row.dailyCap,
    openCap: row.openCap,
    skills: row.skills,
    territories: row.territories,
    crmOwnerIds: row.crmOwnerIds as Record<string, string>,
  };
}

export function rulesFromJson(value: Prisma.JsonValue): RoutingRule[] {
  return Array.isArray(value) ? (value as unknown as RoutingRule[]) : [];
}

/** Ids of the rules that name a pool or rep, in their action or a fallback. */
export function rulesReferencing(
  rules: readonly RoutingRule[],
  target: { poolId?: string; repId?: string },
): string[] {
  return rules
    .filter((rule) => {
      const action = rule.action;
      switch (action.type) {
        case 'route_to_pool':
          return action.poolId === target.poolId;
        case 'assign_rep':
          return (
            action.repId === target.repId ||
            (action.fallback?.type === 'pool' && action.fallback.poolId === target.poolId) ||
            (action.fallback?.type === 'rep' && action.fallback.repId === target.repId)
          );
        case 'keep_existing_owner':
        case 'leave_unrouted':
        case 'exclude':
          return false;
      }
    })
    .map((rule) => rule.id);
}
