import { type FieldValue } from '../field-value';

export type TransformFailureCode =
  | 'list_not_supported'
  | 'not_a_number'
  | 'not_money'
  | 'invalid_date'
  | 'not_boolean'
  | 'invalid_email'
  | 'invalid_domain'
  | 'invalid_phone'
  | 'unknown_country'
  | 'not_a_name'
  | 'unsafe_pattern'
  | 'value_too_long'
  | 'invalid_transform';

export type TransformWarningCode = 'value_not_mapped' | 'no_match' | 'phone_unverified';

export interface TransformWarning {
  code: TransformWarningCode;
  message: string;
}

export interface TransformFailure {
  ok: false;
  code: TransformFailureCode;
  message: string;
}

export interface TransformSuccess {
  ok: true;
  /** null: the transform found nothing (a last name in "Cher", no regex match). */
  value: FieldValue;
  /** ISO 4217 code the money transform read from the value, or assumed from its configuration. */
  currency?: { code: string; readFromValue: boolean };
  warnings: TransformWarning[];
}

export type TransformOutcome = TransformSuccess | TransformFailure;

/** What a transform of one text value returns before the dispatcher lifts it over lists. */
export type TextOutcome = { ok: true; value: string | null; warning?: TransformWarning } | TransformFailure;

export function failed(code: TransformFailureCode, message: string): TransformFailure {
  return { ok: false, code, message };
}
