import { HubSpotError } from './hubspot-errors';
import type { ObjectTypeName } from './hubspot-schema';

/** Every scope the sandbox knows: what a portal can grant unless told otherwise. */
export const ALL_SCOPES: readonly string[] = [
  'oauth',
  'crm.objects.contacts.read',
  'crm.objects.contacts.write',
  'crm.objects.companies.read',
  'crm.objects.companies.write',
  'crm.objects.deals.read',
  'crm.objects.deals.write',
  'crm.objects.leads.read',
  'crm.objects.leads.write',
  'crm.objects.owners.read',
  'crm.schemas.contacts.read',
  'crm.schemas.companies.read',
  'crm.schemas.deals.read',
];

/** A call is allowed when the token holds any one of these; empty means no scope is needed. */
export type RequiredScopes = readonly string[];

export const NO_SCOPES: RequiredScopes = [];
export const OWNERS_READ: RequiredScopes = ['crm.objects.owners.read'];

export function objectScopes(type: ObjectTypeName, access: 'read' | 'write'): RequiredScopes {
  return [`crm.objects.${type}.${access}`];
}

/** Property definitions and pipelines: the object's read scope or its schema scope (leads have none). */
export function schemaScopes(type: ObjectTypeName): RequiredScopes {
  return type === 'leads'
    ? objectScopes(type, 'read')
    : [...objectScopes(type, 'read'), `crm.schemas.${type}.read`];
}

export function hasScope(granted: readonly string[], required: RequiredScopes): boolean {
  return required.length === 0 || required.some((s) => granted.includes(s));
}

/** HubSpot's 403 for a token without the scope an endpoint needs. */
export function missingScopesError(required: RequiredScopes): HubSpotError {
  return new HubSpotError(
    403,
    "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.",
    'MISSING_SCOPES',
    {
      errors: [
        {
          message: 'One or more of the following scopes are required.',
          context: { requiredGranularScopes: [...required] },
        },
      ],
      links: { scopes: 'https://developers.hubspot.com/scopes' },
    },
  );
}

export type ConsentResult = { ok: true; granted: string[] } | { ok: false; notGrantable: string[] };

/** Space- (or `+`-) separated scope list from a query parameter. */
export function scopeList(raw: string | undefined): string[] {
  return [...new Set((raw ?? '').split(/[\s+]+/).filter(Boolean))];
}

/**
 * Consent as HubSpot gives it: every `scope` must be grantable or the install fails; each
 * `optional_scope` is added when grantable and silently left out when not.
 */
export function consentScopes(
  grantable: readonly string[],
  required: readonly string[],
  optional: readonly string[],
): ConsentResult {
  const notGrantable = required.filter((s) => !grantable.includes(s));
  if (notGrantable.length) return { ok: false, notGrantable };
  const granted = [...required, ...optional.filter((s) => grantable.includes(s))];
  return { ok: true, granted: [...new Set(granted)] };
}
