export type ValidationSeverity = 'error' | 'warning';

export type ValidationCode =
  | 'invalid_version'
  | 'missing_default_rule'
  | 'unreachable_rules'
  | 'invalid_id'
  | 'duplicate_rule_id'
  | 'unknown_combinator'
  | 'empty_group'
  | 'unknown_field'
  | 'unknown_operator'
  | 'operator_type_mismatch'
  | 'invalid_value'
  | 'invalid_regex'
  | 'unsafe_regex'
  | 'unknown_enum_value'
  | 'unknown_action'
  | 'invalid_owner_policy'
  | 'invalid_tags'
  | 'pool_not_found'
  | 'rep_not_found'
  | 'duplicate_pool_id'
  | 'unknown_strategy'
  | 'pool_has_no_reps'
  | 'duplicate_pool_member'
  | 'invalid_weight'
  | 'missing_kpi_weights'
  | 'invalid_kpi'
  | 'catch_up_ignored'
  | 'invalid_fallback'
  | 'fallback_cycle'
  | 'duplicate_rep_id'
  | 'invalid_flag'
  | 'invalid_time_zone'
  | 'invalid_working_hours'
  | 'invalid_out_of_office'
  | 'invalid_cap'
  | 'invalid_owner_ids'
  | 'duplicate_owner_id';

export interface ValidationIssue {
  /** JSON path into the validated document, e.g. `rules[2].conditions.groups[0].conditions[1].operator`. */
  path: string;
  code: ValidationCode;
  severity: ValidationSeverity;
  message: string;
}

export interface ValidationResult {
  /** True when there is no issue of severity `error` (warnings do not block publishing). */
  ok: boolean;
  issues: ValidationIssue[];
}

/** Collects issues in the order the document is walked, so results are stable. */
export class IssueCollector {
  readonly issues: ValidationIssue[] = [];

  error(path: string, code: ValidationCode, message: string): void {
    this.issues.push({ path, code, severity: 'error', message });
  }

  warning(path: string, code: ValidationCode, message: string): void {
    this.issues.push({ path, code, severity: 'warning', message });
  }

  result(): ValidationResult {
    return { ok: !this.issues.some((issue) => issue.severity === 'error'), issues: this.issues };
  }
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `.key` for identifier-like keys, `["key"]` otherwise, so every path stays unambiguous. */
export function propertyPath(key: string): string {
  return IDENTIFIER.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}
