import { Client } from '@hubspot/api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiError, startSandbox, type RunningSandbox } from './sandbox-harness';

let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startSandbox();
});

afterAll(async () => {
  await sandbox?.close();
});

function form(path: string, body: Record<string, string>): Promise<Response> {
  return fetch(`${sandbox.base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(body).toString(),
  });
}

/** Registers an app in a new portal and runs consent and the code grant. */
async function oauthApp(clientId: string) {
  const portal = await sandbox.newPortal();
  await sandbox.control('POST', '/apps', { clientId, clientSecret: 'secret', portalId: portal.portalId });
  const redirectUri = 'http://localhost:9999/cb';
  const authorize = new URL(`${sandbox.base}/oauth/authorize`);
  authorize.search = new URLSearchParams({
    client_id: clientId,
    redirect_uri: redirectUri,
    scope: 'oauth crm.objects.leads.read',
  }).toString();
  const consent = await fetch(authorize, { redirect: 'manual' });
  const code = new URL(consent.headers.get('location')!).searchParams.get('code')!;
  const oauth = new Client({ basePath: sandbox.base }).oauth;
  const tokens = await oauth.tokensApi.create('authorization_code', code, redirectUri, clientId, 'secret');
  const refresh = () =>
    oauth.tokensApi.create('refresh_token', undefined, undefined, clientId, 'secret', tokens.refreshToken);
  return { ...portal, tokens, refresh };
}

describe('HubSpot sandbox account, token and pipeline endpoints', () => {
  it('answers account details for private-app and OAuth tokens', async () => {
    const { portalId, privateAppToken } = await sandbox.newPortal();
    const res = await fetch(`${sandbox.base}/account-info/v3/details`, {
      headers: { authorization: `Bearer ${privateAppToken}` },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      portalId,
      accountType: 'STANDARD',
      timeZone: 'US/Eastern',
      companyCurrency: 'USD',
      additionalCurrencies: [],
      utcOffset: '-05:00',
      utcOffsetMilliseconds: -18_000_000,
      uiDomain: 'app.hubspot.com',
      dataHostingLocation: 'na1',
    });
    const oauth = await oauthApp('account-app');
    const viaOAuth = await fetch(`${sandbox.base}/account-info/2026-03/details`, {
      headers: { authorization: `Bearer ${oauth.tokens.accessToken}` },
    });
    expect(((await viaOAuth.json()) as any).portalId).toBe(oauth.portalId);
    const unknown = await fetch(`${sandbox.base}/account-info/v3/details`, {
      headers: { authorization: 'Bearer nope' },
    });
    expect(unknown.status).toBe(401);
  });

  it('introspects tokens on the v3 endpoint and revokes refresh tokens there', async () => {
    const { tokens, portalId } = await oauthApp('introspect-app');
    const access = await form('/oauth/v3/token/introspect', {
      client_id: 'introspect-app',
      client_secret: 'secret',
      token: tokens.accessToken,
    });
    expect(await access.json()).toMatchObject({
      active: true,
      token_use: 'access_token',
      client_id: 'introspect-app',
      hub_id: portalId,
      scopes: ['oauth', 'crm.objects.leads.read'],
      expires_in: expect.any(Number),
    });
    const refresh = await form('/oauth/v3/token/introspect', {
      client_id: 'introspect-app',
      client_secret: 'secret',
      token: tokens.refreshToken,
    });
    expect(await refresh.json()).toMatchObject({
      active: true,
      token_use: 'refresh_token',
      hub_id: portalId,
    });
    const badSecret = await form('/oauth/v3/token/introspect', {
      client_id: 'introspect-app',
      client_secret: 'wrong',
      token: tokens.accessToken,
    });
    expect(badSecret.status).toBe(400);
    expect(await badSecret.json()).toMatchObject({ error: 'invalid_client' });

    const revoked = await form('/oauth/v3/token/revoke', {
      client_id: 'introspect-app',
      client_secret: 'secret',
      token: tokens.refreshToken,
    });
    expect(revoked.status).toBe(200);
    const after = await form('/oauth/2026-03/token/introspect', {
      client_id: 'introspect-app',
      client_secret: 'secret',
      token: tokens.refreshToken,
    });
    expect(await after.json()).toEqual({ active: false });
  });

  it('counts token grants and rejects refreshes after the control API revokes them', async () => {
    const app = await oauthApp('stats-app');
    await app.refresh();
    await app.refresh();
    const stats = await sandbox.control('GET', '/apps/stats-app');
    expect(stats).toEqual({
      clientId: 'stats-app',
      appId: expect.any(Number),
      portalId: app.portalId,
      installedPortalIds: [app.portalId],
      accessTokenTtlSeconds: 1800,
      scopes: expect.arrayContaining(['oauth', 'crm.objects.leads.read']),
      tokenGrants: { authorization_code: 1, refresh_token: 2 },
      refreshTokensRevoked: 0,
    });
    expect(JSON.stringify(stats)).not.toContain('secret');

    expect(await sandbox.control('POST', '/apps/stats-app/revoke-refresh-tokens')).toEqual({ revoked: 1 });
    const rejected = await apiError(app.refresh());
    expect(rejected.code).toBe(400);
    expect(rejected.body).toMatchObject({
      status: 'BAD_REFRESH_TOKEN',
      message: 'missing or unknown refresh token',
      error: 'invalid_grant',
      correlationId: expect.any(String),
    });
    const later = await sandbox.control('GET', '/apps/stats-app');
    expect(later).toMatchObject({ tokenGrants: { refresh_token: 2 }, refreshTokensRevoked: 1 });
  });

  it('answers private-app token info only for private-app tokens', async () => {
    const { tokens } = await oauthApp('not-private-app');
    for (const tokenKey of ['pat-na1-unknown', tokens.accessToken]) {
      const res = await fetch(`${sandbox.base}/oauth/v2/private-apps/get/access-token-info`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ tokenKey }),
      });
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ status: 'error', category: 'INVALID_AUTHENTICATION' });
    }
  });

  it('lists the lead and deal pipelines', async () => {
    const { client } = await sandbox.newPortal();
    const leads = await client.crm.pipelines.pipelinesApi.getAll('leads');
    expect(leads.results).toHaveLength(1);
    expect(leads.results[0]).toMatchObject({ id: 'lead-pipeline-id', archived: false });
    expect(leads.results[0]!.stages.map((s) => s.id)).toEqual([
      'new-stage-id',
      'attempting-stage-id',
      'connected-stage-id',
      'qualified-stage-id',
      'unqualified-stage-id',
    ]);
    expect(leads.results[0]!.createdAt).toBeInstanceOf(Date);

    const deals = await client.crm.pipelines.pipelinesApi.getById('deals', 'default');
    const won = deals.stages.find((s) => s.id === 'closedwon')!;
    const lost = deals.stages.find((s) => s.id === 'closedlost')!;
    expect(won.metadata).toEqual({ isClosed: 'true', probability: '1.0' });
    expect(lost.metadata).toEqual({ isClosed: 'true', probability: '0.0' });
    expect(deals.stages.map((s) => s.displayOrder)).toEqual([0, 1, 2, 3, 4, 5, 6]);

    expect((await apiError(client.crm.pipelines.pipelinesApi.getById('deals', 'nope'))).code).toBe(404);
    expect((await apiError(client.crm.pipelines.pipelinesApi.getAll('contacts'))).code).toBe(400);
  });

  it('patches and archives single objects', async () => {
    const { portalId, client } = await sandbox.newPortal();
    const { objects } = await sandbox.control('POST', `/portals/${portalId}/objects/contacts`, {
      objects: [{ properties: { email: 'p@x.test' } }],
    });
    const patched = await client.crm.contacts.basicApi.update(objects[0].id, {
      properties: { firstname: 'Pat' },
    });
    expect(patched.properties.firstname).toBe('Pat');
    expect((await apiError(client.crm.contacts.basicApi.update('999999', { properties: {} }))).code).toBe(
      404,
    );
    await client.crm.contacts.basicApi.archive(objects[0].id);
    expect((await apiError(client.crm.contacts.basicApi.getById(objects[0].id))).code).toBe(404);
  });

  it('enforces a daily limit on private-app tokens only, with HubSpot’s headers and 429', async () => {
    const { portalId, privateAppToken } = await sandbox.newPortal({ rateLimits: { daily: 2 } });
    const call = (token: string) =>
      fetch(`${sandbox.base}/crm/v3/owners`, { headers: { authorization: `Bearer ${token}` } });
    const first = await call(privateAppToken);
    expect(first.headers.get('x-hubspot-ratelimit-daily')).toBe('2');
    expect(first.headers.get('x-hubspot-ratelimit-daily-remaining')).toBe('1');
    expect((await call(privateAppToken)).status).toBe(200);
    const limited = await call(privateAppToken);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('x-hubspot-ratelimit-daily-remaining')).toBe('0');
    expect(await limited.json()).toMatchObject({
      status: 'error',
      errorType: 'RATE_LIMIT',
      policyName: 'DAILY',
      correlationId: expect.any(String),
    });

    // OAuth apps have no daily cap.
    await sandbox.control('POST', '/apps', { clientId: 'daily-app', clientSecret: 'secret', portalId });
    const authorize = new URL(`${sandbox.base}/oauth/authorize`);
    authorize.search = new URLSearchParams({
      client_id: 'daily-app',
      redirect_uri: 'http://localhost/cb',
      scope: 'crm.objects.owners.read',
    }).toString();
    const code = new URL(
      (await fetch(authorize, { redirect: 'manual' })).headers.get('location')!,
    ).searchParams.get('code')!;
    const tokens = await new Client({ basePath: sandbox.base }).oauth.tokensApi.create(
      'authorization_code',
      code,
      'http://localhost/cb',
      'daily-app',
      'secret',
    );
    const viaOAuth = await call(tokens.accessToken);
    expect(viaOAuth.status).toBe(200);
    expect(viaOAuth.headers.get('x-hubspot-ratelimit-daily')).toBeNull();
  });

  it('answers 503 to every CRM call during an outage, but not to control or OAuth calls', async () => {
    const { portalId, client } = await sandbox.newPortal();
    await sandbox.control('POST', '/apps', { clientId: 'outage-app', clientSecret: 'secret', portalId });
    await sandbox.control('PUT', `/portals/${portalId}/faults`, {
      outage: { startsInMs: 3_600_000, durationMs: 1 },
    });
    await expect(client.crm.owners.ownersApi.getPage()).resolves.toBeDefined();

    await sandbox.control('PUT', `/portals/${portalId}/faults`, { outage: { durationMs: 60_000 } });
    for (const call of [
      client.crm.owners.ownersApi.getPage(),
      client.crm.contacts.searchApi.doSearch({ limit: 1 }),
      client.crm.pipelines.pipelinesApi.getAll('leads'),
    ]) {
      const err = await apiError(call);
      expect(err.code).toBe(503);
      expect(err.body).toMatchObject({
        status: 'error',
        correlationId: expect.any(String),
        category: 'INTERNAL_ERROR',
      });
    }
    const state = await sandbox.control('GET', `/portals/${portalId}`);
    expect(state.faults.outageUntil).toBeGreaterThan(Date.now());
    const authorize = new URL(`${sandbox.base}/oauth/authorize`);
    authorize.search = new URLSearchParams({
      client_id: 'outage-app',
      redirect_uri: 'http://localhost/cb',
      scope: 'oauth',
    }).toString();
    expect((await fetch(authorize, { redirect: 'manual' })).status).toBe(302);

    await sandbox.control('PUT', `/portals/${portalId}/faults`, { outageUntil: 0 });
    await expect(client.crm.owners.ownersApi.getPage()).resolves.toBeDefined();
  });
});
