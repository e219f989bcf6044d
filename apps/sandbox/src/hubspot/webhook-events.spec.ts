import { describe, expect, it } from 'vitest';
import type { CrmChange } from './crm-change';
import { subscriptionMatches, webhookEvent } from './webhook-events';
import type { WebhookSubscription } from './webhook-settings';

const source = { changeSource: 'INTEGRATION', sourceId: '1001' };
const leadCreated: CrmChange = { kind: 'creation', type: 'leads', objectId: '42', occurredAt: 1000, source };
const stageChanged: CrmChange = {
  kind: 'propertyChange',
  type: 'leads',
  objectId: '42',
  occurredAt: 2000,
  source,
  propertyName: 'hs_pipeline_stage',
  propertyValue: 'connected-stage-id',
};

function sub(partial: Partial<WebhookSubscription>): WebhookSubscription {
  return { id: 7, eventType: 'object.creation', active: true, createdAt: '', ...partial };
}

describe('subscriptionMatches', () => {
  it('matches generic subscriptions by object type and classic ones by name', () => {
    expect(subscriptionMatches(sub({ objectTypeId: '0-136' }), leadCreated)).toBe(true);
    expect(subscriptionMatches(sub({ objectTypeId: '0-1' }), leadCreated)).toBe(false);
    expect(subscriptionMatches(sub({ eventType: 'contact.creation' }), leadCreated)).toBe(false);
    expect(
      subscriptionMatches(sub({ eventType: 'contact.creation' }), { ...leadCreated, type: 'contacts' }),
    ).toBe(true);
  });

  it('matches property changes by property name only, and never when inactive', () => {
    const s = sub({
      eventType: 'object.propertyChange',
      objectTypeId: '0-136',
      propertyName: 'hs_pipeline_stage',
    });
    expect(subscriptionMatches(s, stageChanged)).toBe(true);
    expect(subscriptionMatches({ ...s, propertyName: 'hs_lead_label' }, stageChanged)).toBe(false);
    expect(subscriptionMatches({ ...s, active: false }, stageChanged)).toBe(false);
    expect(subscriptionMatches(s, leadCreated)).toBe(false);
  });
});

describe('webhookEvent', () => {
  const ids = { eventId: 1, portalId: 40_000_001, appId: 1001 };

  it('gives generic events an objectTypeId and creations a changeFlag', () => {
    expect(webhookEvent(sub({ objectTypeId: '0-136' }), leadCreated, ids)).toEqual({
      eventId: 1,
      subscriptionId: 7,
      portalId: 40_000_001,
      appId: 1001,
      occurredAt: 1000,
      subscriptionType: 'object.creation',
      attemptNumber: 0,
      objectId: 42,
      objectTypeId: '0-136',
      changeFlag: 'CREATED',
      changeSource: 'INTEGRATION',
      sourceId: '1001',
    });
  });

  it('carries the property name and new value on property changes, and no changeFlag', () => {
    const classic = webhookEvent(
      sub({ eventType: 'contact.propertyChange', propertyName: 'email' }),
      { ...stageChanged, type: 'contacts', propertyName: 'email', propertyValue: '' },
      ids,
    );
    expect(classic).toMatchObject({ propertyName: 'email', propertyValue: '' });
    expect(classic).not.toHaveProperty('objectTypeId');
    expect(classic).not.toHaveProperty('changeFlag');
  });
});
