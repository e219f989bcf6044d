import { type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import type { ApiConfig } from '@leadflow/config';
import { AppModule, assignRequestId } from './app.module';
import { buildOpenApiDocument, mountOpenApi } from './openapi';

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
    rawBody: true, // webhook receivers verify signatures over the exact bytes received
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  app.use(assignRequestId);
  app.useBodyParser('json', { limit: '1mb' });
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  mountOpenApi(app, buildOpenApiDocument(app));
  return app;
}
