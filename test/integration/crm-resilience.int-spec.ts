import { Redis } from 'ioredis';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseWorkerConfig } from '@leadflow/config';
import { ConnectionRepository, createCrmRuntime, type CrmRuntime } from '@leadflow/connections';
import { ConnectionUnavailableError, type CrmError, isCrmError } from '@leadflow/crm';
import { hubSpotOAuth } from '@leadflow/crm-hubspot';
import { createPrismaClient, type PrismaClient } from '@leadflow/database';
import { TokenVault } from '@leadflow/security';
import { createTestEnvironment, runNode, type TestEnvironment } from '@leadflow/testing';
import { consent, type RunningSandbox, startSandbox } from './support/sandbox';

/**
 * The factory's protections against a misbehaving CRM, shown against the sandbox's faults over
 * HTTP with real Postgres and Redis.
 */
describe('CRM integration factory against sandbox faults', () => {
  let sandbox: RunningSandbox;
  let env: TestEnvironment;
  let prisma: PrismaClient;
  let redis: Redis;
  let tenantId: string;
  let workerEnv: Record<string, string>;
  const runtimes: CrmRuntime[] = [];

  function runtime(options: { retries?: number; registry?: Registry } = {}) {
    const config = parseWorkerConfig(workerEnv);
    const crm = createCrmRuntime({
      prisma,
      redis,
      vault: new TokenVault(config.encryptionKeys),
      config,
      keyPrefix: env.queuePrefix,
      processName: 'test',
      ...(options.registry ? { metricsRegistry: options.registry } : {}),
      policy: {
        retries: options.retries ?? 4,
        minRetryDelayMs: 20,
        maxRetryDelayMs: 200,
        callTimeoutMs: 3_000,
        maxRateLimitWaitMs: 5_000,
      },
      breakerThresholds: { volumeThreshold: 4, errorThresholdPercentage: 50, resetTimeoutMs: 400 },
    });
    runtimes.push(crm);
    return crm;
  }

  /** A portal with owners, an OAuth app installed into it, and a stored OAuth connection. */
  async function oauthConnection(appOptions: Record<string, unknown> = {}) {
    const { portalId } = await sandbox.portal();
    await sandbox.control('POST', `/portals/${portalId}/owners`, {
      owners: [{ email: 'ada@example.com' }, { email: 'alan@example.com' }],
    });
    const app = await sandbox.oauthApp(portalId, appOptions);
    workerEnv = { ...workerEnv, HUBSPOT_CLIENT_ID: app.clientId, HUBSPOT_CLIENT_SECRET: app.clientSecret };
    const crm = runtime();
    const endpoints = { apiBaseUrl: sandbox.baseUrl, authBaseUrl: sandbox.baseUrl };
    const redirectUri = 'http://leadflow.test/v1/oauth/hubspot/callback';
    const callback = await consent(
      hubSpotOAuth.authorizeUrl({ endpoints, clientId: app.clientId, redirectUri, state: 'test-state' }),
    );
    const tokens = await hubSpotOAuth.exchangeCode({
      endpoints,
      client: app,
      code: callback.searchParams.get('code')!,
      redirectUri,
    });
    const account = await crm.factory
      .forCredentials({
        tenantId,
        provider: 'hubspot',
        authType: 'oauth',
        accessToken: tokens.accessToken,
        settings: {},
      })
      .getAccount();
    const { connection } = await new ConnectionRepository(prisma, crm.secrets).saveAuthorized({
      tenantId,
      provider: 'hubspot',
      authType: 'oauth',
      account,
      name: null,
      settings: { primaryObject: 'leads', allowLegacyWebhookSignatures: false },
      tokens,
    });
    return { portalId, app, connectionId: connection.id, crm };
  }

  async function refreshGrants(clientId: string): Promise<number> {
    const stats = await sandbox.control<{ tokenGrants: { refresh_token: number } }>(
      'GET',
      `/apps/${clientId}`,
    );
    return stats.tokenGrants.refresh_token;
  }

  async function failure(promise: Promise<unknown>): Promise<CrmError> {
    try {
      await promise;
    } catch (error) {
      if (isCrmError(error)) return error;
      throw error;
    }
    throw new Error('expected the call to fail');
  }

  beforeAll(async () => {
    sandbox = await startSandbox();
    env = await createTestEnvironment();
    prisma = createPrismaClient({ databaseUrl: env.database.url, poolSize: 4 });
    redis = new Redis(env.redisUrl);
    tenantId = (await prisma.tenant.create({ data: { name: 'Resilience', slug: 'resilience' } })).id;
    workerEnv = {
      ...env.env,
      HUBSPOT_API_BASE_URL: sandbox.baseUrl,
      HUBSPOT_AUTH_BASE_URL: sandbox.baseUrl,
    };
  });
  afterAll(async () => {
    for (const crm of runtimes) crm.close();
    redis?.disconnect();
    await prisma?.$disconnect();
    await env?.dispose();
    await sandbox?.close();
  });

  it("absorbs the CRM's 429s: every operation succeeds, the retries are counted", async () => {
    const { portalId, privateAppToken } = await sandbox.portal({ rateLimits: { searchPerSecond: 1 } });
    await sandbox.control('POST', `/portals/${portalId}/objects/leads/generate`, { count: 5 });
    const registry = new Registry();
    const crm = runtime({ registry });
    const client = crm.factory.forCredentials({
      tenantId,
      provider: 'hubspot',
      authType: 'token',
      accessToken: privateAppToken,
      settings: {},
    });
    // Our search budget is HubSpot's 5/s; this portal allows 1/s, so most of these get a 429 first.
    const samples = await Promise.all(Array.from({ length: 4 }, () => client.sampleLeads('leads', 2)));
    expect(samples.map((s) => s.length)).toEqual([2, 2, 2, 2]);
    const retries = await registry.getSingleMetric('leadflow_crm_call_retries_total')!.get();
    const rateLimited = retries.values.filter((v) => v.labels.code === 'RATE_LIMITED');
    expect(rateLimited.reduce((sum, v) => sum + v.value, 0)).toBeGreaterThan(0);
    const calls = await registry.getMetricsAsJSON();
    const duration = calls.find((m) => m.name === 'leadflow_crm_call_duration_seconds')!;
    const outcomes = new Set(duration.values.map((v) => v.labels.status));
    expect([...outcomes]).toEqual(['ok']);
  });

  it('opens the breaker after repeated temporary failures, fails fast, half-opens and recovers', async () => {
    const { portalId, connectionId } = await oauthConnection();
    const crm = runtime({ retries: 0 });
    const client = await crm.factory.forConnection(connectionId);
    // One request per call (a batch read of an id the CRM lacks), so one call is one breaker trial.
    const readMissing = () => client.fetchLeads('leads', ['424242']);
    await sandbox.control('PUT', `/portals/${portalId}/faults`, { errorRate: 1, errorStatus: 503 });

    const failures: CrmError[] = [];
    for (let i = 0; i < 6; i++) failures.push(await failure(readMissing()));
    expect(failures[0]).toMatchObject({ code: 'TEMPORARY', status: 503 });
    expect(failures.at(-1)).toMatchObject({ code: 'TEMPORARY', causeCode: 'CIRCUIT_OPEN' });
    expect(crm.breakers.state(connectionId)).toMatchObject({ read: 'open' });
    await expect
      .poll(() => crm.breakerBoard.read(connectionId))
      .toContainEqual(expect.objectContaining({ family: 'read', state: 'open' }));

    await sandbox.control('DELETE', `/portals/${portalId}/faults`);
    // Still open until the reset timeout passes: the provider is not even asked.
    expect(await failure(readMissing())).toMatchObject({ causeCode: 'CIRCUIT_OPEN' });
    await expect
      .poll(() => crm.breakers.state(connectionId).read, { timeout: 5_000, interval: 50 })
      .toBe('half-open');
    expect(await readMissing()).toEqual({ records: [], missing: ['424242'] });
    expect(crm.breakers.state(connectionId)).toMatchObject({ read: 'closed' });
    await expect
      .poll(() => crm.breakerBoard.read(connectionId))
      .toContainEqual(expect.objectContaining({ family: 'read', state: 'closed' }));
  });

  it('refreshes exactly once on a 401 expired, and ahead of a near expiry', async () => {
    const { portalId, app, connectionId, crm } = await oauthConnection();
    expect(await refreshGrants(app.clientId)).toBe(0);
    const before = await prisma.crmConnection.findUniqueOrThrow({ where: { id: connectionId } });

    // The CRM expires the token early; our stored expiry still looks fine, so only the 401 tells.
    await sandbox.control('POST', `/portals/${portalId}/expire-access-tokens`);
    const client = await crm.factory.forConnection(connectionId);
    const owners = await client.listOwners();
    expect(owners.map((o) => o.email).sort()).toEqual(['ada@example.com', 'alan@example.com']);
    expect(await refreshGrants(app.clientId)).toBe(1);
    const after = await prisma.crmConnection.findUniqueOrThrow({ where: { id: connectionId } });
    expect(after.credentialsVersion).toBe(before.credentialsVersion + 1);
    expect(after.lastRefreshedAt).not.toBeNull();
    expect(after.accessToken).not.toBe(before.accessToken);

    // Four minutes left is inside the five-minute margin: refreshed before the call.
    await prisma.crmConnection.update({
      where: { id: connectionId },
      data: { tokenExpiresAt: new Date(Date.now() + 4 * 60_000) },
    });
    await (await crm.factory.forConnection(connectionId)).listOwners();
    expect(await refreshGrants(app.clientId)).toBe(2);
  });

  it('four worker processes hitting an expired token make exactly one refresh', async () => {
    const { portalId, app, connectionId } = await oauthConnection();
    await sandbox.control('POST', `/portals/${portalId}/expire-access-tokens`);
    await prisma.crmConnection.update({
      where: { id: connectionId },
      data: { tokenExpiresAt: new Date(Date.now() - 1000) },
    });
    const startAt = Date.now() + 2_500;
    const results = await Promise.all(
      Array.from({ length: 4 }, () => runProcess([connectionId, String(startAt)], workerEnv)),
    );
    expect(results.map((r) => JSON.parse(r.trim().split('\n').at(-1)!))).toEqual(
      Array.from({ length: 4 }, () => ({ ok: true, owners: 2 })),
    );
    expect(await refreshGrants(app.clientId)).toBe(1);
  });

  it('marks the connection needs_reauth when the CRM rejects the refresh token, and stops using it', async () => {
    const { portalId, app, connectionId, crm } = await oauthConnection();
    await sandbox.control('POST', `/apps/${app.clientId}/revoke-refresh-tokens`);
    await sandbox.control('POST', `/portals/${portalId}/expire-access-tokens`);
    const client = await crm.factory.forConnection(connectionId);
    expect(await failure(client.listOwners())).toMatchObject({ code: 'AUTH_REVOKED' });

    const row = await prisma.crmConnection.findUniqueOrThrow({ where: { id: connectionId } });
    expect(row.status).toBe('needs_reauth');
    expect(row.statusReason).toContain('refresh token');
    const events = await prisma.crmConnectionEvent.findMany({
      where: { connectionId, kind: 'needs_reauth' },
    });
    expect(events).toHaveLength(1);
    expect(events[0]!.details).toMatchObject({ code: 'AUTH_REVOKED' });
    await expect(crm.factory.forConnection(connectionId)).rejects.toBeInstanceOf(ConnectionUnavailableError);
    await expect(crm.factory.forConnection(connectionId)).rejects.toThrow(
      /needs_reauth: the CRM rejected the refresh token/,
    );
  });

  it('does not retry a 403 missing scope, and names the scope', async () => {
    const { connectionId, crm } = await oauthConnection({
      scopes: [
        'oauth',
        'crm.objects.contacts.read',
        'crm.objects.contacts.write',
        'crm.objects.companies.read',
        'crm.objects.deals.read',
        'crm.objects.owners.read',
      ],
    });
    const registry = new Registry();
    const counted = runtime({ registry });
    const client = await counted.factory.forConnection(connectionId);
    const error = await failure(client.fetchLeads('leads', ['1']));
    expect(error).toMatchObject({ code: 'INSUFFICIENT_SCOPE', status: 403 });
    expect(error.missingScopes).toContain('crm.objects.leads.read');
    expect(error.message).toContain('crm.objects.leads.read');
    expect(await registry.getSingleMetric('leadflow_crm_call_retries_total')!.get()).toMatchObject({
      values: [],
    });
    // A missing scope is about one feature, not the connection: it stays active.
    expect((await prisma.crmConnection.findUniqueOrThrow({ where: { id: connectionId } })).status).toBe(
      'active',
    );
    expect(crm).toBeDefined();
  });
});

async function runProcess(args: string[], env: Record<string, string>): Promise<string> {
  const child = runNode('test/integration/support/crm-call-process.ts', env, args, ['--import', 'tsx']);
  const code = await child.exited;
  if (code !== 0) throw new Error(`exit ${code}: ${child.output()}`);
  return child.output();
}
