import { createHmac } from 'node:crypto';
import { request, type TestResponse } from '@leadflow/testing';

/**
 * Sends a webhook body again the way its CRM would on a late retry: signed afresh for the moment it
 * is sent. The debugger stores bodies but never signatures or JWTs (they are credentials), so a
 * captured delivery can only be replayed by someone holding the app's secrets, which the test does.
 */
export interface WebhookSecrets {
  hubspotClientSecret: string;
  mondaySigningSecret: string;
}

const base64url = (input: string | Buffer) => Buffer.from(input).toString('base64url');

/** HubSpot's v3 signature: base64(HMAC-SHA256(client secret, method + URL + body + timestamp)). */
export function hubSpotV3Headers(clientSecret: string, url: string, body: string): Record<string, string> {
  const timestamp = String(Date.now());
  const signature = createHmac('sha256', clientSecret)
    .update(`POST${url}${body}${timestamp}`, 'utf8')
    .digest('base64');
  return { 'x-hubspot-signature-v3': signature, 'x-hubspot-request-timestamp': timestamp };
}

/** Monday's webhook JWT: HS256 with the app's signing secret, for the URL it is sent to. */
export function mondayJwt(signingSecret: string, url: string, accountId: string, userId: string): string {
  const iat = Math.floor(Date.now() / 1000);
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = base64url(
    JSON.stringify({ accountId: Number(accountId), userId: Number(userId), aud: url, iat, exp: iat + 300 }),
  );
  const signature = createHmac('sha256', signingSecret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

/** A stored delivery (as `GET /v1/webhook-deliveries/{id}` shows it) posted again to the API. */
export function redeliver(
  apiUrl: string,
  secrets: WebhookSecrets,
  delivery: { provider: string; connectionId: string | null; body: string },
  monday: { accountId: string; userId: string },
): Promise<TestResponse> {
  if (delivery.provider === 'hubspot') {
    const path = '/v1/webhooks/hubspot';
    return request(apiUrl, 'POST', path, {
      rawBody: delivery.body,
      headers: hubSpotV3Headers(secrets.hubspotClientSecret, `${apiUrl}${path}`, delivery.body),
    });
  }
  if (delivery.provider === 'monday' && delivery.connectionId !== null) {
    const path = `/v1/webhooks/monday/${delivery.connectionId}`;
    return request(apiUrl, 'POST', path, {
      rawBody: delivery.body,
      headers: {
        authorization: mondayJwt(
          secrets.mondaySigningSecret,
          `${apiUrl}${path}`,
          monday.accountId,
          monday.userId,
        ),
      },
    });
  }
  throw new Error(`cannot redeliver a ${delivery.provider} delivery without a connection`);
}
