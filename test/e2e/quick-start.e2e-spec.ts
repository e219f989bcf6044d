import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { databaseUrl, freePort, request, runNode, TEST_REDIS_URL, waitForHttp } from '@leadflow/testing';
import { inject } from 'vitest';

/**
 * The README's first command, as a user runs it: `npm start` (scripts/start.mjs) brings up the
 * sandbox, API and worker as separate processes against a database that does not exist yet.
 */
describe('npm start', () => {
  const databaseName = `lf_test_${inject('testRunId')}_quickstart`;

  afterAll(async () => {
    const admin = new Client({ connectionString: databaseUrl('postgres') });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
    await admin.end();
  });

  it('creates and migrates the database, serves health on all three, prints a working admin key, and stops cleanly on Ctrl-C', async () => {
    const [api, worker, sandbox] = [await freePort(), await freePort(), await freePort()];
    const stateDir = await mkdtemp(join(tmpdir(), 'lf-state-'));
    const start = runNode('scripts/start.mjs', {
      PORT: String(api),
      WORKER_HEALTH_PORT: String(worker),
      SANDBOX_PORT: String(sandbox),
      DATABASE_URL: databaseUrl(databaseName),
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: `lf-e2e-${Date.now()}`,
      LEADFLOW_STATE_DIR: stateDir,
    });
    try {
      const [, adminKey] = await start.waitForOutput(/Admin key:\s+(lf_\S+)/);
      await waitForHttp(`http://127.0.0.1:${api}/health/ready`);
      await waitForHttp(`http://127.0.0.1:${worker}/health/ready`);
      await waitForHttp(`http://127.0.0.1:${sandbox}/health/ready`);

      const me = await request(`http://127.0.0.1:${api}`, 'GET', '/v1/me', { key: adminKey });
      expect(me.status).toBe(200);
      expect(me.body.apiKey.role).toBe('admin');
      expect(me.body.tenant.slug).toBe('demo');

      const workerHealth = await request(`http://127.0.0.1:${worker}`, 'GET', '/health/ready');
      expect(workerHealth.body.checks).toEqual({
        postgres: { status: 'up' },
        redis: { status: 'up' },
        workers: { status: 'up' },
      });
      const docs = await fetch(`http://127.0.0.1:${api}/docs`);
      expect(docs.status).toBe(200);

      // The demo tenant is connected to a seeded sandbox portal, and OAuth works against it too.
      const [, portalId, connectionId] = await start.waitForOutput(
        /HubSpot:\s+sandbox portal (\d+) connected as (\S+)/,
      );
      const connection = await request(`http://127.0.0.1:${api}`, 'GET', `/v1/connections/${connectionId}`, {
        key: adminKey,
      });
      expect(connection.body).toMatchObject({
        provider: 'hubspot',
        externalAccountId: portalId,
        status: 'active',
      });
      const oauth = await request(`http://127.0.0.1:${api}`, 'POST', '/v1/connections/hubspot/oauth/start', {
        key: adminKey,
        body: {},
      });
      expect(oauth.status).toBe(200);
      const consented = await fetch(oauth.body.authorizeUrl, { redirect: 'manual' });
      const callback = new URL(consented.headers.get('location')!);
      const landed = await fetch(`http://127.0.0.1:${api}${callback.pathname}${callback.search}`, {
        redirect: 'manual',
      });
      expect(landed.headers.get('location')).toContain(`/console/connections/${connectionId}?connected=1`);
      const reconnected = await request(`http://127.0.0.1:${api}`, 'GET', `/v1/connections/${connectionId}`, {
        key: adminKey,
      });
      expect(reconnected.body).toMatchObject({ authType: 'oauth', status: 'active' });

      // Monday too: connected by OAuth, board chosen, webhooks subscribed (their challenge answered).
      const [, mondayConnectionId] = await start.waitForOutput(
        /Monday:\s+sandbox board \d+ \(account \d+\) connected as (\S+)/,
      );
      const mondayConnection = await request(
        `http://127.0.0.1:${api}`,
        'GET',
        `/v1/connections/${mondayConnectionId}`,
        {
          key: adminKey,
        },
      );
      expect(mondayConnection.body).toMatchObject({
        provider: 'monday',
        authType: 'oauth',
        status: 'active',
      });
      expect(mondayConnection.body.settings).toMatchObject({
        ownerColumnId: 'person',
        statusColumnId: 'status',
      });
      const challenges = await request(
        `http://127.0.0.1:${api}`,
        'GET',
        `/v1/connections/${mondayConnectionId}/webhook-deliveries?status=challenge`,
        { key: adminKey },
      );
      expect(challenges.body.items.length).toBeGreaterThan(0);

      // Leads keep arriving in both CRMs and are routed and written back live.
      await start.waitForOutput(/Routing:\s+a new lead every/);
      const routedIn = async (connectionId: string) => {
        const res = await request(
          `http://127.0.0.1:${api}`,
          'GET',
          `/v1/leads?connectionId=${connectionId}&status=routed`,
          { key: adminKey },
        );
        return (res.body.items as { decision: { writeback: { status: string } } | null }[]).filter(
          (l) => l.decision?.writeback.status === 'done',
        ).length;
      };
      await expect.poll(() => routedIn(connectionId!), { timeout: 45_000, interval: 500 }).toBeGreaterThan(0);
      await expect
        .poll(() => routedIn(mondayConnectionId!), { timeout: 45_000, interval: 500 })
        .toBeGreaterThan(0);

      expect(await start.stop('SIGINT')).toBe(0);
      expect(start.output()).toMatch(/\[worker\].*worker stopped/);
      // JSON log lines never carry the key; only the demo banner prints it, by design.
      const logLines = start
        .output()
        .split('\n')
        .filter((l) => !/Admin key:|Try:/.test(l));
      expect(logLines.join('\n')).not.toContain(adminKey!.slice(14));
    } finally {
      await start.stop('SIGKILL');
    }
  }, 150_000);

  it('prints the same demo key on the next start instead of making another tenant', async () => {
    const [api, worker, sandbox] = [await freePort(), await freePort(), await freePort()];
    const stateDir = await mkdtemp(join(tmpdir(), 'lf-state-'));
    const env = {
      PORT: String(api),
      WORKER_HEALTH_PORT: String(worker),
      SANDBOX_PORT: String(sandbox),
      DATABASE_URL: databaseUrl(databaseName),
      REDIS_URL: TEST_REDIS_URL,
      LEADFLOW_STATE_DIR: stateDir,
    };
    const keys: string[] = [];
    for (let run = 0; run < 2; run++) {
      const start = runNode('scripts/start.mjs', env);
      try {
        keys.push((await start.waitForOutput(/Admin key:\s+(lf_\S+)/))[1]!);
        expect(await start.stop('SIGINT')).toBe(0);
      } finally {
        await start.stop('SIGKILL');
      }
    }
    expect(keys[1]).toBe(keys[0]);
  });
});

