import type { DiscoveredField, SourceRecord } from '@leadflow/field-mapping';
import type { CrmErrorCode } from './crm-error';

/**
 * The port every CRM adapter implements (brief §2). Return types are provider-neutral; each record
 * keeps the provider's raw payload for the lead's snapshot. Adapters contain only provider
 * knowledge: every HTTP call goes through the {@link CrmTransport} the factory hands them, which adds
 * credentials, rate limiting, retries, the circuit breaker, timeouts, spans and metrics.
 */
export interface ICrmClient {
  readonly provider: string;
  /** The connected account: what it is called, its id at the provider, the scopes the token carries. */
  getAccount(): Promise<CrmAccount>;
  /** Every user who can own a lead, archived/disabled ones flagged rather than left out. */
  listOwners(): Promise<CrmOwner[]>;
  /** Field discovery for one object type (the mapping wizard and the mapping validator). */
  listFields(objectType: string): Promise<DiscoveredField[]>;
  /**
   * Full records by id, in as few calls as the provider allows, with the associated records a
   * mapping may read (HubSpot: the lead's primary contact and company). Ids the CRM does not know
   * come back in `missing`, never as an error for the whole batch.
   */
  fetchLeads(
    objectType: string,
    ids: readonly string[],
    options?: RecordReadOptions,
  ): Promise<FetchLeadsResult>;
  /**
   * One page of records created or changed in `[since, until)` (inclusive start, exclusive end),
   * oldest first. The cursor is opaque; pass it back unchanged for the next page.
   */
  listChangedLeads(query: ChangedLeadsQuery, options?: RecordReadOptions): Promise<CrmPage<CrmRecord>>;
  /** The newest records of a type, for the mapping wizard's preview. */
  sampleLeads(objectType: string, limit: number, options?: RecordReadOptions): Promise<CrmRecord[]>;
  /** Sets the owner (and any extra fields) of one record. Throws the typed error on failure. */
  assignOwner(objectType: string, assignment: OwnerAssignment): Promise<void>;
  /**
   * Sets owners on many records in as few calls as the provider allows. Reports each record's
   * outcome; one bad record does not fail the others where the provider makes that possible.
   */
  assignOwners(objectType: string, assignments: readonly OwnerAssignment[]): Promise<AssignmentOutcome[]>;
  /** Present when the descriptor has the `webhooks` capability and subscriptions are managed by API. */
  readonly webhooks?: CrmWebhookSubscriptions;
  /**
   * Present for providers where leads live in containers the admin picks (Monday boards): listing
   * them, their fields, and checking a choice before it is stored in the connection's settings.
   */
  readonly sources?: CrmSourceCatalog;
}

/** A container of leads the admin can choose (a Monday board). */
export interface CrmSource {
  id: string;
  name: string;
  /** Provider word for it, for messages: `board`. */
  kind: string;
  /** How many records it holds, when the provider says. */
  itemCount: number | null;
}

/** The admin's choice: which source, and which of its fields Leadflow writes the owner and status to. */
export interface CrmSourceSelection {
  sourceId: string;
  /** The field that holds the owner (a Monday People column id). */
  ownerField: string;
  /** The field that holds the status, read for status parity and optionally written (a Monday Status column id). */
  statusField?: string;
}

export interface CrmSourceCatalog {
  list(): Promise<CrmSource[]>;
  /** The fields of one source (Monday: the board's columns with types and label options). */
  fields(sourceId: string): Promise<DiscoveredField[]>;
  /**
   * Checks a selection against the live source: it exists, the owner field can hold a person, the
   * status field is a status. Returns each problem with the selection field it concerns (`ownerField`).
   */
  checkSelection(
    selection: CrmSourceSelection,
  ): Promise<{ field: keyof CrmSourceSelection; message: string }[]>;
}

export interface CrmAccount {
  /** HubSpot portal id, Monday account id. Stored on the connection; unique per provider. */
  externalAccountId: string;
  name: string | null;
  /** Scopes the credentials carry, as the provider reports them; `[]` when it does not say. */
  scopes: readonly string[];
}

export interface CrmOwner {
  /** What the CRM's owner field takes (HubSpot owner id, Monday user id). */
  id: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  /** Archived (HubSpot) or disabled (Monday) users cannot be assigned. */
  active: boolean;
  teams: readonly string[];
}

/** A record as intake and the mapping see it, plus the provider's raw payload. */
export interface CrmRecord extends SourceRecord {
  /** ISO 8601 time the CRM last changed the record, when it says. */
  updatedAt: string | null;
  /** What the provider returned, unmodified, for the lead's raw snapshot. */
  raw: Readonly<Record<string, unknown>>;
}

/**
 * Which fields to read, by source object (`lead` is the routed record itself; `contact`, `company`,
 * `deal` its associated records). The active mapping knows what it reads; without this the adapter
 * reads its default set. Providers that always return every field ignore it.
 */
export interface RecordReadOptions {
  properties?: Readonly<Partial<Record<'lead' | 'contact' | 'company' | 'deal', readonly string[]>>>;
}

export interface FetchLeadsResult {
  records: CrmRecord[];
  /** Requested ids the CRM does not have (deleted, merged, never existed). */
  missing: string[];
}

export interface ChangedLeadsQuery {
  objectType: string;
  since: Date;
  until: Date;
  /** From the previous page; absent for the first. */
  cursor?: string;
  /** Page size wish; adapters cap it at the provider's maximum. */
  limit?: number;
}

export interface CrmPage<T> {
  items: T[];
  /** `null` on the last page. */
  nextCursor: string | null;
}

export interface OwnerAssignment {
  externalId: string;
  ownerId: string;
  /** Extra fields to set in the same write, e.g. the lead stage an admin chose. */
  properties?: Readonly<Record<string, string>>;
}

export type AssignmentOutcome =
  { externalId: string; ok: true } | { externalId: string; ok: false; code: CrmErrorCode; message: string };

export interface CrmWebhookSubscription {
  id: string;
  /** Provider event name, e.g. `object.creation` or `create_item`. */
  event: string;
  objectType: string;
  /** `null` when the provider does not report it (Monday): the list then holds only our own. */
  targetUrl: string | null;
  active: boolean;
}

export interface CrmWebhookSubscriptions {
  list(): Promise<CrmWebhookSubscription[]>;
  /** Creates what is missing of `wanted`; returns the full set afterwards. Idempotent. */
  ensure(wanted: readonly Omit<CrmWebhookSubscription, 'id' | 'active'>[]): Promise<CrmWebhookSubscription[]>;
  remove(id: string): Promise<void>;
}
