import { createHash, randomBytes } from 'node:crypto';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  newMondayLeadsBoard,
  startSandbox,
  type MondayFixture,
  type RunningSandbox,
} from './sandbox-harness';

let sandbox: RunningSandbox;
let nextApp = 1;
const REDIRECT = 'https://leadflow.test/oauth/monday/callback';

beforeAll(async () => {
  sandbox = await startSandbox();
});

afterAll(async () => {
  await sandbox?.close();
});

function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

async function registerApp(f: MondayFixture, extra: Record<string, unknown> = {}) {
  const clientId = `monday-app-${nextApp++}`;
  const app = await sandbox.mondayControl('POST', '/apps', {
    clientId,
    clientSecret: `secret-${clientId}`,
    signingSecret: `signing-${clientId}`,
    accountId: f.accountId,
    ...extra,
  });
  return { ...app, clientId, clientSecret: `secret-${clientId}` };
}

/** Follows the auto-consenting authorize page; returns the redirect's query parameters. */
async function authorize(params: Record<string, string>): Promise<URLSearchParams> {
  const res = await fetch(`${sandbox.base}/oauth2/authorize?${new URLSearchParams(params).toString()}`, {
    redirect: 'manual',
  });
  expect(res.status).toBe(302);
  const location = new URL(res.headers.get('location')!);
  expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
  return location.searchParams;
}

