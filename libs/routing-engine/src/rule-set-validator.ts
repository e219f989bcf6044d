import {
  type Combinator,
  type Condition,
  type FieldCatalogue,
  type OwnerPolicy,
  type Pool,
  type Rep,
  type RoutingRule,
  type RuleSet,
} from './config-types';
import { checkConditionValue } from './condition-value-checker';
import { resolveField } from './field-catalogue';
import { isOperator, OPERATORS, OPERATORS_BY_FIELD_TYPE, operatorSupportsType } from './operator-catalogue';
import {
  checkFallbackTarget,
  checkTags,
  collectPoolIssues,
  firstIndexById,
  isNonEmptyString,
  poolsReachableFrom,
} from './pool-validator';
import { IssueCollector, type ValidationResult } from './validation-issue';

export interface RuleSetValidationContext {
  fields: FieldCatalogue;
  pools: readonly Pool[];
  reps: readonly Rep[];
}

const OWNER_POLICIES: readonly OwnerPolicy[] = ['keep_if_active_rep', 'override', 'keep_if_available'];
const COMBINATORS: readonly Combinator[] = ['all', 'any'];

/** True when the rule matches every lead (no conditions, or no groups). */
export function isDefaultRule(rule: RoutingRule): boolean {
  const conditions = rule.conditions;
  return (
    conditions === undefined ||
    conditions === null ||
    (Array.isArray(conditions.groups) && conditions.groups.length === 0)
  );
}

function checkCombinator(issues: IssueCollector, path: string, combinator: unknown): void {
  if (!COMBINATORS.includes(combinator as Combinator)) {
    issues.error(path, 'unknown_combinator', 'combinator must be "all" or "any"');
  }
}

function checkCondition(
  issues: IssueCollector,
  path: string,
  condition: Condition,
  fields: FieldCatalogue,
): void {
  if (typeof condition !== 'object' || condition === null) {
    issues.error(path, 'unknown_field', 'a condition needs a field and an operator');
    return;
  }
  const field = typeof condition.field === 'string' ? resolveField(condition.field, fields) : null;
  if (field === null) {
    issues.error(
      `${path}.field`,
      'unknown_field',
      `unknown field "${String(condition.field)}"; use a canonical field or a declared custom field as custom.<key>`,
    );
  }
  if (!isOperator(condition.operator)) {
    issues.error(
      `${path}.operator`,
      'unknown_operator',
      `unknown operator "${String(condition.operator)}"; use one of: ${OPERATORS.join(', ')}`,
    );
    return;
  }
  if (field === null) return;
  if (!operatorSupportsType(condition.operator, field.type)) {
    issues.error(
      `${path}.operator`,
      'operator_type_mismatch',
      `${condition.operator} does not apply to ${field.type} field "${field.name}"; ` +
        `use one of: ${OPERATORS_BY_FIELD_TYPE[field.type].join(', ')}`,
    );
    return;
  }
  const valueProblem = checkConditionValue(condition.operator, field.type, condition.value);
  if (valueProblem !== null) {
    issues.error(`${path}.value`, valueProblem.code, valueProblem.message);
    return;
  }
  if (field.options !== null) {
    const known = new Set(field.options.map((option) => option.toLowerCase()));
    const values = Array.isArray(condition.value) ? condition.value : [condition.value];
    for (const value of values) {
      if (typeof value === 'string' && !known.has(value.toLowerCase())) {
        issues.warning(
          `${path}.value`,
          'unknown_enum_value',
          `"${value}" is not an option of "${field.name}" (${field.options.join(', ')}), so it never matches`,
        );
      }
    }
  }
}

function checkConditions(
  issues: IssueCollector,
  rule: RoutingRule,
  path: string,
  fields: FieldCatalogue,
): void {
  const conditions = rule.conditions;
  if (conditions === undefined || conditions === null) return;
  checkCombinator(issues, `${path}.combinator`, conditions.combinator);
  if (!Array.isArray(conditions.groups)) {
    issues.error(`${path}.groups`, 'empty_group', 'groups must be a list');
    return;
  }
  conditions.groups.forEach((group, g) => {
    const groupPath = `${path}.groups[${g}]`;
    checkCombinator(issues, `${groupPath}.combinator`, group.combinator);
    if (!Array.isArray(group.conditions) || group.conditions.length === 0) {
      issues.error(`${groupPath}.conditions`, 'empty_group', 'a group needs at least one condition');
      return;
    }
    group.conditions.forEach((condition, c) => {
      checkCondition(issues, `${groupPath}.conditions[${c}]`, condition, fields);
    });
  });
}

