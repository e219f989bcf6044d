import { type z } from 'zod';
import {
  COLUMN_OBJECT,
  type DiscoveredField,
  type DiscoveredOption,
  discoveredFieldKey,
} from './discovered-field';
import { describeTarget } from './field-catalogue';
import { type DeclaredCustomField, mappingConsistencyProblems, type RuleTarget } from './mapping-consistency';
import { formatProblemPath, type MappingProblem, type MappingProblemCode } from './mapping-problem';
import {
  type CustomFieldDefinition,
  customFieldSchema,
  type FieldRule,
  fieldRuleSchema,
  type Source,
  type StatusParity,
  statusParitySchema,
  type Transform,
} from './mapping-schema';
import { isCountryCode } from './reference-data/country-lookup';
import { describeSourcePath } from './source-path';
import { lookupStatus } from './status-parity';
import { applyTransform } from './transforms/apply-transform';
import {
  kindOfConstant,
  kindOfProviderType,
  targetMismatch,
  transformAccepts,
  transformOutputKind,
  type ValueKind,
} from './value-kind';

const MAPPING_KEYS = new Set(['customFields', 'fields', 'statusParity']);

function isRecordObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function problemsFromZod(error: z.ZodError, prefix: PropertyKey[]): MappingProblem[] {
  return error.issues.map((issue) => {
    const params =
      issue.code === 'custom' ? (issue.params as { problem?: MappingProblemCode } | undefined) : undefined;
    return {
      code: params?.problem ?? 'invalid_shape',
      severity: 'error',
      path: formatProblemPath([...prefix, ...issue.path]),
      message: issue.message,
    };
  });
}

interface IndexedRule {
  index: number;
  rule: FieldRule;
}

interface ParsedDraft {
  problems: MappingProblem[];
  customFields: CustomFieldDefinition[];
  declaredCustomFields: DeclaredCustomField[];
  rules: IndexedRule[];
  targets: RuleTarget[];
  statusParity: StatusParity | undefined;
}

/** Parses what it can, part by part, so one broken rule does not hide the problems of the others. */
function parseDraft(mapping: Record<string, unknown>): ParsedDraft {
  const draft: ParsedDraft = {
    problems: [],
    customFields: [],
    declaredCustomFields: [],
    rules: [],
    targets: [],
    statusParity: undefined,
  };
  for (const key of Object.keys(mapping)) {
    if (!MAPPING_KEYS.has(key))
      draft.problems.push({
        code: 'invalid_shape',
        severity: 'error',
        path: key,
        message: `unknown key "${key}"`,
      });
  }

  const rawCustomFields = mapping['customFields'] ?? [];
  if (!Array.isArray(rawCustomFields)) {
    draft.problems.push({
      code: 'invalid_shape',
      severity: 'error',
      path: 'customFields',
      message: 'customFields must be a list',
    });
  } else {
    (rawCustomFields as unknown[]).forEach((raw, index) => {
      const parsed = customFieldSchema.safeParse(raw);
      if (parsed.success) {
        draft.customFields.push(parsed.data);
        draft.declaredCustomFields.push({ ...parsed.data, index });
      } else {
        draft.problems.push(...problemsFromZod(parsed.error, ['customFields', index]));
        // Still count it as declared, so rules that use it are not also reported as unknown.
        if (isRecordObject(raw) && typeof raw['key'] === 'string')
          draft.declaredCustomFields.push({ index, key: raw['key'] });
      }
    });
  }

  const rawFields = mapping['fields'];
  if (!Array.isArray(rawFields)) {
    draft.problems.push({
      code: 'invalid_shape',
      severity: 'error',
      path: 'fields',
      message: 'fields must be a list of field rules',
    });
  } else {
    (rawFields as unknown[]).forEach((raw, index) => {
      if (isRecordObject(raw) && typeof raw['target'] === 'string')
        draft.targets.push({ index, target: raw['target'] });
      const parsed = fieldRuleSchema.safeParse(raw);
      if (parsed.success) draft.rules.push({ index, rule: parsed.data });
      else draft.problems.push(...problemsFromZod(parsed.error, ['fields', index]));
    });
  }

  const parity = statusParitySchema.safeParse(mapping['statusParity'] ?? { entries: [], default: null });
  if (parity.success) draft.statusParity = parity.data;
  else draft.problems.push(...problemsFromZod(parity.error, ['statusParity']));
  return draft;
}

interface SourceFacts {
  source: Source;
  path: string;
  kind: ValueKind;
  discovered?: DiscoveredField;
}

const RECORD_FIELD_KINDS: Readonly<Record<string, ValueKind>> = {
  externalId: 'text',
  ownerId: 'text',
  createdAt: 'date',
};

