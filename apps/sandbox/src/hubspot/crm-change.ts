import type { ObjectTypeName } from './hubspot-schema';

/**
 * Who made a change, as HubSpot's webhook events report it (`changeSource`, `sourceId`). Seeding and
 * the lead stream stand in for people working in HubSpot; CRM API calls are integrations.
 */
export interface ChangeSource {
  changeSource: string;
  sourceId?: string;
}

/** The source for changes made through the control API: a person in HubSpot's UI. */
export const SANDBOX_USER_SOURCE: ChangeSource = { changeSource: 'CRM_UI', sourceId: 'userId:2000001' };

/** One change to one CRM object; the webhook dispatcher turns these into events. */
export type CrmChange =
  | { kind: 'creation'; type: ObjectTypeName; objectId: string; occurredAt: number; source: ChangeSource }
  | { kind: 'deletion'; type: ObjectTypeName; objectId: string; occurredAt: number; source: ChangeSource }
  | {
      kind: 'propertyChange';
      type: ObjectTypeName;
      objectId: string;
      occurredAt: number;
      source: ChangeSource;
      propertyName: string;
      /** `''` when the value was cleared. */
      propertyValue: string;
    };

export type CrmChangeListener = (portalId: number, change: CrmChange) => void;
