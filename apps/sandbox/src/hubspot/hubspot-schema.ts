/** The object types, default property definitions and association types the sandbox knows. */

export type ObjectTypeName = 'contacts' | 'companies' | 'deals' | 'leads';

export interface ObjectTypeInfo {
  name: ObjectTypeName;
  id: string;
  singular: string;
  /** Properties returned when a read names none. */
  defaultProperties: string[];
}

export const OBJECT_TYPES: readonly ObjectTypeInfo[] = [
  {
    name: 'contacts',
    id: '0-1',
    singular: 'contact',
    defaultProperties: ['createdate', 'email', 'firstname', 'hs_object_id', 'lastmodifieddate', 'lastname'],
  },
  {
    name: 'companies',
    id: '0-2',
    singular: 'company',
    defaultProperties: ['createdate', 'domain', 'hs_lastmodifieddate', 'hs_object_id', 'name'],
  },
  {
    name: 'deals',
    id: '0-3',
    singular: 'deal',
    defaultProperties: [
      'amount',
      'closedate',
      'createdate',
      'dealname',
      'dealstage',
      'hs_lastmodifieddate',
      'hs_object_id',
      'pipeline',
    ],
  },
  {
    name: 'leads',
    id: '0-136',
    singular: 'lead',
    defaultProperties: ['createdate', 'hs_lastmodifieddate', 'hs_object_id'],
  },
];

/** Accepts `contacts`, `contact`, `0-1` (any case), as HubSpot does. */
export function resolveObjectType(raw: string): ObjectTypeInfo | undefined {
  const key = raw.toLowerCase();
  return OBJECT_TYPES.find((t) => t.name === key || t.id === key || t.singular === key);
}

export interface PropertyOption {
  label: string;
  value: string;
  displayOrder: number;
  hidden: boolean;
  description?: string;
}

export interface PropertyDefinition {
  name: string;
  label: string;
  type: string;
  fieldType: string;
  groupName: string;
  description: string;
  options: PropertyOption[];
  hubspotDefined: boolean;
  readOnlyValue: boolean;
  referencedObjectType?: string;
}

type Def = [name: string, label: string, type: string, fieldType: string, options?: string[]];

function def([name, label, type, fieldType, options]: Def, hubspotDefined = true): PropertyDefinition {
  const readOnlyValue = ['hs_object_id', 'createdate', 'hs_lastmodifieddate', 'lastmodifieddate'].includes(
    name,
  );
  return {
    name,
    label,
    type,
    fieldType,
    groupName: 'sandbox',
    description: '',
    options: (options ?? []).map((value, i) => ({ label: value, value, displayOrder: i, hidden: false })),
    hubspotDefined,
    readOnlyValue,
  };
}

export function customProperty(input: {
  name: string;
  label?: string;
  type?: string;
  fieldType?: string;
  options?: Array<string | { label: string; value: string }>;
}): PropertyDefinition {
  const p = def(
    [input.name, input.label ?? input.name, input.type ?? 'string', input.fieldType ?? 'text'],
    false,
  );
  p.options = (input.options ?? []).map((o, i) =>
    typeof o === 'string'
      ? { label: o, value: o, displayOrder: i, hidden: false }
      : { label: o.label, value: o.value, displayOrder: i, hidden: false },
  );
  return p;
}

const COMMON: Def[] = [
  ['hs_object_id', 'Record ID', 'number', 'number'],
  ['createdate', 'Create Date', 'datetime', 'date'],
  ['hs_lastmodifieddate', 'Last Modified Date', 'datetime', 'date'],
  ['hubspot_owner_id', 'Owner', 'enumeration', 'select'],
];

