import { describe, expect, it } from 'vitest';
import { hubSpotSignatureV3 } from './webhook';
import { hubSpotWebhookReceiver } from './webhook-receiver';

const secret = 'client-secret-for-tests';
const url = 'https://leadflow.example.com/v1/webhooks/hubspot';
const receivedAt = new Date('2026-11-24T12:00:00Z');
const events = [
  {
    eventId: 101,
    subscriptionId: 7,
    portalId: 40000001,
    appId: 4242,
    occurredAt: 1764000000000,
    subscriptionType: 'object.creation',
    attemptNumber: 0,
    objectId: 555,
    objectTypeId: '0-136',
    changeFlag: 'CREATED',
  },
  {
    eventId: 102,
    subscriptionId: 8,
    portalId: 40000001,
    appId: 4242,
    occurredAt: 1764000000500,
    subscriptionType: 'contact.propertyChange',
    attemptNumber: 1,
    objectId: 77,
    propertyName: 'email',
    propertyValue: 'a@b.co',
  },
];

function signed(body: string, timestamp = String(receivedAt.getTime() - 1000)) {
  return {
    method: 'POST',
    url,
    body,
    receivedAt,
    headers: {
      'x-hubspot-signature-v3': hubSpotSignatureV3({
        method: 'POST',
        uri: url,
        body,
        timestamp,
        clientSecret: secret,
      }),
      'x-hubspot-request-timestamp': timestamp,
    },
  };
}

describe('hubSpotWebhookReceiver', () => {
  it('turns a signed delivery into events naming portal, record and object type', async () => {
    const verdict = await hubSpotWebhookReceiver.receive(signed(JSON.stringify(events)), {
      secret,
      connection: null,
    });
    expect(verdict).toEqual({
      kind: 'events',
      events: [
        {
          eventId: '101',
          type: 'created',
          externalId: '555',
          externalAccountId: '40000001',
          occurredAt: new Date(1764000000000),
          objectTypeId: '0-136',
        },
        {
          eventId: '102',
          type: 'updated',
          externalId: '77',
          externalAccountId: '40000001',
          occurredAt: new Date(1764000000500),
          objectTypeId: '0-1',
        },
      ],
    });
  });

  it('rejects a forged or stale delivery with 401 and the reason', async () => {
    const body = JSON.stringify(events);
    const forged = { ...signed(body), body: body.replace('555', '556') };
    expect(await hubSpotWebhookReceiver.receive(forged, { secret, connection: null })).toEqual({
      kind: 'rejected',
      status: 401,
      reason: 'signature: bad_signature',
    });
    const stale = signed(body, String(receivedAt.getTime() - 6 * 60_000));
    expect(await hubSpotWebhookReceiver.receive(stale, { secret, connection: null })).toMatchObject({
      kind: 'rejected',
      status: 401,
      reason: 'signature: stale_timestamp',
    });
    expect(
      await hubSpotWebhookReceiver.receive(signed(body), { secret: undefined, connection: null }),
    ).toMatchObject({
      kind: 'rejected',
      status: 401,
    });
  });

  it('rejects an authentic delivery it cannot read with 400, naming the path', async () => {
    const verdict = await hubSpotWebhookReceiver.receive(signed('[{"eventId":"x"}]'), {
      secret,
      connection: null,
    });
    expect(verdict).toMatchObject({ kind: 'rejected', status: 400 });
    expect((verdict as { reason: string }).reason).toContain('0.eventId');
  });
});
