import { type FieldCatalogue, type FieldType } from './config-types';
import { type CustomFieldValue, type NormalizedLead } from './lead-types';

export const CUSTOM_FIELD_PREFIX = 'custom.';

/** The canonical lead fields conditions may use, with their fixed types. */
export const CANONICAL_FIELD_TYPES = {
  externalId: 'text',
  email: 'text',
  firstName: 'text',
  lastName: 'text',
  fullName: 'text',
  phone: 'text',
  company: 'text',
  domain: 'text',
  country: 'text',
  region: 'text',
  industry: 'text',
  source: 'text',
  amount: 'money',
  status: 'enum',
  existingOwnerId: 'text',
  createdAt: 'date',
} as const satisfies Record<string, FieldType>;

export type CanonicalField = keyof typeof CANONICAL_FIELD_TYPES;

const LEAD_STATUS_OPTIONS = ['open', 'won', 'lost', 'excluded'];

type LeadReader = (lead: NormalizedLead) => CustomFieldValue;

export interface ResolvedField {
  name: string;
  type: FieldType;
  /** Known values of an enum field; null when any value is allowed. */
  options: readonly string[] | null;
  read: LeadReader;
}

function isCanonicalField(name: string): name is CanonicalField {
  return Object.prototype.hasOwnProperty.call(CANONICAL_FIELD_TYPES, name);
}

/**
 * One reader per canonical field with a fixed property name: a named property read stays
 * monomorphic in V8, where `lead[name]` with a variable name would not (this is the hot path).
 */
const CANONICAL_READERS: Record<CanonicalField, LeadReader> = {
  externalId: (lead) => lead.externalId,
  email: (lead) => lead.email ?? null,
  firstName: (lead) => lead.firstName ?? null,
  lastName: (lead) => lead.lastName ?? null,
  fullName: (lead) => lead.fullName ?? null,
  phone: (lead) => lead.phone ?? null,
  company: (lead) => lead.company ?? null,
  domain: (lead) => lead.domain ?? null,
  country: (lead) => lead.country ?? null,
  region: (lead) => lead.region ?? null,
  industry: (lead) => lead.industry ?? null,
  source: (lead) => lead.source ?? null,
  amount: (lead) => lead.amount ?? null,
  status: (lead) => lead.status ?? null,
  existingOwnerId: (lead) => lead.existingOwnerId ?? null,
  createdAt: (lead) => lead.createdAt ?? null,
};

function customReader(key: string): LeadReader {
  return (lead) => {
    const custom = lead.custom;
    if (custom === undefined || !Object.prototype.hasOwnProperty.call(custom, key)) return null;
    return custom[key] ?? null;
  };
}

/** Finds a field by the name conditions use; null when it is neither canonical nor declared. */
export function resolveField(name: string, catalogue: FieldCatalogue): ResolvedField | null {
  if (isCanonicalField(name)) {
    const type = CANONICAL_FIELD_TYPES[name];
    return {
      name,
      type,
      options: name === 'status' ? LEAD_STATUS_OPTIONS : null,
      read: CANONICAL_READERS[name],
    };
  }
  if (!name.startsWith(CUSTOM_FIELD_PREFIX)) return null;
  const key = name.slice(CUSTOM_FIELD_PREFIX.length);
  const declaration = catalogue.custom.find((field) => field.key === key);
  if (declaration === undefined) return null;
  return {
    name,
    type: declaration.type,
    options: declaration.type === 'enum' ? (declaration.options ?? null) : null,
    read: customReader(key),
  };
}
