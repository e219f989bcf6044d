import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errorFixture, fixturesDir } from '../test/recorded-payloads';
import {
  type MondayCredentialKind,
  MONDAY_MAX_RETRY_AFTER_MS,
  networkError,
  parseMondayError,
  retryAfterMs,
} from './errors';

function parse(name: string, extra: { credential?: MondayCredentialKind; now?: number } = {}) {
  return parseMondayError({ ...errorFixture(name), operation: 'items.read', ...extra });
}

describe('parseMondayError on recorded responses: rate limits', () => {
  it('429 "Minute limit rate exceeded" waits retry_in_seconds', () => {
    const err = parse('429-minute-limit-rate-exceeded');
    expect(err.code).toBe('RATE_LIMITED');
    expect(err.details).toEqual({ code: 'RATE_LIMITED', retryAfterMs: 17_000, policy: 'minute' });
    expect(err.retryable).toBe(true);
    expect(err.countsForBreaker).toBe(false);
    expect(err.status).toBe(429);
    expect(err.provider).toBe('monday');
    expect(err.correlationId).toBe('6f1d3c52-1f59-4c1b-9a55-2a7f0e7c8d11');
  });

  it('the legacy "Rate Limit Exceeded." without any wait falls back to a minute', () => {
    const err = parse('429-rate-limit-exceeded-legacy');
    expect(err.details).toEqual({ code: 'RATE_LIMITED', retryAfterMs: 60_000, policy: 'minute' });
  });

  it('COMPLEXITY_BUDGET_EXHAUSTED honours retry_in_seconds over Retry-After, with HTTP 429 or 200', () => {
    expect(parse('429-complexity-budget-exhausted').details).toEqual({
      code: 'RATE_LIMITED',
      retryAfterMs: 7_000,
      policy: 'complexity',
    });
    const ok = parse('200-complexity-budget-exhausted');
    expect(ok.status).toBe(200);
    expect(ok.details).toEqual({ code: 'RATE_LIMITED', retryAfterMs: 23_000, policy: 'complexity' });
  });

  it('the legacy ComplexityException reads the reset from its message', () => {
    const err = parse('429-complexity-exception-legacy');
    expect(err.details).toEqual({ code: 'RATE_LIMITED', retryAfterMs: 3_000, policy: 'complexity' });
    expect(err.causeCode).toBe('ComplexityException');
  });

  it('DAILY_LIMIT_EXCEEDED waits until midnight UTC by Monday’s clock, else probes hourly', () => {
    // The fixture's Date header says 21:00 UTC: three hours to the reset.
    expect(parse('200-daily-limit-exceeded', { now: Date.parse('2026-11-24T21:00:00Z') }).details).toEqual({
      code: 'RATE_LIMITED',
      retryAfterMs: 3 * 3_600_000,
      policy: 'daily',
    });
    expect(parse('200-daily-limit-exceeded').retryAfterMs).toBe(3_600_000);
  });

  it('maxConcurrencyExceeded is a short wait', () => {
    expect(parse('429-max-concurrency-exceeded').details).toEqual({
      code: 'RATE_LIMITED',
      retryAfterMs: 2_000,
      policy: 'concurrency',
    });
    const bare = parseMondayError({
      status: 429,
      body: { errors: [{ message: 'x', extensions: { code: 'maxConcurrencyExceeded' } }] },
      operation: 'x',
    });
    expect(bare.retryAfterMs).toBe(1_000);
  });

  it('IP_RATE_LIMIT_EXCEEDED takes Retry-After', () => {
    expect(parse('429-ip-rate-limit-exceeded').details).toEqual({
      code: 'RATE_LIMITED',
      retryAfterMs: 4_000,
      policy: 'ip',
    });
  });

  it('caps absurd waits at a day and reads Retry-After dates', () => {
    const absurd = parseMondayError({
      status: 429,
      headers: { 'retry-after': '99999999' },
      body: '',
      operation: 'x',
    });
    expect(absurd.retryAfterMs).toBe(MONDAY_MAX_RETRY_AFTER_MS);
    expect(retryAfterMs('Tue, 24 Nov 2026 21:00:30 GMT', Date.parse('2026-11-24T21:00:00Z'))).toBe(30_000);
    expect(retryAfterMs('soon')).toBeUndefined();
  });
});

