import { type CanonicalFieldKey, type LeadStatus } from './canonical-lead';
import { COLUMN_OBJECT, type DiscoveredField, discoveredFieldKey } from './discovered-field';
import {
  type FieldMapping,
  type FieldMappingInput,
  type FieldRule,
  fieldRuleSchema,
  type Source,
  type StatusParity,
  statusParitySchema,
  type Transform,
} from './mapping-schema';
import { describeSourcePath } from './source-path';
import { guessStatusFromLabel, lookupStatus } from './status-parity';
import { nameMatch } from './name-similarity';
import { TARGET_PROFILES, type TargetProfile } from './target-profiles';
import { kindOfProviderType, type ValueKind } from './value-kind';

export interface FieldSuggestion {
  target: string;
  rule: FieldRule;
  /** 0..1: how likely the admin will keep this rule as proposed. */
  confidence: number;
  reason: string;
}

export interface StatusSuggestion {
  value: string;
  label: string;
  status: LeadStatus;
  confidence: number;
  reason: string;
}

export interface MappingSuggestion {
  /** A complete proposal, ready for the wizard (and for `validate`). */
  mapping: FieldMapping;
  fields: FieldSuggestion[];
  statusParity: StatusSuggestion[];
}

function sourceFor(field: DiscoveredField, recordObject: string): Source {
  if (field.object === COLUMN_OBJECT) return { kind: 'column', id: field.name, read: 'auto' };
  if (field.object === recordObject) return { kind: 'property', object: 'lead', name: field.name };
  const object =
    field.object === 'contact' || field.object === 'company' || field.object === 'deal'
      ? field.object
      : 'lead';
  return { kind: 'property', object, name: field.name };
}

function discoveredKeyOf(source: Source, recordObject: string): string | null {
  switch (source.kind) {
    case 'property':
      return discoveredFieldKey(source.object === 'lead' ? recordObject : source.object, source.name);
    case 'column':
      return discoveredFieldKey(COLUMN_OBJECT, source.id);
    case 'constant':
    case 'record':
      return null;
  }
}

function transformsFor(target: CanonicalFieldKey, field: DiscoveredField, kind: ValueKind): Transform[] {
  switch (target) {
    case 'email':
      return [{ type: 'trim' }, { type: 'lower' }];
    case 'phone':
      return [{ type: 'phone_e164' }];
    case 'domain':
      return [{ type: 'email_to_domain' }];
    case 'country':
      return field.type === 'country' ? [] : [{ type: 'country' }];
    case 'amount':
      return kind === 'number' && field.object === COLUMN_OBJECT
        ? [{ type: 'number', decimalSeparator: '.' }]
        : [{ type: 'money', decimalSeparator: '.' }];
    case 'createdAt':
      return kind === 'date' ? [] : [{ type: 'date', format: 'iso8601', timeZone: 'UTC' }];
    case 'existingOwnerId':
      return kind === 'list' ? [{ type: 'first' }] : [];
    case 'status':
      return [];
    case 'firstName':
    case 'lastName':
    case 'fullName':
    case 'company':
    case 'region':
    case 'industry':
    case 'source':
    case 'externalId':
    case 'currency':
      return [{ type: 'trim' }];
  }
}

function round(confidence: number): number {
  return Math.round(Math.min(1, Math.max(0, confidence)) * 100) / 100;
}

interface Candidate {
  target: CanonicalFieldKey;
  field: DiscoveredField;
  kind: ValueKind;
  /** Uncapped, to rank candidates the displayed confidence cap would tie. */
  score: number;
  confidence: number;
  reason: string;
}

