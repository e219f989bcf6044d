import { describe, expect, it } from 'vitest';
import { hubSpotSignatureV3 } from './webhook';
import { hubSpotLegacySignature, verifyHubSpotWebhook } from './webhook-verifier';

const secret = 'yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy';
const body = '[{"eventId":1,"subscriptionId":2,"portalId":3,"appId":4,"occurredAt":1700000000000}]';
const uri = 'https://leadflow.example.com/v1/webhooks/hubspot';
const now = 1_764_000_000_000;

function request(headers: Record<string, string>, allowLegacySignatures = false) {
  return { method: 'POST', uri, body, headers, clientSecret: secret, now, allowLegacySignatures };
}

describe('verifyHubSpotWebhook', () => {
  it('prefers v3 when present, even if legacy signatures are allowed', () => {
    const timestamp = String(now - 1_000);
    const v3 = hubSpotSignatureV3({ method: 'POST', uri, body, timestamp, clientSecret: secret });
    const headers = { 'x-hubspot-signature-v3': v3, 'x-hubspot-request-timestamp': timestamp };
    expect(verifyHubSpotWebhook(request(headers))).toEqual({ ok: true, version: 'v3' });
    const stale = { ...headers, 'x-hubspot-request-timestamp': String(now - 6 * 60_000) };
    expect(verifyHubSpotWebhook(request({ ...stale, 'x-hubspot-signature': 'x' }, true))).toEqual({
      ok: false,
      reason: 'stale_timestamp',
    });
  });

  it('refuses v1 and v2 unless the connection allows legacy signatures', () => {
    const v1 = hubSpotLegacySignature('v1', { clientSecret: secret, method: 'POST', uri, body });
    const headers = { 'x-hubspot-signature': v1, 'x-hubspot-signature-version': 'v1' };
    expect(verifyHubSpotWebhook(request(headers))).toEqual({
      ok: false,
      reason: 'legacy_signature_not_allowed',
    });
    expect(verifyHubSpotWebhook(request(headers, true))).toEqual({ ok: true, version: 'v1' });
  });

  it('checks v2 over method, URI and body, and rejects a tampered body', () => {
    const v2 = hubSpotLegacySignature('v2', { clientSecret: secret, method: 'POST', uri, body });
    expect(v2).toMatch(/^[0-9a-f]{64}$/);
    const headers = { 'x-hubspot-signature': v2, 'x-hubspot-signature-version': 'v2' };
    expect(verifyHubSpotWebhook(request(headers, true))).toEqual({ ok: true, version: 'v2' });
    expect(verifyHubSpotWebhook({ ...request(headers, true), body: `${body} ` })).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    expect(
      verifyHubSpotWebhook(request({ 'x-hubspot-signature': v2, 'x-hubspot-signature-version': 'v9' }, true)),
    ).toEqual({
      ok: false,
      reason: 'unknown_signature_version',
    });
    expect(verifyHubSpotWebhook(request({}, true))).toEqual({ ok: false, reason: 'missing_signature' });
  });
});