function checkAction(
  issues: IssueCollector,
  rule: RoutingRule,
  path: string,
  poolIds: ReadonlySet<string>,
  repIds: ReadonlySet<string>,
): void {
  const action = rule.action as RoutingRule['action'] | undefined;
  if (typeof action !== 'object' || action === null) {
    issues.error(path, 'unknown_action', 'a rule needs an action');
    return;
  }
  switch (action.type) {
    case 'route_to_pool':
      if (!poolIds.has(action.poolId)) {
        issues.error(`${path}.poolId`, 'pool_not_found', `pool "${String(action.poolId)}" does not exist`);
      }
      return;
    case 'assign_rep':
      if (!repIds.has(action.repId)) {
        issues.error(`${path}.repId`, 'rep_not_found', `rep "${String(action.repId)}" does not exist`);
      }
      checkFallbackTarget(issues, `${path}.fallback`, action.fallback, poolIds, repIds);
      return;
    case 'keep_existing_owner':
    case 'leave_unrouted':
    case 'exclude':
      return;
    default:
      issues.error(
        `${path}.type`,
        'unknown_action',
        'action type must be one of: route_to_pool, assign_rep, keep_existing_owner, leave_unrouted, exclude',
      );
  }
}

/** Pool indexes the rules send leads to directly (their fallbacks are followed separately). */
function poolsUsedByRules(rules: readonly RoutingRule[], pools: readonly Pool[]): number[] {
  const indexById = firstIndexById(pools);
  const used: number[] = [];
  for (const rule of rules) {
    const action: RoutingRule['action'] | undefined = (rule as RoutingRule | null)?.action;
    if (typeof action !== 'object' || action === null) continue;
    const poolId =
      action.type === 'route_to_pool'
        ? action.poolId
        : action.type === 'assign_rep' && action.fallback?.type === 'pool'
          ? action.fallback.poolId
          : undefined;
    const index = poolId === undefined ? undefined : indexById.get(poolId);
    if (index !== undefined) used.push(index);
  }
  return used;
}

export function collectRuleSetIssues(
  issues: IssueCollector,
  ruleSet: RuleSet,
  context: RuleSetValidationContext,
  prefix: string,
): void {
  if (!Number.isInteger(ruleSet.version) || ruleSet.version < 1) {
    issues.error(`${prefix}version`, 'invalid_version', 'version must be a positive integer');
  }
  const rules = Array.isArray(ruleSet.rules) ? ruleSet.rules : [];
  if (rules.length === 0) {
    issues.error(`${prefix}rules`, 'missing_default_rule', 'a rule set needs at least a default rule');
    return;
  }
  const poolIds = new Set(context.pools.map((pool) => pool.id));
  const repIds = new Set(context.reps.map((rep) => rep.id));
  const firstRuleWithId = new Map<string, number>();
  rules.forEach((rule, r) => {
    const path = `${prefix}rules[${r}]`;
    if (typeof rule !== 'object' || rule === null) {
      issues.error(path, 'invalid_id', 'a rule must be an object with an id, conditions and an action');
      return;
    }
    if (!isNonEmptyString(rule.id)) {
      issues.error(`${path}.id`, 'invalid_id', 'rule id must be a non-empty string');
    } else if (firstRuleWithId.has(rule.id)) {
      issues.error(
        `${path}.id`,
        'duplicate_rule_id',
        `rule id "${rule.id}" is also used by rules[${firstRuleWithId.get(rule.id)}]`,
      );
    } else {
      firstRuleWithId.set(rule.id, r);
    }
    checkConditions(issues, rule, `${path}.conditions`, context.fields);
    if (r < rules.length - 1 && isDefaultRule(rule)) {
      issues.warning(
        `${path}.conditions`,
        'unreachable_rules',
        `rule "${rule.id}" has no conditions and matches every lead, so the rules after it never run`,
      );
    }
    checkAction(issues, rule, `${path}.action`, poolIds, repIds);
    if (!OWNER_POLICIES.includes(rule.ownerPolicy)) {
      issues.error(
        `${path}.ownerPolicy`,
        'invalid_owner_policy',
        `ownerPolicy must be one of: ${OWNER_POLICIES.join(', ')}`,
      );
    }
    checkTags(issues, `${path}.requiredSkills`, rule.requiredSkills);
    checkTags(issues, `${path}.requiredTerritories`, rule.requiredTerritories);
  });
  const last = rules[rules.length - 1];
  if (typeof last !== 'object' || last === null || !isDefaultRule(last)) {
    issues.error(
      `${prefix}rules[${rules.length - 1}].conditions`,
      'missing_default_rule',
      'the last rule must be a default rule without conditions, so every lead matches a rule',
    );
  }
}

/**
 * Checks a rule set before it is saved or published and returns every problem found. Rule paths
 * start at the rule set (`rules[2]...`); the pools the rules reach (directly or by fallback) are
 * checked too, with paths into `context.pools` (`pools[1].members[0].weight`).
 */
export function validateRuleSet(ruleSet: RuleSet, context: RuleSetValidationContext): ValidationResult {
  const issues = new IssueCollector();
  collectRuleSetIssues(issues, ruleSet, context, '');
  const rules = Array.isArray(ruleSet.rules) ? ruleSet.rules : [];
  const reachable = poolsReachableFrom(poolsUsedByRules(rules, context.pools), context.pools);
  collectPoolIssues(issues, context.pools, context.reps, reachable);
  return issues.result();
}
