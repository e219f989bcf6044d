import { type FallbackTarget, type Pool, type PoolStrategy, type Rep } from './config-types';
import { IssueCollector, type ValidationResult } from './validation-issue';

const STRATEGIES: readonly PoolStrategy[] = [
  'round_robin',
  'weighted_round_robin',
  'least_loaded',
  'kpi_weighted',
];
const STRATEGIES_WITH_CATCH_UP: readonly PoolStrategy[] = ['round_robin', 'weighted_round_robin'];

export function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}

export function checkTags(issues: IssueCollector, path: string, tags: unknown): void {
  if (tags === undefined || tags === null) return;
  if (!Array.isArray(tags) || !tags.every(isNonEmptyString)) {
    issues.error(path, 'invalid_tags', 'must be a list of non-empty strings');
  }
}

/** Checks that a fallback target (a pool or a rep) exists. */
export function checkFallbackTarget(
  issues: IssueCollector,
  path: string,
  target: FallbackTarget | null | undefined,
  poolIds: ReadonlySet<string>,
  repIds: ReadonlySet<string>,
): void {
  if (target === undefined || target === null) return;
  switch (target.type) {
    case 'pool':
      if (!poolIds.has(target.poolId)) {
        issues.error(
          `${path}.poolId`,
          'pool_not_found',
          `fallback pool "${String(target.poolId)}" does not exist`,
        );
      }
      return;
    case 'rep':
      if (!repIds.has(target.repId)) {
        issues.error(
          `${path}.repId`,
          'rep_not_found',
          `fallback rep "${String(target.repId)}" does not exist`,
        );
      }
      return;
    default:
      issues.error(`${path}.type`, 'invalid_fallback', 'fallback type must be "pool" or "rep"');
  }
}

