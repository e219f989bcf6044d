import { z } from 'zod';
import { LEAD_STATUSES } from './canonical-lead';
import { FIELD_TYPES } from './field-type';
import { type MappingProblemCode } from './mapping-problem';
import { mappingConsistencyProblems } from './mapping-consistency';
import { isCountryCode } from './reference-data/country-lookup';
import { CURRENCY_CODES } from './reference-data/currencies';
import { isValidTimeZone } from './time-zone';
import { compileDateFormat } from './transforms/date-format';
import { checkPattern } from './transforms/safe-pattern';

// Custom issues carry our problem code so `validate` can report the same code the API rejects with.
function addProblem(
  ctx: z.RefinementCtx,
  code: MappingProblemCode,
  message: string,
  path: PropertyKey[] = [],
): void {
  ctx.addIssue({ code: 'custom', message, path, params: { problem: code } });
}

export const SOURCE_OBJECTS = ['lead', 'contact', 'company', 'deal'] as const;
export type SourceObject = (typeof SOURCE_OBJECTS)[number];

export const RECORD_FIELDS = ['externalId', 'ownerId', 'createdAt'] as const;
export type RecordField = (typeof RECORD_FIELDS)[number];

export const propertySourceSchema = z.strictObject({
  kind: z.literal('property'),
  object: z.enum(SOURCE_OBJECTS),
  name: z.string().min(1).max(200),
});

export const columnSourceSchema = z.strictObject({
  kind: z.literal('column'),
  id: z.string().min(1).max(200),
  /** `auto` reads what the column type means (ids of people, the date of a date); `text` reads Monday's display text. */
  read: z.enum(['auto', 'text']).default('auto'),
});

export const constantSourceSchema = z.strictObject({
  kind: z.literal('constant'),
  value: z.union([z.string().max(1000), z.number().finite(), z.boolean()]),
});

export const recordSourceSchema = z.strictObject({
  kind: z.literal('record'),
  field: z.enum(RECORD_FIELDS),
});

export const sourceSchema = z.discriminatedUnion('kind', [
  propertySourceSchema,
  columnSourceSchema,
  constantSourceSchema,
  recordSourceSchema,
]);

const currencyCodeSchema = z
  .string()
  .transform((code) => code.toUpperCase())
  .superRefine((code, ctx) => {
    if (!CURRENCY_CODES.has(code))
      addProblem(ctx, 'invalid_currency', `"${code}" is not an ISO 4217 currency code`);
  });

const countryCodeSchema = z
  .string()
  .transform((code) => code.toUpperCase())
  .superRefine((code, ctx) => {
    if (!isCountryCode(code))
      addProblem(ctx, 'invalid_country', `"${code}" is not an ISO 3166-1 alpha-2 country code`);
  });

const decimalSeparatorSchema = z.enum(['.', ',']).default('.');
const vocabularySchema = z.array(z.string().min(1).max(40)).min(1).max(50);

const dateTransformSchema = z
  .strictObject({
    type: z.literal('date'),
    format: z.string().min(1).max(40).default('iso8601'),
    timeZone: z.string().min(1).max(64).default('UTC'),
  })
  .superRefine((transform, ctx) => {
    const compiled = compileDateFormat(transform.format);
    if (!compiled.ok)
      addProblem(ctx, 'invalid_date_format', `date format "${transform.format}": ${compiled.message}`, [
        'format',
      ]);
    if (!isValidTimeZone(transform.timeZone)) {
      addProblem(ctx, 'invalid_time_zone', `"${transform.timeZone}" is not an IANA time zone`, ['timeZone']);
    }
  });

const regexExtractTransformSchema = z
  .strictObject({
    type: z.literal('regex_extract'),
    pattern: z.string(),
    flags: z.string().max(4).default(''),
    /** Capture group number or name; without it the first group, or the whole match when there is none. */
    group: z.union([z.number().int().min(0).max(99), z.string().min(1).max(64)]).optional(),
  })
  .superRefine((transform, ctx) => {
    const check = checkPattern(transform.pattern, transform.flags);
    if (!check.ok) {
      addProblem(ctx, 'unsafe_pattern', `pattern refused: ${check.reason}`, ['pattern']);
      return;
    }
    const { group } = transform;
    if (typeof group === 'number' && group > check.captureGroups) {
      addProblem(
        ctx,
        'unknown_capture_group',
        `the pattern has ${check.captureGroups} capture group(s), not ${group}`,
        ['group'],
      );
    }
    if (typeof group === 'string' && !check.groupNames.includes(group)) {
      addProblem(ctx, 'unknown_capture_group', `the pattern has no group named "${group}"`, ['group']);
    }
  });