function describeSources(
  rule: FieldRule,
  discovered: ReadonlyMap<string, DiscoveredField>,
  recordObject: string,
): SourceFacts[] {
  return rule.sources.map((source) => {
    const path = describeSourcePath(source);
    switch (source.kind) {
      case 'property': {
        const object = source.object === 'lead' ? recordObject : source.object;
        const field = discovered.get(discoveredFieldKey(object, source.name));
        return {
          source,
          path,
          kind: field === undefined ? 'unknown' : kindOfProviderType(field.type),
          ...(field === undefined ? {} : { discovered: field }),
        };
      }
      case 'column': {
        const field = discovered.get(discoveredFieldKey(COLUMN_OBJECT, source.id));
        const kind =
          field === undefined ? 'unknown' : source.read === 'text' ? 'text' : kindOfProviderType(field.type);
        return { source, path, kind, ...(field === undefined ? {} : { discovered: field }) };
      }
      case 'constant':
        return { source, path, kind: kindOfConstant(source.value) };
      case 'record':
        return { source, path, kind: RECORD_FIELD_KINDS[source.field] ?? 'unknown' };
    }
  });
}

/** An option as it will look after the given transforms, or null when we cannot tell (a transform failed). */
function simulate(text: string, transforms: readonly Transform[]): string | null {
  let value: string | null = text;
  for (const transform of transforms) {
    if (value === null) return null;
    const outcome = applyTransform(value, transform);
    if (!outcome.ok || (outcome.value !== null && typeof outcome.value !== 'string')) return null;
    value = outcome.value;
  }
  return value;
}

function optionsOf(facts: readonly SourceFacts[]): DiscoveredOption[] {
  return facts.flatMap((fact) =>
    fact.discovered?.options === undefined ? [] : [...fact.discovered.options],
  );
}

function checkSources(rule: IndexedRule, facts: readonly SourceFacts[], problems: MappingProblem[]): void {
  facts.forEach((fact, sourceIndex) => {
    if ((fact.source.kind === 'property' || fact.source.kind === 'column') && fact.discovered === undefined) {
      problems.push({
        code: 'unknown_source',
        severity: 'error',
        path: formatProblemPath(['fields', rule.index, 'sources', sourceIndex]),
        message: `${fact.path} is not a field the connection reported; rediscover fields or pick another source`,
      });
    }
  });
}

function checkTransformsAndTarget(
  rule: IndexedRule,
  facts: readonly SourceFacts[],
  customFields: readonly CustomFieldDefinition[],
  problems: MappingProblem[],
): void {
  let kinds = facts.map((fact) => ({ path: fact.path, kind: fact.kind }));
  rule.rule.transforms.forEach((transform, transformIndex) => {
    if (transformIndex === 0 && transform.type === 'join') {
      kinds = [{ path: facts.map((fact) => fact.path).join(' + '), kind: 'text' }];
      return;
    }
    kinds = kinds.map(({ path, kind }) => {
      if (transformAccepts(transform, kind)) return { path, kind: transformOutputKind(transform, kind) };
      problems.push({
        code: 'incompatible_transform',
        severity: 'error',
        path: formatProblemPath(['fields', rule.index, 'transforms', transformIndex]),
        message: `"${transform.type}" cannot apply to ${path}, which holds ${kind === 'list' ? 'a list' : `a ${kind} value`} at this point`,
      });
      return { path, kind: 'unknown' };
    });
  });

  const field = describeTarget(rule.rule.target, customFields);
  if (field === undefined) return;
  const targetType = rule.rule.target === 'status' ? 'enum' : field.type;
  for (const { path, kind } of kinds) {
    const mismatch = targetMismatch(kind, targetType);
    if (mismatch === null) continue;
    problems.push({
      code: 'incompatible_target',
      severity: mismatch.severity,
      path: formatProblemPath(['fields', rule.index, 'target']),
      message: `${path} gives ${kind === 'list' ? 'a list' : `a ${kind} value`} for ${rule.rule.target} (${targetType}): ${mismatch.hint}`,
    });
  }
}

const FORMAT_TRANSFORMS: Readonly<Record<string, Transform['type']>> = {
  phone: 'phone_e164',
  country: 'country',
  domain: 'email_to_domain',
};

function checkFormatTransforms(
  rule: IndexedRule,
  facts: readonly SourceFacts[],
  problems: MappingProblem[],
): void {
  const needed = FORMAT_TRANSFORMS[rule.rule.target];
  if (needed === undefined || rule.rule.transforms.some((transform) => transform.type === needed)) return;
  const alreadyFormatted = facts.every((fact) => {
    if (rule.rule.target === 'country') {
      // Monday country columns already give ISO codes, and a constant may be one.
      if (fact.source.kind === 'constant')
        return typeof fact.source.value === 'string' && isCountryCode(fact.source.value);
      return (
        fact.source.kind === 'column' && fact.source.read === 'auto' && fact.discovered?.type === 'country'
      );
    }
    return false;
  });
  if (alreadyFormatted) return;
  problems.push({
    code: 'missing_format_transform',
    severity: 'warning',
    path: formatProblemPath(['fields', rule.index, 'transforms']),
    message: `${rule.rule.target} must be normalized; without a "${needed}" transform values that are not already in that form will be refused`,
  });
}