describe('parseMondayError on recorded responses: authentication and permissions', () => {
  it('401 with an expiring OAuth token → AUTH_EXPIRED (refresh once)', () => {
    const err = parse('401-not-authenticated', { credential: 'expiring' });
    expect(err.code).toBe('AUTH_EXPIRED');
    expect(err.policy.refreshCredentials).toBe(true);
    expect(err.correlationId).toBe('0b6c8f7e-54a2-4a8c-9d0f-3c1e2b7a9f10');
  });

  it('401 with a personal or legacy token → AUTH_REVOKED (nothing to refresh)', () => {
    expect(parse('401-not-authenticated', { credential: 'static' }).code).toBe('AUTH_REVOKED');
    expect(parse('401-not-authenticated-legacy', { credential: 'static' }).code).toBe('AUTH_REVOKED');
  });

  it('401 without knowing the token: only an explicit "expired" earns a refresh', () => {
    expect(parse('401-not-authenticated').code).toBe('AUTH_REVOKED');
    const expired = parseMondayError({ status: 401, body: { errors: ['Token expired'] }, operation: 'x' });
    expect(expired.code).toBe('AUTH_EXPIRED');
  });

  it('401 "Your ip is restricted" is revoked even for an expiring token: a refresh cannot fix it', () => {
    expect(parse('401-ip-restricted', { credential: 'expiring' }).code).toBe('AUTH_REVOKED');
  });

  it('UserUnauthorizedException with HTTP 200 → INSUFFICIENT_SCOPE, not retried', () => {
    const err = parse('200-user-unauthorized');
    expect(err.code).toBe('INSUFFICIENT_SCOPE');
    expect(err.status).toBe(200);
    expect(err.retryable).toBe(false);
    expect(err.policy.needsReauthorization).toBe(true);
    expect(err.missingScopes).toEqual([]);
  });

  it('missingRequiredPermissions names the scope', () => {
    const err = parse('200-missing-required-permissions');
    expect(err.code).toBe('INSUFFICIENT_SCOPE');
    expect(err.missingScopes).toEqual(['webhooks:read']);
    expect(err.message).toContain('missing webhooks:read');
  });

  it('a scope named only in the message is found there', () => {
    const err = parseMondayError({
      status: 200,
      body: {
        errors: [{ message: 'Requires boards:write', extensions: { code: 'missingRequiredPermissions' } }],
      },
      operation: 'x',
    });
    expect(err.missingScopes).toEqual(['boards:write']);
  });

  it('USER_ACCESS_DENIED → AUTH_REVOKED: the user cannot use the API, someone else must connect', () => {
    expect(parse('403-user-access-denied').code).toBe('AUTH_REVOKED');
  });

  it('token endpoint: invalid_grant → AUTH_REVOKED, invalid_client → INVALID_REQUEST', () => {
    const grant = parse('400-oauth-invalid-grant');
    expect(grant.code).toBe('AUTH_REVOKED');
    expect(grant.causeCode).toBe('invalid_grant');
    const client = parse('401-oauth-invalid-client');
    expect(client.code).toBe('INVALID_REQUEST');
    expect(client.fields[0]).toMatchObject({ code: 'invalid_client' });
  });
});

