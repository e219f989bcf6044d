import type { Registry } from 'prom-client';
import type { ICrmClient } from '../crm-client';
import type {
  CrmConnectionInfo,
  OAuthClientCredentials,
  OAuthTokenSet,
  ProviderEndpoints,
} from '../crm-adapter';
import { type AuthKind } from '../provider-descriptor';
import { rateLimitsFor } from '../provider-descriptor';
import type { BreakerRegistry } from '../resilience/circuit-breakers';
import { rateLimitKey, type RedisRateLimiter } from '../resilience/redis-rate-limiter';
import type { SingleFlightLock } from '../resilience/single-flight';
import type { CrmAdapterRegistry } from './crm-adapter-registry';
import { ConnectionCredentials, type CredentialRefreshEvent } from './connection-credentials';
import {
  type ConnectionCredentialStore,
  ConnectionUnavailableError,
  type StoredConnection,
  type StoredCredentials,
} from './connection-store';
import type { CrmCallLog } from './crm-call-log';
import { CrmCallMetrics } from './crm-call-metrics';
import { DEFAULT_RESILIENCE_POLICY, type ResiliencePolicy, ResilientTransport } from './resilient-transport';

/** Per-provider settings from configuration (base URLs, OAuth client). */
export interface ProviderRuntimeConfig {
  endpoints: ProviderEndpoints;
  oauthClient?: OAuthClientCredentials;
  /** What inbound webhooks are verified with (HubSpot: the client secret; Monday: the signing secret). */
  webhookSecret?: string;
}

export interface CrmIntegrationFactoryDeps {
  adapters: CrmAdapterRegistry;
  store: ConnectionCredentialStore;
  limiter: RedisRateLimiter;
  breakers: BreakerRegistry;
  lock: SingleFlightLock;
  providerConfig: (provider: string) => ProviderRuntimeConfig;
  policy?: Partial<ResiliencePolicy>;
  /** Refresh OAuth tokens this long before they expire. */
  refreshAheadMs?: number;
  metricsRegistry?: Registry;
  /** Counts each call's outcome per connection for the provider health API. */
  callLog?: CrmCallLog;
  now?: () => number;
  onTokenRefresh?: (event: CredentialRefreshEvent) => void;
}

export const TOKEN_REFRESH_AHEAD_MS = 5 * 60_000;
const BUDGET_USE_TTL_MS = 200;

/**
 * Builds an {@link ICrmClient} for a stored connection (brief §2). Every adapter is wrapped the same
 * way — vault credentials with single-flight refresh, the per-connection Redis rate limiter,
 * retries, the breaker, timeouts, spans and metrics — through the transport it is given, so no
 * adapter carries any of it. See docs/adr/0012-crm-integration-factory.md.
 */
export class CrmIntegrationFactory {
  private readonly policy: ResiliencePolicy;
  private readonly metrics: CrmCallMetrics;
  private readonly now: () => number;
  private readonly budgetUse = new Map<string, { at: number; value: number }>();

  constructor(private readonly deps: CrmIntegrationFactoryDeps) {
    this.policy = { ...DEFAULT_RESILIENCE_POLICY, ...deps.policy };
    this.metrics = new CrmCallMetrics(deps.metricsRegistry);
    this.now = deps.now ?? Date.now;
  }

  /**
   * A client for the connection. Throws {@link ConnectionUnavailableError} unless the connection is
   * active: a paused or `needs_reauth` connection makes no calls, so its jobs stop with that reason.
   */
  async forConnection(connectionId: string): Promise<ICrmClient> {
    const { store } = this.deps;
    const stored = await store.loadConnection(connectionId);
    if (stored === null) throw new ConnectionUnavailableError(connectionId, 'missing', null);
    if (stored.status !== 'active') {
      throw new ConnectionUnavailableError(connectionId, stored.status, stored.statusReason);
    }
    const credentials = await store.loadCredentials(connectionId);
    if (credentials === null) throw new ConnectionUnavailableError(connectionId, 'disconnected', null);

    return this.build(stored.info, credentials, store);
  }

