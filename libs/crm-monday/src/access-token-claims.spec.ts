import { describe, expect, it } from 'vitest';
import { mondayCredentialKind, readMondayTokenClaims, scopeList } from './access-token-claims';

function jwt(claims: Record<string, unknown>): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}.signature`;
}

describe('readMondayTokenClaims', () => {
  it('reads an OAuth access token: expiry, account, user, scopes', () => {
    const token = jwt({
      tid: 1,
      aai: 11,
      uid: 41234567,
      actid: 18888528,
      per: 'me:write',
      exp: 1795550400,
      scope: 'boards:read users:read',
    });
    expect(readMondayTokenClaims(token)).toEqual({
      expiresAt: new Date(1795550400 * 1000),
      accountId: '18888528',
      userId: '41234567',
      scopes: ['boards:read', 'users:read'],
    });
    expect(mondayCredentialKind(token)).toBe('expiring');
  });

  it('a personal API token has no expiry: static', () => {
    const token = jwt({
      tid: 1,
      uid: 41234567,
      actid: 18888528,
      per: 'me:write',
      iad: '2026-11-01T00:00:00.000Z',
    });
    expect(readMondayTokenClaims(token)).toEqual({ accountId: '18888528', userId: '41234567' });
    expect(mondayCredentialKind(token)).toBe('static');
  });

  it('anything that is not a JWT says nothing', () => {
    expect(readMondayTokenClaims('opaque-token')).toEqual({});
    expect(mondayCredentialKind('opaque-token')).toBe('static');
  });

  it('scope lists come space- or comma-separated, or as arrays', () => {
    expect(scopeList('a:read, b:write  c:read')).toEqual(['a:read', 'b:write', 'c:read']);
    expect(scopeList(['a:read', 3, ''])).toEqual(['a:read']);
    expect(scopeList(undefined)).toBeUndefined();
  });
});
