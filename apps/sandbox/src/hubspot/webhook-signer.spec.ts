import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyHubSpotSignatureV3 } from '@leadflow/crm-hubspot';
import { webhookSignatureHeaders } from './webhook-signer';

const body = '[{"eventId":1,"subscriptionId":2}]';

describe('webhookSignatureHeaders', () => {
  it('signs v3 as base64 HMAC-SHA256 of method + URI + body + timestamp, and v1 as hex SHA-256', () => {
    const headers = webhookSignatureHeaders({
      method: 'post',
      uri: 'https://hooks.example.com/hubspot?portal=1',
      body,
      clientSecret: 'secret',
      timestamp: 1_700_000_000_000,
    });
    expect(headers['X-HubSpot-Request-Timestamp']).toBe('1700000000000');
    expect(headers['X-HubSpot-Signature-v3']).toBe(
      createHmac('sha256', 'secret')
        .update(`POSThttps://hooks.example.com/hubspot?portal=1${body}1700000000000`)
        .digest('base64'),
    );
    expect(headers['X-HubSpot-Signature-Version']).toBe('v1');
    expect(headers['X-HubSpot-Signature']).toBe(createHash('sha256').update(`secret${body}`).digest('hex'));
  });

  it('signs the URI with HubSpot’s listed percent-encodings decoded, so receivers agree', () => {
    const uri = 'https://hooks.example.com/a%3Ab/c%20d?x=%40y%2Cz';
    const now = Date.now();
    const headers = webhookSignatureHeaders({ method: 'POST', uri, body, clientSecret: 's', timestamp: now });
    expect(headers['X-HubSpot-Signature-v3']).toBe(
      createHmac('sha256', 's')
        .update(`POSThttps://hooks.example.com/a:b/c%20d?x=@y,z${body}${now}`)
        .digest('base64'),
    );
    expect(
      verifyHubSpotSignatureV3({
        method: 'POST',
        uri,
        body,
        timestamp: headers['X-HubSpot-Request-Timestamp'],
        signature: headers['X-HubSpot-Signature-v3'],
        clientSecret: 's',
        now,
      }),
    ).toEqual({ ok: true });
  });
});
