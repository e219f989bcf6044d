import { describe, expect, it } from 'vitest';
import { CRM_ERROR_CODES, CrmError, crmErrorPolicy, isCrmError, redactSecrets } from './crm-error';
import { crmNetworkError } from './network-error';

const at = { provider: 'hubspot', operation: 'leads.get' };

describe('CrmError', () => {
  it('derives retryable and countsForBreaker from the code', () => {
    const table = Object.fromEntries(
      CRM_ERROR_CODES.map((code) => [
        code,
        [crmErrorPolicy(code).retryable, crmErrorPolicy(code).countsForBreaker],
      ]),
    );
    expect(table).toEqual({
      RATE_LIMITED: [true, false],
      TEMPORARY: [true, true],
      AUTH_EXPIRED: [false, false],
      AUTH_REVOKED: [false, false],
      INSUFFICIENT_SCOPE: [false, false],
      NOT_FOUND: [false, false],
      INVALID_REQUEST: [false, false],
      UNKNOWN: [false, false],
    });
  });

  it('carries code-specific details and a readable message', () => {
    const err = new CrmError({
      ...at,
      code: 'RATE_LIMITED',
      retryAfterMs: 1234.2,
      status: 429,
      policy: 'SECONDLY',
    });
    expect(err).toBeInstanceOf(Error);
    expect(isCrmError(err)).toBe(true);
    expect(err.retryAfterMs).toBe(1235);
    expect(err.message).toBe('hubspot leads.get: rate limited (HTTP 429) retry after 1235 ms');
    expect(err.toJSON()).toMatchObject({
      code: 'RATE_LIMITED',
      retryAfterMs: 1235,
      policy: 'SECONDLY',
      retryable: true,
    });
    expect(new CrmError({ ...at, code: 'NOT_FOUND' }).retryAfterMs).toBeUndefined();
  });

  it('dedupes missing scopes and exposes field problems', () => {
    const scope = new CrmError({ ...at, code: 'INSUFFICIENT_SCOPE', missingScopes: ['a', 'a', 'b'] });
    expect(scope.missingScopes).toEqual(['a', 'b']);
    const invalid = new CrmError({
      ...at,
      code: 'INVALID_REQUEST',
      fields: [{ field: 'email', message: 'bad' }],
    });
    expect(invalid.fields).toEqual([{ field: 'email', message: 'bad' }]);
    expect(invalid.missingScopes).toEqual([]);
  });

  it('never carries tokens in message, provider message or JSON', () => {
    const err = new CrmError({
      ...at,
      code: 'AUTH_REVOKED',
      providerMessage:
        'rejected Authorization: Bearer abc.def-ghi refresh_token=9f8e7d6c5b4a and {"access_token":"tok_123"} at /cb?code=xyz&state=1',
    });
    const shown = `${err.message} ${JSON.stringify(err)}`;
    for (const secret of ['abc.def-ghi', '9f8e7d6c5b4a', 'tok_123', 'xyz'])
      expect(shown).not.toContain(secret);
    expect(err.message).toContain('state=1');
  });

  it('keeps ordinary provider text and correlation ids', () => {
    expect(redactSecrets('resource not found c033cdaa-2c40-4a64-ae48-b4cec88dad24')).toBe(
      'resource not found c033cdaa-2c40-4a64-ae48-b4cec88dad24',
    );
    expect(redactSecrets('token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig')).toBe('token [redacted]');
  });

  it('shortens long provider messages', () => {
    const err = new CrmError({ ...at, code: 'UNKNOWN', providerMessage: 'word '.repeat(200) });
    expect(err.providerMessage?.length).toBeLessThanOrEqual(300);
  });
});

describe('crmNetworkError', () => {
  it('maps transport failures to TEMPORARY and keeps only the code', () => {
    const err = crmNetworkError(
      Object.assign(new Error('read ECONNRESET Bearer secret'), { code: 'ECONNRESET' }),
      at,
    );
    expect(err.code).toBe('TEMPORARY');
    expect(err.causeCode).toBe('ECONNRESET');
    expect(err.message).not.toContain('secret');
  });

  it('maps anything else to UNKNOWN', () => {
    expect(crmNetworkError(new RangeError('boom'), at).code).toBe('UNKNOWN');
    expect(crmNetworkError('a string', at).code).toBe('UNKNOWN');
  });
});
