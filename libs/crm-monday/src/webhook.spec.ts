import type { CrmConnectionInfo, InboundWebhook } from '@leadflow/crm';
import { describe, expect, it } from 'vitest';
import { webhookFixture, jwtFixture } from '../test/recorded-payloads';
import {
  crmWebhookEvent,
  mondayChallenge,
  mondayWebhookReceiver,
  parseMondayWebhookEvent,
  verifyMondayWebhookJwt,
} from './webhook';

function verify(name: string, overrides: { signingSecret?: string | undefined; audience?: string[] } = {}) {
  const jwt = jwtFixture(name);
  return verifyMondayWebhookJwt({
    authorization: jwt.authorization,
    signingSecret: 'signingSecret' in overrides ? overrides.signingSecret : jwt.signingSecret,
    expectedAudience: overrides.audience ?? jwt.url,
    now: new Date(jwt.now),
  });
}

describe('verifyMondayWebhookJwt on recorded tokens', () => {
  it('accepts a valid token, with or without "Bearer", and returns its claims', async () => {
    for (const name of ['jwt-valid', 'jwt-valid-bearer']) {
      const result = await verify(name);
      expect(result, name).toMatchObject({
        ok: true,
        claims: { accountId: '18888528', userId: '41234567', aud: jwtFixture(name).url },
      });
    }
  });

  it('accepts any of several audiences (a receiver reachable under more than one URL)', async () => {
    const result = await verify('jwt-valid', {
      audience: ['https://other.example/x', jwtFixture('jwt-valid').url],
    });
    expect(result.ok).toBe(true);
  });

  it.each([
    ['jwt-forged-signature', 'bad_signature'],
    ['jwt-expired', 'expired'],
    ['jwt-wrong-audience', 'wrong_audience'],
    ['jwt-alg-none', 'malformed_token'],
    ['jwt-no-exp', 'missing_claim'],
  ])('refuses %s: %s', async (name, reason) => {
    expect(await verify(name)).toEqual({ ok: false, reason });
  });

  it('refuses a missing header, garbage, and a missing secret without throwing', async () => {
    const jwt = jwtFixture('jwt-valid');
    const base = { signingSecret: jwt.signingSecret, expectedAudience: jwt.url, now: new Date(jwt.now) };
    expect(await verifyMondayWebhookJwt({ ...base, authorization: undefined })).toEqual({
      ok: false,
      reason: 'missing_authorization',
    });
    expect(await verifyMondayWebhookJwt({ ...base, authorization: 'Bearer ' })).toEqual({
      ok: false,
      reason: 'missing_authorization',
    });
    expect(await verifyMondayWebhookJwt({ ...base, authorization: 'not.a.jwt' })).toEqual({
      ok: false,
      reason: 'malformed_token',
    });
    expect(await verify('jwt-valid', { signingSecret: undefined })).toEqual({
      ok: false,
      reason: 'missing_secret',
    });
    expect(await verify('jwt-valid', { signingSecret: '' })).toEqual({ ok: false, reason: 'missing_secret' });
  });
});

describe('Monday webhook bodies', () => {
  it('recognises the challenge', () => {
    expect(mondayChallenge(webhookFixture('challenge'))).toBe(
      '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P',
    );
    expect(mondayChallenge(webhookFixture('create-pulse'))).toBeUndefined();
    expect(mondayChallenge({ challenge: '' })).toBeUndefined();
  });

  it.each([
    ['create-pulse', 'created', '9876543210', 'b5ed2e17c530f43668de130142445cba', '2026-11-24T22:21:00.210Z'],
    [
      'update-column-value-status',
      'status_changed',
      '9876543210',
      '645fc8d8709d35718f1dfc4a4f3ea4b5',
      '2026-11-24T22:22:03.141Z',
    ],
    [
      'update-column-value-date',
      'updated',
      '9876543211',
      '745fc8d8709d35718f1dfc4a4f3ea4b6',
      '2026-11-24T19:12:10.500Z',
    ],
    ['delete-pulse', 'deleted', '9876543211', '845fc8d8709d35718f1dfc4a4f3ea4b7', '2026-11-24T22:25:00.000Z'],
    ['update-name', 'updated', '9876543210', '945fc8d8709d35718f1dfc4a4f3ea4b8', '2026-11-24T22:26:00.000Z'],
  ])('%s → %s', (name, type, externalId, eventId, occurredAt) => {
    const parsed = parseMondayWebhookEvent(JSON.stringify(webhookFixture(name)));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    expect(crmWebhookEvent(parsed.event, '18888528')).toEqual({
      eventId,
      type,
      externalId,
      externalAccountId: '18888528',
      occurredAt: new Date(occurredAt),
    });
  });

  it('names what is wrong with an unreadable body', () => {
    expect(parseMondayWebhookEvent('{')).toEqual({
      ok: false,
      problems: [{ path: '', message: 'body is not valid JSON' }],
    });
    const noItem = parseMondayWebhookEvent({ event: { type: 'create_pulse', boardId: 1 } });
    expect(noItem).toMatchObject({ ok: false, problems: [{ path: 'event.pulseId' }] });
    expect(parseMondayWebhookEvent({ events: [] })).toMatchObject({
      ok: false,
      problems: [{ path: 'event' }],
    });
  });
});

