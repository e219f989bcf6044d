import { z } from 'zod';

/** Building blocks shared by the per-app schemas; each app picks the variables it uses. */

export const DEFAULT_DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/leadflow';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

const urlWithProtocols = (protocols: readonly string[], example: string) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    {
      message: `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')} (for example ${example})`,
    },
  );

export const databaseUrl = urlWithProtocols(['postgres:', 'postgresql:'], DEFAULT_DATABASE_URL).default(
  DEFAULT_DATABASE_URL,
);
export const redisUrl = urlWithProtocols(['redis:', 'rediss:'], DEFAULT_REDIS_URL).default(DEFAULT_REDIS_URL);
export const httpUrl = (example: string) => urlWithProtocols(['http:', 'https:'], example);

export const port = (defaultPort: number) =>
  z.coerce
    .number({ message: 'must be a whole number between 0 and 65535' })
    .int('must be a whole number between 0 and 65535')
    .min(0, 'must be a whole number between 0 and 65535')
    .max(65535, 'must be a whole number between 0 and 65535')
    .default(defaultPort);

export const positiveInt = (defaultValue: number, what: string) =>
  z.coerce
    .number({ message: `must be a positive whole number (${what})` })
    .int(`must be a positive whole number (${what})`)
    .positive(`must be a positive whole number (${what})`)
    .default(defaultValue);

export const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes')
  .default(false);

export const logLevel = z
  .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
    message: 'must be one of fatal, error, warn, info, debug, trace, silent',
  })
  .default('info');

export const queuePrefix = z
  .string()
  .regex(/^[a-zA-Z0-9:_-]{1,64}$/, 'must be 1-64 letters, digits, ":", "_" or "-"')
  .default('leadflow');

export interface EncryptionKey {
  id: string;
  key: Buffer;
}

/**
 * `kid:base64key,...`; the first key is the active one. Each key must decode to 32 bytes
 * (AES-256). Messages never include key material.
 */
export const encryptionKeyRing = z.string().transform((value, ctx): EncryptionKey[] => {
  const keys: EncryptionKey[] = [];
  const seen = new Set<string>();
  value.split(',').forEach((entry, index) => {
    const [id, material, ...rest] = entry.trim().split(':');
    if (!id || !material || rest.length > 0) {
      ctx.addIssue({ code: 'custom', message: `entry ${index + 1} must look like kid:base64key` });
      return;
    }
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(id)) {
      ctx.addIssue({
        code: 'custom',
        message: `entry ${index + 1} has a key id that is not 1-32 letters, digits, "_" or "-"`,
      });
      return;
    }
    if (seen.has(id)) {
      ctx.addIssue({ code: 'custom', message: `key id "${id}" appears twice` });
      return;
    }
    const key = Buffer.from(material, 'base64');
    if (key.length !== 32 || key.toString('base64').replace(/=+$/, '') !== material.replace(/=+$/, '')) {
      ctx.addIssue({
        code: 'custom',
        message: `key "${id}" must be 32 bytes encoded as base64 (openssl rand -base64 32)`,
      });
      return;
    }
    seen.add(id);
    keys.push({ id, key });
  });
  return keys;
});

export const bootstrapToken = z.string().min(32, 'must be at least 32 characters (openssl rand -hex 32)');

/** OpenTelemetry variables we honour; the SDK gets them from config, never from process.env. */
export const otelFields = {
  OTEL_EXPORTER_OTLP_ENDPOINT: httpUrl('http://localhost:4318').optional(),
  OTEL_EXPORTER_OTLP_HEADERS: z.string().optional(),
  OTEL_SERVICE_NAME: z.string().optional(),
  OTEL_SDK_DISABLED: booleanFlag,
};

export interface TelemetryConfig {
  serviceName: string;
  otlpEndpoint: string | undefined;
  otlpHeaders: Record<string, string>;
  disabled: boolean;
}

export function telemetryFrom(
  env: {
    OTEL_EXPORTER_OTLP_ENDPOINT?: string | undefined;
    OTEL_EXPORTER_OTLP_HEADERS?: string | undefined;
    OTEL_SERVICE_NAME?: string | undefined;
    OTEL_SDK_DISABLED: boolean;
  },
  defaultServiceName: string,
): TelemetryConfig {
  const headers: Record<string, string> = {};
  for (const pair of (env.OTEL_EXPORTER_OTLP_HEADERS ?? '').split(',')) {
    const at = pair.indexOf('=');
    if (at > 0)
      headers[decodeURIComponent(pair.slice(0, at).trim())] = decodeURIComponent(pair.slice(at + 1).trim());
  }
  return {
    serviceName: env.OTEL_SERVICE_NAME ?? defaultServiceName,
    otlpEndpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT,
    otlpHeaders: headers,
    disabled: env.OTEL_SDK_DISABLED,
  };
}
