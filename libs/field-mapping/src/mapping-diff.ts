import { type LeadStatus } from './canonical-lead';
import { statusValueKey } from './mapping-consistency';
import { type z } from 'zod';
import {
  type CustomFieldDefinition,
  customFieldSchema,
  type FieldMapping,
  type FieldMappingInput,
  fieldMappingShapeSchema,
  type FieldRule,
  fieldRuleSchema,
  type StatusParityEntry,
  statusParityEntrySchema,
  statusParitySchema,
} from './mapping-schema';
import { stableJson } from './stable-json';

export type FieldRulePart = 'sources' | 'transforms' | 'required';

export interface FieldRuleChange {
  target: string;
  before: FieldRule;
  after: FieldRule;
  /** Which parts of the rule differ. */
  parts: FieldRulePart[];
}

export interface CustomFieldChange {
  key: string;
  before: CustomFieldDefinition;
  after: CustomFieldDefinition;
}

export interface StatusEntryChange {
  value: string;
  before: LeadStatus;
  after: LeadStatus;
}

export interface MappingDiff {
  /** True when nothing below changed (rule order, key order and spelled-out defaults do not count). */
  identical: boolean;
  fields: { added: FieldRule[]; removed: FieldRule[]; changed: FieldRuleChange[] };
  customFields: {
    added: CustomFieldDefinition[];
    removed: CustomFieldDefinition[];
    changed: CustomFieldChange[];
  };
  statusParity: {
    added: StatusParityEntry[];
    removed: StatusParityEntry[];
    changed: StatusEntryChange[];
    /** Present only when the default changed. */
    default?: { before: LeadStatus | null; after: LeadStatus | null };
  };
}

// Spelled-out defaults (`required: false`) must not show up as changes. Stored versions always
// parse; a draft that does not is compared part by part, its unparseable rules as written.
function withDefaults(mapping: FieldMappingInput | FieldMapping): FieldMapping {
  const parsed = fieldMappingShapeSchema.safeParse(mapping);
  if (parsed.success) return parsed.data;
  const parseEach = <T>(items: unknown, schema: z.ZodType<T>): T[] =>
    (Array.isArray(items) ? (items as unknown[]) : []).map((item) => {
      const result = schema.safeParse(item);
      return result.success ? result.data : (item as T);
    });
  const parity = statusParitySchema.safeParse(mapping.statusParity ?? {});
  return {
    customFields: parseEach(mapping.customFields, customFieldSchema),
    fields: parseEach(mapping.fields, fieldRuleSchema),
    statusParity: parity.success
      ? parity.data
      : { entries: parseEach(mapping.statusParity?.entries, statusParityEntrySchema), default: null },
  };
}

/** Keys rules by target; a (rejected) duplicate target gets `#2`, `#3` so nothing is lost from the diff. */
function keyed<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) {
    const base = keyOf(item);
    let key = base;
    for (let count = 2; map.has(key); count += 1) key = `${base}#${count}`;
    map.set(key, item);
  }
  return map;
}

function diffKeyed<T>(
  before: Map<string, T>,
  after: Map<string, T>,
): { added: T[]; removed: T[]; changed: [string, T, T][] } {
  const added = [...after].filter(([key]) => !before.has(key)).map(([, item]) => item);
  const removed = [...before].filter(([key]) => !after.has(key)).map(([, item]) => item);
  const changed: [string, T, T][] = [];
  for (const [key, old] of before) {
    const updated = after.get(key);
    if (updated !== undefined && stableJson(old) !== stableJson(updated)) changed.push([key, old, updated]);
  }
  return { added, removed, changed };
}

/** What changed from mapping `a` (older) to `b` (newer), rule by rule and status entry by entry. */
export function diffMappings(
  a: FieldMappingInput | FieldMapping,
  b: FieldMappingInput | FieldMapping,
): MappingDiff {
  const before = withDefaults(a);
  const after = withDefaults(b);

  const fields = diffKeyed(
    keyed(before.fields, (rule) => rule.target),
    keyed(after.fields, (rule) => rule.target),
  );
  const customFields = diffKeyed(
    keyed(before.customFields, (field) => field.key),
    keyed(after.customFields, (field) => field.key),
  );
  const entries = diffKeyed(
    keyed(before.statusParity.entries, (entry) => statusValueKey(entry.value)),
    keyed(after.statusParity.entries, (entry) => statusValueKey(entry.value)),
  );
  const defaultChanged = before.statusParity.default !== after.statusParity.default;

  const diff: MappingDiff = {
    identical: false,
    fields: {
      added: fields.added,
      removed: fields.removed,
      changed: fields.changed.map(([, old, updated]) => ({
        target: updated.target,
        before: old,
        after: updated,
        parts: (['sources', 'transforms', 'required'] as const).filter(
          (part) => stableJson(old[part]) !== stableJson(updated[part]),
        ),
      })),
    },
    customFields: {
      added: customFields.added,
      removed: customFields.removed,
      changed: customFields.changed.map(([key, old, updated]) => ({ key, before: old, after: updated })),
    },
    statusParity: {
      added: entries.added,
      removed: entries.removed,
      // Entries matched ignoring case; a change of spelling alone is not a change of meaning.
      changed: entries.changed
        .filter(([, old, updated]) => old.status !== updated.status)
        .map(([, old, updated]) => ({ value: updated.value, before: old.status, after: updated.status })),
      ...(defaultChanged
        ? { default: { before: before.statusParity.default, after: after.statusParity.default } }
        : {}),
    },
  };
  diff.identical =
    diff.fields.added.length + diff.fields.removed.length + diff.fields.changed.length === 0 &&
    diff.customFields.added.length + diff.customFields.removed.length + diff.customFields.changed.length ===
      0 &&
    diff.statusParity.added.length + diff.statusParity.removed.length + diff.statusParity.changed.length ===
      0 &&
    !defaultChanged;
  return diff;
}
