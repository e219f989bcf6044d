import { z } from 'zod';
import { crmConfigFrom, crmFields, type HubSpotConfig, type MondayConfig } from './crm-fields';
import {
  booleanFlag,
  bootstrapToken,
  databaseUrl,
  encryptionKeyRing,
  type EncryptionKey,
  httpUrl,
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

const apiEnvSchema = z.object({
  PORT: port(3000),
  PUBLIC_BASE_URL: httpUrl('https://leadflow.example.com').optional(),
  DATABASE_URL: databaseUrl,
  REDIS_URL: redisUrl,
  QUEUE_PREFIX: queuePrefix,
  LOG_LEVEL: logLevel,
  LEADFLOW_DEMO: booleanFlag,
  LEADFLOW_STATE_DIR: z.string().default('.leadflow'),
  TOKEN_ENCRYPTION_KEYS: encryptionKeyRing,
  ADMIN_BOOTSTRAP_TOKEN: bootstrapToken.optional(),
  WEBHOOK_REJECTED_KEEP: positiveInt(1_000, 'refused webhook deliveries kept per provider and connection'),
  ...crmFields,
  ...otelFields,
});

export type LogLevel = z.infer<typeof logLevel>;

export interface ApiConfig {
  port: number;
  publicBaseUrl: string;
  databaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
  logLevel: LogLevel;
  /** Demo mode: `npm start` creates a demo tenant and connects it to the sandbox. */
  demo: boolean;
  stateDir: string;
  encryptionKeys: EncryptionKey[];
  bootstrapToken: string | undefined;
  /** Refused webhook deliveries kept per provider and connection; older ones are deleted (flood bound). */
  webhookRejectedKeep: number;
  hubspot: HubSpotConfig;
  monday: MondayConfig;
  telemetry: TelemetryConfig;
}

export function parseApiConfig(env: EnvSource): ApiConfig {
  const e = parseEnv('leadflow-api', apiEnvSchema, env);
  return {
    port: e.PORT,
    publicBaseUrl: (e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    queuePrefix: e.QUEUE_PREFIX,
    logLevel: e.LOG_LEVEL,
    demo: e.LEADFLOW_DEMO,
    stateDir: e.LEADFLOW_STATE_DIR,
    encryptionKeys: e.TOKEN_ENCRYPTION_KEYS,
    bootstrapToken: e.ADMIN_BOOTSTRAP_TOKEN,
    webhookRejectedKeep: e.WEBHOOK_REJECTED_KEEP,
    ...crmConfigFrom(e),
    telemetry: telemetryFrom(e, 'leadflow-api'),
  };
}
