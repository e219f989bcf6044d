import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HUBSPOT_MAX_RETRY_AFTER_MS, networkError, parseHubSpotError, retryAfterMs } from './errors';

interface RecordedResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

function fixture(name: string): RecordedResponse {
  return JSON.parse(
    readFileSync(join(__dirname, '..', 'test', 'fixtures', 'errors', `${name}.json`), 'utf8'),
  ) as RecordedResponse;
}

function parse(name: string, extra: { now?: number } = {}) {
  return parseHubSpotError({ ...fixture(name), operation: 'leads.batchRead', ...extra });
}

describe('parseHubSpotError on recorded responses', () => {
  it('429 TEN_SECONDLY_ROLLING without Retry-After waits one 10 s window', () => {
    const err = parse('429-ten-secondly-rolling');
    expect(err.code).toBe('RATE_LIMITED');
    expect(err.details).toEqual({
      code: 'RATE_LIMITED',
      retryAfterMs: 10_000,
      policy: 'TEN_SECONDLY_ROLLING',
    });
    expect(err.retryable).toBe(true);
    expect(err.countsForBreaker).toBe(false);
    expect(err.status).toBe(429);
    expect(err.provider).toBe('hubspot');
    expect(err.operation).toBe('leads.batchRead');
    expect(err.correlationId).toBe('c033cdaa-2c40-4a64-ae48-b4cec88dad24');
  });

  it('honours Retry-After over the policy default', () => {
    expect(parse('429-ten-secondly-rolling-retry-after').retryAfterMs).toBe(3_000);
  });

  it('429 SECONDLY (search) waits one second', () => {
    const err = parse('429-secondly-search');
    expect(err.retryAfterMs).toBe(1_000);
    expect(err.details).toMatchObject({ policy: 'SECONDLY' });
  });

  it('429 DAILY without Retry-After probes again after an hour', () => {
    const err = parse('429-daily');
    expect(err.code).toBe('RATE_LIMITED');
    expect(err.retryAfterMs).toBe(3_600_000);
    expect(err.details).toMatchObject({ policy: 'DAILY' });
  });

  it('429 DAILY with a Retry-After date waits until then, capped at a day', () => {
    const now = Date.parse('2026-11-02T20:00:00Z');
    const recorded = fixture('429-daily');
    const soon = parseHubSpotError({
      ...recorded,
      headers: { ...recorded.headers, 'Retry-After': 'Tue, 03 Nov 2026 00:00:00 GMT' },
      operation: 'owners.list',
      now,
    });
    expect(soon.retryAfterMs).toBe(4 * 3_600_000);
    const absurd = parseHubSpotError({ ...recorded, headers: { 'retry-after': '9999999' }, operation: 'x' });
    expect(absurd.retryAfterMs).toBe(HUBSPOT_MAX_RETRY_AFTER_MS);
  });

  it('401 EXPIRED_AUTHENTICATION → AUTH_EXPIRED (refresh once)', () => {
    const err = parse('401-expired-authentication');
    expect(err.code).toBe('AUTH_EXPIRED');
    expect(err.retryable).toBe(false);
    expect(err.policy.refreshCredentials).toBe(true);
  });

  it('401 INVALID_AUTHENTICATION → AUTH_REVOKED (reconnect)', () => {
    const err = parse('401-invalid-authentication');
    expect(err.code).toBe('AUTH_REVOKED');
    expect(err.policy.needsReauthorization).toBe(true);
  });

  it('401 without a category is treated as expired', () => {
    expect(parseHubSpotError({ status: 401, body: '', operation: 'x' }).code).toBe('AUTH_EXPIRED');
  });

  it('token endpoint invalid_grant → AUTH_REVOKED', () => {
    const err = parse('400-oauth-invalid-grant');
    expect(err.code).toBe('AUTH_REVOKED');
    expect(err.causeCode).toBe('invalid_grant');
  });

  it('403 MISSING_SCOPES lists the required scopes', () => {
    const err = parse('403-missing-scopes');
    expect(err.code).toBe('INSUFFICIENT_SCOPE');
    expect(err.missingScopes).toEqual(['crm.objects.leads.read', 'crm.objects.leads.write']);
    expect(err.message).toContain('missing crm.objects.leads.read, crm.objects.leads.write');
  });

  it('403 with scopes in a top-level context (requiredScopes) is read too', () => {
    const err = parseHubSpotError({
      status: 403,
      body: { category: 'MISSING_SCOPES', context: { requiredScopes: ['crm.objects.owners.read'] } },
      operation: 'owners.list',
    });
    expect(err.missingScopes).toEqual(['crm.objects.owners.read']);
  });

  it('a 404 whose body has an `error` member is still a 404, not an OAuth error', () => {
    const body = { message: 'Cannot GET /nope/crm/v3/owners', error: 'Not Found', statusCode: 404 };
    expect(parseHubSpotError({ status: 404, body, operation: 'owners.list' }).code).toBe('NOT_FOUND');
  });

  it('404 → NOT_FOUND', () => {
    const err = parse('404-object-not-found');
    expect(err.code).toBe('NOT_FOUND');
    expect(err.retryable).toBe(false);
  });

  it('400 VALIDATION_ERROR with details embedded in the message → per-field problems', () => {
    const err = parse('400-validation-error-embedded');
    expect(err.code).toBe('INVALID_REQUEST');
    expect(err.fields).toEqual([
      { field: 'hubspot_owner_id', message: '99999 is not a valid owner id', code: 'INVALID_OWNER_ID' },
      {
        field: 'favourite_colour',
        message: 'Property "favourite_colour" does not exist',
        code: 'PROPERTY_DOESNT_EXIST',
      },
    ]);
  });

  it('400 VALIDATION_ERROR with an errors array → per-field problems', () => {
    const err = parse('400-validation-error-errors-array');
    expect(err.fields).toEqual([
      {
        field: 'associations',
        message: 'A lead must be associated with a contact',
        code: 'REQUIRED_ASSOCIATION',
      },
      { field: 'hs_lead_name', message: 'Property hs_lead_name is required', code: 'REQUIRED_PROPERTY' },
    ]);
  });

  it('5xx, including an HTML gateway page, → TEMPORARY that counts for the breaker', () => {
    for (const name of ['500-internal-error', '502-bad-gateway-html']) {
      const err = parse(name);
      expect(err.code).toBe('TEMPORARY');
      expect(err.retryable).toBe(true);
      expect(err.countsForBreaker).toBe(true);
    }
  });

  it('accepts the body as raw JSON text and fetch-style Headers', () => {
    const recorded = fixture('429-ten-secondly-rolling-retry-after');
    const err = parseHubSpotError({
      status: 429,
      headers: new Headers(recorded.headers),
      body: JSON.stringify(recorded.body),
      operation: 'x',
    });
    expect(err.retryAfterMs).toBe(3_000);
    expect(err.details).toMatchObject({ policy: 'TEN_SECONDLY_ROLLING' });
  });

  it('an unexpected status → UNKNOWN', () => {
    expect(parseHubSpotError({ status: 418, body: {}, operation: 'x' }).code).toBe('UNKNOWN');
  });

  it('never puts a token from the provider message into the error', () => {
    const err = parseHubSpotError({
      status: 401,
      body: {
        category: 'INVALID_AUTHENTICATION',
        message:
          'Bad token pat-na1-11111111-2222-3333-4444-555555555555 (Authorization: Bearer CJSP5qf1KhICAQEYs-gDIIGOBii1hQIyGQAf3xBKmlwHjX7OIpuIFEavB2-qYAGQsF4)',
      },
      operation: 'contacts.get',
    });
    expect(err.message).not.toContain('pat-na1-1111');
    expect(err.message).not.toContain('CJSP5qf1');
    expect(JSON.stringify(err)).not.toContain('CJSP5qf1');
    expect(err.message).toContain('[redacted]');
  });
});