function checkValueMaps(rule: IndexedRule, facts: readonly SourceFacts[], problems: MappingProblem[]): void {
  const options = optionsOf(facts);
  if (options.length === 0) return;
  rule.rule.transforms.forEach((transform, transformIndex) => {
    if (transform.type !== 'value_map' || transform.default !== undefined) return;
    const before = rule.rule.transforms.slice(0, transformIndex);
    const missing = options.filter((option) => {
      const candidates = [simulate(option.value, before), simulate(option.label, before)].filter(
        (text): text is string => text !== null,
      );
      if (candidates.length === 0) return false;
      return !candidates.some((text) => {
        const outcome = applyTransform(text, transform);
        return outcome.ok && outcome.warnings.length === 0;
      });
    });
    if (missing.length === 0) return;
    problems.push({
      code: 'value_map_incomplete',
      severity: 'warning',
      path: formatProblemPath(['fields', rule.index, 'transforms', transformIndex]),
      message: `the value map has no entry and no default for ${missing.length} known option(s); those values will pass through unchanged`,
      missingOptions: missing.map((option) => option.value),
    });
  });
}

function checkStatusParity(
  rule: IndexedRule,
  facts: readonly SourceFacts[],
  parity: StatusParity,
  problems: MappingProblem[],
): void {
  const options = optionsOf(facts);
  if (options.length === 0) return;
  const simulated = options.map((option) => ({
    option,
    texts: [
      simulate(option.value, rule.rule.transforms),
      simulate(option.label, rule.rule.transforms),
    ].filter((text): text is string => text !== null),
  }));
  const missing = simulated.filter(
    ({ texts }) => texts.length > 0 && !texts.some((text) => lookupStatus(text, parity) !== null),
  );
  if (missing.length > 0) {
    const hasDefault = parity.default !== null;
    problems.push({
      code: 'status_parity_incomplete',
      severity: hasDefault ? 'warning' : 'error',
      path: 'statusParity.entries',
      message: hasDefault
        ? `${missing.length} known status value(s) are not in the table; leads with them get "${parity.default}" and a warning`
        : `${missing.length} known status value(s) are not in the table and there is no default; leads with them will fail`,
      missingOptions: missing.map(({ option }) => option.value),
    });
  }
  // Entries that match no option are usually typos or stages deleted in the CRM.
  const everySourceHasOptions = facts.every(
    (fact) => fact.source.kind === 'constant' || (fact.discovered?.options?.length ?? 0) > 0,
  );
  if (!everySourceHasOptions) return;
  parity.entries.forEach((entry, entryIndex) => {
    const single: StatusParity = { entries: [entry], default: null };
    if (simulated.some(({ texts }) => texts.some((text) => lookupStatus(text, single) !== null))) return;
    problems.push({
      code: 'unknown_status_value',
      severity: 'warning',
      path: formatProblemPath(['statusParity', 'entries', entryIndex, 'value']),
      message: `"${entry.value}" is not a value the status source can have`,
    });
  });
}

export interface ValidateOptions {
  /**
   * The discovered object whose fields `{ kind: 'property', object: 'lead' }` sources read: the
   * object type the mapping is for (`lead`, `contact`, `deal`, or `lead` for a Monday board).
   */
  recordObject?: string;
}

/**
 * Every problem with a mapping, checked against the fields the CRM connection reported: shape,
 * unknown or duplicate targets, unknown sources, transforms that cannot apply to a source's type,
 * value maps and status-parity tables that miss known options. Errors block activation; warnings
 * are for the wizard. An empty list means the mapping is ready.
 */
export function validate(
  mapping: unknown,
  discoveredFields: readonly DiscoveredField[],
  options: ValidateOptions = {},
): MappingProblem[] {
  const recordObject = options.recordObject ?? 'lead';
  if (!isRecordObject(mapping))
    return [{ code: 'invalid_shape', severity: 'error', path: '', message: 'a mapping must be an object' }];
  const draft = parseDraft(mapping);
  const problems = [...draft.problems];
  for (const problem of mappingConsistencyProblems(
    draft.declaredCustomFields,
    draft.targets,
    draft.statusParity,
  )) {
    problems.push({
      code: problem.code,
      severity: problem.severity,
      path: formatProblemPath(problem.pathSegments),
      message: problem.message,
    });
  }

  const discovered = new Map(
    discoveredFields.map((field) => [discoveredFieldKey(field.object, field.name), field]),
  );
  for (const rule of draft.rules) {
    const facts = describeSources(rule.rule, discovered, recordObject);
    checkSources(rule, facts, problems);
    checkTransformsAndTarget(rule, facts, draft.customFields, problems);
    checkFormatTransforms(rule, facts, problems);
    checkValueMaps(rule, facts, problems);
    if (rule.rule.target === 'status' && draft.statusParity !== undefined)
      checkStatusParity(rule, facts, draft.statusParity, problems);
  }
  return problems;
}
