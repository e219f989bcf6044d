import type { INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { parseApiConfig } from '@leadflow/config';
import {
  createTestEnvironment,
  LogCapture,
  request,
  TEST_BOOTSTRAP_TOKEN,
  type TestEnvironment,
  type TestResponse,
} from '@leadflow/testing';
import { createApiApp } from '../src/create-api-app';

export interface ApiHarness {
  baseUrl: string;
  app: INestApplication;
  logs: LogCapture;
  environment: TestEnvironment;
  /** Creates a tenant through the bootstrap route and returns its first admin key. */
  createTenant(name: string): Promise<{ tenantId: string; adminKey: string; keyId: string }>;
  createKey(adminKey: string, role: 'admin' | 'operator' | 'viewer'): Promise<{ id: string; key: string }>;
  close(): Promise<void>;
}

/** The real API (in-process) on a random port, against a fresh database and real Redis. */
export async function startApi(overrides: Record<string, string> = {}): Promise<ApiHarness> {
  const environment = await createTestEnvironment();
  const config = parseApiConfig({ ...environment.env, PORT: '0', ...overrides });
  const logs = new LogCapture();
  const app = await createApiApp(config, { logDestination: logs });
  // A fixed PORT lets a test set PUBLIC_BASE_URL to where the API really listens (webhook URLs).
  await app.listen(overrides.PORT === undefined ? 0 : Number(overrides.PORT), '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  let tenantCount = 0;
  return {
    baseUrl,
    app,
    logs,
    environment,
    async createTenant(name) {
      const res = await request(baseUrl, 'POST', '/v1/tenants', {
        key: TEST_BOOTSTRAP_TOKEN,
        body: { name, slug: `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${++tenantCount}` },
      });
      if (res.status !== 201) throw new Error(`createTenant: ${res.status} ${res.text}`);
      return { tenantId: res.body.tenant.id, adminKey: res.body.apiKey.key, keyId: res.body.apiKey.id };
    },
    async createKey(adminKey, role) {
      const res = await request(baseUrl, 'POST', '/v1/api-keys', {
        key: adminKey,
        body: { name: `${role} key`, role },
      });
      if (res.status !== 201) throw new Error(`createKey: ${res.status} ${res.text}`);
      return { id: res.body.id, key: res.body.key };
    },
    async close() {
      await app.close();
      await environment.dispose();
    },
  };
}

export interface TestTenant {
  tenantId: string;
  adminKey: string;
  keyId: string;
}

export interface FieldError {
  path: string;
  message: string;
  code?: string;
}

/** The paths named in a problem's errors[]. */
export function errorPaths(res: TestResponse): string[] {
  return ((res.body.errors ?? []) as FieldError[]).map((e) => e.path);
}
