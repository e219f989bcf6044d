import { Redis } from 'ioredis';
import { SignJWT } from 'jose';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseWorkerConfig } from '@leadflow/config';
import { ConnectionSecrets, createCrmRuntime } from '@leadflow/connections';
import { isCrmError } from '@leadflow/crm';
import { mondayOAuth } from '@leadflow/crm-monday';
import { createPrismaClient, type PrismaClient } from '@leadflow/database';
import { TokenVault } from '@leadflow/security';
import { freePort, request, runNode } from '@leadflow/testing';
import { type ApiHarness, startApi, type TestTenant } from '../../apps/api/test/api-harness';
import { type MondaySandbox, mondaySandbox } from './support/monday-sandbox';
import { consent, type RunningSandbox, startSandbox } from './support/sandbox';

/** Monday through the API: OAuth with PKCE, board choice, webhooks with JWTs, token rotation, limits. */
describe('Monday connections', () => {
  let sandbox: RunningSandbox;
  let monday: MondaySandbox;
  let api: ApiHarness;
  let prisma: PrismaClient;
  let tenant: TestTenant;
  let accountId: number;
  let boardId: number;
  let app: { clientId: string; clientSecret: string; signingSecret: string };
  let connectionId: string;
  let env: Record<string, string>;
  const redis: Redis[] = [];

  beforeAll(async () => {
    sandbox = await startSandbox();
    monday = mondaySandbox(sandbox);
    const account = await monday.account({ name: 'Globex', plan: 'pro' });
    accountId = account.accountId;
    await monday.users(accountId, [
      { name: 'Ada', email: 'ada@globex.example' },
      { name: 'Alan', email: 'alan@globex.example' },
    ]);
    const board = await monday.board(accountId, {
      name: 'Inbound leads',
      columns: [
        { id: 'person', title: 'Owner', type: 'people' },
        { id: 'status', title: 'Lead status', type: 'status' },
        { id: 'email', title: 'Email', type: 'email' },
      ],
    });
    boardId = board.boardId;
    app = await monday.oauthApp(accountId, { accessTokenTtlSeconds: 3600 });
    const port = await freePort();
    env = {
      MONDAY_API_URL: `${sandbox.baseUrl}/v2`,
      MONDAY_AUTH_BASE_URL: sandbox.baseUrl,
      MONDAY_CLIENT_ID: app.clientId,
      MONDAY_CLIENT_SECRET: app.clientSecret,
      MONDAY_SIGNING_SECRET: app.signingSecret,
    };
    api = await startApi({ ...env, PORT: String(port), PUBLIC_BASE_URL: `http://127.0.0.1:${port}` });
    env = { ...api.environment.env, ...env };
    prisma = createPrismaClient({ databaseUrl: api.environment.database.url, poolSize: 2 });
    tenant = await api.createTenant('Globex');
  });
  afterAll(async () => {
    for (const r of redis) r.disconnect();
    await prisma?.$disconnect();
    await api?.close();
    await sandbox?.close();
  });

  const call = (method: string, path: string, body?: unknown) =>
    request(api.baseUrl, method, path, { key: tenant.adminKey, ...(body === undefined ? {} : { body }) });

  async function refreshes(): Promise<{ refreshes: number; reuseDetections: number }> {
    const stats = await monday.control<{ tokenStats: { refreshes: number; reuseDetections: number } }>(
      'GET',
      `/apps/${app.clientId}`,
    );
    return stats.tokenStats;
  }

  async function connectByOAuth(): Promise<string> {
    const start = await call('POST', '/v1/connections/monday/oauth/start', {});
    expect(start.status).toBe(200);
    const url = new URL(start.body.authorizeUrl);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const callback = await consent(start.body.authorizeUrl);
    const landed = await fetch(`${api.baseUrl}${callback.pathname}${callback.search}`, {
      redirect: 'manual',
    });
    const location = new URL(landed.headers.get('location')!);
    expect(location.searchParams.get('connected'), location.toString()).toBe('1');
    return location.pathname.split('/').at(-1)!;
  }

  it('connects by OAuth with PKCE and reads the account and the token expiry from the JWT', async () => {
    connectionId = await connectByOAuth();
    const connection = await call('GET', `/v1/connections/${connectionId}`);
    expect(connection.body).toMatchObject({
      provider: 'monday',
      authType: 'oauth',
      externalAccountId: String(accountId),
    });
    expect(Date.parse(connection.body.tokenExpiresAt)).toBeGreaterThan(Date.now());
  });

  it('lists boards, checks the chosen columns, and subscribes webhooks that answer the challenge', async () => {
    const boards = await call('GET', `/v1/connections/${connectionId}/boards`);
    expect(boards.body.items).toContainEqual(
      expect.objectContaining({ id: String(boardId), name: 'Inbound leads' }),
    );

    const wrong = await call('PUT', `/v1/connections/${connectionId}/source`, {
      sourceId: String(boardId),
      ownerField: 'email',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0].path).toBe('body.ownerField');

    const chosen = await call('PUT', `/v1/connections/${connectionId}/source`, {
      sourceId: String(boardId),
      ownerField: 'person',
      statusField: 'status',
    });
    expect(chosen.status).toBe(200);
    expect(chosen.body.settings).toMatchObject({
      boardId: String(boardId),
      ownerColumnId: 'person',
      statusColumnId: 'status',
    });
    const hooks = await monday.control<{ webhooks: { url: string; boardId: number }[] }>(
      'GET',
      `/accounts/${accountId}/webhooks`,
    );
    expect(hooks.webhooks.length).toBeGreaterThanOrEqual(1);
    for (const hook of hooks.webhooks)
      expect(hook.url).toBe(`${api.baseUrl}/v1/webhooks/monday/${connectionId}`);
    const challenges = await call(
      'GET',
      `/v1/connections/${connectionId}/webhook-deliveries?status=challenge`,
    );
    expect(challenges.body.items.length).toBe(hooks.webhooks.length);
  });

  it('stores signed item events, and refuses forged, expired and wrong-audience JWTs with 401, keeping them', async () => {
    await monday.items(accountId, boardId, [{ name: 'New lead from the form' }]);
    await expect
      .poll(
        async () =>
          (await call('GET', `/v1/connections/${connectionId}/webhook-deliveries?status=queued`)).body.items
            .length,
        {
          timeout: 10_000,
        },
      )
      .toBeGreaterThan(0);

    const url = `${api.baseUrl}/v1/webhooks/monday/${connectionId}`;
    const body = JSON.stringify({
      event: { type: 'create_pulse', boardId, pulseId: 123, triggerTime: new Date().toISOString() },
    });
    const jwt = async (secret: string, claims: { aud?: string; exp?: number }) =>
      new SignJWT({ accountId, userId: 1, shortLivedToken: 'x' })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuedAt()
        .setAudience(claims.aud ?? url)
        .setExpirationTime(claims.exp ?? Math.floor(Date.now() / 1000) + 60)
        .sign(new TextEncoder().encode(secret));
    const post = (authorization: string) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body });

    expect((await post(await jwt(app.signingSecret, {}))).status).toBe(200);
    for (const forged of [
      await jwt('not-the-signing-secret', {}),
      await jwt(app.signingSecret, { exp: Math.floor(Date.now() / 1000) - 120 }),
      await jwt(app.signingSecret, { aud: 'https://evil.example/hook' }),
      'not-a-jwt',
    ]) {
      expect((await post(forged)).status).toBe(401);
    }
    const rejected = await call('GET', `/v1/connections/${connectionId}/webhook-deliveries?status=rejected`);
    expect(rejected.body.items).toHaveLength(4);
    for (const delivery of rejected.body.items) {
      expect(delivery.reason).toMatch(/\S/);
      expect(delivery.body).toBe(body);
      expect(Object.keys(delivery.headers)).not.toContain('authorization');
    }
  });

  it('removes its webhooks when the connection is deleted', async () => {
    expect((await call('DELETE', `/v1/connections/${connectionId}`)).status).toBe(204);
    const hooks = await monday.control<{ webhooks: unknown[] }>('GET', `/accounts/${accountId}/webhooks`);
    expect(hooks.webhooks).toEqual([]);
  });

  it('four processes with an expired token make one refresh; the rotated refresh token used again is caught', async () => {
    connectionId = await connectByOAuth();
    const row = await prisma.crmConnection.findUniqueOrThrow({ where: { id: connectionId } });
    const secrets = new ConnectionSecrets(new TokenVault(parseWorkerConfig(env).encryptionKeys));
    const firstRefreshToken = secrets.openRefreshToken(
      { tenantId: row.tenantId, connectionId },
      row.refreshToken!,
    );
    await monday.control('POST', `/accounts/${accountId}/expire-access-tokens`);
    await prisma.crmConnection.update({
      where: { id: connectionId },
      data: { tokenExpiresAt: new Date(Date.now() - 1000) },
    });
    const before = await refreshes();

    const startAt = String(Date.now() + 2_500);
    const outputs = await Promise.all(
      Array.from({ length: 4 }, async () => {
        const child = runNode(
          'test/integration/support/crm-call-process.ts',
          env,
          [connectionId, startAt],
          ['--import', 'tsx'],
        );
        expect(await child.exited).toBe(0);
        return JSON.parse(child.output().trim().split('\n').at(-1)!) as { ok: boolean; owners: number };
      }),
    );
    expect(outputs.every((o) => o.ok && o.owners >= 2)).toBe(true);
    const after = await refreshes();
    expect(after.refreshes - before.refreshes).toBe(1);
    const rotated = await prisma.crmConnection.findUniqueOrThrow({ where: { id: connectionId } });
    expect(
      secrets.openRefreshToken({ tenantId: row.tenantId, connectionId }, rotated.refreshToken!),
    ).not.toBe(firstRefreshToken);

    // Someone replays the old refresh token: Monday refuses it, and the reuse is detected.
    const replay = await mondayOAuth
      .refresh({
        endpoints: { apiBaseUrl: env.MONDAY_API_URL!, authBaseUrl: env.MONDAY_AUTH_BASE_URL! },
        client: app,
        refreshToken: firstRefreshToken,
      })
      .catch((error: unknown) => error);
    expect(isCrmError(replay) && replay.code).toBe('AUTH_REVOKED');
    expect((await refreshes()).reuseDetections).toBe(before.reuseDetections + 1);
  });

  it('absorbs an exhausted complexity budget by waiting, without failing the call', async () => {
    const registry = new Registry();
    const connection = new Redis(api.environment.redisUrl);
    redis.push(connection);
    const crm = createCrmRuntime({
      prisma,
      redis: connection,
      vault: new TokenVault(parseWorkerConfig(env).encryptionKeys),
      config: parseWorkerConfig(env),
      keyPrefix: api.environment.queuePrefix,
      processName: 'complexity',
      metricsRegistry: registry,
    });
    try {
      const { personalToken } = await monday.account({ name: 'Busy' });
      const client = crm.factory.forCredentials({
        tenantId: tenant.tenantId,
        provider: 'monday',
        authType: 'token',
        accessToken: personalToken,
        settings: {},
      });
      const account = await client.getAccount();
      await monday.control('PUT', `/accounts/${account.externalAccountId}/faults`, {
        complexityStormMs: 1_500,
      });
      const owners = await client.listOwners();
      expect(owners.length).toBeGreaterThan(0);
      const retries = await registry.getSingleMetric('leadflow_crm_call_retries_total')!.get();
      expect(retries.values.filter((v) => v.labels.code === 'RATE_LIMITED').length).toBeGreaterThan(0);
    } finally {
      crm.close();
    }
  });
});
