// Public API of @leadflow/field-mapping. Everything else in this folder is internal.

export {
  CANONICAL_FIELD_KEYS,
  type CanonicalFieldKey,
  type CanonicalLead,
  type CustomFieldValue,
  isLeadStatus,
  LEAD_STATUSES,
  type LeadStatus,
} from './canonical-lead';
export { FIELD_FORMATS, FIELD_TYPES, type FieldFormat, type FieldType } from './field-type';
export { CANONICAL_FIELDS, describeTarget, fieldCatalogue, type FieldDescriptor } from './field-catalogue';
export { type AssociatedObject, type ColumnValue, type SourceRecord } from './source-record';
export { type DiscoveredField, type DiscoveredOption } from './discovered-field';
export { type FieldValue } from './field-value';
export {
  type ColumnSource,
  type ConstantSource,
  type CustomFieldDefinition,
  customFieldSchema,
  type FieldMapping,
  type FieldMappingInput,
  fieldMappingSchema,
  fieldMappingShapeSchema,
  type FieldRule,
  type FieldRuleInput,
  fieldRuleSchema,
  type PropertySource,
  RECORD_FIELDS,
  type RecordSource,
  SOURCE_OBJECTS,
  type Source,
  sourceSchema,
  type StatusParity,
  type StatusParityEntry,
  statusParitySchema,
  type Transform,
  type TransformInput,
  transformSchema,
  type TransformType,
} from './mapping-schema';
export { normalize, type NormalizeResult } from './normalizer';
export { type NormalizeIssue, type NormalizeIssueCode } from './normalize-issue';
export { validate, type ValidateOptions } from './mapping-validator';
export {
  MAPPING_PROBLEM_CODES,
  type MappingProblem,
  type MappingProblemCode,
  type ProblemSeverity,
} from './mapping-problem';
export {
  type CustomFieldChange,
  diffMappings,
  type FieldRuleChange,
  type FieldRulePart,
  type MappingDiff,
  type StatusEntryChange,
} from './mapping-diff';
export {
  type FieldSuggestion,
  type MappingSuggestion,
  type StatusSuggestion,
  suggestMapping,
  type SuggestOptions,
} from './mapping-suggester';
export { decideStatus, lookupStatus, type StatusDecision } from './status-parity';
export { applyTransform } from './transforms/apply-transform';
export {
  type TransformFailureCode,
  type TransformOutcome,
  type TransformWarning,
  type TransformWarningCode,
} from './transforms/transform-outcome';