describe('mondayWebhookReceiver', () => {
  const connection: CrmConnectionInfo = {
    id: '7d2f43f1-90c3-4bd5-9a0e-1f6a3f4c2b11',
    tenantId: 't',
    provider: 'monday',
    authType: 'oauth',
    externalAccountId: '18888528',
    settings: { boardId: '1234567890' },
  };

  function request(jwtName: string, bodyName: string): InboundWebhook {
    const jwt = jwtFixture(jwtName);
    return {
      method: 'POST',
      url: jwt.url,
      headers: { authorization: jwt.authorization, 'content-type': 'application/json' },
      body: JSON.stringify(webhookFixture(bodyName)),
      receivedAt: new Date(jwt.now),
    };
  }

  const secret = jwtFixture('jwt-valid').signingSecret;

  it('answers the challenge with the same JSON, without a signature check', async () => {
    const unsigned = { ...request('jwt-valid', 'challenge'), headers: {} };
    expect(await mondayWebhookReceiver.receive(unsigned, { secret, connection })).toEqual({
      kind: 'challenge',
      response: { challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P' },
    });
  });

  it('turns an authentic delivery into an event of the connection’s account', async () => {
    expect(
      await mondayWebhookReceiver.receive(request('jwt-valid', 'create-pulse'), { secret, connection }),
    ).toEqual({
      kind: 'events',
      events: [
        {
          eventId: 'b5ed2e17c530f43668de130142445cba',
          type: 'created',
          externalId: '9876543210',
          externalAccountId: '18888528',
          occurredAt: new Date('2026-11-24T22:21:00.210Z'),
        },
      ],
    });
  });

  it.each([
    ['jwt-forged-signature', 'bad_signature'],
    ['jwt-expired', 'expired'],
    ['jwt-wrong-audience', 'wrong_audience'],
  ])('refuses %s with 401', async (name, reason) => {
    expect(
      await mondayWebhookReceiver.receive(request(name, 'create-pulse'), { secret, connection }),
    ).toEqual({
      kind: 'rejected',
      status: 401,
      reason: `monday webhook JWT: ${reason}`,
    });
  });

  it('refuses unsigned deliveries (personal-token webhooks) and a missing secret', async () => {
    const unsigned = { ...request('jwt-valid', 'create-pulse'), headers: {} };
    expect(await mondayWebhookReceiver.receive(unsigned, { secret, connection })).toMatchObject({
      kind: 'rejected',
      status: 401,
      reason: 'monday webhook JWT: missing_authorization',
    });
    expect(
      await mondayWebhookReceiver.receive(request('jwt-valid', 'create-pulse'), {
        secret: undefined,
        connection,
      }),
    ).toMatchObject({ kind: 'rejected', status: 401, reason: 'monday webhook JWT: missing_secret' });
  });

  it('refuses a token of another account for this connection', async () => {
    const verdict = await mondayWebhookReceiver.receive(request('jwt-other-account', 'create-pulse'), {
      secret,
      connection,
    });
    expect(verdict).toMatchObject({ kind: 'rejected', status: 401 });
    // Without a connection (an app-level URL) the account is reported for the caller to check.
    expect(
      await mondayWebhookReceiver.receive(request('jwt-other-account', 'create-pulse'), {
        secret,
        connection: null,
      }),
    ).toMatchObject({ kind: 'events', events: [{ externalAccountId: '99999999' }] });
  });

  it('refuses unreadable bodies with 400', async () => {
    const garbage = { ...request('jwt-valid', 'create-pulse'), body: 'not json' };
    expect(await mondayWebhookReceiver.receive(garbage, { secret, connection })).toEqual({
      kind: 'rejected',
      status: 400,
      reason: 'body is not valid JSON',
    });
    const noItem = {
      ...request('jwt-valid', 'create-pulse'),
      body: JSON.stringify({ event: { type: 'create_pulse' } }),
    };
    expect(await mondayWebhookReceiver.receive(noItem, { secret, connection })).toMatchObject({
      kind: 'rejected',
      status: 400,
    });
  });
});