  /**
   * How much of the connection's general request budget is spent right now, 0 (idle) to 1 (none
   * left), read from the shared limiter. Batching callers use it to wait for fuller batches when
   * calls are scarce (ADR 0018). Remembered for a moment per connection: one batch decision must not
   * cost a database read and a Redis call of its own.
   */
  async budgetUsed(connectionId: string): Promise<number> {
    const now = this.now();
    const known = this.budgetUse.get(connectionId);
    if (known !== undefined && now - known.at < BUDGET_USE_TTL_MS) return known.value;
    const stored = await this.deps.store.loadConnection(connectionId);
    if (stored === null) return 0;
    const buckets = rateLimitsFor(
      this.deps.adapters.get(stored.info.provider).descriptor,
      stored.info.authType,
    ).filter((b) => b.sharedByAllCalls !== true);
    const bucket = buckets.find((b) => b.bucket === 'default') ?? buckets[0];
    if (bucket === undefined) return 0;
    const left = await this.deps.limiter.headroom(rateLimitKey(connectionId, bucket.bucket), bucket);
    const value = Math.min(1, Math.max(0, 1 - left / bucket.limit));
    if (this.budgetUse.size > 10_000) this.budgetUse.clear();
    this.budgetUse.set(connectionId, { at: now, value });
    return value;
  }

  /**
   * A client for credentials that are not stored yet — checking a pasted token, or reading the
   * account of a fresh OAuth grant — with the same limits and breaker as stored connections, but
   * no refresh: an expired token here is simply an auth error.
   */
  forCredentials(input: {
    tenantId: string;
    provider: string;
    authType: AuthKind;
    accessToken: string;
    settings: Record<string, unknown>;
  }): ICrmClient {
    const connection: CrmConnectionInfo = {
      // One shared identity per provider: probes share a budget and a breaker, and leave no state behind.
      id: `probe.${input.provider}`,
      tenantId: input.tenantId,
      provider: input.provider,
      authType: input.authType,
      externalAccountId: '',
      settings: input.settings,
    };
    const credentials: StoredCredentials = {
      accessToken: input.accessToken,
      refreshToken: null,
      expiresAt: null,
      version: 0,
    };
    return this.build(connection, credentials, new UnstoredCredentials(credentials));
  }

  private build(
    connection: CrmConnectionInfo,
    credentials: StoredCredentials,
    store: ConnectionCredentialStore,
  ): ICrmClient {
    const adapter = this.deps.adapters.get(connection.provider);
    const runtime = this.deps.providerConfig(connection.provider);
    const connectionCredentials = new ConnectionCredentials(credentials, {
      connection,
      store,
      lock: this.deps.lock,
      oauth: adapter.oauth,
      oauthClient: runtime.oauthClient,
      endpoints: runtime.endpoints,
      refreshAheadMs: this.deps.refreshAheadMs ?? TOKEN_REFRESH_AHEAD_MS,
      refreshTimeoutMs: this.policy.callTimeoutMs,
      now: this.now,
      onRefresh: (event) => {
        this.metrics.tokenRefreshes.inc({ provider: event.provider, outcome: event.outcome });
        this.deps.onTokenRefresh?.(event);
      },
    });
    const transport = new ResilientTransport({
      connection,
      credentials: connectionCredentials,
      store,
      limiter: this.deps.limiter,
      breakers: this.deps.breakers,
      buckets: rateLimitsFor(adapter.descriptor, connection.authType),
      policy: this.policy,
      metrics: this.metrics,
      ...(this.deps.callLog === undefined ? {} : { callLog: this.deps.callLog }),
    });
    return adapter.createClient({
      connection,
      transport,
      endpoints: runtime.endpoints,
      ...(runtime.oauthClient === undefined ? {} : { oauthClient: runtime.oauthClient }),
    });
  }
}

/** The store behind {@link CrmIntegrationFactory.forCredentials}: memory only, nothing to mark. */
class UnstoredCredentials implements ConnectionCredentialStore {
  constructor(private readonly credentials: StoredCredentials) {}

  loadConnection(): Promise<StoredConnection | null> {
    return Promise.resolve(null);
  }

  loadCredentials(): Promise<StoredCredentials | null> {
    return Promise.resolve(this.credentials);
  }

  saveRefreshedCredentials(_id: string, _version: number, tokens: OAuthTokenSet): Promise<StoredCredentials> {
    return Promise.resolve({ ...this.credentials, accessToken: tokens.accessToken });
  }

  markNeedsReauth(): Promise<void> {
    return Promise.resolve();
  }
}
