import {
  CrmError,
  authorizationCodeGrant,
  refreshTokenGrant,
  type OAuthTokenSet,
  type ProviderEndpoints,
  type ProviderOAuth,
} from '@leadflow/crm';
import { readMondayTokenClaims, scopeList } from './access-token-claims';
import { mondayDescriptor } from './descriptor';
import { networkError, parseMondayError } from './errors';
import { mondayUrl } from './monday-call';

/** Authorize and token paths, scopes and their separator: the descriptor's data, not repeated here. */
const OAUTH = mondayDescriptor.oauth;

/**
 * `{authBaseUrl}/oauth2/authorize?client_id&redirect_uri&state&scope`, plus the PKCE challenge
 * (`code_challenge`, `code_challenge_method=S256`) when given; the OAuth 2.1 flow requires it.
 */
export function mondayAuthorizeUrl(input: {
  endpoints: ProviderEndpoints;
  clientId: string;
  redirectUri: string;
  state: string;
  codeChallenge?: string;
}): string {
  const params: [string, string][] = [
    ['client_id', input.clientId],
    ['redirect_uri', input.redirectUri],
    ['state', input.state],
    ['scope', OAUTH.scopes.join(OAUTH.scopeSeparator)],
  ];
  if (input.codeChallenge !== undefined) {
    params.push(['code_challenge', input.codeChallenge], ['code_challenge_method', 'S256']);
  }
  const query = params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
  return `${mondayUrl(input.endpoints.authBaseUrl, OAUTH.authorize.path)}?${query}`;
}

/** The token endpoint's answer (apis.md "Auth"; Monday's migration guide). */
export interface MondayTokenResponse {
  access_token?: unknown;
  refresh_token?: unknown;
  token_type?: unknown;
  scope?: unknown;
  expires_in?: unknown;
}

/**
 * Token response → {@link OAuthTokenSet}. The response has no `expires_in`: the expiry is the access
 * token's own `exp` (read, not verified: it is Monday's token, received over TLS). Every refresh
 * returns a new refresh token and the old one stops working, so the one returned is always kept. The
 * account comes from the token's claims when they state it (claim names unconfirmed).
 */
export function tokenSetFromResponse(
  body: MondayTokenResponse,
  receivedAt: Date,
  operation: string,
): OAuthTokenSet {
  if (typeof body.access_token !== 'string' || body.access_token === '') {
    throw new CrmError({
      code: 'UNKNOWN',
      provider: 'monday',
      operation,
      providerMessage: 'the token response has no access_token',
    });
  }
  const claims = readMondayTokenClaims(body.access_token);
  const expiresIn = Number(body.expires_in);
  const expiresAt =
    claims.expiresAt ??
    (body.expires_in !== undefined && Number.isFinite(expiresIn) && expiresIn > 0
      ? new Date(receivedAt.getTime() + expiresIn * 1000)
      : undefined);
  const scopes = scopeList(body.scope) ?? claims.scopes;
  return {
    accessToken: body.access_token,
    ...(typeof body.refresh_token === 'string' && body.refresh_token !== ''
      ? { refreshToken: body.refresh_token }
      : {}),
    ...(expiresAt === undefined ? {} : { expiresAt }),
    ...(scopes === undefined ? {} : { scopes }),
    ...(claims.accountId === undefined ? {} : { externalAccountId: claims.accountId }),
  };
}

/**
 * One JSON POST to `{authBaseUrl}/oauth_ms/oauth/token`. The client secret, code, verifier and
 * tokens travel only in the body; a failure is built from Monday's `error`/`error_description`
 * (invalid_grant → AUTH_REVOKED), never from what was sent.
 */
async function requestTokens(
  endpoints: ProviderEndpoints,
  body: Record<string, string>,
  operation: string,
  signal: AbortSignal | undefined,
): Promise<OAuthTokenSet> {
  let response: Response;
  let text: string;
  try {
    response = await fetch(mondayUrl(endpoints.authBaseUrl, OAUTH.token.path), {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
      ...(signal === undefined ? {} : { signal }),
    });
    text = await response.text();
  } catch (err) {
    throw networkError(err, { operation });
  }
  if (!response.ok) {
    throw parseMondayError({ status: response.status, headers: response.headers, body: text, operation });
  }
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch {
    throw new CrmError({
      code: 'UNKNOWN',
      provider: 'monday',
      operation,
      status: response.status,
      providerMessage: 'the token response is not JSON',
    });
  }
  const tokens: MondayTokenResponse = json !== null && typeof json === 'object' ? json : {};
  return tokenSetFromResponse(tokens, new Date(), operation);
}

export const mondayOAuth: ProviderOAuth = {
  authorizeUrl: (input) => mondayAuthorizeUrl(input),

  exchangeCode: (input) =>
    requestTokens(input.endpoints, authorizationCodeGrant(input), 'oauth.exchangeCode', input.signal),

  refresh: (input) => requestTokens(input.endpoints, refreshTokenGrant(input), 'oauth.refresh', input.signal),
};
