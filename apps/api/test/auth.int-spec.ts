import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, TEST_BOOTSTRAP_TOKEN, type TestResponse } from '@leadflow/testing';
import { type ApiHarness, startApi } from './api-harness';

describe('API keys, roles and tenant isolation', () => {
  let api: ApiHarness;
  let tenantA: { tenantId: string; adminKey: string; keyId: string };
  let tenantB: { tenantId: string; adminKey: string; keyId: string };

  beforeAll(async () => {
    api = await startApi();
    tenantA = await api.createTenant('Acme');
    tenantB = await api.createTenant('Globex');
  });
  afterAll(() => api.close());

  it('rejects a request without a key with 401 problem details', async () => {
    const res = await request(api.baseUrl, 'GET', '/v1/api-keys');
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.headers.get('www-authenticate')).toContain('Bearer');
    expect(res.body).toMatchObject({
      type: 'urn:leadflow:problem:unauthenticated',
      status: 401,
      title: 'Unauthenticated',
    });
    expect(res.body.detail).toMatch(/API key is required/);
  });

  it('rejects malformed and unknown keys with 401', async () => {
    expect((await request(api.baseUrl, 'GET', '/v1/me', { key: 'not-a-key' })).status).toBe(401);
    const unknown = `lf_abcdefghij_${'A'.repeat(43)}`;
    const res = await request(api.baseUrl, 'GET', '/v1/me', { key: unknown });
    expect(res.status).toBe(401);
    expect(res.body.detail).toBe('The API key is not valid.');
  });

  it('accepts the key in X-API-Key as well as Authorization', async () => {
    const res = await request(api.baseUrl, 'GET', '/v1/me', { headers: { 'x-api-key': tenantA.adminKey } });
    expect(res.status).toBe(200);
    expect(res.body.tenant.id).toBe(tenantA.tenantId);
    expect(res.body.apiKey.role).toBe('admin');
  });

  it('shows a new key once, lists it by prefix only, and stops accepting it once revoked', async () => {
    const created = await request(api.baseUrl, 'POST', '/v1/api-keys', {
      key: tenantA.adminKey,
      body: { name: 'CI', role: 'operator' },
    });
    expect(created.status).toBe(201);
    expect(created.body.key).toMatch(/^lf_[0-9a-z]{10}_[0-9A-Za-z]{43}$/);
    expect(created.body.key.startsWith(`lf_${created.body.prefix}_`)).toBe(true);

    const listed = await request(api.baseUrl, 'GET', '/v1/api-keys', { key: tenantA.adminKey });
    expect(listed.status).toBe(200);
    const entry = listed.body.items.find((k: { id: string }) => k.id === created.body.id);
    expect(entry).toMatchObject({ prefix: created.body.prefix, role: 'operator', revokedAt: null });
    expect(JSON.stringify(listed.body)).not.toContain(created.body.key);
    expect(JSON.stringify(listed.body)).not.toContain('secretHash');

    expect((await request(api.baseUrl, 'GET', '/v1/me', { key: created.body.key })).status).toBe(200);
    const revoked = await request(api.baseUrl, 'DELETE', `/v1/api-keys/${created.body.id}`, {
      key: tenantA.adminKey,
    });
    expect(revoked.status).toBe(204);
    const after = await request(api.baseUrl, 'GET', '/v1/me', { key: created.body.key });
    expect(after.status).toBe(401);
    expect(after.body.detail).toBe('The API key has been revoked.');

    const again = await request(api.baseUrl, 'DELETE', `/v1/api-keys/${created.body.id}`, {
      key: tenantA.adminKey,
    });
    expect(again.status).toBe(204);
    const withRevoked = await request(api.baseUrl, 'GET', '/v1/api-keys?includeRevoked=true', {
      key: tenantA.adminKey,
    });
    expect(
      withRevoked.body.items.find((k: { id: string }) => k.id === created.body.id).revokedAt,
    ).not.toBeNull();
    const withoutRevoked = await request(api.baseUrl, 'GET', '/v1/api-keys', { key: tenantA.adminKey });
    expect(withoutRevoked.body.items.some((k: { id: string }) => k.id === created.body.id)).toBe(false);
  });

  it('lets a viewer read but answers 403 naming the role needed on a write', async () => {
    const viewer = await api.createKey(tenantA.adminKey, 'viewer');
    expect((await request(api.baseUrl, 'GET', '/v1/api-keys', { key: viewer.key })).status).toBe(200);
    const write = await request(api.baseUrl, 'POST', '/v1/api-keys', {
      key: viewer.key,
      body: { name: 'x', role: 'admin' },
    });
    expect(write.status).toBe(403);
    expect(write.body).toMatchObject({ type: 'urn:leadflow:problem:forbidden', status: 403 });
    expect(write.body.detail).toBe('This action needs the admin role; this API key has the viewer role.');
    const revoke = await request(api.baseUrl, 'DELETE', `/v1/api-keys/${tenantA.keyId}`, { key: viewer.key });
    expect(revoke.status).toBe(403);
  });

  it('keeps operators from admin-only writes', async () => {
    const operator = await api.createKey(tenantA.adminKey, 'operator');
    const res = await request(api.baseUrl, 'POST', '/v1/api-keys', {
      key: operator.key,
      body: { name: 'x', role: 'viewer' },
    });
    expect(res.status).toBe(403);
    expect(res.body.detail).toContain('needs the admin role');
  });

  it("answers 404, never the data, when tenant A's key asks for tenant B's key", async () => {
    const get = await request(api.baseUrl, 'GET', `/v1/api-keys/${tenantB.keyId}`, { key: tenantA.adminKey });
    expect(get.status).toBe(404);
    expect(get.body.type).toBe('urn:leadflow:problem:not-found');
    expect(get.text).not.toContain(tenantB.tenantId);

    const del = await request(api.baseUrl, 'DELETE', `/v1/api-keys/${tenantB.keyId}`, {
      key: tenantA.adminKey,
    });
    expect(del.status).toBe(404);
    // B's key still works: A's delete touched nothing.
    expect((await request(api.baseUrl, 'GET', '/v1/me', { key: tenantB.adminKey })).status).toBe(200);

    const listA = await request(api.baseUrl, 'GET', '/v1/api-keys?limit=200', { key: tenantA.adminKey });
    expect(listA.body.items.some((k: { id: string }) => k.id === tenantB.keyId)).toBe(false);
    const auditA = await request(api.baseUrl, 'GET', '/v1/audit-log?limit=200', { key: tenantA.adminKey });
    expect(auditA.text).not.toContain(tenantB.keyId);
  });

  it('creates tenants only with the bootstrap token, and refuses a taken slug with 409', async () => {
    const noToken = await request(api.baseUrl, 'POST', '/v1/tenants', { body: { name: 'X' } });
    expect(noToken.status).toBe(401);
    const wrongToken = await request(api.baseUrl, 'POST', '/v1/tenants', {
      key: 'x'.repeat(40),
      body: { name: 'X' },
    });
    expect(wrongToken.status).toBe(401);
    const withApiKey = await request(api.baseUrl, 'POST', '/v1/tenants', {
      key: tenantA.adminKey,
      body: { name: 'X' },
    });
    expect(withApiKey.status).toBe(401);

    const first = await request(api.baseUrl, 'POST', '/v1/tenants', {
      key: TEST_BOOTSTRAP_TOKEN,
      body: { name: 'Initech Ltd' },
    });
    expect(first.status).toBe(201);
    expect(first.body.tenant.slug).toBe('initech-ltd');
    expect(first.body.apiKey.role).toBe('admin');
    const dup = await request(api.baseUrl, 'POST', '/v1/tenants', {
      key: TEST_BOOTSTRAP_TOKEN,
      body: { name: 'Initech Ltd' },
    });
    expect(dup.status).toBe(409);
    expect(dup.body.detail).toContain('initech-ltd');
  });

  it('records admin actions in the audit log with who, what and when', async () => {
    const created = await api.createKey(tenantA.adminKey, 'viewer');
    await request(api.baseUrl, 'DELETE', `/v1/api-keys/${created.id}`, { key: tenantA.adminKey });
    const res = await request(api.baseUrl, 'GET', '/v1/audit-log?limit=200', { key: tenantA.adminKey });
    expect(res.status).toBe(200);
    const forKey = res.body.items.filter((e: { targetId: string }) => e.targetId === created.id);
    expect(forKey.map((e: { action: string }) => e.action)).toEqual(['api_key.revoked', 'api_key.created']);
    for (const entry of forKey) {
      expect(entry.actorType).toBe('api_key');
      expect(entry.actorId).toBe(tenantA.keyId);
      expect(entry.requestId).toBeTruthy();
      expect(Date.parse(entry.createdAt)).not.toBeNaN();
    }
    const tenantCreated = res.body.items.find((e: { action: string }) => e.action === 'tenant.created');
    expect(tenantCreated).toMatchObject({ actorType: 'bootstrap_token', targetId: tenantA.tenantId });
    const filtered = await request(api.baseUrl, 'GET', '/v1/audit-log?action=api_key.revoked', {
      key: tenantA.adminKey,
    });
    expect(filtered.body.items.every((e: { action: string }) => e.action === 'api_key.revoked')).toBe(true);
  });

  it('pages through keys with a cursor, newest first, without gaps or repeats', async () => {
    const tenant = await api.createTenant('Pager');
    const ids = [tenant.keyId];
    for (let i = 0; i < 4; i++) ids.push((await api.createKey(tenant.adminKey, 'viewer')).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: TestResponse = await request(
        api.baseUrl,
        'GET',
        `/v1/api-keys?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        { key: tenant.adminKey },
      );
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((k: { id: string }) => k.id));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([...ids].reverse());
  });

  it('never writes key secrets or the bootstrap token to the logs', async () => {
    const created = await api.createKey(tenantA.adminKey, 'viewer');
    await request(api.baseUrl, 'GET', '/v1/me', { key: created.key });
    await request(api.baseUrl, 'GET', `/v1/me?token=${created.key}`, { key: created.key });
    const logs = api.logs.text;
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).toContain('/v1/me');
    for (const secret of [created.key, tenantA.adminKey, tenantB.adminKey, TEST_BOOTSTRAP_TOKEN]) {
      expect(logs).not.toContain(secret);
      expect(logs).not.toContain(secret.slice(14)); // the secret part alone
    }
  });
});
