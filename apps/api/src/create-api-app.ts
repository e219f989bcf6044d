import { type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import type { ApiConfig } from '@leadflow/config';
import { QUEUE_BOARD_PATH, QueueBoard } from './admin/queue-board';
import { AppModule, assignRequestId } from './app.module';
import { consoleStaticHandler, findConsoleBuild } from './console/console-static';
import { buildOpenApiDocument, mountOpenApi } from './openapi';
import { installWebhookReceiver } from './webhooks/webhook-http-handler';

export interface CreateApiAppOptions {
  logDestination?: NodeJS.WritableStream;
}

/** Builds the configured API application (not yet listening); used by main.ts and by tests. */
export async function createApiApp(
  config: ApiConfig,
  options: CreateApiAppOptions = {},
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ config, ...options }), {
    bufferLogs: true,
    bodyParser: false, // registered below, after the request id, so parse errors carry one too
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  app.use(assignRequestId);
  app.useBodyParser('json', { limit: '1mb' });
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  mountOpenApi(app, buildOpenApiDocument(app));
  app.use(QUEUE_BOARD_PATH, ...app.get(QueueBoard).handlers());
  // The web console (apps/console, built to dist/console) at `/`, beside the API's own paths.
  const consoleBuild = findConsoleBuild();
  if (consoleBuild !== undefined) app.use(consoleStaticHandler(consoleBuild));
  // Webhook deliveries are answered ahead of Express and Nest (docs/adr/0020).
  await installWebhookReceiver(app);
  return app;
}
