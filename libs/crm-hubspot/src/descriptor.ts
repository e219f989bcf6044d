import { defineProviderDescriptor } from '@leadflow/crm';

/** HubSpot's object type ids, as used by generic webhooks (`objectTypeId`) and the v3 APIs. */
export const HUBSPOT_OBJECT_TYPE_IDS = {
  contacts: '0-1',
  companies: '0-2',
  deals: '0-3',
  leads: '0-136',
} as const;

/**
 * HubSpot, from docs/reference apis.md ("HubSpot").
 *
 * Scopes: contacts, companies, deals and owners are required. The leads scopes are *optional*: the
 * Leads object exists only on Sales Hub Professional and up, and HubSpot refuses to install an app on a
 * portal that cannot grant a required scope; as optional scopes they are granted where available and
 * the granted set (stored on the connection) says whether leads can be routed. `crm.schemas.*.read`
 * are optional too (property definitions where the objects' own scopes do not suffice).
 *
 * Routable objects: leads (default), contacts, and deals for teams that route opportunities; deals'
 * write scope is optional, so routing deals needs a portal that granted it. Companies are read for
 * context (associations) only.
 *
 * Rate limits: 110 requests per rolling 10 s per portal for public OAuth apps, with search counted
 * separately at 5 per second. Private-app tokens get 100–190 per 10 s by tier plus a daily cap of
 * 250k–1M; the descriptor holds the lowest tier as a safe default, and the limiter should follow the
 * `X-HubSpot-RateLimit-*` headers a connection actually reports.
 */
export const hubSpotDescriptor = defineProviderDescriptor({
  name: 'hubspot',
  displayName: 'HubSpot',
  authKinds: ['oauth', 'token'],
  oauth: {
    authorize: { base: 'auth', path: '/oauth/authorize' },
    token: { base: 'api', path: '/oauth/v3/token', bodyEncoding: 'form' },
    scopes: [
      'crm.objects.contacts.read',
      'crm.objects.contacts.write',
      'crm.objects.companies.read',
      'crm.objects.deals.read',
      'crm.objects.owners.read',
    ],
    optionalScopes: [
      'crm.objects.leads.read',
      'crm.objects.leads.write',
      'crm.objects.deals.write',
      'crm.schemas.contacts.read',
      'crm.schemas.companies.read',
      'crm.schemas.deals.read',
    ],
    scopeSeparator: ' ',
    pkce: false,
  },
  capabilities: { webhooks: true, search: true, batchWrite: true, ownerWrite: true },
  rateLimits: [
    {
      bucket: 'default',
      limit: 110,
      intervalMs: 10_000,
      note: 'public OAuth apps: 110 per rolling 10 s per installed portal (search excluded)',
    },
    {
      bucket: 'default',
      limit: 100,
      intervalMs: 10_000,
      authKind: 'token',
      note: 'private apps: 100–190 per 10 s by tier; lowest tier until headers say otherwise',
    },
    {
      bucket: 'daily',
      limit: 250_000,
      intervalMs: 86_400_000,
      authKind: 'token',
      sharedByAllCalls: true,
      note: 'private apps: 250k–1M per day by tier; lowest tier until headers say otherwise',
    },
    {
      bucket: 'search',
      limit: 5,
      intervalMs: 1_000,
      note: 'CRM search: 5 per second per account, separate from the general budget; no rate-limit headers',
    },
  ],
  objects: [
    {
      type: 'leads',
      displayName: 'Leads',
      providerTypeId: HUBSPOT_OBJECT_TYPE_IDS.leads,
      readScopes: ['crm.objects.leads.read'],
      writeScopes: ['crm.objects.leads.write'],
    },
    {
      type: 'contacts',
      displayName: 'Contacts',
      providerTypeId: HUBSPOT_OBJECT_TYPE_IDS.contacts,
      readScopes: ['crm.objects.contacts.read'],
      writeScopes: ['crm.objects.contacts.write'],
    },
    {
      type: 'deals',
      displayName: 'Deals',
      providerTypeId: HUBSPOT_OBJECT_TYPE_IDS.deals,
      readScopes: ['crm.objects.deals.read'],
      writeScopes: ['crm.objects.deals.write'],
    },
  ],
});
