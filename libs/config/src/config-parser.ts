import { type z } from 'zod';
import { ConfigError, type ConfigProblem } from './config-error';
import type { EnvSource } from './env-source';

/**
 * Variables whose values must never be printed: they are replaced by `[redacted]` whenever a
 * config is described, and problems about them never echo the value.
 */
export const SENSITIVE_VARIABLES: ReadonlySet<string> = new Set([
  'DATABASE_URL',
  'REDIS_URL',
  'TOKEN_ENCRYPTION_KEYS',
  'ADMIN_BOOTSTRAP_TOKEN',
  'HUBSPOT_CLIENT_SECRET',
  'MONDAY_CLIENT_SECRET',
  'MONDAY_SIGNING_SECRET',
  'OTEL_EXPORTER_OTLP_HEADERS',
]);

/**
 * Parses `env` with a zod object whose keys are variable names. Every problem is collected
 * (not just the first) so an operator fixes the environment in one pass.
 */
export function parseEnv<S extends z.ZodObject>(service: string, schema: S, env: EnvSource): z.infer<S> {
  // Empty strings mean "unset" for every variable: shells and compose files produce them easily.
  const cleaned: Record<string, string> = {};
  for (const key of Object.keys(schema.shape)) {
    const value = env[key];
    if (value !== undefined && value.trim() !== '') cleaned[key] = value.trim();
  }
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  const problems: ConfigProblem[] = result.error.issues.map((issue) => {
    const variable = String(issue.path[0] ?? '(environment)');
    // Our messages never include the value, so they are safe for sensitive variables too.
    return { variable, message: cleaned[variable] === undefined ? 'is required but not set' : issue.message };
  });
  throw new ConfigError(service, problems);
}

/** Returns a printable copy of a parsed config with sensitive values replaced. */
export function redactConfig(
  config: Record<string, unknown>,
  sensitiveKeys: readonly string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    out[key] = sensitiveKeys.includes(key) && value !== undefined ? '[redacted]' : value;
  }
  return out;
}
