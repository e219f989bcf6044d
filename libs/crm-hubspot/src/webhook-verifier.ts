import { createHash, timingSafeEqual } from 'node:crypto';
import {
  HUBSPOT_SIGNATURE_V3_HEADER,
  HUBSPOT_TIMESTAMP_HEADER,
  type HubSpotSignatureFailure,
  verifyHubSpotSignatureV3,
} from './webhook';

export const HUBSPOT_SIGNATURE_HEADER = 'x-hubspot-signature';
export const HUBSPOT_SIGNATURE_VERSION_HEADER = 'x-hubspot-signature-version';

export interface HubSpotWebhookRequest {
  method: string;
  uri: string;
  body: string;
  /** Lower-case header names. */
  headers: Readonly<Record<string, string | undefined>>;
  clientSecret: string;
  now: number;
  /** Connection setting `allowLegacyWebhookSignatures`: v1/v2 carry no timestamp, so replays pass. */
  allowLegacySignatures: boolean;
}

export type HubSpotWebhookVerification =
  | { ok: true; version: 'v1' | 'v2' | 'v3' }
  | {
      ok: false;
      reason: HubSpotSignatureFailure | 'legacy_signature_not_allowed' | 'unknown_signature_version';
    };

/** v1: hex SHA-256 of secret + body. v2: hex SHA-256 of secret + method + URI + body. */
export function hubSpotLegacySignature(
  version: 'v1' | 'v2',
  input: { clientSecret: string; method: string; uri: string; body: string },
): string {
  const source =
    version === 'v1'
      ? input.clientSecret + input.body
      : input.clientSecret + input.method.toUpperCase() + input.uri + input.body;
  return createHash('sha256').update(source, 'utf8').digest('hex');
}

/**
 * Verifies a HubSpot webhook request: v3 whenever its header is present (HubSpot sends v3 and v1
 * together), otherwise v1/v2 only when the connection allows legacy signatures, since they carry no
 * timestamp and so cannot refuse a replay. Comparisons are constant-time.
 */
export function verifyHubSpotWebhook(request: HubSpotWebhookRequest): HubSpotWebhookVerification {
  const v3 = request.headers[HUBSPOT_SIGNATURE_V3_HEADER];
  if (v3 !== undefined) {
    const result = verifyHubSpotSignatureV3({
      method: request.method,
      uri: request.uri,
      body: request.body,
      timestamp: request.headers[HUBSPOT_TIMESTAMP_HEADER],
      signature: v3,
      clientSecret: request.clientSecret,
      now: request.now,
    });
    return result.ok ? { ok: true, version: 'v3' } : result;
  }
  const legacy = request.headers[HUBSPOT_SIGNATURE_HEADER]?.trim();
  if (legacy === undefined || legacy === '') return { ok: false, reason: 'missing_signature' };
  if (!request.allowLegacySignatures) return { ok: false, reason: 'legacy_signature_not_allowed' };
  const version = (request.headers[HUBSPOT_SIGNATURE_VERSION_HEADER] ?? 'v1').trim().toLowerCase();
  if (version !== 'v1' && version !== 'v2') return { ok: false, reason: 'unknown_signature_version' };
  const expected = Buffer.from(hubSpotLegacySignature(version, request), 'utf8');
  const received = Buffer.from(legacy.toLowerCase(), 'utf8');
  if (received.length !== expected.length || !timingSafeEqual(received, expected)) {
    return { ok: false, reason: 'bad_signature' };
  }
  return { ok: true, version };
}
