import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  hubSpotEventObjectTypeId,
  hubSpotSignatureUri,
  parseHubSpotWebhookEvents,
  verifyHubSpotSignatureV3,
} from './webhook';

const secret = 'test-client-secret';
const now = 1_767_225_600_000;
const uri = 'https://hooks.example.com/webhooks/hubspot?connection=abc';
const body = JSON.stringify([
  {
    eventId: 4_234_567_890,
    subscriptionId: 2_847_123,
    portalId: 62_515,
    appId: 1_160_452,
    occurredAt: now - 2_000,
    subscriptionType: 'object.creation',
    attemptNumber: 0,
    objectId: 123_456_789,
    objectTypeId: '0-136',
    changeFlag: 'CREATED',
    changeSource: 'CRM_UI',
  },
]);

/** Signs like HubSpot does, written independently of the code under test. */
function sign(parts: { method?: string; uri?: string; body?: string; timestamp: number; secret?: string }) {
  return createHmac('sha256', parts.secret ?? secret)
    .update(`${parts.method ?? 'POST'}${parts.uri ?? uri}${parts.body ?? body}${parts.timestamp}`)
    .digest('base64');
}

function request(overrides: Partial<Parameters<typeof verifyHubSpotSignatureV3>[0]> = {}) {
  const timestamp = String(now - 1_000);
  return {
    method: 'POST',
    uri,
    body,
    timestamp,
    signature: sign({ timestamp: Number(timestamp) }),
    clientSecret: secret,
    now,
    ...overrides,
  };
}

describe('verifyHubSpotSignatureV3', () => {
  it('accepts a correctly signed request', () => {
    expect(verifyHubSpotSignatureV3(request())).toEqual({ ok: true });
  });

  it('matches known-answer vectors (computed with openssl, independently of this code)', () => {
    // printf '%s' 'POST<uri><body><ts>' | openssl dgst -sha256 -hmac test-client-secret -binary | base64
    expect(
      verifyHubSpotSignatureV3({
        method: 'POST',
        uri: 'https://hooks.example.com/webhooks/hubspot?connection=abc',
        body: '[{"eventId":1}]',
        timestamp: '1767225600000',
        signature: 'rgMafJZTVWulCeJFNDjEGpxYdLtW8EujnpwKZtMtG7E=',
        clientSecret: secret,
        now: 1_767_225_600_000,
      }),
    ).toEqual({ ok: true });
    // Signed over the decoded URI 'https://hooks.example.com/webhooks/hubspot?next=https://x.io/a%20b'.
    expect(
      verifyHubSpotSignatureV3({
        method: 'POST',
        uri: 'https://hooks.example.com/webhooks/hubspot?next=https%3A%2F%2Fx.io%2fa%20b',
        body: '[]',
        timestamp: '1767225600000',
        signature: 'hG2aPqDsBj+iBuOS5A7FwAKtC6/qGt/IUFAS9BrGA6s=',
        clientSecret: secret,
        now: 1_767_225_600_000,
      }),
    ).toEqual({ ok: true });
  });

  it('decodes only the characters in HubSpot’s table', () => {
    expect(hubSpotSignatureUri('/h?a=%3a%2F%3F%40%21%24%27%28%29%2A%2C%3B&b=%20%25%26')).toBe(
      "/h?a=:/?@!$'()*,;&b=%20%25%26",
    );
  });

  it.each([
    ['missing signature', { signature: undefined }, 'missing_signature'],
    ['empty signature', { signature: '  ' }, 'missing_signature'],
    ['missing timestamp', { timestamp: undefined }, 'missing_timestamp'],
    ['non-numeric timestamp', { timestamp: '2026-01-01T00:00:00Z' }, 'invalid_timestamp'],
    ['tampered body', { body: body.replace('123456789', '123456780') }, 'bad_signature'],
    ['wrong secret', { clientSecret: 'another-secret' }, 'bad_signature'],
    ['other URI', { uri: 'https://evil.example.com/webhooks/hubspot?connection=abc' }, 'bad_signature'],
    ['other method', { method: 'PUT' }, 'bad_signature'],
    ['truncated signature', { signature: 'abc' }, 'bad_signature'],
  ] as const)('%s → %s', (_label, overrides, reason) => {
    expect(verifyHubSpotSignatureV3(request(overrides))).toEqual({ ok: false, reason });
  });

  it('rejects a timestamp older than 5 minutes even when correctly signed', () => {
    const timestamp = now - 5 * 60 * 1000 - 1;
    const result = verifyHubSpotSignatureV3(
      request({ timestamp: String(timestamp), signature: sign({ timestamp }) }),
    );
    expect(result).toEqual({ ok: false, reason: 'stale_timestamp' });
  });

  it('accepts exactly 5 minutes old', () => {
    const timestamp = now - 5 * 60 * 1000;
    expect(
      verifyHubSpotSignatureV3(request({ timestamp: String(timestamp), signature: sign({ timestamp }) })),
    ).toEqual({ ok: true });
  });

  it('rejects a timestamp more than 5 minutes in the future, tolerates small skew', () => {
    const far = now + 5 * 60 * 1000 + 1;
    expect(
      verifyHubSpotSignatureV3(request({ timestamp: String(far), signature: sign({ timestamp: far }) })),
    ).toEqual({
      ok: false,
      reason: 'future_timestamp',
    });
    const near = now + 30_000;
    expect(
      verifyHubSpotSignatureV3(request({ timestamp: String(near), signature: sign({ timestamp: near }) })),
    ).toEqual({ ok: true });
  });

  it('a signature for another timestamp does not verify', () => {
    expect(verifyHubSpotSignatureV3(request({ timestamp: String(now - 999) }))).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
  });

  it('throws on an empty client secret (misconfiguration, not a forged request)', () => {
    expect(() => verifyHubSpotSignatureV3(request({ clientSecret: '' }))).toThrow(TypeError);
  });
});

