/**
 * A CRM value of a Monday column as `column_values { id type text value }` returns it. `value`
 * may be the JSON string Monday sends or already decoded; both are accepted.
 */
export interface ColumnValue {
  text?: string | null;
  value?: unknown;
  type?: string;
}

export type AssociatedObject = 'contact' | 'company' | 'deal';

/**
 * What a CRM adapter hands to `normalize`: one record, provider-neutral.
 *
 * - HubSpot: `properties` are the lead's (or contact's, deal's) properties as the API returns
 *   them (strings or null); `associations` hold the properties of the primary associated
 *   contact, company and deal.
 * - Monday: `columns` are the item's column values by column id; `properties` hold item-level
 *   fields (`name`, `created_at`, `group`, ...).
 */
export interface SourceRecord {
  /** The CRM's id of the record: HubSpot object id, Monday item id. */
  externalId: string;
  /** The CRM object type: `lead`, `contact`, `deal` for HubSpot; `item` for Monday. */
  object: string;
  /** Read by `{ kind: 'property', object: 'lead', name }` whatever `object` is. */
  properties: Record<string, unknown>;
  associations?: Partial<Record<AssociatedObject, Record<string, unknown> | null>>;
  columns?: Record<string, ColumnValue | null>;
  /** The owner the CRM record already has, when the adapter knows it without a mapping. */
  ownerId?: string | null;
  /** ISO 8601 creation time as the CRM reports it. */
  createdAt?: string | null;
}
