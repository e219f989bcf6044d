import { isCanonicalFieldKey } from './canonical-lead';
import { type FieldType } from './field-type';
import { type MappingProblemCode, type ProblemSeverity } from './mapping-problem';

export interface ConsistencyProblem {
  code: MappingProblemCode;
  severity: ProblemSeverity;
  message: string;
  pathSegments: PropertyKey[];
}

/** Just what the consistency checks look at, so `validate` can run them on a half-valid draft. */
export interface DeclaredCustomField {
  index: number;
  key: string;
  type?: FieldType;
  options?: readonly string[];
}

export interface RuleTarget {
  index: number;
  target: string;
}

interface ParityLike {
  entries: readonly { value: string; status: string }[];
  default: string | null;
}

export const CUSTOM_TARGET_PREFIX = 'custom.';

/** Targets a mapping cannot work without; see docs/field-mapping.md. */
export const ALWAYS_REQUIRED_TARGETS = ['externalId'] as const;

export function statusValueKey(value: string): string {
  return value.trim().toLowerCase();
}

export function mappingConsistencyProblems(
  customFields: readonly DeclaredCustomField[],
  targets: readonly RuleTarget[],
  statusParity: ParityLike | undefined,
): ConsistencyProblem[] {
  const problems: ConsistencyProblem[] = [];
  const declared = new Map<string, DeclaredCustomField>();
  for (const field of customFields) {
    const earlier = declared.get(field.key);
    if (earlier !== undefined) {
      problems.push({
        code: 'duplicate_custom_field',
        severity: 'error',
        message: `custom field "${field.key}" is already declared at customFields[${earlier.index}]`,
        pathSegments: ['customFields', field.index, 'key'],
      });
      continue;
    }
    declared.set(field.key, field);
    if (field.type === 'enum' && (field.options === undefined || field.options.length === 0)) {
      problems.push({
        code: 'missing_enum_options',
        severity: 'error',
        message: `custom enum field "${field.key}" needs its options`,
        pathSegments: ['customFields', field.index, 'options'],
      });
    }
  }

  const firstRuleForTarget = new Map<string, number>();
  for (const { index, target } of targets) {
    const isCustom = target.startsWith(CUSTOM_TARGET_PREFIX);
    const customKey = target.slice(CUSTOM_TARGET_PREFIX.length);
    if (!isCanonicalFieldKey(target) && !(isCustom && declared.has(customKey))) {
      problems.push({
        code: 'unknown_target',
        severity: 'error',
        message: isCustom
          ? `"${target}" is not a declared custom field; declare "${customKey}" under customFields first`
          : `"${target}" is not a canonical field; custom fields are written "custom.<key>"`,
        pathSegments: ['fields', index, 'target'],
      });
    }
    const earlier = firstRuleForTarget.get(target);
    if (earlier === undefined) firstRuleForTarget.set(target, index);
    else {
      problems.push({
        code: 'duplicate_target',
        severity: 'error',
        message: `"${target}" is already mapped by fields[${earlier}]; give one rule several sources instead`,
        pathSegments: ['fields', index, 'target'],
      });
    }
  }

  for (const required of ALWAYS_REQUIRED_TARGETS) {
    if (!firstRuleForTarget.has(required)) {
      problems.push({
        code: 'missing_required_target',
        severity: 'error',
        message: `every mapping needs a rule for "${required}" (for example the record source "externalId")`,
        pathSegments: ['fields'],
      });
    }
  }
  if (!firstRuleForTarget.has('status') && (statusParity?.default ?? null) === null) {
    problems.push({
      code: 'missing_required_target',
      severity: 'error',
      message:
        'status needs either a rule or a status-parity default (for example "open" for a board without a status column)',
      pathSegments: ['statusParity', 'default'],
    });
  }

  const seenStatusValues = new Map<string, { index: number; status: string }>();
  (statusParity?.entries ?? []).forEach((entry, index) => {
    const key = statusValueKey(entry.value);
    const earlier = seenStatusValues.get(key);
    if (earlier === undefined) {
      seenStatusValues.set(key, { index, status: entry.status });
      return;
    }
    const conflicting = earlier.status !== entry.status;
    problems.push({
      code: 'duplicate_status_value',
      severity: conflicting ? 'error' : 'warning',
      message: conflicting
        ? `"${entry.value}" is mapped to ${earlier.status} at statusParity.entries[${earlier.index}] and to ${entry.status} here (values match ignoring case and spaces)`
        : `"${entry.value}" repeats statusParity.entries[${earlier.index}]`,
      pathSegments: ['statusParity', 'entries', index, 'value'],
    });
  });

  for (const field of declared.values()) {
    if (!firstRuleForTarget.has(`${CUSTOM_TARGET_PREFIX}${field.key}`)) {
      problems.push({
        code: 'unmapped_custom_field',
        severity: 'warning',
        message: `custom field "${field.key}" is declared but no rule fills it, so it will always be null`,
        pathSegments: ['customFields', field.index],
      });
    }
  }
  return problems;
}
