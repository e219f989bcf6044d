import { type DynamicModule, type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { ZodSerializerInterceptor } from 'nestjs-zod';
import type { ApiConfig } from '@leadflow/config';
import {
  createHttpRequestHistogram,
  createMetricsRegistry,
  createWebhookMetrics,
  loggerOptions,
  redactUrl,
} from '@leadflow/observability';
import { ApiKeysController } from './api-keys/api-keys.controller';
import { ApiKeysService } from './api-keys/api-keys.service';
import { AuditLogController } from './audit/audit-log.controller';
import { AuditLogService } from './audit/audit-log.service';
import { ApiKeyGuard } from './auth/api-key.guard';
import { TenantScopeMiddleware } from './auth/tenant-scope.middleware';
import { DatabaseModule } from './database/database.module';
import { API_CONFIG } from './database/database.tokens';
import { HealthController } from './health/health.controller';
import { METRICS_REGISTRY, MetricsController, WEBHOOK_METRICS } from './health/metrics.controller';
import { QueueBoard } from './admin/queue-board';
import { HTTP_HISTOGRAM, HttpMetricsMiddleware } from './http/http-metrics.middleware';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { ZodValidationPipe } from './http/zod-validation.pipe';
import { RoutingAdminModule } from './routing-admin/routing-admin.module';
import { RoutingModule } from './routing/routing.module';
import { ConnectionsModule } from './connections/connections.module';
import { FieldMappingModule } from './field-mapping/field-mapping.module';
import { WebhookInboxService } from './webhooks/webhook-inbox.service';
import { LeadRerouteService } from './leads/lead-reroute.service';
import { LeadsController } from './leads/leads.controller';
import { WebhooksModule } from './webhooks/webhooks.module';
import { WebhookDeliveriesController } from './webhooks/webhook-deliveries.controller';
import { CrmRuntimeModule } from './connections/crm-runtime.provider';
import { EncryptionController } from './encryption/encryption.controller';
import { TenantsController } from './tenants/tenants.controller';
import { TenantsService } from './tenants/tenants.service';

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{1,128}$/;

/** Accepts a caller's request id when it is well formed, so ids can follow a request across systems. */
export function requestIdFor(req: IncomingMessage): string {
  const header = req.headers['x-request-id'];
  return typeof header === 'string' && REQUEST_ID_PATTERN.test(header) ? header : randomUUID();
}

function assignRequestIdTo(req: IncomingMessage, res: ServerResponse): string {
  const id = requestIdFor(req);
  req.id = id; // pino-http's declaration of IncomingMessage.id
  res.setHeader('X-Request-Id', id);
  return id;
}

/** First middleware of the app: every response, even a body-parse failure, carries a request id. */
export function assignRequestId(req: IncomingMessage, res: ServerResponse, next: () => void): void {
  assignRequestIdTo(req, res);
  next();
}

export interface ApiModuleOptions {
  config: ApiConfig;
  /** Where log lines go; tests pass a stream to inspect them. */
  logDestination?: NodeJS.WritableStream;
}

@Module({})
export class AppModule implements NestModule {
  static forRoot({ config, logDestination }: ApiModuleOptions): DynamicModule {
    const registry = createMetricsRegistry('leadflow-api');
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            ...loggerOptions('leadflow-api', config.logLevel),
            ...(logDestination ? { stream: logDestination } : {}),
            genReqId: (req, res) => req.id ?? assignRequestIdTo(req, res),
            customProps: () => ({}),
            autoLogging: { ignore: (req) => /^\/(health|metrics)/.test(req.url ?? '') },
            serializers: {
              req: (req: { id: unknown; method: string; url: string }) => ({
                id: req.id,
                method: req.method,
                url: redactUrl(req.url),
              }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
          },
        }),
        {
          module: DatabaseModule,
          global: true,
          providers: [{ provide: API_CONFIG, useValue: config }],
          exports: [API_CONFIG],
        },
        CrmRuntimeModule.forRoot(registry),
        RoutingAdminModule,
        RoutingModule,
        ConnectionsModule,
        FieldMappingModule,
        WebhooksModule,
      ],
      controllers: [
        HealthController,
        MetricsController,
        TenantsController,
        ApiKeysController,
        AuditLogController,
        EncryptionController,
        LeadsController,
        WebhookDeliveriesController,
      ],
      providers: [
        { provide: API_CONFIG, useValue: config },
        { provide: METRICS_REGISTRY, useValue: registry },
        { provide: WEBHOOK_METRICS, useValue: createWebhookMetrics(registry) },
        QueueBoard,
        { provide: HTTP_HISTOGRAM, useValue: createHttpRequestHistogram(registry) },
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: APP_PIPE, useClass: ZodValidationPipe },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_INTERCEPTOR, useClass: ZodSerializerInterceptor },
        AuditLogService,
        ApiKeysService,
        TenantsService,
        WebhookInboxService,
        LeadRerouteService,
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware, TenantScopeMiddleware).forRoutes('*path');
  }
}