function similarityCandidates(
  target: CanonicalFieldKey,
  profile: TargetProfile,
  discovered: readonly DiscoveredField[],
  recordObject: string,
): Candidate[] {
  const candidates: Candidate[] = [];
  for (const field of discovered) {
    const kind = kindOfProviderType(field.type);
    if (kind !== 'unknown' && !profile.kinds.includes(kind)) continue;
    // The record's own object counts as "lead" here, as it does in property sources.
    const object = field.object === recordObject ? 'lead' : field.object;
    if (
      profile.onlyObjects !== undefined &&
      object !== COLUMN_OBJECT &&
      !profile.onlyObjects.includes(object)
    )
      continue;
    const match = nameMatch(field, profile.synonyms);
    if (match === null) continue;
    let confidence = match.score;
    const reasons = [match.reason];
    if (profile.types?.includes(field.type) === true) {
      confidence += 0.1;
      reasons.push(`type ${field.type}`);
    }
    const objectRank = profile.objects?.indexOf(object) ?? -1;
    if (objectRank >= 0) confidence += objectRank === 0 ? 0.05 : 0.02;
    candidates.push({
      target,
      field,
      kind,
      score: confidence,
      confidence: round(Math.min(confidence, 0.9)),
      reason: reasons.join('; '),
    });
  }
  return candidates;
}

function isAvailable(
  source: Source,
  discovered: ReadonlyMap<string, DiscoveredField>,
  recordObject: string,
): boolean {
  const key = discoveredKeyOf(source, recordObject);
  return key === null || discovered.has(key);
}

function suggestStatusEntries(
  statusRule: FieldRule | undefined,
  discovered: ReadonlyMap<string, DiscoveredField>,
  defaults: StatusParity,
  recordObject: string,
): StatusSuggestion[] {
  if (statusRule === undefined) return [];
  const options = statusRule.sources.flatMap((source) => {
    const key = discoveredKeyOf(source, recordObject);
    return key === null ? [] : (discovered.get(key)?.options ?? []);
  });
  const suggestions: StatusSuggestion[] = [];
  const seen = new Set<string>();
  for (const option of options) {
    if (seen.has(option.value)) continue;
    seen.add(option.value);
    const fromDefaults = lookupStatus(option.value, defaults);
    const guess = guessStatusFromLabel(option.label) ?? guessStatusFromLabel(option.value);
    let status: LeadStatus;
    let confidence: number;
    let reason: string;
    if (fromDefaults !== null)
      [status, confidence, reason] = [fromDefaults, 0.95, 'provider default status table'];
    else if (option.statusHint !== undefined)
      [status, confidence, reason] = [
        option.statusHint,
        0.9,
        `the CRM marks "${option.label}" as ${option.statusHint}`,
      ];
    else if (guess !== null)
      [status, confidence, reason] = [guess.status, 0.6, `label "${option.label}" says "${guess.matched}"`];
    else
      [status, confidence, reason] = [
        'open',
        0.4,
        `nothing in "${option.label}" says closed, so assumed open`,
      ];
    suggestions.push({ value: option.value, label: option.label, status, confidence, reason });
  }
  return suggestions;
}

/**
 * Proposes a mapping for a connection: the provider's default rules whose sources exist, then,
 * for canonical fields still empty, the discovered field whose name, label and type fit best.
 * Each proposal carries a confidence and a reason the wizard shows; nothing is applied unasked.
 */
export interface SuggestOptions {
  /** As for `validate`: the discovered object that `lead` property sources read. */
  recordObject?: string;
}

