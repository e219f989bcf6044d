import {
  type DynamicModule,
  Global,
  Inject,
  Module,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { Redis } from 'ioredis';
import type { Registry } from 'prom-client';
import type { ApiConfig } from '@leadflow/config';
import {
  assertKeyRingCoversStoredSecrets,
  ConnectionRepository,
  createCrmRuntime,
  type CrmRuntime,
  EncryptionKeyRotation,
  OAuthStateStore,
} from '@leadflow/connections';
import type { PrismaClient } from '@leadflow/database';
import { TokenVault } from '@leadflow/security';
import { API_CONFIG, SYSTEM_DB } from '../database/database.tokens';

export const CRM_RUNTIME = Symbol('CRM_RUNTIME');
export const CRM_REDIS = Symbol('CRM_REDIS');
export const TOKEN_VAULT = Symbol('TOKEN_VAULT');
const CRM_METRICS_REGISTRY = Symbol('CRM_METRICS_REGISTRY');

/** The CRM layer for the API process: factory, vault, stores. Workers wire the same runtime. */
@Global()
@Module({
  providers: [
    {
      provide: TOKEN_VAULT,
      inject: [API_CONFIG],
      useFactory: (config: ApiConfig) => new TokenVault(config.encryptionKeys),
    },
    {
      // Its own connection: the request path's Redis fails fast with no offline queue, but rate
      // limiting and refresh locks should ride out a reconnect.
      provide: CRM_REDIS,
      inject: [API_CONFIG],
      useFactory: (config: ApiConfig) =>
        new Redis(config.redisUrl, { maxRetriesPerRequest: 2, connectionName: 'leadflow-api-crm' }),
    },
    {
      provide: CRM_RUNTIME,
      inject: [SYSTEM_DB, CRM_REDIS, TOKEN_VAULT, API_CONFIG, CRM_METRICS_REGISTRY],
      useFactory: (
        prisma: PrismaClient,
        redis: Redis,
        vault: TokenVault,
        config: ApiConfig,
        registry: Registry,
      ) =>
        createCrmRuntime({
          prisma,
          redis,
          vault,
          config,
          keyPrefix: config.queuePrefix,
          processName: 'leadflow-api',
          metricsRegistry: registry,
        }),
    },
    {
      provide: ConnectionRepository,
      inject: [SYSTEM_DB, CRM_RUNTIME],
      useFactory: (prisma: PrismaClient, runtime: CrmRuntime) =>
        new ConnectionRepository(prisma, runtime.secrets),
    },
    {
      provide: OAuthStateStore,
      inject: [SYSTEM_DB],
      useFactory: (prisma: PrismaClient) => new OAuthStateStore(prisma),
    },
    {
      provide: EncryptionKeyRotation,
      inject: [SYSTEM_DB, CRM_RUNTIME],
      useFactory: (prisma: PrismaClient, runtime: CrmRuntime) =>
        new EncryptionKeyRotation(prisma, runtime.secrets),
    },
  ],
  exports: [
    CRM_RUNTIME,
    CRM_REDIS,
    TOKEN_VAULT,
    ConnectionRepository,
    OAuthStateStore,
    EncryptionKeyRotation,
  ],
})
export class CrmRuntimeModule implements OnModuleInit, OnApplicationShutdown {
  /** `registry` is the process's metrics registry, so CRM call metrics appear on /metrics. */
  static forRoot(registry: Registry): DynamicModule {
    return {
      module: CrmRuntimeModule,
      providers: [{ provide: CRM_METRICS_REGISTRY, useValue: registry }],
    };
  }

  constructor(
    @Inject(CRM_RUNTIME) private readonly runtime: CrmRuntime,
    @Inject(CRM_REDIS) private readonly redis: Redis,
    @Inject(SYSTEM_DB) private readonly prisma: PrismaClient,
    @Inject(TOKEN_VAULT) private readonly vault: TokenVault,
  ) {}

  /** Refuses to start with a key ring that cannot decrypt what is stored (names the missing ids). */
  async onModuleInit(): Promise<void> {
    await assertKeyRingCoversStoredSecrets(this.prisma, this.vault);
  }

  onApplicationShutdown(): void {
    this.runtime.close();
    this.redis.disconnect();
  }
}
