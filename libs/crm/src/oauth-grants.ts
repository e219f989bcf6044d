import type { OAuthClientCredentials } from './crm-adapter';

/**
 * The RFC 6749 token-request parameters every OAuth provider takes (client credentials in the
 * body); providers differ only in how they encode and where they send them.
 */
export function authorizationCodeGrant(input: {
  client: OAuthClientCredentials;
  code: string;
  redirectUri: string;
  /** PKCE (RFC 7636). */
  codeVerifier?: string;
}): Record<string, string> {
  return {
    grant_type: 'authorization_code',
    client_id: input.client.clientId,
    client_secret: input.client.clientSecret,
    code: input.code,
    redirect_uri: input.redirectUri,
    ...(input.codeVerifier === undefined ? {} : { code_verifier: input.codeVerifier }),
  };
}

export function refreshTokenGrant(input: {
  client: OAuthClientCredentials;
  refreshToken: string;
}): Record<string, string> {
  return {
    grant_type: 'refresh_token',
    client_id: input.client.clientId,
    client_secret: input.client.clientSecret,
    refresh_token: input.refreshToken,
  };
}
