import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseApiConfig } from '@leadflow/config';
import { ConnectionRepository, ConnectionSecrets } from '@leadflow/connections';
import { createPrismaClient, type PrismaClient } from '@leadflow/database';
import { TokenVault } from '@leadflow/security';
import {
  freePort,
  request,
  runNode,
  type RunningProcess,
  TEST_BOOTSTRAP_TOKEN,
  TEST_ENCRYPTION_KEYS,
  waitForHttp,
} from '@leadflow/testing';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { type ApiHarness, startApi } from '../../apps/api/test/api-harness';

const ring = (...keys: string[]) => keys.join(',');
const newKey = (id: string) => `${id}:${randomBytes(32).toString('base64')}`;

/**
 * Key rotation as an operator runs it: the API starts a rotation, a real worker process re-encrypts
 * in batches, progress is visible, and the CLI does the same in the foreground.
 */
describe('encryption key rotation', () => {
  const k2 = newKey('k2');
  const k3 = newKey('k3');
  let api: ApiHarness;
  let prisma: PrismaClient;
  let worker: RunningProcess;
  let env: Record<string, string>;
  const tokens: string[] = [];

  beforeAll(async () => {
    api = await startApi({ TOKEN_ENCRYPTION_KEYS: ring(k2, TEST_ENCRYPTION_KEYS) });
    env = { ...api.environment.env, TOKEN_ENCRYPTION_KEYS: ring(k2, TEST_ENCRYPTION_KEYS) };
    prisma = createPrismaClient({ databaseUrl: api.environment.database.url, poolSize: 2 });
    // Thirty connections sealed with the old key, as a deployment before the rotation left them.
    const { tenantId } = await api.createTenant('Rotation');
    const old = new ConnectionRepository(
      prisma,
      new ConnectionSecrets(new TokenVault(parseApiConfig(api.environment.env).encryptionKeys)),
    );
    for (let i = 0; i < 30; i++) {
      const accessToken = `pat-${randomBytes(8).toString('hex')}`;
      tokens.push(accessToken);
      await old.saveAuthorized({
        tenantId,
        provider: 'hubspot',
        authType: 'token',
        account: { externalAccountId: `portal-${i}`, name: null, scopes: [] },
        name: null,
        settings: {},
        tokens: { accessToken },
      });
    }
    const healthPort = await freePort();
    worker = runNode(
      'apps/worker/src/main.ts',
      { ...env, WORKER_HEALTH_PORT: String(healthPort) },
      [],
      ['--import', 'tsx'],
    );
    await waitForHttp(`http://127.0.0.1:${healthPort}/health/ready`);
  });
  afterAll(async () => {
    await worker?.stop('SIGTERM');
    await prisma?.$disconnect();
    await api?.close();
  });

  it('rotates through the API and a worker job, with progress, and only the bootstrap token may', async () => {
    const before = await request(api.baseUrl, 'GET', '/v1/admin/encryption', { key: TEST_BOOTSTRAP_TOKEN });
    expect(before.body).toMatchObject({
      activeKeyId: 'k2',
      keyIds: ['k2', 'test1'],
      usage: [{ keyId: 'test1', connections: 30 }],
    });
    expect(before.text).not.toContain(k2.split(':')[1]);

    const tenantKey = (await api.createTenant('Other')).adminKey;
    expect(
      (await request(api.baseUrl, 'POST', '/v1/admin/encryption/rotate', { key: tenantKey })).status,
    ).toBe(401);

    const started = await request(api.baseUrl, 'POST', '/v1/admin/encryption/rotate', {
      key: TEST_BOOTSTRAP_TOKEN,
    });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ targetKeyId: 'k2', total: 30, requestedBy: 'api: bootstrap token' });

    await expect
      .poll(
        async () =>
          (
            await request(api.baseUrl, 'GET', `/v1/admin/encryption/rotations/${started.body.id}`, {
              key: TEST_BOOTSTRAP_TOKEN,
            })
          ).body.status,
        { timeout: 30_000, interval: 200 },
      )
      .toBe('completed');
    const done = await request(api.baseUrl, 'GET', '/v1/admin/encryption', { key: TEST_BOOTSTRAP_TOKEN });
    expect(done.body.usage).toEqual([{ keyId: 'k2', connections: 30 }]);
    expect(done.body.rotations[0]).toMatchObject({ id: started.body.id, rotated: 30, failed: 0 });

    // Every token still decrypts, now with k2 alone.
    const secrets = new ConnectionSecrets(
      new TokenVault(parseApiConfig({ ...env, TOKEN_ENCRYPTION_KEYS: k2 }).encryptionKeys),
    );
    const rows = await prisma.crmConnection.findMany();
    const plain = rows.map(
      (r) =>
        secrets.open(
          { tenantId: r.tenantId, connectionId: r.id },
          { accessToken: r.accessToken!, refreshToken: null },
        ).accessToken,
    );
    expect(plain.sort()).toEqual([...tokens].sort());
  });

  it('refuses to start an API whose key ring lacks a key stored tokens use', async () => {
    const app = await createApiApp(parseApiConfig({ ...env, PORT: '0', TOKEN_ENCRYPTION_KEYS: k3 }));
    try {
      // Nest runs module initialisation (where the check lives) on init, which listen() also does.
      await expect(app.init()).rejects.toThrow(
        /stored tokens use key ids missing from TOKEN_ENCRYPTION_KEYS: "k2"/,
      );
    } finally {
      await app.close().catch(() => undefined);
    }
  });

  it('rotates from the command line, printing progress', async () => {
    const cli = runNode(
      'apps/worker/src/rotate-keys-cli.ts',
      { ...env, TOKEN_ENCRYPTION_KEYS: ring(k3, k2) },
      [],
      ['--import', 'tsx'],
    );
    expect(await cli.exited).toBe(0);
    expect(cli.output()).toContain('re-encrypting 30 connection(s) with key "k3"');
    expect(cli.output()).toContain('rotation completed: 30 rotated, 0 failed');
    expect(cli.output()).toContain('key "k3": 30 connection(s)');
    for (const token of tokens) expect(cli.output()).not.toContain(token);
  });
});
