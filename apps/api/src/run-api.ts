import type { ApiConfig } from '@leadflow/config';
import { findMigrationsDir, prepareDatabase } from '@leadflow/database';
import type { TracingHandle } from '@leadflow/observability';
import { Logger } from 'nestjs-pino';
import { createApiApp } from './create-api-app';
import { ensureDemoTenant } from './demo/demo-tenant';

export async function runApi(config: ApiConfig, tracing: TracingHandle): Promise<void> {
  const migrations = await prepareDatabase(config.databaseUrl, findMigrationsDir());
  const app = await createApiApp(config);
  const logger = app.get(Logger);
  if (migrations.applied.length) logger.log(`applied migrations: ${migrations.applied.join(', ')}`);
  await app.listen(config.port, '0.0.0.0');
  logger.log(`leadflow-api listening on ${config.publicBaseUrl} (OpenAPI at ${config.publicBaseUrl}/docs)`);
  if (config.demo) await ensureDemoTenant(app, config);

  const stop = async (signal: string) => {
    logger.log(`received ${signal}, shutting down`);
    await app.close();
    await tracing.shutdown().catch(() => undefined);
    process.exit(0);
  };
  process.once('SIGINT', (s) => void stop(s));
  process.once('SIGTERM', (s) => void stop(s));
}
