import { Client } from '@hubspot/api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from './sandbox-harness';

let sandbox: RunningSandbox;
let base: string;

function control(method: string, path: string, body?: unknown): Promise<any> {
  return sandbox.control(method, path, body);
}

function newPortal(): Promise<{ portalId: number; privateAppToken: string; client: Client }> {
  return sandbox.newPortal();
}

async function apiError(promise: Promise<unknown>): Promise<{ code: number; body: any }> {
  try {
    await promise;
  } catch (error: any) {
    return { code: error.code, body: typeof error.body === 'string' ? JSON.parse(error.body) : error.body };
  }
  throw new Error('expected the call to fail');
}

beforeAll(async () => {
  sandbox = await startSandbox();
  base = sandbox.base;
});

afterAll(async () => {
  await sandbox?.close();
});

describe('HubSpot sandbox, driven by @hubspot/api-client', () => {
  it('pages owners and lists property definitions', async () => {
    const { portalId, client } = await newPortal();
    await control('POST', `/portals/${portalId}/owners`, {
      owners: [
        { email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' },
        { email: 'alan@example.com', firstName: 'Alan', lastName: 'Turing' },
        { email: 'grace@example.com', firstName: 'Grace', lastName: 'Hopper' },
      ],
    });
    const first = await client.crm.owners.ownersApi.getPage(undefined, undefined, 2);
    expect(first.results.map((o) => o.email)).toEqual(['ada@example.com', 'alan@example.com']);
    expect(typeof first.results[0]!.id).toBe('string');
    const second = await client.crm.owners.ownersApi.getPage(undefined, first.paging!.next!.after, 2);
    expect(second.results.map((o) => o.email)).toEqual(['grace@example.com']);
    expect(second.paging).toBeUndefined();

    const props = await client.crm.properties.coreApi.getAll('0-136');
    const label = props.results.find((p) => p.name === 'hs_lead_label')!;
    expect(label).toMatchObject({ type: 'enumeration', fieldType: 'select' });
    expect(label.options.map((o) => o.value)).toEqual(['HOT', 'WARM', 'COLD']);
    const owner = props.results.find((p) => p.name === 'hubspot_owner_id')!;
    expect(owner.options).toHaveLength(3);
  });

  it('batch reads with properties, batch updates the owner and reads it back, reads associations', async () => {
    const { portalId, client } = await newPortal();
    const { owners } = await control('POST', `/portals/${portalId}/owners`, {
      owners: [{ email: 'o@example.com' }],
    });
    const { objects: companies } = await control('POST', `/portals/${portalId}/objects/companies`, {
      objects: [{ properties: { name: 'Acme', domain: 'acme.test' } }],
    });
    const { objects: contacts } = await control('POST', `/portals/${portalId}/objects/contacts`, {
      objects: [
        {
          properties: { email: 'a@acme.test', firstname: 'A', favourite_colour: 'blue' },
          associations: [{ toObjectType: 'companies', toObjectId: companies[0].id, primary: true }],
        },
        { properties: { email: 'b@acme.test', firstname: 'B' } },
      ],
    });
    const ids = contacts.map((c: any) => c.id);

    const read = await client.crm.contacts.batchApi.read({
      inputs: ids.map((id: string) => ({ id })).concat([{ id: '999999' }]),
      properties: ['email', 'favourite_colour', 'hubspot_owner_id'],
      propertiesWithHistory: [],
    });
    expect(read.results).toHaveLength(2);
    const a = read.results.find((r) => r.id === ids[0])!;
    expect(a.properties).toMatchObject({
      email: 'a@acme.test',
      favourite_colour: 'blue',
      hubspot_owner_id: null,
    });
    expect(a.properties.hs_object_id).toBe(ids[0]);
    expect((read as any).errors[0]).toMatchObject({
      category: 'OBJECT_NOT_FOUND',
      context: { ids: ['999999'] },
    });

    await client.crm.contacts.batchApi.update({
      inputs: [{ id: ids[0], properties: { hubspot_owner_id: owners[0].id } }],
    });
    const back = await client.crm.contacts.basicApi.getById(ids[0], ['hubspot_owner_id']);
    expect(back.properties.hubspot_owner_id).toBe(owners[0].id);
    const stored = await control('GET', `/portals/${portalId}/objects/0-1/${ids[0]}`);
    expect(stored.properties.hubspot_owner_id).toBe(owners[0].id);

    const bad = await apiError(
      client.crm.contacts.batchApi.update({
        inputs: [{ id: ids[0], properties: { hubspot_owner_id: '123' } }],
      }),
    );
    expect(bad.code).toBe(400);
    expect(bad.body).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR' });
    expect(bad.body.correlationId).toEqual(expect.any(String));

    const assoc = await client.crm.associations.v4.batchApi.getPage('contacts', '0-2', {
      inputs: [{ id: ids[0] }],
    });
    expect(assoc.results[0]!.to[0]!.toObjectId).toBe(Number(companies[0].id));
    expect(assoc.results[0]!.to[0]!.associationTypes.map((t) => t.typeId).sort()).toEqual([1, 279]);
  });

  it('searches by hs_lastmodifieddate GTE with paging, and rejects paging past 10,000', async () => {
    const { portalId, client } = await newPortal();
    const start = Date.parse('2026-01-01T00:00:00Z');
    await control('POST', `/portals/${portalId}/objects/leads/generate`, {
      count: 25,
      startAt: start,
      stepMs: 60_000,
    });
    const since = String(start + 10 * 60_000);
    const seen: string[] = [];
    let after: string | undefined;
    do {
      const page = await client.crm.objects.searchApi.doSearch('leads', {
        filterGroups: [
          { filters: [{ propertyName: 'hs_lastmodifieddate', operator: 'GTE' as any, value: since }] },
        ],
        sorts: [{ propertyName: 'hs_lastmodifieddate', direction: 'ASCENDING' }] as any,
        properties: ['hs_lastmodifieddate'],
        limit: 10,
        after,
      });
      expect(page.total).toBe(15);
      seen.push(...page.results.map((r) => r.properties.hs_lastmodifieddate!));
      after = page.paging?.next?.after;
    } while (after);
    expect(seen).toHaveLength(15);
    expect(seen[0]).toBe(new Date(Number(since)).toISOString());
    expect([...seen].sort()).toEqual(seen);

    await new Promise((r) => setTimeout(r, 1100)); // the search budget is 5 per second
    await control('POST', `/portals/${portalId}/objects/contacts/generate`, { count: 10_050 });
    const near = await client.crm.contacts.searchApi.doSearch({ limit: 100, after: '9900' });
    expect(near.total).toBe(10_050);
    expect(near.paging?.next?.after).toBe('10000');
    const past = await apiError(client.crm.contacts.searchApi.doSearch({ limit: 100, after: '10000' }));
    expect(past.code).toBe(400);
    expect(past.body).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR' });
  });

  it('answers an unknown token with HubSpot’s 401', async () => {
    const client = new Client({ accessToken: 'pat-na1-not-a-token', basePath: base });
    const err = await apiError(client.crm.owners.ownersApi.getPage());
    expect(err.code).toBe(401);
    expect(err.body).toMatchObject({ status: 'error', category: 'INVALID_AUTHENTICATION' });
    expect(err.body.correlationId).toEqual(expect.any(String));
  });

  it('rate limits at 110 requests per rolling 10 s with HubSpot’s 429', async () => {
    const { privateAppToken } = await newPortal();
    const call = () =>
      fetch(`${base}/crm/v3/owners`, { headers: { authorization: `Bearer ${privateAppToken}` } });
    for (let i = 0; i < 110; i++) {
      const res = await call();
      expect(res.status).toBe(200);
      expect(res.headers.get('x-hubspot-ratelimit-remaining')).toBe(String(109 - i));
    }
    const limited = await call();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('x-hubspot-ratelimit-max')).toBe('110');
    expect(limited.headers.get('x-hubspot-ratelimit-interval-milliseconds')).toBe('10000');
    expect(await limited.json()).toMatchObject({
      status: 'error',
      errorType: 'RATE_LIMIT',
      policyName: 'TEN_SECONDLY_ROLLING',
      correlationId: expect.any(String),
    });
  });

  it('injects 5xx faults and 429 storms until cleared', async () => {
    const { portalId, client } = await newPortal();
    await control('PUT', `/portals/${portalId}/faults`, { errorRate: 1, errorStatus: 503 });
    expect((await apiError(client.crm.owners.ownersApi.getPage())).code).toBe(503);
    await control('PUT', `/portals/${portalId}/faults`, { errorRate: 0, rateLimitStormMs: 60_000 });
    const storm = await apiError(client.crm.owners.ownersApi.getPage());
    expect(storm.code).toBe(429);
    expect(storm.body.policyName).toBe('TEN_SECONDLY_ROLLING');
    await control('DELETE', `/portals/${portalId}/faults`);
    await expect(client.crm.owners.ownersApi.getPage()).resolves.toBeDefined();
  });

  it('runs OAuth: code → token → introspection → refresh (no rotation) → revoked refresh token rejected', async () => {
    const { portalId } = await newPortal();
    await control('POST', '/apps', {
      clientId: 'cid',
      clientSecret: 'secret',
      portalId,
      accessTokenTtlSeconds: 600,
    });
    const redirectUri = 'http://localhost:9999/oauth/callback';
    const authorize = new URL(`${base}/oauth/authorize`);
    authorize.search = new URLSearchParams({
      client_id: 'cid',
      redirect_uri: redirectUri,
      scope: 'oauth crm.objects.leads.read crm.objects.owners.read',
      state: 'xyz',
    }).toString();
    const consent = await fetch(authorize, { redirect: 'manual' });
    expect(consent.status).toBe(302);
    const callback = new URL(consent.headers.get('location')!);
    expect(callback.origin + callback.pathname).toBe(redirectUri);
    expect(callback.searchParams.get('state')).toBe('xyz');

    const oauth = new Client({ basePath: base });
    const tokens = await oauth.oauth.tokensApi.create(
      'authorization_code',
      callback.searchParams.get('code')!,
      redirectUri,
      'cid',
      'secret',
    );
    expect(tokens.expiresIn).toBe(600);
    const info = await oauth.oauth.accessTokensApi.get(tokens.accessToken);
    expect(info).toMatchObject({
      hubId: portalId,
      scopes: ['oauth', 'crm.objects.leads.read', 'crm.objects.owners.read'],
    });
    expect(info.expiresIn).toBeGreaterThan(590);
    await expect(
      new Client({ accessToken: tokens.accessToken, basePath: base }).crm.owners.ownersApi.getPage(),
    ).resolves.toBeDefined();

    const reused = await apiError(
      oauth.oauth.tokensApi.create(
        'authorization_code',
        callback.searchParams.get('code')!,
        redirectUri,
        'cid',
        'secret',
      ),
    );
    expect(reused.body).toMatchObject({ error: 'invalid_grant' });

    const refreshed = await oauth.oauth.tokensApi.create(
      'refresh_token',
      undefined,
      undefined,
      'cid',
      'secret',
      tokens.refreshToken,
    );
    expect(refreshed.accessToken).not.toBe(tokens.accessToken);
    // HubSpot does not rotate refresh tokens: the same one comes back and keeps working.
    expect(refreshed.refreshToken).toBe(tokens.refreshToken);
    await oauth.oauth.tokensApi.create(
      'refresh_token',
      undefined,
      undefined,
      'cid',
      'secret',
      tokens.refreshToken,
    );

    await oauth.oauth.refreshTokensApi.archive(tokens.refreshToken);
    const rejected = await apiError(
      oauth.oauth.tokensApi.create(
        'refresh_token',
        undefined,
        undefined,
        'cid',
        'secret',
        tokens.refreshToken,
      ),
    );
    expect(rejected.code).toBe(400);
    expect(rejected.body).toMatchObject({ error: 'invalid_grant', status: 'BAD_REFRESH_TOKEN' });

    await control('POST', `/portals/${portalId}/expire-access-tokens`);
    const expired = await apiError(
      new Client({ accessToken: refreshed.accessToken, basePath: base }).crm.owners.ownersApi.getPage(),
    );
    expect(expired.code).toBe(401);
    expect(expired.body.category).toBe('EXPIRED_AUTHENTICATION');
  });
});