const BY_TYPE: Record<ObjectTypeName, Def[]> = {
  contacts: [
    ['lastmodifieddate', 'Last Modified Date', 'datetime', 'date'],
    ['email', 'Email', 'string', 'text'],
    ['firstname', 'First Name', 'string', 'text'],
    ['lastname', 'Last Name', 'string', 'text'],
    ['phone', 'Phone Number', 'string', 'phonenumber'],
    ['company', 'Company Name', 'string', 'text'],
    ['country', 'Country/Region', 'string', 'text'],
    ['jobtitle', 'Job Title', 'string', 'text'],
    [
      'hs_lead_status',
      'Lead Status',
      'enumeration',
      'radio',
      [
        'NEW',
        'OPEN',
        'IN_PROGRESS',
        'OPEN_DEAL',
        'UNQUALIFIED',
        'ATTEMPTED_TO_CONTACT',
        'CONNECTED',
        'BAD_TIMING',
      ],
    ],
    [
      'lifecyclestage',
      'Lifecycle Stage',
      'enumeration',
      'radio',
      [
        'subscriber',
        'lead',
        'marketingqualifiedlead',
        'salesqualifiedlead',
        'opportunity',
        'customer',
        'evangelist',
        'other',
      ],
    ],
  ],
  companies: [
    ['name', 'Company name', 'string', 'text'],
    ['domain', 'Company Domain Name', 'string', 'text'],
    ['industry', 'Industry', 'string', 'text'],
    ['numberofemployees', 'Number of Employees', 'number', 'number'],
    ['annualrevenue', 'Annual Revenue', 'number', 'number'],
    ['country', 'Country/Region', 'string', 'text'],
  ],
  deals: [
    ['dealname', 'Deal Name', 'string', 'text'],
    ['amount', 'Amount', 'number', 'number'],
    ['deal_currency_code', 'Currency', 'enumeration', 'select', ['USD', 'EUR', 'GBP']],
    ['closedate', 'Close Date', 'datetime', 'date'],
    ['pipeline', 'Pipeline', 'enumeration', 'select', ['default']],
    [
      'dealstage',
      'Deal Stage',
      'enumeration',
      'radio',
      [
        'appointmentscheduled',
        'qualifiedtobuy',
        'presentationscheduled',
        'decisionmakerboughtin',
        'contractsent',
        'closedwon',
        'closedlost',
      ],
    ],
  ],
  leads: [
    ['hs_lead_name', 'Lead Name', 'string', 'text'],
    ['hs_lead_type', 'Lead Type', 'enumeration', 'select', ['NEW_BUSINESS', 'UPSELL', 'RE_ATTEMPTING']],
    ['hs_lead_label', 'Lead Label', 'enumeration', 'select', ['HOT', 'WARM', 'COLD']],
    ['hs_pipeline', 'Pipeline', 'enumeration', 'select', ['lead-pipeline-id']],
    [
      'hs_pipeline_stage',
      'Lead Stage',
      'enumeration',
      'select',
      [
        'new-stage-id',
        'attempting-stage-id',
        'connected-stage-id',
        'qualified-stage-id',
        'unqualified-stage-id',
      ],
    ],
    ['hs_lead_disqualification_reason', 'Disqualification Reason', 'string', 'text'],
  ],
};

export function defaultPropertyDefinitions(type: ObjectTypeName): PropertyDefinition[] {
  return [...COMMON, ...BY_TYPE[type]].map((d) => {
    const p = def(d);
    if (p.name === 'hubspot_owner_id') p.referencedObjectType = 'OWNER';
    return p;
  });
}

/** HubSpot-defined association types: [from, to, typeId, label, reverse typeId]. Lead reverses are unconfirmed. */
const ASSOCIATION_TYPES: Array<[ObjectTypeName, ObjectTypeName, number, string | null, number]> = [
  ['contacts', 'companies', 279, null, 280],
  ['contacts', 'companies', 1, 'Primary', 2],
  ['deals', 'contacts', 3, null, 4],
  ['deals', 'companies', 341, null, 342],
  ['deals', 'companies', 5, 'Primary', 6],
  ['leads', 'contacts', 608, null, 607],
  ['leads', 'contacts', 578, 'Primary', 579],
  ['leads', 'companies', 610, null, 609],
  ['leads', 'companies', 580, 'Primary', 581],
  ['leads', 'deals', 1037, null, 1038],
  ['leads', 'deals', 582, 'Primary', 583],
];

export interface AssociationTypeInfo {
  typeId: number;
  label: string | null;
  reverseTypeId: number;
}

/** The association type between two object types, either direction; `primary` picks the labelled one. */
export function associationType(
  from: ObjectTypeName,
  to: ObjectTypeName,
  primary: boolean,
): AssociationTypeInfo | undefined {
  for (const [f, t, typeId, label, reverse] of ASSOCIATION_TYPES) {
    if ((label !== null) !== primary) continue;
    if (f === from && t === to) return { typeId, label, reverseTypeId: reverse };
    if (f === to && t === from) return { typeId: reverse, label, reverseTypeId: typeId };
  }
  return undefined;
}

/** Looks a type id up for the given direction (for creates that name a type id). */
export function associationTypeById(
  from: ObjectTypeName,
  to: ObjectTypeName,
  typeId: number,
): AssociationTypeInfo | undefined {
  for (const primary of [false, true]) {
    const info = associationType(from, to, primary);
    if (info?.typeId === typeId) return info;
  }
  return undefined;
}
