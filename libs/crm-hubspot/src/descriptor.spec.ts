import { ProviderRegistry, rateLimitsFor } from '@leadflow/crm';
import { describe, expect, it } from 'vitest';
import { hubSpotDescriptor } from './descriptor';

describe('hubSpotDescriptor', () => {
  it('registers and answers capability questions', () => {
    const registry = new ProviderRegistry([hubSpotDescriptor]);
    expect(registry.supports('hubspot', 'webhooks')).toBe(true);
    expect(registry.supports('hubspot', 'ownerWrite')).toBe(true);
    expect(registry.routableObject('hubspot', 'leads')?.providerTypeId).toBe('0-136');
  });

  it('has the documented rate limits', () => {
    expect(rateLimitsFor(hubSpotDescriptor, 'oauth').map((b) => [b.bucket, b.limit, b.intervalMs])).toEqual([
      ['default', 110, 10_000],
      ['search', 5, 1_000],
    ]);
    expect(
      rateLimitsFor(hubSpotDescriptor, 'token')
        .map((b) => b.bucket)
        .sort(),
    ).toEqual(['daily', 'default', 'search']);
  });

  it('requests every scope a routable object needs', () => {
    const requested = [
      ...(hubSpotDescriptor.oauth?.scopes ?? []),
      ...(hubSpotDescriptor.oauth?.optionalScopes ?? []),
    ];
    for (const object of hubSpotDescriptor.objects) {
      for (const scope of [...object.readScopes, ...object.writeScopes]) expect(requested).toContain(scope);
    }
    expect(requested).toContain('crm.objects.owners.read');
  });
});
