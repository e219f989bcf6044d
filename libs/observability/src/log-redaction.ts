/**
 * Paths pino replaces with `[redacted]`. Request headers that carry credentials, and any field
 * whose name says it holds a secret, at the depths our log lines use.
 */
const SECRET_FIELD_NAMES = [
  'authorization',
  'password',
  'secret',
  'token',
  'accessToken',
  'refreshToken',
  'access_token',
  'refresh_token',
  'apiKey',
  'api_key',
  'plaintext',
  'clientSecret',
  'client_secret',
  'bootstrapToken',
  'x-hubspot-signature',
  'x-hubspot-signature-v3',
  'x-api-key',
  'cookie',
  'set-cookie',
];

export const REDACT_PATHS: string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'req.headers["x-hubspot-signature"]',
  'req.headers["x-hubspot-signature-v3"]',
  'res.headers["set-cookie"]',
  ...SECRET_FIELD_NAMES.flatMap((name) => {
    const key = /^[A-Za-z_$][\w$]*$/.test(name) ? name : `["${name}"]`;
    const dot = key.startsWith('[') ? '' : '.';
    return [key, `*${dot}${key}`, `*.*${dot}${key}`];
  }),
];

/** Strips credentials that may appear inside URLs (query strings, user:password@host, token paths). */
export function redactUrl(url: string): string {
  return (
    url
      .replace(/\/\/[^/@\s]+@/g, '//[redacted]@')
      // HubSpot's legacy token-metadata endpoints put the token in the path.
      .replace(/\/(access-tokens|refresh-tokens)\/[^/?#\s]+/gi, '/$1/[redacted]')
      .replace(
        /([?&](?:token|code|state|access_token|refresh_token|client_secret|api_key|key)=)[^&#\s]*/gi,
        '$1[redacted]',
      )
  );
}
