import type { RoutingRule } from '@leadflow/routing-engine';

export type RuleChangePart = 'name' | 'conditions' | 'action' | 'ownerPolicy' | 'skills' | 'order';

export interface RuleRef {
  ruleId: string;
  /** 0-based position in its rule list. */
  index: number;
  rule: RoutingRule;
}

export interface RuleChange {
  ruleId: string;
  fromIndex: number;
  toIndex: number;
  /** What differs; `order` when the rule also moved relative to the other common rules. */
  parts: RuleChangePart[];
  before: RoutingRule;
  after: RoutingRule;
}

export interface RuleMove {
  ruleId: string;
  fromIndex: number;
  toIndex: number;
}

export interface RuleListDiff {
  /** Rules only in `to`, in `to` order. */
  added: RuleRef[];
  /** Rules only in `from`, in `from` order. */
  removed: RuleRef[];
  /** Rules in both whose content differs, in `to` order. */
  changed: RuleChange[];
  /** Rules in both with identical content whose relative order changed, in `to` order. */
  moved: RuleMove[];
  /** Rules in both, identical and in the same relative order. */
  unchanged: number;
}

/** JSON with object keys sorted, so equal values compare equal whatever their key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** No conditions, null conditions and no groups all mean "matches every lead". */
function conditionsOf(rule: RoutingRule): unknown {
  const conditions = rule.conditions;
  if (conditions === undefined || conditions === null || conditions.groups.length === 0) return null;
  return conditions;
}

function actionOf(rule: RoutingRule): unknown {
  const action = rule.action;
  // A missing fallback and a null one mean the same.
  if (action.type === 'assign_rep') return { ...action, fallback: action.fallback ?? null };
  return action;
}

function contentParts(before: RoutingRule, after: RoutingRule): RuleChangePart[] {
  const parts: RuleChangePart[] = [];
  if ((before.name ?? null) !== (after.name ?? null)) parts.push('name');
  if (canonical(conditionsOf(before)) !== canonical(conditionsOf(after))) parts.push('conditions');
  if (canonical(actionOf(before)) !== canonical(actionOf(after))) parts.push('action');
  if (before.ownerPolicy !== after.ownerPolicy) parts.push('ownerPolicy');
  if (
    canonical(before.requiredSkills ?? []) !== canonical(after.requiredSkills ?? []) ||
    canonical(before.requiredTerritories ?? []) !== canonical(after.requiredTerritories ?? [])
  ) {
    parts.push('skills');
  }
  return parts;
}

/**
 * The ids of the common rules that keep their relative order: a longest common subsequence of
 * the two orders. Every other common rule is reported as moved, so a rule dragged from the end to
 * the top is one move, not "everything else moved down".
 */
function inPlaceIds(fromOrder: readonly string[], toOrder: readonly string[]): Set<string> {
  const n = fromOrder.length;
  const m = toOrder.length;
  const lengths: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const row = lengths[i] as number[];
      const next = lengths[i + 1] as number[];
      row[j] =
        fromOrder[i] === toOrder[j]
          ? (next[j + 1] as number) + 1
          : Math.max(next[j] as number, row[j + 1] as number);
    }
  }
  const kept = new Set<string>();
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (fromOrder[i] === toOrder[j]) {
      kept.add(fromOrder[i] as string);
      i++;
      j++;
    } else if (((lengths[i + 1] as number[])[j] as number) >= ((lengths[i] as number[])[j + 1] as number)) {
      i++;
    } else {
      j++;
    }
  }
  return kept;
}

/**
 * Compares two rule lists by rule id. Each rule of either list lands in exactly one of added,
 * removed, changed, moved or unchanged. Rule ids are unique within a published rule set; should a
 * list repeat an id anyway, its first occurrence counts and later ones are reported as added or
 * removed.
 */
export function diffRuleLists(from: readonly RoutingRule[], to: readonly RoutingRule[]): RuleListDiff {
  const fromIndex = new Map<string, number>();
  from.forEach((rule, index) => {
    if (!fromIndex.has(rule.id)) fromIndex.set(rule.id, index);
  });
  const toIndex = new Map<string, number>();
  to.forEach((rule, index) => {
    if (!toIndex.has(rule.id)) toIndex.set(rule.id, index);
  });

  const removed: RuleRef[] = from
    .map((rule, index) => ({ ruleId: rule.id, index, rule }))
    .filter((ref) => toIndex.get(ref.ruleId) === undefined || fromIndex.get(ref.ruleId) !== ref.index);
  const added: RuleRef[] = to
    .map((rule, index) => ({ ruleId: rule.id, index, rule }))
    .filter((ref) => fromIndex.get(ref.ruleId) === undefined || toIndex.get(ref.ruleId) !== ref.index);

  const commonFromOrder = from
    .filter((rule, index) => fromIndex.get(rule.id) === index && toIndex.has(rule.id))
    .map((rule) => rule.id);
  const commonToOrder = to
    .filter((rule, index) => toIndex.get(rule.id) === index && fromIndex.has(rule.id))
    .map((rule) => rule.id);
  const kept = inPlaceIds(commonFromOrder, commonToOrder);

  const changed: RuleChange[] = [];
  const moved: RuleMove[] = [];
  let unchanged = 0;
  for (const ruleId of commonToOrder) {
    const i = fromIndex.get(ruleId) as number;
    const j = toIndex.get(ruleId) as number;
    const before = from[i] as RoutingRule;
    const after = to[j] as RoutingRule;
    const parts = contentParts(before, after);
    const hasMoved = !kept.has(ruleId);
    if (parts.length > 0) {
      changed.push({
        ruleId,
        fromIndex: i,
        toIndex: j,
        parts: hasMoved ? [...parts, 'order'] : parts,
        before,
        after,
      });
    } else if (hasMoved) {
      moved.push({ ruleId, fromIndex: i, toIndex: j });
    } else {
      unchanged++;
    }
  }
  return { added, removed, changed, moved, unchanged };
}
