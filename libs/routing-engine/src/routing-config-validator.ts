import { type RoutingConfig } from './config-types';
import { collectPoolIssues } from './pool-validator';
import { collectRepIssues } from './rep-validator';
import { collectRuleSetIssues } from './rule-set-validator';
import { IssueCollector, type ValidationResult } from './validation-issue';

/**
 * Checks a whole routing configuration: the rule set (paths `ruleSet.rules[...]`), every pool
 * (`pools[...]`) and every rep (`reps[...]`).
 */
export function validateRoutingConfig(config: RoutingConfig): ValidationResult {
  const issues = new IssueCollector();
  collectRuleSetIssues(issues, config.ruleSet, config, 'ruleSet.');
  collectPoolIssues(issues, config.pools, config.reps, new Set(config.pools.keys()));
  collectRepIssues(issues, config.reps);
  return issues.result();
}
