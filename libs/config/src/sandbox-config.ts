import { z } from 'zod';
import { httpUrl, logLevel, otelFields, port, telemetryFrom, type TelemetryConfig } from './env-fields';
import { parseEnv } from './config-parser';
import type { EnvSource } from './env-source';
import type { LogLevel } from './api-config';

const sandboxEnvSchema = z.object({
  PORT: port(3002),
  PUBLIC_BASE_URL: httpUrl('http://localhost:3002').optional(),
  LOG_LEVEL: logLevel,
  ...otelFields,
});

export interface SandboxConfig {
  port: number;
  publicBaseUrl: string;
  logLevel: LogLevel;
  telemetry: TelemetryConfig;
}

export function parseSandboxConfig(env: EnvSource): SandboxConfig {
  const e = parseEnv('leadflow-sandbox', sandboxEnvSchema, env);
  return {
    port: e.PORT,
    publicBaseUrl: (e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    logLevel: e.LOG_LEVEL,
    telemetry: telemetryFrom(e, 'leadflow-sandbox'),
  };
}
