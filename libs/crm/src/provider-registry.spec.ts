import { describe, expect, it } from 'vitest';
import {
  InvalidProviderDescriptorError,
  type ProviderDescriptor,
  defineProviderDescriptor,
  rateLimitsFor,
} from './provider-descriptor';
import { DuplicateProviderError, ProviderRegistry, UnknownProviderError } from './provider-registry';

function descriptor(overrides: Partial<ProviderDescriptor> = {}): ProviderDescriptor {
  return {
    name: 'acme',
    displayName: 'Acme CRM',
    authKinds: ['token'],
    capabilities: { webhooks: false, search: true, batchWrite: false, ownerWrite: true },
    rateLimits: [
      { bucket: 'default', limit: 100, intervalMs: 10_000 },
      { bucket: 'default', limit: 50, intervalMs: 10_000, authKind: 'token' },
      { bucket: 'search', limit: 5, intervalMs: 1_000 },
    ],
    objects: [{ type: 'leads', displayName: 'Leads', readScopes: [], writeScopes: [] }],
    ...overrides,
  };
}

const oauth = {
  authorize: { base: 'auth', path: '/oauth/authorize' },
  token: { base: 'api', path: '/oauth/token', bodyEncoding: 'form' },
  scopes: ['read'],
  optionalScopes: [],
  scopeSeparator: ' ',
  pkce: false,
} as const;

describe('ProviderRegistry', () => {
  const registry = new ProviderRegistry([
    descriptor(),
    descriptor({
      name: 'beta',
      displayName: 'Beta',
      capabilities: { webhooks: true, search: false, batchWrite: true, ownerWrite: true },
    }),
  ]);

  it('gets, lists sorted and answers capability questions', () => {
    expect(registry.get('acme').displayName).toBe('Acme CRM');
    expect(registry.list().map((d) => d.name)).toEqual(['acme', 'beta']);
    expect(registry.supports('acme', 'webhooks')).toBe(false);
    expect(registry.supports('beta', 'webhooks')).toBe(true);
    expect(registry.withCapability('search').map((d) => d.name)).toEqual(['acme']);
    expect(registry.supportsAuth('acme', 'oauth')).toBe(false);
    expect(registry.routableObject('acme', 'leads')?.displayName).toBe('Leads');
    expect(registry.routableObject('acme', 'deals')).toBeUndefined();
    expect(registry.has('zeta')).toBe(false);
  });

  it('an unknown provider throws a typed error naming the known ones', () => {
    expect(() => registry.get('salesforce')).toThrow(UnknownProviderError);
    expect(() => registry.supports('salesforce', 'search')).toThrow(
      'unknown CRM provider "salesforce"; known providers: acme, beta',
    );
    try {
      new ProviderRegistry().get('x');
    } catch (err) {
      expect(err).toBeInstanceOf(UnknownProviderError);
      expect((err as UnknownProviderError).knownProviders).toEqual([]);
    }
  });

  it('refuses a second provider of the same name', () => {
    const r = new ProviderRegistry([descriptor()]);
    expect(() => r.register(descriptor({ displayName: 'Other' }))).toThrow(DuplicateProviderError);
  });

  it('freezes registered descriptors', () => {
    const d = new ProviderRegistry([descriptor()]).get('acme');
    expect(Object.isFrozen(d.capabilities)).toBe(true);
    expect(Object.isFrozen(d.rateLimits[0])).toBe(true);
  });
});

describe('defineProviderDescriptor', () => {
  it('lists every problem with its path', () => {
    const bad = descriptor({
      name: 'Bad Name',
      authKinds: ['oauth'],
      rateLimits: [
        { bucket: 'search', limit: 0, intervalMs: 1.5 },
        { bucket: 'search', limit: 1, intervalMs: 1000 },
      ],
      objects: [],
    });
    try {
      defineProviderDescriptor(bad);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(InvalidProviderDescriptorError);
      expect((err as InvalidProviderDescriptorError).problems.map((p) => p.path)).toEqual([
        'name',
        'oauth',
        'rateLimits.0.limit',
        'rateLimits.0.intervalMs',
        'rateLimits.1.bucket',
        'rateLimits',
        'objects',
      ]);
    }
  });

  it('requires oauth facts exactly when oauth is an auth kind', () => {
    expect(() => defineProviderDescriptor(descriptor({ oauth }))).toThrow(/oauth: is only allowed/);
    expect(
      defineProviderDescriptor(descriptor({ authKinds: ['oauth', 'token'], oauth })).oauth?.scopes,
    ).toEqual(['read']);
  });
});

describe('rateLimitsFor', () => {
  it('prefers buckets specific to the auth kind', () => {
    const d = descriptor({ authKinds: ['oauth', 'token'], oauth });
    expect(rateLimitsFor(d, 'token').map((b) => [b.bucket, b.limit])).toEqual([
      ['default', 50],
      ['search', 5],
    ]);
    expect(rateLimitsFor(d, 'oauth').map((b) => [b.bucket, b.limit])).toEqual([
      ['default', 100],
      ['search', 5],
    ]);
  });
});
