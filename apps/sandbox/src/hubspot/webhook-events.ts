import type { CrmChange } from './crm-change';
import { resolveObjectType, type ObjectTypeName } from './hubspot-schema';
import type { WebhookSubscription } from './webhook-settings';

/** One event as HubSpot posts it (a batch is a JSON array of these). */
export interface WebhookEvent {
  eventId: number;
  subscriptionId: number;
  portalId: number;
  appId: number;
  occurredAt: number;
  subscriptionType: string;
  attemptNumber: number;
  objectId: number;
  /** Generic (`object.*`) events only. */
  objectTypeId?: string;
  propertyName?: string;
  propertyValue?: string;
  /** Creation and deletion only. */
  changeFlag?: string;
  changeSource: string;
  sourceId?: string;
}

const CLASSIC_OBJECTS: Readonly<Record<string, ObjectTypeName>> = {
  contact: 'contacts',
  company: 'companies',
  deal: 'deals',
};

const CHANGE_FLAGS: Readonly<Partial<Record<CrmChange['kind'], string>>> = {
  creation: 'CREATED',
  deletion: 'DELETED',
};

export function subscriptionMatches(subscription: WebhookSubscription, change: CrmChange): boolean {
  if (!subscription.active) return false;
  const [object = '', action] = subscription.eventType.split('.');
  if (action !== change.kind) return false;
  const type =
    object === 'object' ? resolveObjectType(subscription.objectTypeId ?? '')?.name : CLASSIC_OBJECTS[object];
  if (type !== change.type) return false;
  return change.kind !== 'propertyChange' || subscription.propertyName === change.propertyName;
}

/** The event one subscription produces for one change, fields in HubSpot's order. */
export function webhookEvent(
  subscription: WebhookSubscription,
  change: CrmChange,
  ids: { eventId: number; portalId: number; appId: number },
): WebhookEvent {
  const generic = subscription.eventType.startsWith('object.');
  const flag = CHANGE_FLAGS[change.kind];
  return {
    eventId: ids.eventId,
    subscriptionId: subscription.id,
    portalId: ids.portalId,
    appId: ids.appId,
    occurredAt: change.occurredAt,
    subscriptionType: subscription.eventType,
    attemptNumber: 0,
    objectId: Number(change.objectId),
    ...(generic ? { objectTypeId: resolveObjectType(change.type)!.id } : {}),
    ...(change.kind === 'propertyChange'
      ? { propertyName: change.propertyName, propertyValue: change.propertyValue }
      : {}),
    ...(flag ? { changeFlag: flag } : {}),
    changeSource: change.source.changeSource,
    ...(change.source.sourceId ? { sourceId: change.source.sourceId } : {}),
  };
}
