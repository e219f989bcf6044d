/** Every kind of problem `validate` (and the mapping schema) can report. */
export const MAPPING_PROBLEM_CODES = [
  'invalid_shape',
  'unknown_target',
  'duplicate_target',
  'duplicate_custom_field',
  'missing_required_target',
  'missing_enum_options',
  'unsafe_pattern',
  'unknown_capture_group',
  'invalid_date_format',
  'invalid_time_zone',
  'invalid_currency',
  'invalid_country',
  'duplicate_status_value',
  'unknown_source',
  'incompatible_transform',
  'incompatible_target',
  'missing_format_transform',
  'value_map_incomplete',
  'status_parity_incomplete',
  'unknown_status_value',
  'unmapped_custom_field',
] as const;
export type MappingProblemCode = (typeof MAPPING_PROBLEM_CODES)[number];

/**
 * `error`: the mapping must not be activated (normalization would fail or mislead).
 * `warning`: it works, but probably not as the admin meant; show it in the wizard.
 */
export type ProblemSeverity = 'error' | 'warning';

export interface MappingProblem {
  code: MappingProblemCode;
  severity: ProblemSeverity;
  /** JSON path into the mapping, e.g. `fields[3].transforms[1]`; empty for the mapping as a whole. */
  path: string;
  message: string;
  /** Enum option values a value map or status-parity table does not cover. */
  missingOptions?: string[];
}

/** `['fields', 3, 'transforms', 1]` → `fields[3].transforms[1]`. */
export function formatProblemPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text === '' ? String(segment) : `.${String(segment)}`;
  }
  return text;
}
