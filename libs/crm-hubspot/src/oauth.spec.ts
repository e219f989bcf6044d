import { CrmError } from '@leadflow/crm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { hubSpotDescriptor } from './descriptor';
import { hubSpotAuthorizeUrl, hubSpotOAuth, tokenSetFromResponse } from './oauth';

const endpoints = { apiBaseUrl: 'https://api.example.test/', authBaseUrl: 'https://app.example.test' };
const client = { clientId: 'cid', clientSecret: 'sup3r-s3cret-value' };

describe('hubSpotAuthorizeUrl', () => {
  it('asks for the descriptor scopes, space-separated, required and optional apart', () => {
    const url = hubSpotAuthorizeUrl({
      endpoints,
      clientId: 'cid',
      redirectUri: 'https://leadflow.test/v1/oauth/hubspot/callback',
      state: 'st/ate+1',
    });
    expect(url.startsWith('https://app.example.test/oauth/authorize?client_id=cid&redirect_uri=')).toBe(true);
    expect(url).toContain('scope=crm.objects.contacts.read%20crm.objects.contacts.write%20');
    expect(url).not.toContain('+');
    const params = new URL(url).searchParams;
    expect(params.get('redirect_uri')).toBe('https://leadflow.test/v1/oauth/hubspot/callback');
    expect(params.get('scope')?.split(' ')).toEqual(hubSpotDescriptor.oauth.scopes);
    expect(params.get('optional_scope')?.split(' ')).toEqual(hubSpotDescriptor.oauth.optionalScopes);
    expect(params.get('state')).toBe('st/ate+1');
    expect(
      hubSpotOAuth.authorizeUrl({ endpoints, clientId: 'cid', redirectUri: 'https://x.test/cb', state: 's' }),
    ).toBe(hubSpotAuthorizeUrl({ endpoints, clientId: 'cid', redirectUri: 'https://x.test/cb', state: 's' }));
  });
});

describe('tokenSetFromResponse', () => {
  const at = new Date('2026-11-24T10:00:00.000Z');

  it('maps the v3 token response', () => {
    expect(
      tokenSetFromResponse(
        {
          access_token: 'at-1',
          refresh_token: 'rt-1',
          expires_in: 1800,
          token_type: 'bearer',
          hub_id: 4421337,
          user_id: 1,
          scopes: ['oauth', 'crm.objects.leads.read'],
        } as never,
        at,
        'oauth.exchangeCode',
      ),
    ).toEqual({
      accessToken: 'at-1',
      refreshToken: 'rt-1',
      expiresAt: new Date('2026-11-24T10:30:00.000Z'),
      scopes: ['oauth', 'crm.objects.leads.read'],
      externalAccountId: '4421337',
    });
  });

  it('leaves out what the response does not say, and reads a scope string', () => {
    expect(tokenSetFromResponse({ access_token: 'at', scope: 'a b' }, at, 'oauth.refresh')).toEqual({
      accessToken: 'at',
      scopes: ['a', 'b'],
    });
  });

  it('refuses a response without an access token', () => {
    expect(() => tokenSetFromResponse({ refresh_token: 'rt' }, at, 'oauth.refresh')).toThrow(CrmError);
  });
});

describe('token requests', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  function stubFetch(status: number, body: unknown) {
    const calls: { url: string; init: RequestInit }[] = [];
    vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return Promise.resolve(new Response(JSON.stringify(body), { status }));
    });
    return calls;
  }

  it('posts the form to the v3 token endpoint with the caller signal', async () => {
    const calls = stubFetch(200, { access_token: 'at', refresh_token: 'rt', expires_in: 1800, hub_id: 7 });
    const signal = new AbortController().signal;
    const tokens = await hubSpotOAuth.refresh({ endpoints, client, refreshToken: 'rt-old', signal });
    expect(tokens).toMatchObject({ accessToken: 'at', refreshToken: 'rt', externalAccountId: '7' });
    expect(calls[0]!.url).toBe('https://api.example.test/oauth/v3/token');
    expect(calls[0]!.init.signal).toBe(signal);
    expect(Object.fromEntries(new URLSearchParams(calls[0]!.init.body as string))).toEqual({
      grant_type: 'refresh_token',
      client_id: 'cid',
      client_secret: 'sup3r-s3cret-value',
      refresh_token: 'rt-old',
    });

    await hubSpotOAuth.exchangeCode({
      endpoints,
      client,
      code: 'the-code',
      redirectUri: 'https://x.test/cb',
    });
    expect(Object.fromEntries(new URLSearchParams(calls[1]!.init.body as string))).toEqual({
      grant_type: 'authorization_code',
      client_id: 'cid',
      client_secret: 'sup3r-s3cret-value',
      redirect_uri: 'https://x.test/cb',
      code: 'the-code',
    });
  });

  it('maps invalid_grant to AUTH_REVOKED without the secret or tokens in the error', async () => {
    stubFetch(400, {
      status: 'BAD_REFRESH_TOKEN',
      message: 'missing or unknown refresh token',
      error: 'invalid_grant',
      error_description: 'missing or unknown refresh token',
    });
    const error = await hubSpotOAuth
      .refresh({ endpoints, client, refreshToken: 'rt-secret-value' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrmError);
    expect(error).toMatchObject({
      code: 'AUTH_REVOKED',
      operation: 'oauth.refresh',
      causeCode: 'invalid_grant',
    });
    const shown = JSON.stringify((error as CrmError).toJSON()) + (error as CrmError).message;
    expect(shown).not.toContain('sup3r-s3cret-value');
    expect(shown).not.toContain('rt-secret-value');
  });

  it('maps a failed connection to TEMPORARY', async () => {
    vi.stubGlobal('fetch', () =>
      Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } })),
    );
    await expect(
      hubSpotOAuth.exchangeCode({ endpoints, client, code: 'c', redirectUri: 'r' }),
    ).rejects.toMatchObject({
      code: 'TEMPORARY',
      causeCode: 'ECONNRESET',
    });
  });
});