function isPositiveNumber(value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

function checkPool(
  issues: IssueCollector,
  pool: Pool,
  index: number,
  poolIds: ReadonlySet<string>,
  repIds: ReadonlySet<string>,
): void {
  const path = `pools[${index}]`;
  if (!STRATEGIES.includes(pool.strategy)) {
    issues.error(`${path}.strategy`, 'unknown_strategy', `strategy must be one of: ${STRATEGIES.join(', ')}`);
  }
  if (!Array.isArray(pool.members) || pool.members.length === 0) {
    issues.error(`${path}.members`, 'pool_has_no_reps', `pool "${pool.id}" has no reps`);
  } else {
    const seen = new Set<string>();
    pool.members.forEach((member, m) => {
      const memberPath = `${path}.members[${m}]`;
      if (!repIds.has(member.repId)) {
        issues.error(`${memberPath}.repId`, 'rep_not_found', `rep "${String(member.repId)}" does not exist`);
      } else if (seen.has(member.repId)) {
        issues.error(`${memberPath}.repId`, 'duplicate_pool_member', `rep "${member.repId}" is listed twice`);
      }
      seen.add(member.repId);
      if (member.weight !== undefined && !isPositiveNumber(member.weight)) {
        issues.error(`${memberPath}.weight`, 'invalid_weight', 'weight must be a number greater than 0');
      }
    });
  }
  if (pool.strategy === 'kpi_weighted') checkKpiWeights(issues, pool, path);
  if (typeof pool.catchUp !== 'boolean') {
    issues.error(`${path}.catchUp`, 'invalid_flag', 'catchUp must be true or false');
  } else if (
    pool.catchUp &&
    STRATEGIES.includes(pool.strategy) &&
    !STRATEGIES_WITH_CATCH_UP.includes(pool.strategy)
  ) {
    issues.warning(
      `${path}.catchUp`,
      'catch_up_ignored',
      `catch-up has no effect with ${pool.strategy}; it applies to round_robin and weighted_round_robin`,
    );
  }
  checkTags(issues, `${path}.requiredSkills`, pool.requiredSkills);
  checkTags(issues, `${path}.requiredTerritories`, pool.requiredTerritories);
  checkFallbackTarget(issues, `${path}.fallback`, pool.fallback, poolIds, repIds);
}

function checkKpiWeights(issues: IssueCollector, pool: Pool, path: string): void {
  const weights = pool.kpiWeights;
  if (!Array.isArray(weights) || weights.length === 0) {
    issues.error(
      `${path}.kpiWeights`,
      'missing_kpi_weights',
      'kpi_weighted pools need at least one KPI weight',
    );
    return;
  }
  const seen = new Set<string>();
  weights.forEach((kpiWeight, k) => {
    const kpiPath = `${path}.kpiWeights[${k}]`;
    if (!isNonEmptyString(kpiWeight.kpi)) {
      issues.error(`${kpiPath}.kpi`, 'invalid_kpi', 'KPI name must be a non-empty string');
    } else if (seen.has(kpiWeight.kpi)) {
      issues.error(`${kpiPath}.kpi`, 'invalid_kpi', `KPI "${kpiWeight.kpi}" is listed twice`);
    } else {
      seen.add(kpiWeight.kpi);
    }
    if (!isPositiveNumber(kpiWeight.weight)) {
      issues.error(`${kpiPath}.weight`, 'invalid_weight', 'weight must be a number greater than 0');
    }
    if (kpiWeight.direction !== 'higher_is_better' && kpiWeight.direction !== 'lower_is_better') {
      issues.error(
        `${kpiPath}.direction`,
        'invalid_kpi',
        'direction must be "higher_is_better" or "lower_is_better"',
      );
    }
  });
}

/** Pool indexes reachable from `start` through pool → pool fallbacks (start included). */
export function poolsReachableFrom(start: readonly number[], pools: readonly Pool[]): Set<number> {
  const indexById = firstIndexById(pools);
  const reached = new Set<number>();
  const queue = [...start];
  while (queue.length > 0) {
    const index = queue.pop()!;
    if (reached.has(index)) continue;
    reached.add(index);
    const fallback = pools[index]?.fallback;
    if (fallback?.type === 'pool') {
      const next = indexById.get(fallback.poolId);
      if (next !== undefined) queue.push(next);
    }
  }
  return reached;
}

export function firstIndexById(items: readonly { id: string }[]): Map<string, number> {
  const map = new Map<string, number>();
  items.forEach((item, index) => {
    if (!map.has(item.id)) map.set(item.id, index);
  });
  return map;
}

/** Reports each cycle of pool → pool fallbacks once, at its pool with the lowest index. */
function checkFallbackCycles(
  issues: IssueCollector,
  pools: readonly Pool[],
  included: ReadonlySet<number>,
): void {
  const indexById = firstIndexById(pools);
  const next = (index: number): number | null => {
    const fallback = pools[index]?.fallback;
    if (fallback?.type !== 'pool') return null;
    return indexById.get(fallback.poolId) ?? null;
  };
  const state = new Map<number, 'walking' | 'done'>();
  for (const start of [...included].sort((a, b) => a - b)) {
    if (state.has(start)) continue;
    const walk: number[] = [];
    let current: number | null = start;
    while (current !== null && !state.has(current)) {
      state.set(current, 'walking');
      walk.push(current);
      current = next(current);
    }
    if (current !== null && state.get(current) === 'walking') {
      const cycle = walk.slice(walk.indexOf(current));
      const lowest = Math.min(...cycle);
      const rotated = [
        ...cycle.slice(cycle.indexOf(lowest)),
        ...cycle.slice(0, cycle.indexOf(lowest)),
        lowest,
      ];
      const names = rotated.map((index) => pools[index]!.id).join(' → ');
      issues.error(`pools[${lowest}].fallback`, 'fallback_cycle', `fallback cycle: ${names}`);
    }
    for (const index of walk) state.set(index, 'done');
  }
}

export function collectPoolIssues(
  issues: IssueCollector,
  pools: readonly Pool[],
  reps: readonly Rep[],
  included: ReadonlySet<number>,
): void {
  const poolIds = new Set(pools.map((pool) => pool.id));
  const repIds = new Set(reps.map((rep) => rep.id));
  const seen = new Map<string, number>();
  pools.forEach((pool, index) => {
    if (!included.has(index)) return;
    if (!isNonEmptyString(pool.id)) {
      issues.error(`pools[${index}].id`, 'invalid_id', 'pool id must be a non-empty string');
    } else if (seen.has(pool.id)) {
      issues.error(
        `pools[${index}].id`,
        'duplicate_pool_id',
        `pool id "${pool.id}" is also used by pools[${seen.get(pool.id)}]`,
      );
    } else {
      seen.set(pool.id, index);
    }
    checkPool(issues, pool, index, poolIds, repIds);
  });
  checkFallbackCycles(issues, pools, included);
}

/** Checks every pool: members, weights, KPI settings, fallbacks and fallback cycles. */
export function validatePools(pools: readonly Pool[], reps: readonly Rep[]): ValidationResult {
  const issues = new IssueCollector();
  collectPoolIssues(issues, pools, reps, new Set(pools.keys()));
  return issues.result();
}
