import { type TransformFailureCode, type TransformWarningCode } from './transforms/transform-outcome';

export type NormalizeIssueCode =
  | 'invalid_mapping'
  | 'invalid_record'
  | 'unreadable_source'
  | 'missing_required'
  | 'type_mismatch'
  | 'invalid_format'
  | 'unmapped_status'
  | 'status_undetermined'
  | 'currency_conflict'
  | 'internal_error'
  | TransformFailureCode
  | TransformWarningCode;

/**
 * One thing that went wrong (an error) or looked wrong (a warning) while normalizing a record.
 * Enough to find the cause without the record: which target, which source, which transform.
 */
export interface NormalizeIssue {
  code: NormalizeIssueCode;
  /** `email`, `custom.segment`; empty for problems with the record or mapping as a whole. */
  target: string;
  /** Index of the rule in `mapping.fields`. */
  rule?: number;
  /** The source the value came from: `contact.email`, `column:status_1`, `record.ownerId`. */
  source?: string;
  /** Index of the transform in the rule's `transforms` that failed or warned. */
  transformIndex?: number;
  message: string;
}
