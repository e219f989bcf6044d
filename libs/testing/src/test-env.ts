import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { cloneTestDatabase, TEST_REDIS_URL, type TestDatabase } from './test-database';

/** A fresh database and Redis key prefix for one test file. */
export interface TestEnvironment {
  database: TestDatabase;
  redisUrl: string;
  queuePrefix: string;
  /** Environment variables that point an app at this test environment. */
  env: Record<string, string>;
  dispose(): Promise<void>;
}

export const TEST_ENCRYPTION_KEYS = `test1:${Buffer.alloc(32, 7).toString('base64')}`;
export const TEST_BOOTSTRAP_TOKEN = 'test-bootstrap-token-0123456789abcdef0123456789';

export async function createTestEnvironment(): Promise<TestEnvironment> {
  const database = await cloneTestDatabase(inject('testRunId'));
  const queuePrefix = `lf-test-${randomBytes(4).toString('hex')}`;
  return {
    database,
    redisUrl: TEST_REDIS_URL,
    queuePrefix,
    env: {
      DATABASE_URL: database.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: queuePrefix,
      TOKEN_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
      ADMIN_BOOTSTRAP_TOKEN: TEST_BOOTSTRAP_TOKEN,
      LOG_LEVEL: 'info',
      OTEL_SDK_DISABLED: 'true',
    },
    dispose: () => database.drop(),
  };
}
