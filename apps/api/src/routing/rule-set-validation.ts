import type { TenantScopedClient } from '@leadflow/database';
import { poolFromRow, repFromRow } from '@leadflow/routing';
import {
  type Pool,
  type Rep,
  type RoutingRule,
  type ValidationIssue,
  validateRuleSet,
} from '@leadflow/routing-engine';
import type { Principal } from '../auth/principal';
import { ApiProblem, type FieldProblem } from '../http/problem';

/** The tenant-scoped client or one of its transactions. */
export type TenantTx = Parameters<Parameters<TenantScopedClient['$transaction']>[0]>[0];
type TenantReader = Pick<TenantTx, 'pool' | 'rep'>;

/**
 * Where the rules being validated come from; it prefixes every rule path of a problem:
 * `draft.rules[2].action.poolId`, `version.rules[0].conditions...`.
 */
export type RuleSetSource = 'draft' | 'version';

export interface RuleSetIssue {
  path: string;
  code: string;
  message: string;
  severity: 'error' | 'warning';
}

/** The tenant's current pools and reps, in the order the routing engine is given them. */
export async function currentPoolsAndReps(db: TenantReader): Promise<{ pools: Pool[]; reps: Rep[] }> {
  const [pools, reps] = await Promise.all([
    db.pool.findMany({ include: { members: true }, orderBy: { createdAt: 'asc' } }),
    db.rep.findMany({ orderBy: { createdAt: 'asc' } }),
  ]);
  return { pools: pools.map(poolFromRow), reps: reps.map(repFromRow) };
}

/**
 * The engine's findings in the API's terms: rule paths get the source prefix; pool paths
 * (`pools[3].members[0].weight`, about a pool the rules reach) name the pool by id, since the
 * index means nothing to the caller.
 */
export function toRuleSetIssues(
  issues: readonly ValidationIssue[],
  source: RuleSetSource,
  pools: readonly Pool[],
): RuleSetIssue[] {
  return issues.map((issue) => {
    let path = issue.path;
    const pool = /^pools\[(\d+)\]/.exec(path);
    if (pool) {
      const id = pools[Number(pool[1])]?.id ?? pool[1];
      path = `pools[${JSON.stringify(id)}]${path.slice(pool[0].length)}`;
    } else {
      path = `${source}.${path}`;
    }
    return { path, code: issue.code, message: issue.message, severity: issue.severity };
  });
}

export function validateRules(
  rules: readonly RoutingRule[],
  version: number,
  context: { pools: readonly Pool[]; reps: readonly Rep[] },
  source: RuleSetSource,
): { errors: RuleSetIssue[]; warnings: RuleSetIssue[] } {
  const result = validateRuleSet(
    { version, rules: [...rules] },
    // Custom fields are declared by the field mapping (its own issue); until then, none.
    { fields: { custom: [] }, pools: context.pools, reps: context.reps },
  );
  const all = toRuleSetIssues(result.issues, source, context.pools);
  return {
    errors: all.filter((i) => i.severity === 'error'),
    warnings: all.filter((i) => i.severity === 'warning'),
  };
}

/** 400 naming every error; warnings never block. */
export function throwOnRuleSetErrors(errors: readonly RuleSetIssue[], what: string): void {
  if (errors.length === 0) return;
  const problems: FieldProblem[] = errors.map((e) => ({ path: e.path, message: e.message, code: e.code }));
  throw ApiProblem.validation(
    problems,
    `${what} has ${errors.length} problem${errors.length === 1 ? '' : 's'}: ${problems.map((p) => p.path).join(', ')}`,
  );
}

export function withoutSeverity(issues: readonly RuleSetIssue[]) {
  return issues.map(({ path, code, message }) => ({ path, code, message }));
}

/** Who published or saved: the API key's public prefix, as the audit log labels it. */
export function principalLabel(principal: Principal): string {
  return principal.kind === 'api_key' ? `lf_${principal.prefix}` : 'bootstrap token';
}
