import { describe, expect, it } from 'vitest';
import { hubSpotWebhookEventSchema, isPlainHubSpotWebhookEvent, parseHubSpotWebhookEvents } from './webhook';

const base = {
  eventId: 100,
  subscriptionId: 2,
  portalId: 40000001,
  appId: 3,
  occurredAt: 1_764_000_000_000,
  subscriptionType: 'object.creation',
  attemptNumber: 0,
  objectId: 1004,
  objectTypeId: '0-136',
};

const valid: Record<string, unknown>[] = [
  base,
  { ...base, changeFlag: 'CREATED', changeSource: 'CRM_UI', sourceId: 'userId:1', extra: { kept: true } },
  { ...base, subscriptionType: 'contact.creation', objectTypeId: undefined },
  { ...base, subscriptionType: 'contact.propertyChange', propertyName: 'email', propertyValue: 'a@b.c' },
  {
    ...base,
    subscriptionType: 'contact.associationChange',
    objectId: undefined,
    fromObjectId: 1,
    toObjectId: 2,
    associationType: 'CONTACT_TO_COMPANY',
    associationRemoved: false,
  },
  { ...base, subscriptionType: 'contact.merge', primaryObjectId: 5, mergedObjectIds: [6, 7] },
].map((e) => JSON.parse(JSON.stringify(e)) as Record<string, unknown>);

/** Each breaks one rule of the schema. */
const broken: unknown[] = [
  null,
  [],
  'event',
  { ...base, eventId: -1 },
  { ...base, eventId: 1.5 },
  { ...base, eventId: '100' },
  { ...base, portalId: 2 ** 60 },
  { ...base, appId: undefined },
  { ...base, occurredAt: 0 },
  { ...base, subscriptionType: 'creation' },
  { ...base, subscriptionType: 'Object.creation' },
  { ...base, attemptNumber: null },
  { ...base, objectId: null },
  { ...base, objectId: undefined },
  { ...base, objectTypeId: '136' },
  { ...base, objectTypeId: undefined },
  { ...base, changeSource: 7 },
  { ...base, subscriptionType: 'contact.propertyChange' },
  { ...base, associationRemoved: 'no' },
  { ...base, mergedObjectIds: [1, -2] },
  { ...base, mergedObjectIds: 3 },
  { ...base, toObjectId: 'x' },
].map((e) => (e !== null && typeof e === 'object' ? JSON.parse(JSON.stringify(e)) : e) as unknown);

describe('HubSpot webhook parsing without zod on the hot path', () => {
  it('accepts exactly what the schema accepts, with the same events', () => {
    for (const event of valid) {
      expect(hubSpotWebhookEventSchema.safeParse(event).success).toBe(true);
      expect(isPlainHubSpotWebhookEvent(event)).toBe(true);
    }
    const parsed = parseHubSpotWebhookEvents(JSON.stringify(valid));
    expect(parsed).toEqual({ ok: true, events: hubSpotWebhookEventSchema.array().parse(valid) });
  });

  it('leaves everything the schema refuses to zod, which names the problem', () => {
    for (const event of broken) {
      expect(hubSpotWebhookEventSchema.safeParse(event).success).toBe(false);
      expect(isPlainHubSpotWebhookEvent(event)).toBe(false);
      const parsed = parseHubSpotWebhookEvents(JSON.stringify([base, event]));
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.problems.every((p) => p.path.startsWith('1'))).toBe(true);
    }
  });
});
