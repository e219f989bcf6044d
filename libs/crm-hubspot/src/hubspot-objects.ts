import { CrmError } from '@leadflow/crm';
import { HUBSPOT_OBJECT_TYPE_IDS } from './descriptor';

/** Object types whose records Leadflow reads as the routed record. */
export const HUBSPOT_RECORD_TYPES = ['leads', 'contacts', 'deals'] as const;
export type HubSpotRecordType = (typeof HUBSPOT_RECORD_TYPES)[number];
export type HubSpotObjectType = HubSpotRecordType | 'companies';

/** The associated record a routed record carries, and how to find the right one among several. */
export interface AssociationPlan {
  toType: 'contacts' | 'companies';
  /** The name a mapping reads it by (`SourceRecord.associations`). */
  as: 'contact' | 'company';
  /** HubSpot-defined "Primary" association type ids from this object to `toType` (apis.md). */
  primaryTypeIds: readonly number[];
}

export interface HubSpotObjectFacts {
  type: HubSpotObjectType;
  /** Singular, as field-mapping sources and `CrmRecord.object` name it. */
  singular: 'lead' | 'contact' | 'company' | 'deal';
  /** The property search filters and sorts on for "changed since" (contacts differ from the rest). */
  modifiedProperty: string;
  createdProperty: string;
  /** Read when the caller names no properties: enough for the default mappings and the raw snapshot. */
  defaultProperties: readonly string[];
  associations: readonly AssociationPlan[];
  /** Enumeration property whose options are pipeline stages (won/lost hints from stage metadata). */
  stageProperty?: string;
}

const OWNER_AND_DATES = ['hubspot_owner_id', 'createdate', 'hs_lastmodifieddate'];

export const HUBSPOT_OBJECTS: Readonly<Record<HubSpotObjectType, HubSpotObjectFacts>> = {
  leads: {
    type: 'leads',
    singular: 'lead',
    modifiedProperty: 'hs_lastmodifieddate',
    createdProperty: 'createdate',
    defaultProperties: [
      'hs_lead_name',
      'hs_lead_type',
      'hs_lead_label',
      'hs_pipeline',
      'hs_pipeline_stage',
      'hs_lead_disqualification_reason',
      ...OWNER_AND_DATES,
    ],
    associations: [
      { toType: 'contacts', as: 'contact', primaryTypeIds: [578] },
      { toType: 'companies', as: 'company', primaryTypeIds: [580] },
    ],
    stageProperty: 'hs_pipeline_stage',
  },
  contacts: {
    type: 'contacts',
    singular: 'contact',
    modifiedProperty: 'lastmodifieddate',
    createdProperty: 'createdate',
    defaultProperties: [
      'email',
      'firstname',
      'lastname',
      'phone',
      'mobilephone',
      'company',
      'jobtitle',
      'country',
      'state',
      'hs_lead_status',
      'lifecyclestage',
      'hs_analytics_source',
      'hubspot_owner_id',
      'createdate',
      'lastmodifieddate',
    ],
    associations: [{ toType: 'companies', as: 'company', primaryTypeIds: [1] }],
  },
  companies: {
    type: 'companies',
    singular: 'company',
    modifiedProperty: 'hs_lastmodifieddate',
    createdProperty: 'createdate',
    defaultProperties: [
      'name',
      'domain',
      'website',
      'industry',
      'country',
      'numberofemployees',
      'annualrevenue',
      ...OWNER_AND_DATES,
    ],
    associations: [],
  },
  deals: {
    type: 'deals',
    singular: 'deal',
    modifiedProperty: 'hs_lastmodifieddate',
    createdProperty: 'createdate',
    defaultProperties: [
      'dealname',
      'amount',
      'deal_currency_code',
      'pipeline',
      'dealstage',
      'closedate',
      ...OWNER_AND_DATES,
    ],
    // Deal→contact has no "Primary" label: a single associated contact is used, several are ambiguous.
    associations: [
      { toType: 'contacts', as: 'contact', primaryTypeIds: [] },
      { toType: 'companies', as: 'company', primaryTypeIds: [5] },
    ],
    stageProperty: 'dealstage',
  },
};

const BY_TYPE_ID: Readonly<Record<string, HubSpotObjectType>> = {
  [HUBSPOT_OBJECT_TYPE_IDS.leads]: 'leads',
  [HUBSPOT_OBJECT_TYPE_IDS.contacts]: 'contacts',
  [HUBSPOT_OBJECT_TYPE_IDS.companies]: 'companies',
  [HUBSPOT_OBJECT_TYPE_IDS.deals]: 'deals',
};

/** `leads`, `contacts`, `companies`, `deals` or their HubSpot type ids (`0-136`, ...). */
export function hubSpotObject(objectType: string, operation: string): HubSpotObjectFacts {
  const type = Object.hasOwn(HUBSPOT_OBJECTS, objectType)
    ? (objectType as HubSpotObjectType)
    : Object.hasOwn(BY_TYPE_ID, objectType)
      ? BY_TYPE_ID[objectType]
      : undefined;
  if (type === undefined) {
    throw new CrmError({
      code: 'INVALID_REQUEST',
      provider: 'hubspot',
      operation,
      fields: [
        {
          field: 'objectType',
          message: `"${objectType}" is not a HubSpot object Leadflow reads (leads, contacts, companies, deals)`,
        },
      ],
    });
  }
  return HUBSPOT_OBJECTS[type];
}

/** A record type: the objects whose records can be routed (companies only ever come as associations). */
export function hubSpotRecordObject(objectType: string, operation: string): HubSpotObjectFacts {
  const facts = hubSpotObject(objectType, operation);
  if (facts.type === 'companies') {
    throw new CrmError({
      code: 'INVALID_REQUEST',
      provider: 'hubspot',
      operation,
      fields: [{ field: 'objectType', message: 'companies are read as associations, not as routed records' }],
    });
  }
  return facts;
}
