import { z } from 'zod';
import { crmConfigFrom, crmFields, type HubSpotConfig, type MondayConfig } from './crm-fields';
import {
  databaseUrl,
  encryptionKeyRing,
  type EncryptionKey,
  logLevel,
  otelFields,
  port,
  positiveInt,
  queuePrefix,
  redisUrl,
  telemetryFrom,
  type TelemetryConfig,
} from './env-fields';
import { parseEnv } from './config-parser';
import type { EnvSource } from './env-source';
import type { LogLevel } from './api-config';

const workerEnvSchema = z.object({
  WORKER_HEALTH_PORT: port(3001),
  DATABASE_URL: databaseUrl,
  REDIS_URL: redisUrl,
  QUEUE_PREFIX: queuePrefix,
  LOG_LEVEL: logLevel,
  WORKER_CONCURRENCY: positiveInt(8, 'jobs processed at once per queue'),
  INTAKE_CONCURRENCY: positiveInt(
    64,
    'intake jobs processed at once (they share batch CRM reads, so more at once means bigger batches)',
  ),
  WRITEBACK_CONCURRENCY: positiveInt(
    200,
    'write-back jobs processed at once (a poll page routes up to 100 leads; two full batch writes in flight)',
  ),
  WORKER_SHUTDOWN_GRACE_MS: positiveInt(30_000, 'milliseconds running jobs get to finish on shutdown'),
  TOKEN_ENCRYPTION_KEYS: encryptionKeyRing,
  POLL_SCHEDULER_INTERVAL_MS: positiveInt(15_000, 'milliseconds between checks for connections due a poll'),
  ...crmFields,
  ...otelFields,
});

export interface WorkerConfig {
  healthPort: number;
  databaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
  logLevel: LogLevel;
  concurrency: number;
  /** Jobs at once on the intake queue, whose CRM reads are batched across jobs. */
  intakeConcurrency: number;
  /** Jobs at once on the writeback queue, whose owner writes are batched across jobs. */
  writebackConcurrency: number;
  shutdownGraceMs: number;
  encryptionKeys: EncryptionKey[];
  /** How often the poll scheduler looks for connections due a poll (each has its own interval). */
  pollTickMs: number;
  hubspot: HubSpotConfig;
  monday: MondayConfig;
  telemetry: TelemetryConfig;
}

export function parseWorkerConfig(env: EnvSource): WorkerConfig {
  const e = parseEnv('leadflow-worker', workerEnvSchema, env);
  return {
    healthPort: e.WORKER_HEALTH_PORT,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    queuePrefix: e.QUEUE_PREFIX,
    logLevel: e.LOG_LEVEL,
    concurrency: e.WORKER_CONCURRENCY,
    intakeConcurrency: e.INTAKE_CONCURRENCY,
    writebackConcurrency: e.WRITEBACK_CONCURRENCY,
    shutdownGraceMs: e.WORKER_SHUTDOWN_GRACE_MS,
    encryptionKeys: e.TOKEN_ENCRYPTION_KEYS,
    pollTickMs: e.POLL_SCHEDULER_INTERVAL_MS,
    ...crmConfigFrom(e),
    telemetry: telemetryFrom(e, 'leadflow-worker'),
  };
}
