import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error';
import { parseApiConfig } from './api-config';
import { parseWorkerConfig } from './worker-config';
import { parseSandboxConfig } from './sandbox-config';
import { redactConfig } from './config-parser';

const KEY = Buffer.alloc(32, 1).toString('base64');
const valid = { TOKEN_ENCRYPTION_KEYS: `k1:${KEY}` };

function problemsOf(fn: () => unknown): { variable: string; message: string }[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('API configuration', () => {
  it('defaults to local Postgres and Redis', () => {
    const config = parseApiConfig(valid);
    expect(config.databaseUrl).toBe('postgresql://postgres@127.0.0.1:5432/leadflow');
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(config.port).toBe(3000);
    expect(config.publicBaseUrl).toBe('http://localhost:3000');
    expect(config.hubspot.apiBaseUrl).toBe('https://api.hubapi.com');
    expect(config.monday.apiUrl).toBe('https://api.monday.com/v2');
    expect(config.encryptionKeys).toEqual([{ id: 'k1', key: Buffer.alloc(32, 1) }]);
    expect(config.demo).toBe(false);
  });

  it('reports every bad variable at once, one line each, naming it and what is expected', () => {
    const problems = problemsOf(() =>
      parseApiConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        REDIS_URL: 'nope',
        LEADFLOW_DEMO: 'maybe',
      }),
    );
    expect(problems.map((p) => p.variable).sort()).toEqual([
      'DATABASE_URL',
      'LEADFLOW_DEMO',
      'PORT',
      'REDIS_URL',
      'TOKEN_ENCRYPTION_KEYS',
    ]);
    expect(problems.find((p) => p.variable === 'PORT')?.message).toBe(
      'must be a whole number between 0 and 65535',
    );
    expect(problems.find((p) => p.variable === 'TOKEN_ENCRYPTION_KEYS')?.message).toBe(
      'is required but not set',
    );
    expect(problems.find((p) => p.variable === 'DATABASE_URL')?.message).toContain('postgresql://');
  });

  it('formats the error as one line per problem', () => {
    try {
      parseApiConfig({ PORT: '-1' });
    } catch (error) {
      expect((error as Error).message.split('\n')).toEqual([
        'leadflow-api: invalid configuration',
        '  - PORT: must be a whole number between 0 and 65535',
        '  - TOKEN_ENCRYPTION_KEYS: is required but not set',
      ]);
    }
    expect.assertions(1);
  });

  it('never echoes a sensitive value in its messages', () => {
    const secret = 'super-secret-value-that-must-not-leak';
    const problems = problemsOf(() =>
      parseApiConfig({ ...valid, ADMIN_BOOTSTRAP_TOKEN: 'short', TOKEN_ENCRYPTION_KEYS: `k1:${secret}` }),
    );
    const text = JSON.stringify(problems);
    expect(text).not.toContain(secret);
    expect(text).not.toContain('short');
    expect(problems.map((p) => p.variable).sort()).toEqual([
      'ADMIN_BOOTSTRAP_TOKEN',
      'TOKEN_ENCRYPTION_KEYS',
    ]);
  });

  it('validates the key ring: format, 32-byte keys, unique ids', () => {
    expect(problemsOf(() => parseApiConfig({ TOKEN_ENCRYPTION_KEYS: 'nokid' }))[0]?.message).toBe(
      'entry 1 must look like kid:base64key',
    );
    expect(
      problemsOf(() =>
        parseApiConfig({ TOKEN_ENCRYPTION_KEYS: `k1:${Buffer.alloc(16).toString('base64')}` }),
      )[0]?.message,
    ).toContain('must be 32 bytes');
    expect(
      problemsOf(() => parseApiConfig({ TOKEN_ENCRYPTION_KEYS: `k1:${KEY},k1:${KEY}` }))[0]?.message,
    ).toBe('key id "k1" appears twice');
    const ring = parseApiConfig({
      TOKEN_ENCRYPTION_KEYS: `new:${KEY}, old:${Buffer.alloc(32, 2).toString('base64')}`,
    }).encryptionKeys;
    expect(ring.map((k) => k.id)).toEqual(['new', 'old']);
  });

  it('treats empty variables as unset', () => {
    expect(parseApiConfig({ ...valid, PORT: '', DATABASE_URL: '  ' }).port).toBe(3000);
  });

  it('parses OTEL variables without reading the process environment', () => {
    const config = parseApiConfig({
      ...valid,
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
      OTEL_EXPORTER_OTLP_HEADERS: 'a=1,b=two',
    });
    expect(config.telemetry).toEqual({
      serviceName: 'leadflow-api',
      otlpEndpoint: 'http://collector:4318',
      otlpHeaders: { a: '1', b: 'two' },
      disabled: false,
    });
  });

  it('redacts sensitive keys when a config is described', () => {
    expect(redactConfig({ databaseUrl: 'postgresql://u:p@h/db', port: 1 }, ['databaseUrl'])).toEqual({
      databaseUrl: '[redacted]',
      port: 1,
    });
  });
});

describe('worker and sandbox configuration', () => {
  it('has its own defaults', () => {
    const worker = parseWorkerConfig(valid);
    expect(worker.healthPort).toBe(3001);
    expect(worker.concurrency).toBe(8);
    expect(worker.telemetry.serviceName).toBe('leadflow-worker');
    expect(parseSandboxConfig({}).port).toBe(3002);
  });

  it('rejects a non-positive concurrency', () => {
    expect(problemsOf(() => parseWorkerConfig({ ...valid, WORKER_CONCURRENCY: '0' }))[0]).toEqual({
      variable: 'WORKER_CONCURRENCY',
      message: 'must be a positive whole number (jobs processed at once per queue)',
    });
  });
});
