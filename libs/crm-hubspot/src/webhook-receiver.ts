import type { CrmWebhookEvent, CrmWebhookReceiver, WebhookVerdict } from '@leadflow/crm';
import { hubSpotEventObjectTypeId, type HubSpotWebhookEvent, parseHubSpotWebhookEvents } from './webhook';
import { verifyHubSpotWebhook } from './webhook-verifier';

const EVENT_TYPES: Readonly<Record<string, CrmWebhookEvent['type']>> = {
  creation: 'created',
  propertyChange: 'updated',
  restore: 'updated',
  merge: 'updated',
  deletion: 'deleted',
};

function toEvent(event: HubSpotWebhookEvent): CrmWebhookEvent | undefined {
  const action = event.subscriptionType.split('.')[1] ?? '';
  const type = EVENT_TYPES[action];
  // Association changes name two records and say nothing about either one's fields.
  const externalId = event.primaryObjectId ?? event.objectId;
  if (type === undefined || externalId === undefined) return undefined;
  const objectTypeId = hubSpotEventObjectTypeId(event);
  return {
    eventId: String(event.eventId),
    type,
    externalId: String(externalId),
    externalAccountId: String(event.portalId),
    occurredAt: new Date(event.occurredAt),
    ...(objectTypeId === undefined ? {} : { objectTypeId }),
  };
}

/**
 * HubSpot app webhooks: one URL for the whole app, so deliveries carry events of many portals; each
 * event names its portal and the API finds the connection. Verified with the app's client secret.
 */
export const hubSpotWebhookReceiver: CrmWebhookReceiver = {
  receive(request, context): Promise<WebhookVerdict> {
    if (context.secret === undefined) {
      return Promise.resolve({
        kind: 'rejected',
        status: 401,
        reason: 'HUBSPOT_CLIENT_SECRET is not configured, so no delivery can be verified',
      });
    }
    const verification = verifyHubSpotWebhook({
      method: request.method,
      uri: request.url,
      body: request.body,
      headers: request.headers,
      clientSecret: context.secret,
      now: request.receivedAt.getTime(),
      allowLegacySignatures: context.connection?.settings['allowLegacyWebhookSignatures'] === true,
    });
    if (!verification.ok) {
      return Promise.resolve({ kind: 'rejected', status: 401, reason: `signature: ${verification.reason}` });
    }
    const parsed = parseHubSpotWebhookEvents(request.body);
    if (!parsed.ok) {
      const detail = parsed.problems.map((p) => `${p.path || 'body'}: ${p.message}`).join('; ');
      return Promise.resolve({ kind: 'rejected', status: 400, reason: `payload: ${detail}`.slice(0, 1000) });
    }
    return Promise.resolve({
      kind: 'events',
      events: parsed.events.flatMap((event) => toEvent(event) ?? []),
    });
  },
  eventsOfStored(body) {
    const parsed = parseHubSpotWebhookEvents(body);
    if (!parsed.ok)
      return { problem: parsed.problems.map((p) => `${p.path || 'body'}: ${p.message}`).join('; ') };
    return parsed.events.flatMap((event) => toEvent(event) ?? []);
  },
};
