import { describe, expect, it } from 'vitest';
import { consentScopes, hasScope, schemaScopes, scopeList } from './scopes';

describe('consentScopes', () => {
  const grantable = ['oauth', 'crm.objects.contacts.read', 'crm.objects.owners.read'];

  it('grants every required scope and the grantable optional ones', () => {
    expect(
      consentScopes(grantable, ['oauth'], ['crm.objects.leads.read', 'crm.objects.owners.read']),
    ).toEqual({
      ok: true,
      granted: ['oauth', 'crm.objects.owners.read'],
    });
  });

  it('fails when any required scope cannot be granted', () => {
    expect(consentScopes(grantable, ['oauth', 'crm.objects.leads.read'], [])).toEqual({
      ok: false,
      notGrantable: ['crm.objects.leads.read'],
    });
  });
});

describe('scope helpers', () => {
  it('splits scope parameters on spaces and plus signs, without duplicates', () => {
    expect(scopeList('oauth+crm.objects.contacts.read  oauth')).toEqual([
      'oauth',
      'crm.objects.contacts.read',
    ]);
    expect(scopeList(undefined)).toEqual([]);
  });

  it('accepts any one of the alternatives, and anything when none is needed', () => {
    expect(hasScope(['crm.schemas.deals.read'], schemaScopes('deals'))).toBe(true);
    expect(hasScope(['crm.objects.contacts.read'], schemaScopes('deals'))).toBe(false);
    expect(hasScope([], [])).toBe(true);
    expect(schemaScopes('leads')).toEqual(['crm.objects.leads.read']);
  });
});