export function suggestMapping(
  discoveredFields: readonly DiscoveredField[],
  defaults: FieldMappingInput,
  options: SuggestOptions = {},
): MappingSuggestion {
  const recordObject = options.recordObject ?? 'lead';
  const discovered = new Map(
    discoveredFields.map((field) => [discoveredFieldKey(field.object, field.name), field]),
  );
  const suggestions: FieldSuggestion[] = [];
  const used = new Set<string>();
  const covered = new Set<string>();

  const defaultRules = (Array.isArray(defaults.fields) ? defaults.fields : []).flatMap((raw) => {
    const parsed = fieldRuleSchema.safeParse(raw);
    return parsed.success ? [parsed.data] : [];
  });
  for (const rule of defaultRules) {
    if (covered.has(rule.target) || rule.target.startsWith('custom.')) continue;
    const available = rule.sources.filter((source) => isAvailable(source, discovered, recordObject));
    if (available.length === 0) continue;
    const missing = rule.sources.filter((source) => !available.includes(source)).map(describeSourcePath);
    suggestions.push({
      target: rule.target,
      rule: { ...rule, sources: available },
      confidence: missing.length === 0 ? 0.95 : 0.8,
      reason:
        missing.length === 0
          ? 'provider default'
          : `provider default without ${missing.join(', ')}, which this account lacks`,
    });
    covered.add(rule.target);
    for (const source of available) used.add(describeSourcePath(source));
  }

  const candidates = (Object.entries(TARGET_PROFILES) as [CanonicalFieldKey, TargetProfile][])
    .filter(([target]) => !covered.has(target))
    .flatMap(([target, profile]) => similarityCandidates(target, profile, discoveredFields, recordObject))
    .sort((a, b) => b.score - a.score);
  for (const candidate of candidates) {
    const source = sourceFor(candidate.field, recordObject);
    const path = describeSourcePath(source);
    if (covered.has(candidate.target) || used.has(path) || candidate.confidence < 0.5) continue;
    suggestions.push({
      target: candidate.target,
      rule: {
        target: candidate.target,
        sources: [source],
        transforms: transformsFor(candidate.target, candidate.field, candidate.kind),
        required: false,
      },
      confidence: candidate.confidence,
      reason: candidate.reason,
    });
    covered.add(candidate.target);
    used.add(path);
  }

  const ruleFor = (target: string): FieldRule | undefined =>
    suggestions.find((suggestion) => suggestion.target === target)?.rule;
  const emailRule = ruleFor('email');
  if (!covered.has('domain') && emailRule !== undefined) {
    suggestions.push({
      target: 'domain',
      rule: {
        target: 'domain',
        sources: emailRule.sources,
        transforms: [{ type: 'email_to_domain' }],
        required: false,
      },
      confidence: 0.6,
      reason: 'derived from the email address (free-mail domains such as gmail.com will appear as is)',
    });
    covered.add('domain');
  }
  const firstNameRule = ruleFor('firstName');
  const lastNameRule = ruleFor('lastName');
  if (!covered.has('fullName') && firstNameRule !== undefined && lastNameRule !== undefined) {
    suggestions.push({
      target: 'fullName',
      rule: {
        target: 'fullName',
        sources: [...firstNameRule.sources, ...lastNameRule.sources],
        transforms: [{ type: 'join', separator: ' ' }],
        required: false,
      },
      confidence: 0.7,
      reason: 'first and last name joined',
    });
    covered.add('fullName');
  }
  if (!covered.has('externalId')) {
    suggestions.push({
      target: 'externalId',
      rule: {
        target: 'externalId',
        sources: [{ kind: 'record', field: 'externalId' }],
        transforms: [],
        required: true,
      },
      confidence: 1,
      reason: 'every record carries its CRM id',
    });
  }
  for (const [target, field, confidence, reason] of [
    ['existingOwnerId', 'ownerId', 0.7, 'the owner the adapter reports on the record'],
    ['createdAt', 'createdAt', 0.7, 'the creation time the adapter reports on the record'],
  ] as const) {
    if (covered.has(target)) continue;
    suggestions.push({
      target,
      rule: { target, sources: [{ kind: 'record', field }], transforms: [], required: false },
      confidence,
      reason,
    });
  }

  const parsedDefaults = statusParitySchema.safeParse(defaults.statusParity ?? {});
  const defaultParity: StatusParity = parsedDefaults.success
    ? parsedDefaults.data
    : { entries: [], default: null };
  const statusSuggestions = suggestStatusEntries(ruleFor('status'), discovered, defaultParity, recordObject);
  const mapping: FieldMapping = {
    customFields: [],
    fields: suggestions.map((suggestion) => suggestion.rule),
    statusParity: {
      entries:
        statusSuggestions.length > 0
          ? statusSuggestions.map(({ value, status }) => ({ value, status }))
          : defaultParity.entries,
      // Unmapped values are reported as warnings, so "open" is a visible default rather than a silent one.
      default: defaultParity.default ?? 'open',
    },
  };
  return { mapping, fields: suggestions, statusParity: statusSuggestions };
}
