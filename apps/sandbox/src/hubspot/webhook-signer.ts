import { createHash, createHmac } from 'node:crypto';

/**
 * Percent-encodings HubSpot decodes in the URI before signing (its "Validating requests" guide,
 * v3); receivers decode the same ones, so both sides sign the same text. Kept apart from
 * libs/crm-hubspot on purpose: the sandbox plays HubSpot, and one shared bug would sign and verify
 * alike, hiding itself from every test.
 */
const DECODED_BEFORE_SIGNING: Readonly<Record<string, string>> = {
  '%3A': ':',
  '%2F': '/',
  '%3F': '?',
  '%40': '@',
  '%21': '!',
  '%24': '$',
  '%27': "'",
  '%28': '(',
  '%29': ')',
  '%2A': '*',
  '%2C': ',',
  '%3B': ';',
};

function uriAsSigned(uri: string): string {
  return uri.replace(/%[0-9A-Fa-f]{2}/g, (e) => DECODED_BEFORE_SIGNING[e.toUpperCase()] ?? e);
}

/**
 * The headers HubSpot puts on an app webhook request: signature v3 (HMAC-SHA256 of method, URI,
 * body and timestamp, base64) with its timestamp, and the legacy v1 signature (SHA-256 hex of
 * secret + body) that `X-HubSpot-Signature-Version` describes.
 */
export function webhookSignatureHeaders(input: {
  method: string;
  uri: string;
  body: string;
  clientSecret: string;
  timestamp: number;
}): Record<string, string> {
  const timestamp = String(input.timestamp);
  const v3 = createHmac('sha256', input.clientSecret)
    .update(input.method.toUpperCase() + uriAsSigned(input.uri) + input.body + timestamp, 'utf8')
    .digest('base64');
  const v1 = createHash('sha256')
    .update(input.clientSecret + input.body, 'utf8')
    .digest('hex');
  return {
    'X-HubSpot-Signature': v1,
    'X-HubSpot-Signature-Version': 'v1',
    'X-HubSpot-Signature-v3': v3,
    'X-HubSpot-Request-Timestamp': timestamp,
  };
}