async function token(body: Record<string, unknown>, path = '/oauth_ms/oauth/token') {
  const res = await fetch(`${sandbox.base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

/** Consent plus code exchange with PKCE: the first token pair. */
async function connect(app: { clientId: string; clientSecret: string }, scope?: string) {
  const { verifier, challenge } = pkce();
  const back = await authorize({
    client_id: app.clientId,
    redirect_uri: REDIRECT,
    state: 'xyz',
    ...(scope ? { scope } : {}),
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  expect(back.get('state')).toBe('xyz');
  const res = await token({
    grant_type: 'authorization_code',
    client_id: app.clientId,
    client_secret: app.clientSecret,
    code: back.get('code'),
    redirect_uri: REDIRECT,
    code_verifier: verifier,
  });
  expect(res.status).toBe(200);
  return res.body;
}

describe('Monday sandbox OAuth', () => {
  it('issues an expiring JWT access token and a refresh token for a PKCE code, with no expires_in', async () => {
    const f = await newMondayLeadsBoard(sandbox);
    const app = await registerApp(f, { accessTokenTtlSeconds: 900 });
    const grant = await connect(app, 'me:read boards:read boards:write');
    expect(grant).toEqual({
      access_token: expect.stringMatching(/^eyJ/),
      refresh_token: expect.any(String),
      token_type: 'Bearer',
      scope: 'me:read boards:read boards:write',
    });
    const claims = decodeJwt(grant.access_token);
    expect(claims).toMatchObject({ uid: f.ownerUserId, actid: f.accountId, aai: app.appId });
    expect(claims.exp! - claims.iat!).toBe(900);
    const me = await sandbox.monday(grant.access_token, '{ me { id } }');
    expect(me.body.data.me.id).toBe(String(f.ownerUserId));
    expect(
      (await sandbox.mondayControl('GET', `/apps/${app.clientId}`)).tokenStats.grants.authorization_code,
    ).toBe(1);
  });

  it('rotates the refresh token, refuses a reused one with invalid_grant and revokes its whole family', async () => {
    const f = await newMondayLeadsBoard(sandbox);
    const app = await registerApp(f);
    const first = await connect(app);
    const refresh = (refreshToken: string) =>
      token({
        grant_type: 'refresh_token',
        client_id: app.clientId,
        client_secret: app.clientSecret,
        refresh_token: refreshToken,
      });

    const second = await refresh(first.refresh_token);
    expect(second.status).toBe(200);
    expect(second.body.refresh_token).not.toBe(first.refresh_token);
    expect(second.body.access_token).not.toBe(first.access_token);
    expect(second.body.expires_in).toBeUndefined();
    // Rotated: the old access token still works until it expires, the old refresh token never again.
    expect((await sandbox.monday(second.body.access_token, '{ me { id } }')).status).toBe(200);

    const reused = await refresh(first.refresh_token);
    expect(reused).toEqual({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'Refresh token has already been used' },
    });
    // Reuse revokes the family: the newest refresh token and its access token stop working too.
    const afterReuse = await refresh(second.body.refresh_token);
    expect(afterReuse.body.error).toBe('invalid_grant');
    const api = await sandbox.monday(second.body.access_token, '{ me { id } }');
    expect(api.status).toBe(401);
    expect(api.body.errors[0].extensions.code).toBe('NOT_AUTHENTICATED');

    const stats = await sandbox.mondayControl('GET', `/apps/${app.clientId}`);
    expect(stats).toEqual({
      clientId: app.clientId,
      appId: app.appId,
      accountId: f.accountId,
      flow: 'oauth21',
      accessTokenTtlSeconds: 3600,
      scopes: expect.arrayContaining(['boards:read', 'boards:write']),
      refreshTokenReuse: 'revoke-family',
      tokenStats: {
        grants: { authorization_code: 1, refresh_token: 1, legacy: 0 },
        refreshes: 1,
        reuseDetections: 1,
        familiesRevoked: 1,
        revocations: 0,
        activeRefreshTokens: 0,
      },
    });
    expect(JSON.stringify(stats)).not.toContain(app.clientSecret);
    expect(JSON.stringify(stats)).not.toContain('signing-');
  });

  it('with reuse set to reject only, refuses the spent token and keeps the family alive', async () => {
    const f = await newMondayLeadsBoard(sandbox);
    const app = await registerApp(f, { refreshTokenReuse: 'reject' });
    const first = await connect(app);
    const body = (refreshToken: string) => ({
      grant_type: 'refresh_token',
      client_id: app.clientId,
      client_secret: app.clientSecret,
      refresh_token: refreshToken,
    });
    const second = await token(body(first.refresh_token));
    expect((await token(body(first.refresh_token))).body.error).toBe('invalid_grant');
    expect((await token(body(second.body.refresh_token))).status).toBe(200);
  });

  it('requires PKCE S256 for OAuth 2.1 apps and checks the verifier, the code and the client', async () => {
    const f = await newMondayLeadsBoard(sandbox);
    const app = await registerApp(f);
    const noPkce = await authorize({ client_id: app.clientId, redirect_uri: REDIRECT, state: 's1' });
    expect(Object.fromEntries(noPkce)).toEqual({
      error: 'invalid_request',
      error_description: 'code_challenge is required (PKCE S256)',
      state: 's1',
    });
    const plain = await authorize({
      client_id: app.clientId,
      redirect_uri: REDIRECT,
      code_challenge: 'abc',
      code_challenge_method: 'plain',
    });
    expect(plain.get('error')).toBe('invalid_request');
    const badScope = await authorize({
      client_id: app.clientId,
      redirect_uri: REDIRECT,
      scope: 'boards:read admin:everything',
      code_challenge: pkce().challenge,
      code_challenge_method: 'S256',
    });
    expect(badScope.get('error')).toBe('invalid_scope');

    const { verifier, challenge } = pkce();
    const code = (
      await authorize({
        client_id: app.clientId,
        redirect_uri: REDIRECT,
        code_challenge: challenge,
        code_challenge_method: 'S256',
      })
    ).get('code');
    const exchange = (extra: Record<string, unknown>) =>
      token({
        grant_type: 'authorization_code',
        client_id: app.clientId,
        client_secret: app.clientSecret,
        code,
        redirect_uri: REDIRECT,
        ...extra,
      });
    expect(
      await token({
        grant_type: 'authorization_code',
        client_id: app.clientId,
        client_secret: 'wrong',
        code,
      }),
    ).toEqual({
      status: 401,
      body: { error: 'invalid_client', error_description: 'Client authentication failed' },
    });
    expect((await exchange({ code_verifier: pkce().verifier })).body).toEqual({
      error: 'invalid_grant',
      error_description: 'PKCE verification failed',
    });
    // A code is spent by its first redemption, even a failed one.
    expect((await exchange({ code_verifier: verifier })).body.error).toBe('invalid_grant');
    expect(
      (await token({ grant_type: 'password', client_id: app.clientId, client_secret: app.clientSecret })).body
        .error,
    ).toBe('unsupported_grant_type');
  });

  it('expires access tokens on schedule (401, then a refresh works) and honours each app’s lifetime', async () => {
    const f = await newMondayLeadsBoard(sandbox);
    const app = await registerApp(f, { accessTokenTtlSeconds: 60 });
    const grant = await connect(app);
    const claims = decodeJwt(grant.access_token);
    expect(claims.exp! - claims.iat!).toBe(60);
    expect(await sandbox.mondayControl('POST', `/accounts/${f.accountId}/expire-access-tokens`)).toEqual({
      expired: 1,
    });
    const expired = await sandbox.monday(grant.access_token, '{ me { id } }');
    expect(expired.status).toBe(401);
    const refreshed = await token({
      grant_type: 'refresh_token',
      client_id: app.clientId,
      client_secret: app.clientSecret,
      refresh_token: grant.refresh_token,
    });
    expect((await sandbox.monday(refreshed.body.access_token, '{ me { id } }')).status).toBe(200);
    // Personal tokens never expire.
    expect((await sandbox.monday(f.personalToken, '{ me { id } }')).status).toBe(200);
  });

  it('refuses fields outside the granted scopes with missingRequiredPermissions, keeping the rest', async () => {
    const f = await newMondayLeadsBoard(sandbox);
    const app = await registerApp(f, { scopes: ['me:read', 'boards:read'] });
    const grant = await connect(app);
    const res = await sandbox.monday(grant.access_token, '{ me { id } users { id } }');
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ me: { id: String(f.ownerUserId) }, users: null });
    expect(res.body.errors).toEqual([
      {
        message: "Permission Denied! Your token doesn't grant access to users:read",
        locations: [{ line: 1, column: 13 }],
        path: ['users'],
        extensions: {
          code: 'missingRequiredPermissions',
          status_code: 200,
          error_data: { missing_permissions: ['users:read'] },
        },
      },
    ]);
    const write = await sandbox.monday(
      grant.access_token,
      `mutation { create_item(board_id: ${f.boardId}, item_name: "x") { id } }`,
    );
    expect(write.body.errors[0].extensions.code).toBe('missingRequiredPermissions');
  });

  it('serves the legacy flow: /oauth2/token gives a non-expiring token and no refresh token', async () => {
    const f = await newMondayLeadsBoard(sandbox);
    const app = await registerApp(f, { flow: 'legacy' });
    const code = (await authorize({ client_id: app.clientId, redirect_uri: REDIRECT })).get('code');
    // The OAuth 2.1 endpoint is not enabled for a legacy app.
    expect(
      (
        await token({
          grant_type: 'authorization_code',
          client_id: app.clientId,
          client_secret: app.clientSecret,
          code,
        })
      ).body.error,
    ).toBe('unauthorized_client');
    const code2 = (await authorize({ client_id: app.clientId, redirect_uri: REDIRECT })).get('code');
    const res = await token(
      { client_id: app.clientId, client_secret: app.clientSecret, code: code2, redirect_uri: REDIRECT },
      '/oauth2/token',
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      access_token: expect.any(String),
      token_type: 'Bearer',
      scope: expect.stringContaining('boards:read'),
    });
    expect(decodeJwt(res.body.access_token).exp).toBeUndefined();
    expect((await sandbox.monday(res.body.access_token, '{ me { id } }')).status).toBe(200);
    expect((await sandbox.mondayControl('GET', `/apps/${app.clientId}`)).tokenStats.grants.legacy).toBe(1);
  });

  it('revokes a refresh token with its grant at /oauth_ms/oauth/revoke', async () => {
    const f = await newMondayLeadsBoard(sandbox);
    const app = await registerApp(f);
    const grant = await connect(app);
    const res = await fetch(`${sandbox.base}/oauth_ms/oauth/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        token: grant.refresh_token,
        client_id: app.clientId,
        client_secret: app.clientSecret,
        token_type_hint: 'refresh_token',
      }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ success: true });
    expect((await sandbox.monday(grant.access_token, '{ me { id } }')).status).toBe(401);
    const refresh = await token({
      grant_type: 'refresh_token',
      client_id: app.clientId,
      client_secret: app.clientSecret,
      refresh_token: grant.refresh_token,
    });
    expect(refresh.body.error).toBe('invalid_grant');
  });
});
