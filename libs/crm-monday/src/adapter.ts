import type { CrmProviderAdapter } from '@leadflow/crm';
import { MondayCrmClient } from './client';
import { mondayDescriptor } from './descriptor';
import { mondayDefaultMappingFor } from './mapping-defaults';
import { mondayOAuth } from './oauth';
import { mondaySettingsForSource, parseMondaySettings } from './settings';
import { mondayWebhookReceiver } from './webhook';
import { mondayWebhookSubscriptions } from './webhook-subscriptions';

/** Everything the CRM integration factory needs from the Monday package; registered once. */
export const mondayAdapter: CrmProviderAdapter = {
  descriptor: mondayDescriptor,
  createClient: (context) => new MondayCrmClient(context),
  oauth: mondayOAuth,
  parseSettings: (input) => parseMondaySettings(input),
  // A Monday default depends on the chosen board's columns; without them there is none.
  defaultMapping: (objectType, fields) => mondayDefaultMappingFor(objectType, fields),
  settingsForSource: (current, selection) => mondaySettingsForSource(current, selection),
  webhookSubscriptions: (settings, targetUrl) => mondayWebhookSubscriptions(settings, targetUrl),
  webhookReceiver: mondayWebhookReceiver,
};
