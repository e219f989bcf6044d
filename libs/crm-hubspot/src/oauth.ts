import {
  authorizationCodeGrant,
  refreshTokenGrant,
  type OAuthTokenSet,
  type ProviderEndpoints,
  type ProviderOAuth,
  CrmError,
} from '@leadflow/crm';
import { hubSpotDescriptor } from './descriptor';
import { hubSpotUrl, requestHubSpotJson } from './hubspot-call';

/** Authorize and token paths, scopes and their separator: the descriptor's data, not repeated here. */
const OAUTH = hubSpotDescriptor.oauth;

/**
 * `{authBaseUrl}/oauth/authorize?client_id&redirect_uri&scope&optional_scope&state`, scopes
 * space-separated. Encoded with `%20` rather than `+`: HubSpot documents the former.
 */
export function hubSpotAuthorizeUrl(input: {
  endpoints: ProviderEndpoints;
  clientId: string;
  redirectUri: string;
  state: string;
}): string {
  const params: [string, string][] = [
    ['client_id', input.clientId],
    ['redirect_uri', input.redirectUri],
    ['scope', OAUTH.scopes.join(OAUTH.scopeSeparator)],
  ];
  if (OAUTH.optionalScopes.length > 0) {
    params.push(['optional_scope', OAUTH.optionalScopes.join(OAUTH.scopeSeparator)]);
  }
  params.push(['state', input.state]);
  const query = params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
  return `${hubSpotUrl(input.endpoints.authBaseUrl, OAUTH.authorize.path)}?${query}`;
}

/** The token endpoint's answer (apis.md "OAuth"). */
export interface HubSpotTokenResponse {
  access_token?: unknown;
  refresh_token?: unknown;
  expires_in?: unknown;
  hub_id?: unknown;
  scopes?: unknown;
  scope?: unknown;
}

/**
 * Token response → {@link OAuthTokenSet}. `expires_in` is followed whatever it says (1800 s today);
 * `hub_id` is the portal. Throws UNKNOWN for a 2xx without an access token.
 */
export function tokenSetFromResponse(
  body: HubSpotTokenResponse,
  receivedAt: Date,
  operation: string,
): OAuthTokenSet {
  if (typeof body.access_token !== 'string' || body.access_token === '') {
    throw new CrmError({
      code: 'UNKNOWN',
      provider: 'hubspot',
      operation,
      providerMessage: 'the token response has no access_token',
    });
  }
  const expiresIn = Number(body.expires_in);
  const scopes = scopeList(body.scopes ?? body.scope);
  const hubId = body.hub_id;
  return {
    accessToken: body.access_token,
    ...(typeof body.refresh_token === 'string' && body.refresh_token !== ''
      ? { refreshToken: body.refresh_token }
      : {}),
    ...(body.expires_in !== undefined && Number.isFinite(expiresIn) && expiresIn > 0
      ? { expiresAt: new Date(receivedAt.getTime() + expiresIn * 1000) }
      : {}),
    ...(scopes === undefined ? {} : { scopes }),
    ...(typeof hubId === 'number' || (typeof hubId === 'string' && hubId !== '')
      ? { externalAccountId: String(hubId) }
      : {}),
  };
}

function scopeList(raw: unknown): string[] | undefined {
  if (Array.isArray(raw)) return raw.filter((s): s is string => typeof s === 'string' && s !== '');
  if (typeof raw === 'string') return raw.split(/[\s,]+/).filter((s) => s !== '');
  return undefined;
}

/**
 * One form-encoded POST to `{apiBaseUrl}/oauth/v3/token`. The client secret and tokens travel only in
 * the body; errors are built from HubSpot's `error`/`error_description` (invalid_grant → AUTH_REVOKED),
 * never from what was sent.
 */
async function requestTokens(
  endpoints: ProviderEndpoints,
  form: Record<string, string>,
  operation: string,
  signal: AbortSignal | undefined,
): Promise<OAuthTokenSet> {
  const body = await requestHubSpotJson<HubSpotTokenResponse>({
    url: hubSpotUrl(endpoints.apiBaseUrl, OAUTH.token.path),
    method: 'POST',
    operation,
    ...(signal === undefined ? {} : { signal }),
    body: { form },
  });
  return tokenSetFromResponse(body, new Date(), operation);
}

export const hubSpotOAuth: ProviderOAuth = {
  authorizeUrl: (input) => hubSpotAuthorizeUrl(input),

  exchangeCode: (input) =>
    requestTokens(input.endpoints, authorizationCodeGrant(input), 'oauth.exchangeCode', input.signal),

  refresh: (input) => requestTokens(input.endpoints, refreshTokenGrant(input), 'oauth.refresh', input.signal),
};
