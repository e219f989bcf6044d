import { type CompiledGroup, type CompiledRule } from './compiled-config';
import { type ConditionEvaluation, type GroupEvaluation, type RuleEvaluation } from './decision-types';
import { type NormalizedLead } from './lead-types';

/**
 * Every condition of a group is evaluated, even after the outcome is known, so the trail can say
 * all the reasons a rule did not match, not only the first.
 */
function evaluateGroup(group: CompiledGroup, lead: NormalizedLead): GroupEvaluation {
  const conditions: ConditionEvaluation[] = [];
  let passed = 0;
  for (const condition of group.conditions) {
    const actual = condition.read(lead);
    const result = condition.test(actual);
    if (result) passed++;
    conditions.push({
      field: condition.field,
      operator: condition.operator,
      expected: condition.expected,
      actual,
      result,
    });
  }
  const matched = group.combinator === 'all' ? passed === conditions.length : passed > 0;
  return { combinator: group.combinator, matched, conditions };
}

export function evaluateRule(rule: CompiledRule, lead: NormalizedLead): RuleEvaluation {
  if (rule.combinator === null) {
    return { ruleId: rule.rule.id, combinator: null, matched: true, groups: [] };
  }
  const groups: GroupEvaluation[] = [];
  let passed = 0;
  for (const group of rule.groups) {
    const evaluation = evaluateGroup(group, lead);
    if (evaluation.matched) passed++;
    groups.push(evaluation);
  }
  const matched = rule.combinator === 'all' ? passed === groups.length : passed > 0;
  return { ruleId: rule.rule.id, combinator: rule.combinator, matched, groups };
}
