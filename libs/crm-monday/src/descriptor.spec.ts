import { ProviderRegistry, rateLimitsFor } from '@leadflow/crm';
import { describe, expect, it } from 'vitest';
import { mondayDescriptor } from './descriptor';

describe('mondayDescriptor', () => {
  it('registers and answers capability questions', () => {
    const registry = new ProviderRegistry([mondayDescriptor]);
    expect(registry.supports('monday', 'webhooks')).toBe(true);
    expect(registry.supports('monday', 'ownerWrite')).toBe(true);
    expect(registry.supports('monday', 'batchWrite')).toBe(false);
    expect(registry.supports('monday', 'search')).toBe(false);
    expect(registry.routableObject('monday', 'items')?.displayName).toBe('Board items');
  });

  it('has the OAuth 2.1 facts: PKCE, JSON token endpoint on the auth host', () => {
    expect(mondayDescriptor.oauth).toMatchObject({
      authorize: { base: 'auth', path: '/oauth2/authorize' },
      token: { base: 'auth', path: '/oauth_ms/oauth/token', bodyEncoding: 'json' },
      pkce: true,
      scopeSeparator: ' ',
    });
    expect(mondayDescriptor.authKinds).toEqual(['oauth', 'token']);
  });

  it('counts requests per minute for every auth kind; complexity is honoured from Monday’s errors', () => {
    for (const kind of ['oauth', 'token'] as const) {
      expect(rateLimitsFor(mondayDescriptor, kind).map((b) => [b.bucket, b.limit, b.intervalMs])).toEqual([
        ['default', 1_000, 60_000],
      ]);
    }
  });

  it('requests every scope a routable object needs, and the ones webhooks and accounts need', () => {
    const requested = mondayDescriptor.oauth.scopes;
    for (const object of mondayDescriptor.objects) {
      for (const scope of [...object.readScopes, ...object.writeScopes]) expect(requested).toContain(scope);
    }
    expect([...requested].sort()).toEqual(
      [
        'account:read',
        'boards:read',
        'boards:write',
        'me:read',
        'users:read',
        'webhooks:read',
        'webhooks:write',
      ].sort(),
    );
  });
});
