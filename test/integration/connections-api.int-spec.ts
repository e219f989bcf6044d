import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, type PrismaClient } from '@leadflow/database';
import { request } from '@leadflow/testing';
import { type ApiHarness, errorPaths, startApi, type TestTenant } from '../../apps/api/test/api-harness';
import { consent, type RunningSandbox, startSandbox } from './support/sandbox';

/** Connecting HubSpot through the API, against the sandbox over HTTP. */
describe('CRM connections API (HubSpot)', () => {
  let sandbox: RunningSandbox;
  let api: ApiHarness;
  let prisma: PrismaClient;
  let tenantA: TestTenant;
  let tenantB: TestTenant;
  let oauthPortal: number;
  let app: { clientId: string; clientSecret: string };
  /** Every secret this test hands out or receives; none may appear in logs or responses. */
  const secrets: string[] = [];

  beforeAll(async () => {
    sandbox = await startSandbox();
    oauthPortal = (await sandbox.portal({ name: 'OAuth portal' })).portalId;
    app = await sandbox.oauthApp(oauthPortal);
    secrets.push(app.clientSecret);
    api = await startApi({
      HUBSPOT_API_BASE_URL: sandbox.baseUrl,
      HUBSPOT_AUTH_BASE_URL: sandbox.baseUrl,
      HUBSPOT_CLIENT_ID: app.clientId,
      HUBSPOT_CLIENT_SECRET: app.clientSecret,
      PUBLIC_BASE_URL: 'http://leadflow.test',
    });
    prisma = createPrismaClient({ databaseUrl: api.environment.database.url, poolSize: 2 });
    tenantA = await api.createTenant('Acme');
    tenantB = await api.createTenant('Globex');
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await api?.close();
    await sandbox?.close();
  });

  async function privatePortal() {
    const portal = await sandbox.portal();
    secrets.push(portal.privateAppToken);
    return portal;
  }

  function connectToken(tenant: TestTenant, token: string, extra: Record<string, unknown> = {}) {
    return request(api.baseUrl, 'POST', '/v1/connections', {
      key: tenant.adminKey,
      body: { provider: 'hubspot', authType: 'token', token, ...extra },
    });
  }

  /** Starts OAuth as `tenant` and consents in the sandbox; returns the callback URL HubSpot would send the browser to. */
  async function authorize(tenant: TestTenant, settings: Record<string, unknown> = {}) {
    const start = await request(api.baseUrl, 'POST', '/v1/connections/hubspot/oauth/start', {
      key: tenant.adminKey,
      body: { settings },
    });
    expect(start.status).toBe(200);
    return { start: start.body, callback: await consent(start.body.authorizeUrl) };
  }

  async function followCallback(callback: URL) {
    const path = `${callback.pathname}${callback.search}`;
    const res = await fetch(`${api.baseUrl}${path}`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    return new URL(res.headers.get('location')!);
  }

  it('lists HubSpot with its capabilities, limits and OAuth configured', async () => {
    const res = await request(api.baseUrl, 'GET', '/v1/providers', { key: tenantA.adminKey });
    expect(res.status).toBe(200);
    const hubspot = res.body.items.find((p: { name: string }) => p.name === 'hubspot');
    expect(hubspot).toMatchObject({
      authKinds: ['oauth', 'token'],
      oauthConfigured: true,
      capabilities: { webhooks: true, search: true, batchWrite: true },
    });
    expect(hubspot.rateLimits).toContainEqual(
      expect.objectContaining({ bucket: 'search', limit: 5, intervalMs: 1000 }),
    );
  });

  it('connects a private-app token after a real call, and never shows the token', async () => {
    const portal = await privatePortal();
    const res = await connectToken(tenantA, portal.privateAppToken, { name: 'Acme HubSpot' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      provider: 'hubspot',
      authType: 'token',
      externalAccountId: String(portal.portalId),
      name: 'Acme HubSpot',
      status: 'active',
      tokenExpiresAt: null,
      settings: { primaryObject: 'leads' },
    });
    expect(res.body.scopes).toContain('crm.objects.leads.read');
    expect(res.text).not.toContain(portal.privateAppToken);

    const row = await prisma.crmConnection.findUniqueOrThrow({ where: { id: res.body.id } });
    expect(row.accessToken).toMatch(/^v1\./);
    expect(row.accessToken).not.toContain(portal.privateAppToken);

    const list = await request(api.baseUrl, 'GET', '/v1/connections', { key: tenantA.adminKey });
    expect(list.body.items.map((c: { id: string }) => c.id)).toContain(res.body.id);
    const other = await request(api.baseUrl, 'GET', `/v1/connections/${res.body.id}`, {
      key: tenantB.adminKey,
    });
    expect(other.status).toBe(404);
  });

  it('names the field when the token, the provider or a setting is wrong', async () => {
    const bad = await connectToken(tenantA, 'pat-na1-not-a-real-token');
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([
      expect.objectContaining({ path: 'body.token', code: 'credentials_rejected' }),
    ]);

    const unknown = await request(api.baseUrl, 'POST', '/v1/connections', {
      key: tenantA.adminKey,
      body: { provider: 'salesforce', authType: 'token', token: 'whatever-token' },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0]).toMatchObject({ path: 'body.provider', code: 'unknown_provider' });
    expect(unknown.body.errors[0].message).toContain('known providers: hubspot');

    const portal = await privatePortal();
    const setting = await connectToken(tenantA, portal.privateAppToken, {
      settings: { primaryObject: 'tickets' },
    });
    expect(setting.status).toBe(400);
    expect(errorPaths(setting)).toEqual(['body.settings.primaryObject']);

    const viewer = await api.createKey(tenantA.adminKey, 'viewer');
    const forbidden = await connectToken({ ...tenantA, adminKey: viewer.key }, portal.privateAppToken);
    expect(forbidden.status).toBe(403);
  });

  it('reconnects the same portal in the same tenant, refuses it in another, frees it on delete', async () => {
    const portal = await privatePortal();
    const first = await connectToken(tenantA, portal.privateAppToken);
    expect(first.status).toBe(201);
    const again = await connectToken(tenantA, portal.privateAppToken);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);

    const elsewhere = await connectToken(tenantB, portal.privateAppToken);
    expect(elsewhere.status).toBe(409);
    expect(elsewhere.body.detail).toContain(
      `hubspot account ${portal.portalId} is already connected to another`,
    );

    const removed = await request(api.baseUrl, 'DELETE', `/v1/connections/${first.body.id}`, {
      key: tenantA.adminKey,
    });
    expect(removed.status).toBe(204);
    const row = await prisma.crmConnection.findUniqueOrThrow({ where: { id: first.body.id } });
    expect(row).toMatchObject({
      status: 'disconnected',
      accessToken: null,
      refreshToken: null,
      credentialsKeyId: null,
    });

    const taken = await connectToken(tenantB, portal.privateAppToken);
    expect(taken.status).toBe(201);
    expect(taken.body.id).not.toBe(first.body.id);
  });

  it('pauses and resumes, records events, and reports health', async () => {
    const portal = await privatePortal();
    const { body: connection } = await connectToken(tenantA, portal.privateAppToken);
    const operator = await api.createKey(tenantA.adminKey, 'operator');
    const paused = await request(api.baseUrl, 'POST', `/v1/connections/${connection.id}/pause`, {
      key: operator.key,
    });
    expect(paused.body).toMatchObject({ status: 'paused', statusReason: 'paused by an admin' });
    const resumed = await request(api.baseUrl, 'POST', `/v1/connections/${connection.id}/resume`, {
      key: operator.key,
    });
    expect(resumed.body).toMatchObject({ status: 'active', statusReason: null });

    const health = await request(api.baseUrl, 'GET', `/v1/connections/${connection.id}/health`, {
      key: tenantA.adminKey,
    });
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('active');
    expect(health.body.rateLimits).toContainEqual(
      expect.objectContaining({ bucket: 'default', limit: 100, intervalMs: 10_000 }),
    );
    expect(health.body.recentEvents.map((e: { kind: string }) => e.kind)).toEqual([
      'resumed',
      'paused',
      'connected',
    ]);

    const events = await request(api.baseUrl, 'GET', `/v1/connections/${connection.id}/events?limit=2`, {
      key: tenantA.adminKey,
    });
    expect(events.body.items).toHaveLength(2);
    expect(events.body.nextCursor).not.toBeNull();
  });

  it('connects by OAuth: authorize URL, consent, callback, encrypted tokens with expiry', async () => {
    const { start, callback } = await authorize(tenantA, { primaryObject: 'contacts' });
    const authorizeUrl = new URL(start.authorizeUrl);
    expect(`${authorizeUrl.origin}${authorizeUrl.pathname}`).toBe(`${sandbox.baseUrl}/oauth/authorize`);
    expect(authorizeUrl.searchParams.get('client_id')).toBe(app.clientId);
    expect(authorizeUrl.searchParams.get('redirect_uri')).toBe(
      'http://leadflow.test/v1/oauth/hubspot/callback',
    );
    expect(authorizeUrl.searchParams.get('scope')).toContain('crm.objects.contacts.read');
    expect(authorizeUrl.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(start.authorizeUrl).not.toContain(app.clientSecret);

    const landed = await followCallback(callback);
    expect(landed.origin).toBe('http://leadflow.test');
    const match = /^\/console\/connections\/([0-9a-f-]{36})$/.exec(landed.pathname);
    expect(match, landed.toString()).not.toBeNull();
    expect(landed.searchParams.get('connected')).toBe('1');

    const connection = await request(api.baseUrl, 'GET', `/v1/connections/${match![1]}`, {
      key: tenantA.adminKey,
    });
    expect(connection.body).toMatchObject({
      authType: 'oauth',
      externalAccountId: String(oauthPortal),
      status: 'active',
      settings: { primaryObject: 'contacts' },
    });
    expect(new Date(connection.body.tokenExpiresAt).getTime()).toBeGreaterThan(Date.now());
    const row = await prisma.crmConnection.findUniqueOrThrow({ where: { id: match![1] } });
    expect(row.refreshToken).toMatch(/^v1\./);

    // Clean up so later tests can connect the portal again.
    await request(api.baseUrl, 'DELETE', `/v1/connections/${match![1]}`, { key: tenantA.adminKey });
  });

  it('rejects a reused OAuth state', async () => {
    const { callback } = await authorize(tenantA);
    const first = await followCallback(callback);
    expect(first.searchParams.get('connected')).toBe('1');
    const second = await followCallback(callback);
    expect(second.pathname).toBe('/console/connections');
    expect(second.searchParams.get('error')).toBe('oauth_state_used');
    await request(api.baseUrl, 'DELETE', `${first.pathname.replace('/console', '/v1')}`, {
      key: tenantA.adminKey,
    });
  });

  it('rejects an expired OAuth state and a made-up one', async () => {
    const { callback } = await authorize(tenantA);
    await prisma.oAuthState.updateMany({
      data: { expiresAt: new Date(Date.now() - 1000) },
      where: { usedAt: null },
    });
    const expired = await followCallback(callback);
    expect(expired.searchParams.get('error')).toBe('oauth_state_expired');

    const forged = new URL(callback);
    forged.searchParams.set('state', 'x'.repeat(43));
    const unknown = await followCallback(forged);
    expect(unknown.searchParams.get('error')).toBe('oauth_state_unknown');
  });

  it('rejects a state issued to another tenant, and it still works for its own', async () => {
    const { callback } = await authorize(tenantA);
    const code = callback.searchParams.get('code')!;
    const state = callback.searchParams.get('state')!;
    const stolen = await request(api.baseUrl, 'POST', '/v1/connections/hubspot/oauth/complete', {
      key: tenantB.adminKey,
      body: { code, state },
    });
    expect(stolen.status).toBe(400);
    expect(stolen.body.errors[0]).toMatchObject({ path: 'body.state', code: 'oauth_state_other_tenant' });
    expect(
      await prisma.crmConnection.count({ where: { tenantId: tenantB.tenantId, authType: 'oauth' } }),
    ).toBe(0);

    const own = await request(api.baseUrl, 'POST', '/v1/connections/hubspot/oauth/complete', {
      key: tenantA.adminKey,
      body: { code, state },
    });
    expect(own.status).toBe(201);
    expect(own.body.externalAccountId).toBe(String(oauthPortal));
    secrets.push(code);
  });

  it('leaked no token, code or client secret into logs or responses during the run', async () => {
    const stored = await prisma.crmConnection.findMany({ select: { accessToken: true } });
    expect(stored.length).toBeGreaterThan(0);
    const logs = api.logs.text;
    expect(logs.length).toBeGreaterThan(0);
    for (const secret of secrets) expect(logs).not.toContain(secret);
    expect(logs).not.toMatch(/client-secret-/);
  });
});