describe('networkError', () => {
  const errnoError = (code: string, message: string) => Object.assign(new Error(message), { code });

  it.each([
    ['ECONNRESET', errnoError('ECONNRESET', 'read ECONNRESET'), 'ECONNRESET'],
    ['ETIMEDOUT', errnoError('ETIMEDOUT', 'connect ETIMEDOUT 104.16.0.1:443'), 'ETIMEDOUT'],
    ['socket hang up', new Error('socket hang up'), 'socket hang up'],
    [
      'fetch failed wrapping ECONNRESET',
      new TypeError('fetch failed', { cause: errnoError('ECONNRESET', 'other side closed') }),
      'ECONNRESET',
    ],
    ['fetch failed alone', new TypeError('fetch failed'), 'fetch failed'],
    [
      'a timeout signal',
      new DOMException('The operation was aborted due to timeout', 'TimeoutError'),
      'TimeoutError',
    ],
  ])('%s → TEMPORARY', (_label, cause, causeCode) => {
    const err = networkError(cause, { operation: 'leads.search' });
    expect(err.code).toBe('TEMPORARY');
    expect(err.provider).toBe('hubspot');
    expect(err.causeCode).toBe(causeCode);
    expect(err.status).toBeUndefined();
  });

  it('a programming error is UNKNOWN, not retried', () => {
    const err = networkError(new TypeError("Cannot read properties of undefined (reading 'id')"), {
      operation: 'x',
    });
    expect(err.code).toBe('UNKNOWN');
    expect(err.retryable).toBe(false);
  });
});

describe('retryAfterMs', () => {
  it('reads seconds and HTTP dates, ignores garbage', () => {
    expect(retryAfterMs('2')).toBe(2_000);
    expect(retryAfterMs('0.5')).toBe(500);
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs('Tue, 03 Nov 2026 00:00:00 GMT')).toBeUndefined();
    expect(retryAfterMs('Tue, 03 Nov 2026 00:00:10 GMT', Date.parse('2026-11-03T00:00:00Z'))).toBe(10_000);
    expect(retryAfterMs('Tue, 03 Nov 2026 00:00:00 GMT', Date.parse('2026-11-03T00:01:00Z'))).toBe(0);
    expect(retryAfterMs(undefined)).toBeUndefined();
  });
});
