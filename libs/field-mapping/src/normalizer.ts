import { type CanonicalLead, type CustomFieldValue } from './canonical-lead';
import { describeTarget } from './field-catalogue';
import { type FieldValue, isEmptyValue, previewValue } from './field-value';
import { CUSTOM_TARGET_PREFIX } from './mapping-consistency';
import { formatProblemPath } from './mapping-problem';
import {
  type FieldMapping,
  type FieldMappingInput,
  fieldMappingSchema,
  type FieldRule,
} from './mapping-schema';
import { type NormalizeIssue } from './normalize-issue';
import { describeSourcePath } from './source-path';
import { readSource } from './source-reader';
import { type SourceRecord } from './source-record';
import { decideStatus } from './status-parity';
import { coerceToField, type StoredValue } from './target-coercion';
import { applyTransform } from './transforms/apply-transform';

export type NormalizeResult =
  | { ok: true; lead: CanonicalLead; warnings: NormalizeIssue[] }
  | { ok: false; errors: NormalizeIssue[]; warnings: NormalizeIssue[] };

/** Collects issues, deciding per rule whether a failure fails the lead (required) or only the field. */
class IssueLog {
  readonly errors: NormalizeIssue[] = [];
  readonly warnings: NormalizeIssue[] = [];

  error(issue: NormalizeIssue): void {
    this.errors.push(issue);
  }

  warn(issue: NormalizeIssue): void {
    this.warnings.push(issue);
  }

  /** Required fields fail the lead; optional ones are left empty and the reason is kept as a warning. */
  fieldFailure(issue: NormalizeIssue, required: boolean): void {
    if (required) this.errors.push(issue);
    else this.warnings.push({ ...issue, message: `${issue.message} (${issue.target} left empty)` });
  }
}

interface RuleValue {
  value: FieldValue;
  source: string;
  currency?: { code: string; readFromValue: boolean };
  /** Index of the transform that emptied the value, for "required but nothing left" messages. */
  emptiedBy?: number;
}

function isRecordObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads the rule's sources: the first with a value, or all of them when the rule starts by joining. */
function readRuleSources(record: SourceRecord, rule: FieldRule, ruleIndex: number, log: IssueLog): RuleValue {
  const joinsAll = rule.transforms[0]?.type === 'join';
  const gathered: string[] = [];
  const paths: string[] = [];
  for (const source of rule.sources) {
    const path = describeSourcePath(source);
    const reading = readSource(record, source);
    if (!reading.ok) {
      log.warn({
        code: 'unreadable_source',
        target: rule.target,
        rule: ruleIndex,
        source: path,
        message: reading.message,
      });
      continue;
    }
    if (isEmptyValue(reading.value)) continue;
    if (!joinsAll) return { value: reading.value, source: path };
    const value = reading.value;
    if (Array.isArray(value)) gathered.push(...value);
    else if (value !== null) gathered.push(String(value));
    paths.push(path);
  }
  const tried = rule.sources.map(describeSourcePath).join(', ');
  if (joinsAll && gathered.length > 0) return { value: gathered, source: paths.join(' + ') };
  return { value: null, source: tried };
}

function runRule(
  record: SourceRecord,
  rule: FieldRule,
  ruleIndex: number,
  required: boolean,
  log: IssueLog,
): RuleValue | null {
  const read = readRuleSources(record, rule, ruleIndex, log);
  let value = read.value;
  let currency: RuleValue['currency'];
  for (const [transformIndex, transform] of rule.transforms.entries()) {
    if (isEmptyValue(value)) break;
    const outcome = applyTransform(value, transform);
    const where = { target: rule.target, rule: ruleIndex, source: read.source, transformIndex };
    if (!outcome.ok) {
      log.fieldFailure(
        { code: outcome.code, ...where, message: `${transform.type}: ${outcome.message}` },
        required,
      );
      return null;
    }
    for (const warning of outcome.warnings)
      log.warn({ code: warning.code, ...where, message: `${transform.type}: ${warning.message}` });
    if (outcome.currency !== undefined) currency = outcome.currency;
    value = outcome.value;
    if (isEmptyValue(value)) return { value: null, source: read.source, emptiedBy: transformIndex };
  }
  return { value, source: read.source, ...(currency === undefined ? {} : { currency }) };
}

