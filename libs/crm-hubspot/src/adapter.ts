import type { CrmProviderAdapter, MappingScope } from '@leadflow/crm';
import { HubSpotCrmClient } from './client';
import { HUBSPOT_OBJECTS } from './hubspot-objects';
import { hubSpotDefaultMapping } from './mapping-defaults';
import { hubSpotDescriptor } from './descriptor';
import { hubSpotOAuth } from './oauth';
import { parseHubSpotSettings } from './settings';
import { hubSpotWebhookReceiver } from './webhook-receiver';

/** The routed object's own fields first, then those of the records it is associated with. */
function hubSpotMappingScope(settings: Readonly<Record<string, unknown>>): MappingScope {
  const parsed = parseHubSpotSettings(settings);
  const routedObject = 'settings' in parsed ? parsed.settings.primaryObject : 'leads';
  return {
    routedObject,
    fieldObjects: [routedObject, ...HUBSPOT_OBJECTS[routedObject].associations.map((a) => a.toType)],
  };
}

/** Everything the CRM integration factory needs from the HubSpot package; registered once. */
export const hubSpotAdapter: CrmProviderAdapter = {
  descriptor: hubSpotDescriptor,
  createClient: (context) => new HubSpotCrmClient(context),
  oauth: hubSpotOAuth,
  parseSettings: (input) => parseHubSpotSettings(input),
  defaultMapping: (objectType) => hubSpotDefaultMapping(objectType),
  mappingScope: hubSpotMappingScope,
  webhookReceiver: hubSpotWebhookReceiver,
};
