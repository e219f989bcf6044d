import { CrmError } from '@leadflow/crm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { errorFixture } from '../test/recorded-payloads';
import { mondayOAuth, tokenSetFromResponse } from './oauth';

afterEach(() => {
  vi.unstubAllGlobals();
});

const endpoints = { apiBaseUrl: 'https://api.monday.test/v2', authBaseUrl: 'https://auth.monday.test/' };
const client = { clientId: 'client-id', clientSecret: 'client-secret-value' };

function jwt(claims: Record<string, unknown>): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}.signature`;
}

function tokenEndpoint(answer: { status?: number; body: unknown }) {
  const requests: { url: string; init: RequestInit }[] = [];
  vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
    requests.push({ url, init });
    return Promise.resolve(
      new Response(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body), {
        status: answer.status ?? 200,
      }),
    );
  });
  return requests;
}

describe('mondayOAuth.authorizeUrl', () => {
  it('asks for every scope on the auth host, with the PKCE challenge when given', () => {
    const url = new URL(
      mondayOAuth.authorizeUrl({
        endpoints,
        clientId: 'client-id',
        redirectUri: 'https://leadflow.example.com/v1/oauth/monday/callback',
        state: 'st/ate',
        codeChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      }),
    );
    expect(url.origin + url.pathname).toBe('https://auth.monday.test/oauth2/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'client-id',
      redirect_uri: 'https://leadflow.example.com/v1/oauth/monday/callback',
      state: 'st/ate',
      scope: 'boards:read boards:write users:read webhooks:read webhooks:write me:read account:read',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    });
    const plain = new URL(
      mondayOAuth.authorizeUrl({ endpoints, clientId: 'c', redirectUri: 'https://x', state: 's' }),
    );
    expect(plain.searchParams.has('code_challenge')).toBe(false);
  });
});

describe('mondayOAuth token requests', () => {
  const access = jwt({ uid: 41234567, actid: 18888528, exp: 1795550400, per: 'me:write' });

  it('exchanges a code with the PKCE verifier as JSON; the expiry is the JWT’s exp', async () => {
    const requests = tokenEndpoint({
      body: {
        access_token: access,
        refresh_token: 'refresh-1',
        token_type: 'Bearer',
        scope: 'boards:read users:read',
      },
    });
    const tokens = await mondayOAuth.exchangeCode({
      endpoints,
      client,
      code: 'code-1',
      redirectUri: 'https://leadflow.example.com/cb',
      codeVerifier: 'verifier-1',
    });
    expect(requests[0]!.url).toBe('https://auth.monday.test/oauth_ms/oauth/token');
    expect(requests[0]!.init.method).toBe('POST');
    expect((requests[0]!.init.headers as Record<string, string>)['content-type']).toBe('application/json');
    expect(JSON.parse(requests[0]!.init.body as string)).toEqual({
      grant_type: 'authorization_code',
      client_id: 'client-id',
      client_secret: 'client-secret-value',
      code: 'code-1',
      redirect_uri: 'https://leadflow.example.com/cb',
      code_verifier: 'verifier-1',
    });
    expect(tokens).toEqual({
      accessToken: access,
      refreshToken: 'refresh-1',
      expiresAt: new Date(1795550400 * 1000),
      scopes: ['boards:read', 'users:read'],
      externalAccountId: '18888528',
    });
  });

  it('refreshes and keeps the new (rotated) refresh token', async () => {
    const requests = tokenEndpoint({
      body: { access_token: access, refresh_token: 'refresh-2', token_type: 'Bearer' },
    });
    const tokens = await mondayOAuth.refresh({ endpoints, client, refreshToken: 'refresh-1' });
    expect(JSON.parse(requests[0]!.init.body as string)).toEqual({
      grant_type: 'refresh_token',
      client_id: 'client-id',
      client_secret: 'client-secret-value',
      refresh_token: 'refresh-1',
    });
    expect(tokens.refreshToken).toBe('refresh-2');
  });

  it('a refused refresh token is AUTH_REVOKED, and no secret reaches the error', async () => {
    tokenEndpoint(errorFixture('400-oauth-invalid-grant'));
    const error = await mondayOAuth
      .refresh({ endpoints, client, refreshToken: 'refresh-secret-value' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrmError);
    expect((error as CrmError).code).toBe('AUTH_REVOKED');
    const shown = JSON.stringify(error) + (error as CrmError).message;
    expect(shown).not.toContain('refresh-secret-value');
    expect(shown).not.toContain('client-secret-value');
  });

  it('a token endpoint that is down is TEMPORARY; a 200 without a token UNKNOWN', async () => {
    tokenEndpoint({ status: 503, body: '<html>down</html>' });
    await expect(mondayOAuth.refresh({ endpoints, client, refreshToken: 'r' })).rejects.toMatchObject({
      code: 'TEMPORARY',
    });
    tokenEndpoint({ body: { token_type: 'Bearer' } });
    await expect(mondayOAuth.refresh({ endpoints, client, refreshToken: 'r' })).rejects.toMatchObject({
      code: 'UNKNOWN',
    });
    tokenEndpoint({ body: 'not json' });
    await expect(mondayOAuth.refresh({ endpoints, client, refreshToken: 'r' })).rejects.toMatchObject({
      code: 'UNKNOWN',
    });
  });
});

describe('tokenSetFromResponse', () => {
  it('a legacy, non-expiring token has no expiry; expires_in is the fallback', () => {
    const received = new Date('2026-11-24T00:00:00Z');
    expect(tokenSetFromResponse({ access_token: 'opaque' }, received, 'op')).toEqual({
      accessToken: 'opaque',
    });
    expect(
      tokenSetFromResponse({ access_token: 'opaque', expires_in: 3600 }, received, 'op').expiresAt,
    ).toEqual(new Date('2026-11-24T01:00:00Z'));
  });
});
