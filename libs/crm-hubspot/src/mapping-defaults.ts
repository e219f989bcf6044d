import { type FieldMapping, type FieldMappingInput, fieldMappingSchema } from '@leadflow/field-mapping';

/**
 * Starting mappings the wizard offers for a new HubSpot connection; admins adjust them (a default phone
 * country, custom fields, renamed stages). Parsed with the field-mapping schema when this module loads,
 * so a broken default fails at start-up, not on the first lead.
 */

const record = (field: 'externalId' | 'ownerId' | 'createdAt') => ({ kind: 'record', field }) as const;
const prop = (object: 'lead' | 'contact' | 'company', name: string) =>
  ({ kind: 'property', object, name }) as const;

/**
 * Leads (`0-136`): the lead carries its stage and owner; who the person is comes from the lead's primary
 * contact, and the firm from its primary company. Stage ids are HubSpot's defaults (apis.md,
 * unconfirmed, portals rename them): unknown stages count as open, with a warning, so they still route.
 */
const leadsInput: FieldMappingInput = {
  fields: [
    { target: 'externalId', sources: [record('externalId')], required: true },
    {
      target: 'email',
      sources: [prop('contact', 'email')],
      transforms: [{ type: 'trim' }, { type: 'lower' }],
    },
    { target: 'firstName', sources: [prop('contact', 'firstname')], transforms: [{ type: 'trim' }] },
    { target: 'lastName', sources: [prop('contact', 'lastname')], transforms: [{ type: 'trim' }] },
    {
      target: 'fullName',
      sources: [prop('contact', 'firstname'), prop('contact', 'lastname')],
      transforms: [{ type: 'join', separator: ' ' }],
    },
    { target: 'phone', sources: [prop('contact', 'phone')], transforms: [{ type: 'phone_e164' }] },
    { target: 'country', sources: [prop('contact', 'country')], transforms: [{ type: 'country' }] },
    {
      target: 'company',
      sources: [prop('company', 'name'), prop('contact', 'company')],
      transforms: [{ type: 'trim' }],
    },
    {
      target: 'domain',
      sources: [prop('company', 'domain'), prop('contact', 'email')],
      transforms: [{ type: 'email_to_domain' }],
    },
    { target: 'industry', sources: [prop('company', 'industry')] },
    { target: 'status', sources: [prop('lead', 'hs_pipeline_stage')] },
    { target: 'existingOwnerId', sources: [record('ownerId')] },
    { target: 'createdAt', sources: [record('createdAt')] },
  ],
  statusParity: {
    entries: [
      { value: 'new-stage-id', status: 'open' },
      { value: 'attempting-stage-id', status: 'open' },
      { value: 'connected-stage-id', status: 'open' },
      { value: 'qualified-stage-id', status: 'won' },
      { value: 'unqualified-stage-id', status: 'lost' },
    ],
    default: 'open',
  },
};

/**
 * Contacts: everything is on the contact (read as `lead`, the routed record) except the firm, from its
 * primary company. Status from the default `hs_lead_status` values (unconfirmed; portals edit them).
 */
const contactsInput: FieldMappingInput = {
  fields: [
    { target: 'externalId', sources: [record('externalId')], required: true },
    { target: 'email', sources: [prop('lead', 'email')], transforms: [{ type: 'trim' }, { type: 'lower' }] },
    { target: 'firstName', sources: [prop('lead', 'firstname')], transforms: [{ type: 'trim' }] },
    { target: 'lastName', sources: [prop('lead', 'lastname')], transforms: [{ type: 'trim' }] },
    {
      target: 'fullName',
      sources: [prop('lead', 'firstname'), prop('lead', 'lastname')],
      transforms: [{ type: 'join', separator: ' ' }],
    },
    { target: 'phone', sources: [prop('lead', 'phone')], transforms: [{ type: 'phone_e164' }] },
    { target: 'country', sources: [prop('lead', 'country')], transforms: [{ type: 'country' }] },
    {
      target: 'company',
      sources: [prop('company', 'name'), prop('lead', 'company')],
      transforms: [{ type: 'trim' }],
    },
    {
      target: 'domain',
      sources: [prop('company', 'domain'), prop('lead', 'email')],
      transforms: [{ type: 'email_to_domain' }],
    },
    { target: 'industry', sources: [prop('company', 'industry')] },
    { target: 'status', sources: [prop('lead', 'hs_lead_status')] },
    { target: 'existingOwnerId', sources: [record('ownerId')] },
    { target: 'createdAt', sources: [record('createdAt')] },
  ],
  statusParity: {
    entries: [
      { value: 'NEW', status: 'open' },
      { value: 'OPEN', status: 'open' },
      { value: 'IN_PROGRESS', status: 'open' },
      { value: 'ATTEMPTED_TO_CONTACT', status: 'open' },
      { value: 'CONNECTED', status: 'open' },
      { value: 'OPEN_DEAL', status: 'won' },
      { value: 'UNQUALIFIED', status: 'lost' },
      { value: 'BAD_TIMING', status: 'lost' },
    ],
    // Most contacts never get a lead status: they are new, so open.
    default: 'open',
  },
};

