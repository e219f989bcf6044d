import {
  type AuthKind,
  type ProviderCapability,
  type ProviderDescriptor,
  type RoutableObject,
  defineProviderDescriptor,
} from './provider-descriptor';

export class DuplicateProviderError extends Error {
  constructor(readonly provider: string) {
    super(`provider "${provider}" is already registered`);
    this.name = 'DuplicateProviderError';
  }
}

export class UnknownProviderError extends Error {
  constructor(
    readonly provider: string,
    readonly knownProviders: readonly string[],
  ) {
    super(
      `unknown CRM provider "${provider}"; known providers: ${
        knownProviders.length > 0 ? knownProviders.join(', ') : '(none registered)'
      }`,
    );
    this.name = 'UnknownProviderError';
  }
}

/**
 * The providers this deployment knows, by name (style guide, practice 2: a registry, not a switch).
 * Adding a CRM is one `register(...)` line; nothing else branches on provider names.
 */
export class ProviderRegistry {
  private readonly byName = new Map<string, ProviderDescriptor>();

  constructor(descriptors: Iterable<ProviderDescriptor> = []) {
    for (const d of descriptors) this.register(d);
  }

  /** Validates (see `defineProviderDescriptor`) and adds a descriptor; a second one of a name throws. */
  register(descriptor: ProviderDescriptor): this {
    if (this.byName.has(descriptor.name)) throw new DuplicateProviderError(descriptor.name);
    this.byName.set(descriptor.name, defineProviderDescriptor(descriptor));
    return this;
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** The descriptor, or {@link UnknownProviderError} naming the registered providers. */
  get(name: string): ProviderDescriptor {
    const descriptor = this.byName.get(name);
    if (descriptor === undefined) throw new UnknownProviderError(name, this.names());
    return descriptor;
  }

  /** Descriptors sorted by name, so listings and API responses are stable. */
  list(): readonly ProviderDescriptor[] {
    return [...this.byName.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  names(): string[] {
    return [...this.byName.keys()].sort((a, b) => a.localeCompare(b));
  }

  /** Whether the provider has a capability; an unknown provider throws rather than answering `false`. */
  supports(name: string, capability: ProviderCapability): boolean {
    return this.get(name).capabilities[capability];
  }

  supportsAuth(name: string, authKind: AuthKind): boolean {
    return this.get(name).authKinds.includes(authKind);
  }

  /** The routable object of that type, or `undefined` if the provider cannot route it. */
  routableObject(name: string, objectType: string): RoutableObject | undefined {
    return this.get(name).objects.find((o) => o.type === objectType);
  }

  /** Providers with a capability, e.g. which ones need the polling safety net only (`!webhooks`). */
  withCapability(capability: ProviderCapability): readonly ProviderDescriptor[] {
    return this.list().filter((d) => d.capabilities[capability]);
  }
}