function statusText(value: FieldValue): string | null | undefined {
  if (value === null || isEmptyValue(value)) return null;
  if (Array.isArray(value)) return value.length === 1 ? (value[0] ?? null) : undefined;
  return String(value).trim();
}

function emptyLead(): CanonicalLead {
  return {
    externalId: '',
    email: null,
    firstName: null,
    lastName: null,
    fullName: null,
    phone: null,
    company: null,
    domain: null,
    country: null,
    region: null,
    industry: null,
    source: null,
    amount: null,
    currency: null,
    status: 'open',
    existingOwnerId: null,
    createdAt: null,
    custom: {},
    customCurrencies: {},
  };
}

function assignCanonical(lead: CanonicalLead, target: string, value: StoredValue): void {
  const text = typeof value === 'string' ? value : null;
  switch (target) {
    case 'externalId':
      lead.externalId = text ?? '';
      return;
    case 'amount':
      lead.amount = typeof value === 'number' ? value : null;
      return;
    case 'email':
    case 'firstName':
    case 'lastName':
    case 'fullName':
    case 'phone':
    case 'company':
    case 'domain':
    case 'country':
    case 'region':
    case 'industry':
    case 'source':
    case 'currency':
    case 'existingOwnerId':
    case 'createdAt':
      lead[target] = text;
      return;
    default:
      return;
  }
}

function normalizeParsed(record: SourceRecord, mapping: FieldMapping): NormalizeResult {
  const log = new IssueLog();
  const lead = emptyLead();
  const custom: Record<string, CustomFieldValue> = Object.fromEntries(
    mapping.customFields.map((field) => [field.key, null]),
  );
  let statusValue: string | null = null;
  let statusRule: { rule: number; source: string } | undefined;
  let amountCurrency: { code: string; readFromValue: boolean; rule: number } | undefined;

  for (const [ruleIndex, rule] of mapping.fields.entries()) {
    const field = describeTarget(rule.target, mapping.customFields);
    if (field === undefined) continue; // The schema refuses unknown targets; this only satisfies the type.
    const required = rule.required || rule.target === 'externalId';
    const result = runRule(record, rule, ruleIndex, required, log);
    if (result === null) continue;
    const where = { target: rule.target, rule: ruleIndex, source: result.source };

    if (rule.target === 'status') {
      statusRule = { rule: ruleIndex, source: result.source };
      const text = statusText(result.value);
      if (text === undefined) {
        log.error({
          code: 'type_mismatch',
          ...where,
          message: `status takes one value but got ${previewValue(result.value)}; add "first"`,
        });
        continue;
      }
      if (text === null && required) {
        log.error({ code: 'missing_required', ...where, message: 'status is required but has no value' });
        continue;
      }
      statusValue = text;
      continue;
    }

    if (result.value === null || isEmptyValue(result.value)) {
      if (required) {
        const message =
          result.emptiedBy === undefined
            ? `${rule.target} is required but ${rule.sources.length > 1 ? 'its sources are all empty' : 'its source is empty'} (${result.source})`
            : `${rule.target} is required but transform ${result.emptiedBy} (${rule.transforms[result.emptiedBy]?.type ?? '?'}) left no value`;
        log.error({
          code: 'missing_required',
          ...where,
          ...(result.emptiedBy === undefined ? {} : { transformIndex: result.emptiedBy }),
          message,
        });
      }
      continue;
    }

    const coerced = coerceToField(result.value, field);
    if (!coerced.ok) {
      log.fieldFailure({ code: coerced.code, ...where, message: coerced.message }, required);
      continue;
    }
    if (rule.target.startsWith(CUSTOM_TARGET_PREFIX)) {
      const key = rule.target.slice(CUSTOM_TARGET_PREFIX.length);
      custom[key] = coerced.value;
      if (field.type === 'money' && result.currency !== undefined)
        lead.customCurrencies[key] = result.currency.code;
      continue;
    }
    assignCanonical(lead, rule.target, coerced.value);
    if (rule.target === 'amount' && result.currency !== undefined)
      amountCurrency = { ...result.currency, rule: ruleIndex };
  }
  lead.custom = custom;

  // An explicit currency rule wins over the money transform's configured currency; a currency
  // written in the amount itself ("€48,000") that disagrees with it is worth a warning.
  if (amountCurrency !== undefined) {
    if (lead.currency === null) lead.currency = amountCurrency.code;
    else if (amountCurrency.readFromValue && lead.currency !== amountCurrency.code) {
      log.warn({
        code: 'currency_conflict',
        target: 'currency',
        rule: amountCurrency.rule,
        message: `the amount is written in ${amountCurrency.code} but the currency rule says ${lead.currency}; kept ${lead.currency}`,
      });
    }
  }

  const decision = decideStatus(statusValue, mapping.statusParity);
  const statusWhere = { target: 'status', ...(statusRule ?? {}) };
  if (decision.ok) {
    lead.status = decision.status;
    if (decision.unmappedValue !== undefined) {
      log.warn({
        code: 'unmapped_status',
        ...statusWhere,
        message: `status value ${JSON.stringify(decision.unmappedValue)} is not in the status-parity table; used the default "${decision.status}"`,
      });
    }
  } else if (decision.reason === 'unmapped') {
    log.error({
      code: 'unmapped_status',
      ...statusWhere,
      message: `status value ${JSON.stringify(decision.value)} is not in the status-parity table, which has no default; add it to the table`,
    });
  } else if (!log.errors.some((issue) => issue.target === 'status')) {
    log.error({
      code: 'status_undetermined',
      ...statusWhere,
      message: 'the record has no status value and the status-parity table has no default',
    });
  }

  if (log.errors.length > 0) return { ok: false, errors: log.errors, warnings: log.warnings };
  return { ok: true, lead, warnings: log.warnings };
}

