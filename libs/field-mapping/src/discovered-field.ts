import { type LeadStatus } from './canonical-lead';

export interface DiscoveredOption {
  /** What the CRM sends for this option: a HubSpot internal value, a Monday status label. */
  value: string;
  label: string;
  /**
   * What the provider's own metadata says the option means, when it says: a HubSpot deal stage
   * with probability 1.0 is won and 0.0 lost; a Monday status label marked done is won.
   */
  statusHint?: LeadStatus;
}

/**
 * A field the CRM connection reported (HubSpot `GET /crm/v3/properties/{object}`, Monday board
 * columns). HubSpot properties use `object` lead/contact/company/deal and the property name;
 * Monday columns use `object: 'column'` and the column id; Monday item fields (`name`,
 * `created_at`) use `object: 'lead'`, since adapters put them in `SourceRecord.properties`.
 */
export interface DiscoveredField {
  object: string;
  name: string;
  label: string;
  /** The provider's type: `string`, `number`, `date`, `datetime`, `enumeration`, `bool`, `phone`, `email`, `people`, `status`, ... */
  type: string;
  options?: readonly DiscoveredOption[];
}

export const COLUMN_OBJECT = 'column';

export function discoveredFieldKey(object: string, name: string): string {
  return `${object}\u0000${name}`;
}