describe('parseHubSpotWebhookEvents', () => {
  it('parses a generic and a classic event from the raw body, keeping unknown fields', () => {
    const raw = JSON.stringify([
      ...(JSON.parse(body) as unknown[]),
      {
        eventId: 17,
        subscriptionId: 5,
        portalId: 62_515,
        appId: 1_160_452,
        occurredAt: now,
        subscriptionType: 'contact.propertyChange',
        attemptNumber: 1,
        objectId: 901,
        propertyName: 'hubspot_owner_id',
        propertyValue: '4417',
        changeSource: 'CRM',
        isSensitive: false,
      },
    ]);
    const result = parseHubSpotWebhookEvents(raw);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.events).toHaveLength(2);
    expect(result.events.map(hubSpotEventObjectTypeId)).toEqual(['0-136', '0-1']);
    expect(result.events[1]).toMatchObject({ propertyValue: '4417', isSensitive: false });
  });

  it('accepts an association change without objectId', () => {
    const result = parseHubSpotWebhookEvents([
      {
        eventId: 1,
        subscriptionId: 2,
        portalId: 3,
        appId: 4,
        occurredAt: now,
        subscriptionType: 'contact.associationChange',
        attemptNumber: 0,
        fromObjectId: 10,
        toObjectId: 20,
        associationType: 'CONTACT_TO_COMPANY',
        associationRemoved: false,
      },
    ]);
    expect(result.ok).toBe(true);
  });

  it('reports every problem with its path', () => {
    const result = parseHubSpotWebhookEvents([
      {
        eventId: 1,
        subscriptionId: 2,
        portalId: 3,
        appId: 4,
        occurredAt: now,
        subscriptionType: 'object.creation',
        attemptNumber: 0,
        objectId: 5,
        objectTypeId: '0-136',
      },
      {
        eventId: 'x',
        subscriptionId: 2,
        appId: 4,
        occurredAt: now,
        subscriptionType: 'object.creation',
        attemptNumber: -1,
        objectId: 5,
      },
    ]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const paths = result.problems.map((p) => p.path).sort();
    expect(paths).toEqual(['1.attemptNumber', '1.eventId', '1.portalId']);
  });

  it('reports refinement problems once the shape is right', () => {
    const result = parseHubSpotWebhookEvents([
      {
        eventId: 1,
        subscriptionId: 2,
        portalId: 3,
        appId: 4,
        occurredAt: now,
        subscriptionType: 'object.propertyChange',
        attemptNumber: 0,
      },
    ]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.path).sort()).toEqual([
      '0.objectId',
      '0.objectTypeId',
      '0.propertyName',
    ]);
  });

  it('rejects a body that is not JSON or not an array', () => {
    expect(parseHubSpotWebhookEvents('{not json')).toEqual({
      ok: false,
      problems: [{ path: '', message: 'body is not valid JSON' }],
    });
    const single = parseHubSpotWebhookEvents('{"eventId":1}');
    expect(single.ok).toBe(false);
    if (!single.ok) expect(single.problems[0]?.path).toBe('');
  });
});
