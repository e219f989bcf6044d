export type LeadStatus = 'open' | 'won' | 'lost' | 'excluded';

export type CustomFieldValue = string | number | boolean | string[] | null;

/**
 * The canonical lead as produced by field mapping. The engine reads it and never changes it.
 * Every field except `externalId` may be missing or null; conditions treat both as "absent".
 */
export interface NormalizedLead {
  externalId: string;
  email?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  fullName?: string | null;
  phone?: string | null;
  company?: string | null;
  domain?: string | null;
  country?: string | null;
  region?: string | null;
  industry?: string | null;
  source?: string | null;
  amount?: number | null;
  status?: LeadStatus | null;
  existingOwnerId?: string | null;
  /** ISO 8601 instant. */
  createdAt?: string | null;
  custom?: Record<string, CustomFieldValue>;
}

/** A lead plus the CRM connection it came from; reps map to CRM owners per connection. */
export interface RoutableLead extends NormalizedLead {
  connectionId: string;
}