/**
 * Deals, for teams that route opportunities: name, amount and stage are on the deal (read as `lead`);
 * the person and firm come from its primary contact and company. Stage ids are the default sales
 * pipeline's; custom pipelines use numeric ids, which the wizard's stage hints (probability 1.0 / 0.0)
 * help map.
 */
const dealsInput: FieldMappingInput = {
  fields: [
    { target: 'externalId', sources: [record('externalId')], required: true },
    {
      target: 'email',
      sources: [prop('contact', 'email')],
      transforms: [{ type: 'trim' }, { type: 'lower' }],
    },
    { target: 'firstName', sources: [prop('contact', 'firstname')], transforms: [{ type: 'trim' }] },
    { target: 'lastName', sources: [prop('contact', 'lastname')], transforms: [{ type: 'trim' }] },
    {
      target: 'fullName',
      sources: [prop('contact', 'firstname'), prop('contact', 'lastname')],
      transforms: [{ type: 'join', separator: ' ' }],
    },
    { target: 'phone', sources: [prop('contact', 'phone')], transforms: [{ type: 'phone_e164' }] },
    { target: 'country', sources: [prop('contact', 'country')], transforms: [{ type: 'country' }] },
    { target: 'company', sources: [prop('company', 'name')], transforms: [{ type: 'trim' }] },
    {
      target: 'domain',
      sources: [prop('company', 'domain'), prop('contact', 'email')],
      transforms: [{ type: 'email_to_domain' }],
    },
    { target: 'industry', sources: [prop('company', 'industry')] },
    { target: 'amount', sources: [prop('lead', 'amount')], transforms: [{ type: 'number' }] },
    { target: 'currency', sources: [prop('lead', 'deal_currency_code')] },
    { target: 'status', sources: [prop('lead', 'dealstage')] },
    { target: 'existingOwnerId', sources: [record('ownerId')] },
    { target: 'createdAt', sources: [record('createdAt')] },
  ],
  statusParity: {
    entries: [
      { value: 'appointmentscheduled', status: 'open' },
      { value: 'qualifiedtobuy', status: 'open' },
      { value: 'presentationscheduled', status: 'open' },
      { value: 'decisionmakerboughtin', status: 'open' },
      { value: 'contractsent', status: 'open' },
      { value: 'closedwon', status: 'won' },
      { value: 'closedlost', status: 'lost' },
    ],
    default: 'open',
  },
};

export const hubSpotLeadsDefaultMapping: FieldMapping = fieldMappingSchema.parse(leadsInput);
export const hubSpotDealsDefaultMapping: FieldMapping = fieldMappingSchema.parse(dealsInput);
export const hubSpotContactsDefaultMapping: FieldMapping = fieldMappingSchema.parse(contactsInput);

const DEFAULTS: Readonly<Record<string, FieldMapping>> = {
  leads: hubSpotLeadsDefaultMapping,
  contacts: hubSpotContactsDefaultMapping,
  deals: hubSpotDealsDefaultMapping,
};

/** The default mapping for a routed object type. */
export function hubSpotDefaultMapping(objectType: string): FieldMapping | undefined {
  return Object.hasOwn(DEFAULTS, objectType) ? DEFAULTS[objectType] : undefined;
}
