import {
  type BeforeApplicationShutdown,
  Global,
  Inject,
  Injectable,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import type { ApiConfig } from '@leadflow/config';
import type { CrmRuntime } from '@leadflow/connections';
import { createPgPool, type PgPool } from '@leadflow/database';
import { DeliveryDispatcher } from '@leadflow/intake';
import { CRM_RUNTIME } from '../connections/crm-runtime.provider';
import { API_CONFIG } from '../database/database.tokens';
import { DeliveryStore } from './delivery-store';
import { IntakeQueueService } from './intake-queue.service';
import { WebhookConnectionCache } from './webhook-connections';

/** The webhook receiver's own node-postgres pool (its INSERTs never queue behind admin queries). */
export const WEBHOOK_PG = Symbol('WEBHOOK_PG');

/**
 * Starts the dispatcher's recovery scan with the app. On shutdown it fans out what it holds before
 * the server closes and again after (deliveries it cannot hand to the queue any more stay `received`
 * for the next start's recovery scan or the worker's sweeper), then closes the pool.
 */
@Injectable()
class WebhookLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  constructor(
    private readonly dispatcher: DeliveryDispatcher,
    private readonly store: DeliveryStore,
    @Inject(WEBHOOK_PG) private readonly pg: PgPool,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext('DeliveryDispatcher');
  }

  onApplicationBootstrap(): void {
    this.dispatcher.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.dispatcher.drain();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.dispatcher.close();
    await this.pg.end();
    this.logger.info(
      { ...this.dispatcher.stats, stored: this.store.stats.rows, inserts: this.store.stats.inserts },
      'webhook inbox and fan-out totals of this process',
    );
  }
}

/**
 * What the webhook inbox stands on (docs/adr/0020): its pool and table writer, the connection cache
 * (global, so connection changes in this process can invalidate it), the dispatcher that fans stored
 * deliveries out to intake after the answer, and the intake queue the API shares with replays and
 * re-routes. `WebhookInboxService` (app module) verifies and stores; `installWebhookReceiver`
 * (webhook-http-handler.ts) serves the routes.
 */
@Global()
@Module({
  providers: [
    {
      provide: WEBHOOK_PG,
      inject: [API_CONFIG],
      useFactory: (config: ApiConfig) =>
        createPgPool({ databaseUrl: config.databaseUrl, size: 10, applicationName: 'leadflow-api-webhooks' }),
    },
    {
      provide: DeliveryStore,
      inject: [WEBHOOK_PG, API_CONFIG],
      useFactory: (pg: PgPool, config: ApiConfig) =>
        new DeliveryStore(pg, { keep: config.webhookRejectedKeep }),
    },
    {
      provide: WebhookConnectionCache,
      inject: [WEBHOOK_PG],
      useFactory: (pg: PgPool) => WebhookConnectionCache.fromPool(pg),
    },
    {
      provide: DeliveryDispatcher,
      inject: [WEBHOOK_PG, CRM_RUNTIME, IntakeQueueService, PinoLogger],
      useFactory: (pg: PgPool, crm: CrmRuntime, intake: IntakeQueueService, logger: PinoLogger) => {
        logger.setContext('DeliveryDispatcher');
        return new DeliveryDispatcher({
          pg,
          adapters: crm.adapters,
          enqueue: (requests) => intake.enqueueBatches(requests),
          log: logger,
        });
      },
    },
    IntakeQueueService,
    WebhookLifecycle,
  ],
  exports: [DeliveryStore, WebhookConnectionCache, DeliveryDispatcher, IntakeQueueService],
})
export class WebhooksModule {}
