/** The four statuses every CRM's values are folded into (see status-parity.ts). */
export const LEAD_STATUSES = ['open', 'won', 'lost', 'excluded'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

export const CANONICAL_FIELD_KEYS = [
  'externalId',
  'email',
  'firstName',
  'lastName',
  'fullName',
  'phone',
  'company',
  'domain',
  'country',
  'region',
  'industry',
  'source',
  'amount',
  'currency',
  'status',
  'existingOwnerId',
  'createdAt',
] as const;
export type CanonicalFieldKey = (typeof CANONICAL_FIELD_KEYS)[number];

export type CustomFieldValue = string | number | boolean | string[] | null;

/**
 * A lead as the routing engine sees it, whatever CRM it came from.
 *
 * Money is a plain number in major units (`1250.5`, not cents) so that rules can compare it;
 * its ISO 4217 code travels beside it: `currency` for `amount`, `customCurrencies[key]` for a
 * custom money field. Every field but `externalId`, `status` and `custom` may be null: a CRM
 * record rarely has everything, and null says "not known" rather than inventing a value.
 */
export interface CanonicalLead {
  externalId: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  fullName: string | null;
  /** E.164, e.g. `+14155552671`. */
  phone: string | null;
  company: string | null;
  /** Lower-case host name without `www.`, e.g. `acme.com`. */
  domain: string | null;
  /** ISO 3166-1 alpha-2, e.g. `US`. */
  country: string | null;
  region: string | null;
  industry: string | null;
  source: string | null;
  amount: number | null;
  /** ISO 4217 code of `amount`, e.g. `USD`. */
  currency: string | null;
  status: LeadStatus;
  /** The CRM owner (HubSpot owner id, Monday person id) the record already has, if any. */
  existingOwnerId: string | null;
  /** ISO 8601 in UTC, e.g. `2026-11-20T14:03:12.345Z`. */
  createdAt: string | null;
  custom: Record<string, CustomFieldValue>;
  /** ISO 4217 code of each custom money field whose currency is known. */
  customCurrencies: Record<string, string>;
}

const CANONICAL_KEY_SET: ReadonlySet<string> = new Set(CANONICAL_FIELD_KEYS);

export function isCanonicalFieldKey(key: string): key is CanonicalFieldKey {
  return CANONICAL_KEY_SET.has(key);
}

export function isLeadStatus(value: string): value is LeadStatus {
  return (LEAD_STATUSES as readonly string[]).includes(value);
}
