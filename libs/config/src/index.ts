export { ConfigError, type ConfigProblem } from './config-error';
export { parseEnv, redactConfig, SENSITIVE_VARIABLES } from './config-parser';
export { processEnv, type EnvSource } from './env-source';
export {
  DEFAULT_DATABASE_URL,
  DEFAULT_REDIS_URL,
  type EncryptionKey,
  type TelemetryConfig,
} from './env-fields';
export type { HubSpotConfig, MondayConfig } from './crm-fields';
export { parseApiConfig, type ApiConfig, type LogLevel } from './api-config';
export { parseWorkerConfig, type WorkerConfig } from './worker-config';
export { parseSandboxConfig, type SandboxConfig } from './sandbox-config';
export { loadConfigOrExit } from './load-config';
export { parseMigrateConfig } from './migrate-config';