export const transformSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('trim') }),
  z.strictObject({ type: z.literal('lower') }),
  z.strictObject({ type: z.literal('upper') }),
  z.strictObject({ type: z.literal('split_name'), part: z.enum(['first', 'last']) }),
  z.strictObject({ type: z.literal('join'), separator: z.string().max(10).default(' ') }),
  z.strictObject({ type: z.literal('split'), separator: z.string().min(1).max(10) }),
  z.strictObject({ type: z.literal('first') }),
  z.strictObject({ type: z.literal('number'), decimalSeparator: decimalSeparatorSchema }),
  z.strictObject({
    type: z.literal('money'),
    currency: currencyCodeSchema.optional(),
    decimalSeparator: decimalSeparatorSchema,
  }),
  dateTransformSchema,
  z.strictObject({
    type: z.literal('boolean'),
    truthy: vocabularySchema.optional(),
    falsy: vocabularySchema.optional(),
  }),
  z.strictObject({
    type: z.literal('value_map'),
    entries: z
      .array(z.strictObject({ from: z.string().max(500), to: z.string().max(500).nullable() }))
      .max(1000),
    /** Used for values no entry matches; null means "no value". Without it such values pass through unchanged, with a warning. */
    default: z.string().max(500).nullable().optional(),
    caseSensitive: z.boolean().default(false),
  }),
  z.strictObject({ type: z.literal('email_to_domain') }),
  z.strictObject({ type: z.literal('phone_e164'), defaultCountry: countryCodeSchema.optional() }),
  z.strictObject({ type: z.literal('country') }),
  regexExtractTransformSchema,
  z.strictObject({ type: z.literal('truncate'), maxLength: z.number().int().min(1).max(100_000) }),
]);

export const fieldRuleSchema = z.strictObject({
  /** A canonical field (`email`) or a declared custom field (`custom.segment`). */
  target: z.string().min(1).max(100),
  /** Read in order; the first that has a value wins (all of them when the first transform is `join`). */
  sources: z.array(sourceSchema).min(1).max(10),
  transforms: z.array(transformSchema).max(20).default([]),
  required: z.boolean().default(false),
});

export const CUSTOM_FIELD_KEY = /^[a-z][a-z0-9_]{0,62}$/;

export const customFieldSchema = z.strictObject({
  key: z.string().regex(CUSTOM_FIELD_KEY, 'lower-case letters, digits and _, starting with a letter'),
  label: z.string().min(1).max(100),
  type: z.enum(FIELD_TYPES),
  options: z.array(z.string().min(1).max(200)).max(500).optional(),
});

export const statusParityEntrySchema = z.strictObject({
  /** The CRM's value after the status rule's transforms: a HubSpot stage id, a Monday status label. */
  value: z.string().min(1).max(500),
  status: z.enum(LEAD_STATUSES),
});

export const statusParitySchema = z.strictObject({
  entries: z.array(statusParityEntrySchema).max(1000).default([]),
  /** Used (with a warning) for values the table lacks, and for leads with no status value. Null: such leads fail. */
  default: z.enum(LEAD_STATUSES).nullable().default(null),
});

/** The structure alone: what a draft must satisfy before it can even be checked. */
export const fieldMappingShapeSchema = z.strictObject({
  customFields: z.array(customFieldSchema).max(100).default([]),
  fields: z.array(fieldRuleSchema).max(200),
  statusParity: statusParitySchema.default({ entries: [], default: null }),
});

/**
 * A mapping that normalization can run: structure plus internal consistency (known and unique
 * targets, an externalId rule, a way to decide status). Checks that need the CRM's discovered
 * fields live in `validate`.
 */
export const fieldMappingSchema = fieldMappingShapeSchema.superRefine((mapping, ctx) => {
  const problems = mappingConsistencyProblems(
    mapping.customFields.map((field, index) => ({ ...field, index })),
    mapping.fields.map((rule, index) => ({ index, target: rule.target })),
    mapping.statusParity,
  );
  for (const problem of problems) {
    if (problem.severity === 'error') addProblem(ctx, problem.code, problem.message, problem.pathSegments);
  }
});

export type PropertySource = z.output<typeof propertySourceSchema>;
export type ColumnSource = z.output<typeof columnSourceSchema>;
export type ConstantSource = z.output<typeof constantSourceSchema>;
export type RecordSource = z.output<typeof recordSourceSchema>;
export type Source = z.output<typeof sourceSchema>;
export type Transform = z.output<typeof transformSchema>;
export type TransformType = Transform['type'];
export type FieldRule = z.output<typeof fieldRuleSchema>;
export type CustomFieldDefinition = z.output<typeof customFieldSchema>;
export type StatusParityEntry = z.output<typeof statusParityEntrySchema>;
export type StatusParity = z.output<typeof statusParitySchema>;
export type FieldMapping = z.output<typeof fieldMappingSchema>;
/** What callers may write: defaults (`required: false`, `transforms: []`, ...) may be left out. */
export type FieldMappingInput = z.input<typeof fieldMappingSchema>;
export type FieldRuleInput = z.input<typeof fieldRuleSchema>;
export type TransformInput = z.input<typeof transformSchema>;