describe('parseMondayError on recorded responses: request problems', () => {
  it('ColumnValueException → INVALID_REQUEST naming the column', () => {
    const err = parse('200-column-value-exception');
    expect(err.code).toBe('INVALID_REQUEST');
    expect(err.fields).toEqual([
      {
        field: 'person',
        message: expect.stringContaining('invalid value') as string,
        code: 'ColumnValueException',
      },
    ]);
  });

  it('InvalidColumnIdException and InvalidUserIdException → INVALID_REQUEST with what they name', () => {
    expect(parse('200-invalid-column-id').fields[0]).toMatchObject({
      field: 'person',
      code: 'InvalidColumnIdException',
    });
    expect(parse('200-invalid-user-id').fields[0]).toMatchObject({
      field: '999999',
      code: 'InvalidUserIdException',
    });
  });

  it('InvalidArgumentException → INVALID_REQUEST', () => {
    const err = parse('200-invalid-argument');
    expect(err.code).toBe('INVALID_REQUEST');
    expect(err.fields[0]?.field).toBe('__last_updated__');
  });

  it('board or item not found → NOT_FOUND', () => {
    expect(parse('200-invalid-board-id').code).toBe('NOT_FOUND');
    expect(parse('200-resource-not-found').code).toBe('NOT_FOUND');
  });

  it('an expired page cursor → INVALID_REQUEST (the listing restarts its window)', () => {
    const err = parse('200-cursor-expired');
    expect(err.code).toBe('INVALID_REQUEST');
    expect(err.causeCode).toBe('CursorException');
  });

  it('GraphQL validation and parse errors → INVALID_REQUEST with the path', () => {
    const validation = parse('200-graphql-validation-legacy');
    expect(validation.code).toBe('INVALID_REQUEST');
    expect(validation.fields[0]?.field).toBe('query.me.xxx');
    expect(parse('200-parse-error').code).toBe('INVALID_REQUEST');
    expect(parse('400-bad-request').code).toBe('INVALID_REQUEST');
  });

  it('a 200 with partial data and an error is still a failure', () => {
    const err = parse('200-partial-data');
    expect(err.code).toBe('UNKNOWN');
    expect(err.causeCode).toBe('ASSET_UNAVAILABLE');
    expect(err.message).toContain('Photo unavailable.');
  });
});

describe('parseMondayError on recorded responses: temporary failures', () => {
  it('API_TEMPORARILY_BLOCKED, a locked board, 5xx and HTML error pages → TEMPORARY', () => {
    for (const name of [
      '200-api-temporarily-blocked',
      '423-resource-locked',
      '500-internal-server-error-legacy',
      '502-bad-gateway-html',
    ]) {
      const err = parse(name);
      expect(err.code, name).toBe('TEMPORARY');
      expect(err.countsForBreaker, name).toBe(true);
    }
  });

  it('network failures → TEMPORARY, programming errors → UNKNOWN', () => {
    const reset = Object.assign(new TypeError('fetch failed'), {
      cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
    });
    expect(networkError(reset, { operation: 'x' })).toMatchObject({
      code: 'TEMPORARY',
      causeCode: 'ECONNRESET',
    });
    expect(networkError(new RangeError('bad'), { operation: 'x' }).code).toBe('UNKNOWN');
  });
});

describe('parseMondayError, whatever arrives', () => {
  it('ranks several errors: a rate limit wins over anything, auth over request problems', () => {
    const err = parseMondayError({
      status: 200,
      body: {
        errors: [
          { message: 'bad value', extensions: { code: 'ColumnValueException' } },
          {
            message: 'Complexity budget exhausted',
            extensions: { code: 'COMPLEXITY_BUDGET_EXHAUSTED', retry_in_seconds: 5 },
          },
        ],
      },
      operation: 'x',
    });
    expect(err.code).toBe('RATE_LIMITED');
    const scope = parseMondayError({
      status: 200,
      body: {
        errors: [
          { message: 'Item not found', extensions: { code: 'ResourceNotFoundException' } },
          { message: 'nope', extensions: { code: 'UserUnauthorizedException' } },
        ],
      },
      operation: 'x',
    });
    expect(scope.code).toBe('INSUFFICIENT_SCOPE');
  });

  it('keeps no secret: a token echoed in a message is redacted', () => {
    const err = parseMondayError({
      status: 400,
      body: { errors: [{ message: 'bad token eyJhbGciOiJIUzI1NiJ9.eyJ0aWQiOjF9.c2lnbmF0dXJl here' }] },
      operation: 'x',
    });
    expect(err.message).not.toContain('eyJ');
    expect(JSON.stringify(err)).not.toContain('eyJ');
  });

  it('maps every recorded fixture to a code, never throwing', () => {
    const names = readdirSync(fixturesDir('errors')).map((f) => f.replace(/\.json$/, ''));
    expect(names.length).toBeGreaterThan(25);
    for (const name of names) expect(parse(name).provider).toBe('monday');
  });
});
