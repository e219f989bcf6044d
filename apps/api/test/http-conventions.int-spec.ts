import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from '@leadflow/testing';
import { type ApiHarness, startApi } from './api-harness';

describe('HTTP conventions', () => {
  let api: ApiHarness;
  let adminKey: string;

  beforeAll(async () => {
    api = await startApi();
    adminKey = (await api.createTenant('Conventions')).adminKey;
  });
  afterAll(() => api.close());

  it('names every bad body field in a 400 problem', async () => {
    const res = await request(api.baseUrl, 'POST', '/v1/api-keys', {
      key: adminKey,
      body: { name: '', role: 'owner', extra: true },
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body).toMatchObject({
      type: 'urn:leadflow:problem:validation-error',
      title: 'Invalid request',
      status: 400,
    });
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'body',
      'body.name',
      'body.role',
    ]);
    expect(res.body.errors.find((e: { path: string }) => e.path === 'body.name').message).toBe(
      'must not be empty',
    );
    expect(res.body.detail).toContain('body.role');
  });

  it('reports missing required fields as required', async () => {
    const res = await request(api.baseUrl, 'POST', '/v1/api-keys', { key: adminKey, body: {} });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'body.name', message: 'is required' }),
        expect.objectContaining({ path: 'body.role', message: 'is required' }),
      ]),
    );
  });

  it('answers malformed JSON with a 400 problem that carries a request id', async () => {
    const res = await request(api.baseUrl, 'POST', '/v1/api-keys', { key: adminKey, rawBody: '{"name": ' });
    expect(res.status).toBe(400);
    expect(res.body.type).toBe('urn:leadflow:problem:malformed-body');
    expect(res.body.errors[0].path).toBe('body');
    expect(res.body.requestId).toBeTruthy();
    expect(res.headers.get('x-request-id')).toBe(res.body.requestId);
  });

  it('validates query and path parameters, naming where they came from', async () => {
    const query = await request(api.baseUrl, 'GET', '/v1/api-keys?limit=0', { key: adminKey });
    expect(query.status).toBe(400);
    expect(query.body.errors[0].path).toBe('query.limit');
    const cursor = await request(api.baseUrl, 'GET', '/v1/api-keys?cursor=nonsense', { key: adminKey });
    expect(cursor.status).toBe(400);
    expect(cursor.body.errors[0]).toMatchObject({ path: 'query.cursor', code: 'invalid_cursor' });
    const param = await request(api.baseUrl, 'GET', '/v1/api-keys/not-a-uuid', { key: adminKey });
    expect(param.status).toBe(400);
    expect(param.body.errors[0]).toMatchObject({ path: 'params.id', message: 'must be a UUID' });
  });

  it('answers unknown routes with a 404 problem', async () => {
    const res = await request(api.baseUrl, 'GET', '/v1/nothing-here', { key: adminKey });
    expect(res.status).toBe(404);
    expect(res.body.type).toBe('urn:leadflow:problem:not-found');
  });

  it('echoes a well-formed caller request id and replaces a malformed one', async () => {
    const kept = await request(api.baseUrl, 'GET', '/health/live', {
      headers: { 'x-request-id': 'abc-123' },
    });
    expect(kept.headers.get('x-request-id')).toBe('abc-123');
    const replaced = await request(api.baseUrl, 'GET', '/health/live', {
      headers: { 'x-request-id': 'bad id with spaces' },
    });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves health publicly and reports Postgres and Redis ready', async () => {
    expect((await request(api.baseUrl, 'GET', '/health/live')).body).toEqual({ status: 'ok' });
    const ready = await request(api.baseUrl, 'GET', '/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({
      status: 'ok',
      checks: { postgres: { status: 'up' }, redis: { status: 'up' } },
    });
  });

  it('exposes Prometheus metrics with process metrics and the HTTP histogram by route template', async () => {
    await request(api.baseUrl, 'GET', '/v1/api-keys/00000000-0000-0000-0000-000000000000', { key: adminKey });
    const res = await request(api.baseUrl, 'GET', '/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    expect(res.text).toContain('leadflow_process_cpu_seconds_total');
    expect(res.text).toMatch(
      /leadflow_http_request_duration_seconds_count\{[^}]*route="\/v1\/api-keys\/:id"[^}]*status_code="404"[^}]*\} 1/,
    );
  });

  it('serves the OpenAPI document at /docs', async () => {
    const res = await request(api.baseUrl, 'GET', '/docs/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/v1/api-keys', '/v1/api-keys/{id}', '/v1/tenants', '/v1/audit-log']),
    );
  });
});

describe('readiness when a dependency is down', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    // Nothing listens on port 1: Redis is "down" for this app.
    api = await startApi({ REDIS_URL: 'redis://127.0.0.1:1' });
  });
  afterAll(() => api.close());

  it('answers 503 naming the failing part, without leaking the URL', async () => {
    const res = await request(api.baseUrl, 'GET', '/health/ready');
    expect(res.status).toBe(503);
    expect(res.body.checks.postgres.status).toBe('up');
    expect(res.body.checks.redis.status).toBe('down');
    expect(res.body.detail).toMatch(/^redis is down/);
    expect(res.body.detail).toContain('ECONNREFUSED');
    expect(res.text).not.toContain('redis://');
  });
});
