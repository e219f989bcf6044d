import type { Redis } from 'ioredis';
import type { Registry } from 'prom-client';
import type { HubSpotConfig, MondayConfig } from '@leadflow/config';
import {
  BreakerRegistry,
  BreakerStateBoard,
  CrmAdapterRegistry,
  CrmCallLog,
  CrmIntegrationFactory,
  type CredentialRefreshEvent,
  type ProviderRuntimeConfig,
  RedisRateLimiter,
  type ResiliencePolicy,
  SingleFlightLock,
  type BreakerThresholds,
} from '@leadflow/crm';
import { hubSpotAdapter } from '@leadflow/crm-hubspot';
import { mondayAdapter } from '@leadflow/crm-monday';
import type { PrismaClient } from '@leadflow/database';
import type { TokenVault } from '@leadflow/security';
import { ConnectionSecrets } from './connection-secrets';
import { PrismaConnectionStore } from './prisma-connection-store';

/** The providers this build supports. Adding a CRM is one line here (brief §3). */
export function createCrmAdapterRegistry(): CrmAdapterRegistry {
  return new CrmAdapterRegistry([hubSpotAdapter, mondayAdapter]);
}

/** Base URLs and OAuth clients per provider, from the parsed configuration. */
export function providerRuntimeConfigs(config: {
  hubspot: HubSpotConfig;
  monday: MondayConfig;
}): Record<string, ProviderRuntimeConfig> {
  const client = (id: string | undefined, secret: string | undefined) =>
    id !== undefined && secret !== undefined ? { oauthClient: { clientId: id, clientSecret: secret } } : {};
  return {
    hubspot: {
      endpoints: { apiBaseUrl: config.hubspot.apiBaseUrl, authBaseUrl: config.hubspot.authBaseUrl },
      ...client(config.hubspot.clientId, config.hubspot.clientSecret),
      ...(config.hubspot.clientSecret === undefined ? {} : { webhookSecret: config.hubspot.clientSecret }),
    },
    monday: {
      endpoints: { apiBaseUrl: config.monday.apiUrl, authBaseUrl: config.monday.authBaseUrl },
      ...client(config.monday.clientId, config.monday.clientSecret),
      ...(config.monday.signingSecret === undefined ? {} : { webhookSecret: config.monday.signingSecret }),
    },
  };
}

export interface CrmRuntimeOptions {
  prisma: PrismaClient;
  /** A connection that queues commands while (re)connecting; shared by limiter, lock and board. */
  redis: Redis;
  vault: TokenVault;
  config: { hubspot: HubSpotConfig; monday: MondayConfig };
  /** Redis key prefix (QUEUE_PREFIX), so deployments sharing a Redis stay apart. */
  keyPrefix: string;
  processName: string;
  metricsRegistry?: Registry;
  policy?: Partial<ResiliencePolicy>;
  breakerThresholds?: Partial<BreakerThresholds>;
  onTokenRefresh?: (event: CredentialRefreshEvent) => void;
}

/** Everything a process needs to talk to CRMs, wired the same way in the api and the worker. */
export interface CrmRuntime {
  adapters: CrmAdapterRegistry;
  factory: CrmIntegrationFactory;
  store: PrismaConnectionStore;
  secrets: ConnectionSecrets;
  limiter: RedisRateLimiter;
  breakers: BreakerRegistry;
  breakerBoard: BreakerStateBoard;
  callLog: CrmCallLog;
  providerConfig(provider: string): ProviderRuntimeConfig;
  close(): void;
}

export function createCrmRuntime(options: CrmRuntimeOptions): CrmRuntime {
  const adapters = createCrmAdapterRegistry();
  const configs = providerRuntimeConfigs(options.config);
  const providerConfig = (provider: string): ProviderRuntimeConfig => {
    adapters.get(provider); // unknown provider → the typed error naming the known ones
    const found = configs[provider];
    if (found === undefined) throw new Error(`no configuration for provider "${provider}"`);
    return found;
  };
  const secrets = new ConnectionSecrets(options.vault);
  const store = new PrismaConnectionStore(options.prisma, secrets);
  const limiter = new RedisRateLimiter(options.redis, { keyPrefix: options.keyPrefix });
  const breakerBoard = new BreakerStateBoard(options.redis, {
    keyPrefix: options.keyPrefix,
    processName: options.processName,
  });
  const breakers = new BreakerRegistry(options.breakerThresholds, (connectionId, family, state) => {
    // Best effort: the health view is informational; a Redis hiccup must not fail the CRM call.
    breakerBoard.publish(connectionId, family, state).catch(() => undefined);
  });
  const callLog = new CrmCallLog(options.redis, { keyPrefix: options.keyPrefix });
  const factory = new CrmIntegrationFactory({
    adapters,
    callLog,
    store,
    limiter,
    breakers,
    lock: new SingleFlightLock(options.redis, { keyPrefix: options.keyPrefix }),
    providerConfig,
    ...(options.policy === undefined ? {} : { policy: options.policy }),
    ...(options.metricsRegistry === undefined ? {} : { metricsRegistry: options.metricsRegistry }),
    ...(options.onTokenRefresh === undefined ? {} : { onTokenRefresh: options.onTokenRefresh }),
  });
  return {
    adapters,
    factory,
    store,
    secrets,
    limiter,
    breakers,
    breakerBoard,
    callLog,
    providerConfig,
    close: () => breakers.shutdown(),
  };
}