describe('configuration errors', () => {
  it.each([
    [
      'dist/apps/api/src/main.js',
      { PORT: 'eighty', TOKEN_ENCRYPTION_KEYS: 'k:short' },
      ['PORT: must be a whole number', 'TOKEN_ENCRYPTION_KEYS: key "k" must be 32 bytes'],
    ],
    ['dist/apps/api/src/main.js', {}, ['TOKEN_ENCRYPTION_KEYS: is required but not set']],
    [
      'dist/apps/worker/src/main.js',
      { REDIS_URL: 'http://nope', TOKEN_ENCRYPTION_KEYS: 'x' },
      ['REDIS_URL: must be a URL starting with redis://'],
    ],
    [
      'dist/apps/sandbox/src/main.js',
      { PORT: '70000' },
      ['PORT: must be a whole number between 0 and 65535'],
    ],
  ])('%s exits non-zero naming each bad variable', async (main, env, expected) => {
    const app = runNode(main, {
      ...env,
      ADMIN_BOOTSTRAP_TOKEN: 'a-secret-bootstrap-token-value-that-is-long-enough',
    });
    const code = await app.exited;
    expect(code).toBe(1);
    for (const line of expected) expect(app.output()).toContain(line);
    expect(app.output()).not.toContain('a-secret-bootstrap-token-value');
  });
});
