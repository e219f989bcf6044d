import { type CanonicalFieldKey, LEAD_STATUSES } from './canonical-lead';
import { type FieldFormat, type FieldType } from './field-type';
import { CUSTOM_TARGET_PREFIX } from './mapping-consistency';
import { type CustomFieldDefinition } from './mapping-schema';
import { COUNTRY_CODES } from './reference-data/country-lookup';
import { CURRENCY_CODES } from './reference-data/currencies';

/** What the routing engine's condition validator and the mapping wizard need to know about a field. */
export interface FieldDescriptor {
  /** `email`, or `custom.<key>` for a custom field. */
  key: string;
  label: string;
  type: FieldType;
  /** For enum fields: the allowed values. */
  options?: readonly string[];
  /** A stricter shape a text or enum value is checked against when a lead is normalized. */
  format?: FieldFormat;
  custom: boolean;
  description: string;
}

type CanonicalDescriptor = FieldDescriptor & { key: CanonicalFieldKey; custom: false };

function canonical(
  key: CanonicalFieldKey,
  label: string,
  type: FieldType,
  description: string,
  extra: { options?: readonly string[]; format?: FieldFormat } = {},
): CanonicalDescriptor {
  return { key, label, type, description, custom: false, ...extra };
}

export const CANONICAL_FIELDS: readonly CanonicalDescriptor[] = [
  canonical(
    'externalId',
    'External id',
    'text',
    'The record id in the CRM; with the connection it identifies the lead.',
  ),
  canonical('email', 'Email', 'text', 'Email address of the person.', { format: 'email' }),
  canonical('firstName', 'First name', 'text', 'Given name.'),
  canonical('lastName', 'Last name', 'text', 'Family name.'),
  canonical('fullName', 'Full name', 'text', 'Name as displayed.'),
  canonical('phone', 'Phone', 'text', 'Phone number in E.164, e.g. +14155552671.', { format: 'e164' }),
  canonical('company', 'Company', 'text', 'Company or organisation name.'),
  canonical('domain', 'Domain', 'text', 'Company web domain, lower case, without www., e.g. acme.com.', {
    format: 'domain',
  }),
  canonical('country', 'Country', 'enum', 'ISO 3166-1 alpha-2 country code, e.g. US.', {
    options: COUNTRY_CODES,
    format: 'iso3166_alpha2',
  }),
  canonical('region', 'Region', 'text', 'State, province or sales region as the CRM writes it.'),
  canonical('industry', 'Industry', 'text', 'Industry or vertical.'),
  canonical('source', 'Source', 'text', 'Where the lead came from (form, campaign, channel).'),
  canonical(
    'amount',
    'Amount',
    'money',
    'Deal size or budget in major units; its currency is in "currency".',
  ),
  canonical('currency', 'Currency', 'enum', 'ISO 4217 code of the amount, e.g. USD.', {
    options: [...CURRENCY_CODES],
    format: 'iso4217',
  }),
  canonical('status', 'Status', 'enum', 'open, won, lost or excluded, through the status-parity table.', {
    options: LEAD_STATUSES,
  }),
  canonical(
    'existingOwnerId',
    'Existing owner id',
    'text',
    'CRM owner already on the record (HubSpot owner id, Monday person id).',
  ),
  canonical('createdAt', 'Created at', 'date', 'When the record was created in the CRM, ISO 8601 UTC.', {
    format: 'iso8601',
  }),
];

const CANONICAL_BY_KEY: ReadonlyMap<string, CanonicalDescriptor> = new Map(
  CANONICAL_FIELDS.map((field) => [field.key, field]),
);

function customDescriptor(field: CustomFieldDefinition): FieldDescriptor {
  return {
    key: `${CUSTOM_TARGET_PREFIX}${field.key}`,
    label: field.label,
    type: field.type,
    ...(field.type === 'enum' ? { options: field.options ?? [] } : {}),
    ...(field.type === 'date' ? { format: 'iso8601' as const } : {}),
    custom: true,
    description: `Custom ${field.type} field.`,
  };
}

/** Every field a lead normalized with these custom fields has: the canonical ones, then `custom.<key>`. */
export function fieldCatalogue(customFields: readonly CustomFieldDefinition[] = []): FieldDescriptor[] {
  return [...CANONICAL_FIELDS, ...customFields.map(customDescriptor)];
}

/** The descriptor of a rule target, or undefined for a target that is neither canonical nor declared. */
export function describeTarget(
  target: string,
  customFields: readonly CustomFieldDefinition[],
): FieldDescriptor | undefined {
  const canonicalField = CANONICAL_BY_KEY.get(target);
  if (canonicalField !== undefined) return canonicalField;
  if (!target.startsWith(CUSTOM_TARGET_PREFIX)) return undefined;
  const key = target.slice(CUSTOM_TARGET_PREFIX.length);
  const field = customFields.find((candidate) => candidate.key === key);
  return field === undefined ? undefined : customDescriptor(field);
}
