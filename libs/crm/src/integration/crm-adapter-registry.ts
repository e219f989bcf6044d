import type { CrmProviderAdapter } from '../crm-adapter';
import { ProviderRegistry } from '../provider-registry';

/**
 * The provider packages this deployment runs, by name. Descriptors are validated through
 * {@link ProviderRegistry}, so an unknown name is the same typed error listing the known providers.
 */
export class CrmAdapterRegistry {
  readonly descriptors = new ProviderRegistry();
  private readonly adapters = new Map<string, CrmProviderAdapter>();

  constructor(adapters: Iterable<CrmProviderAdapter> = []) {
    for (const adapter of adapters) this.register(adapter);
  }

  register(adapter: CrmProviderAdapter): this {
    this.descriptors.register(adapter.descriptor);
    this.adapters.set(adapter.descriptor.name, adapter);
    return this;
  }

  /** The adapter, or `UnknownProviderError` naming the registered providers. */
  get(provider: string): CrmProviderAdapter {
    this.descriptors.get(provider);
    return this.adapters.get(provider)!;
  }

  names(): string[] {
    return this.descriptors.names();
  }
}
