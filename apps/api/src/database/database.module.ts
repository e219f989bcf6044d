import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import type { ApiConfig } from '@leadflow/config';
import { createPrismaClient, createTenantScopedClient, type PrismaClient } from '@leadflow/database';
import { API_CONFIG, REDIS, SYSTEM_DB, TENANT_DB } from './database.tokens';

@Global()
@Module({
  providers: [
    {
      provide: SYSTEM_DB,
      inject: [API_CONFIG],
      useFactory: (config: ApiConfig) =>
        createPrismaClient({ databaseUrl: config.databaseUrl, applicationName: 'leadflow-api' }),
    },
    {
      provide: TENANT_DB,
      inject: [SYSTEM_DB],
      useFactory: (prisma: PrismaClient) => createTenantScopedClient(prisma),
    },
    {
      provide: REDIS,
      inject: [API_CONFIG],
      // lazyConnect + no offline queue: a Redis outage fails fast instead of hanging requests.
      useFactory: (config: ApiConfig) =>
        new Redis(config.redisUrl, {
          lazyConnect: true,
          enableOfflineQueue: false,
          maxRetriesPerRequest: 1,
          connectionName: 'leadflow-api',
        }),
    },
  ],
  exports: [SYSTEM_DB, TENANT_DB, REDIS],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(
    @Inject(SYSTEM_DB) private readonly prisma: PrismaClient,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    this.redis.disconnect();
    await this.prisma.$disconnect();
  }
}
