/** Types a canonical or custom field can have; the routing engine's condition validator keys on these. */
export const FIELD_TYPES = ['text', 'number', 'money', 'date', 'boolean', 'enum', 'list'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** Stricter shapes some text fields promise, checked when a lead is normalized. */
export const FIELD_FORMATS = ['email', 'e164', 'domain', 'iso3166_alpha2', 'iso4217', 'iso8601'] as const;
export type FieldFormat = (typeof FIELD_FORMATS)[number];