function recordProblem(record: unknown): string | null {
  if (!isRecordObject(record)) return `the record is ${previewValue(record)}, not an object`;
  if (record['properties'] !== undefined && !isRecordObject(record['properties']))
    return 'record.properties is not an object';
  if (record['columns'] !== undefined && record['columns'] !== null && !isRecordObject(record['columns']))
    return 'record.columns is not an object';
  if (
    record['associations'] !== undefined &&
    record['associations'] !== null &&
    !isRecordObject(record['associations'])
  ) {
    return 'record.associations is not an object';
  }
  return null;
}

/**
 * Turns one CRM record into a canonical lead through a mapping. Returns every error at once
 * (each naming its target, source and transform) so an admin fixes a mapping in one pass.
 * Never throws, whatever the record or mapping holds: both are checked at run time, because
 * they come from a CRM and a database column, not from the type system.
 */
export function normalize(record: SourceRecord, mapping: FieldMappingInput | FieldMapping): NormalizeResult {
  try {
    const problem = recordProblem(record);
    if (problem !== null)
      return { ok: false, errors: [{ code: 'invalid_record', target: '', message: problem }], warnings: [] };
    const parsed = fieldMappingSchema.safeParse(mapping);
    if (!parsed.success) {
      const errors = parsed.error.issues.map<NormalizeIssue>((issue) => ({
        code: 'invalid_mapping',
        target: '',
        message: `${formatProblemPath(issue.path) || 'mapping'}: ${issue.message}`,
      }));
      return { ok: false, errors, warnings: [] };
    }
    const safeRecord: SourceRecord = {
      ...record,
      properties: isRecordObject(record.properties) ? record.properties : {},
    };
    return normalizeParsed(safeRecord, parsed.data);
  } catch (error) {
    // A bug of ours must not take the intake worker down; report it like any other failure.
    const message = error instanceof Error ? error.message : 'unexpected failure';
    return {
      ok: false,
      errors: [
        { code: 'internal_error', target: '', message: `normalization failed unexpectedly: ${message}` },
      ],
      warnings: [],
    };
  }
}
