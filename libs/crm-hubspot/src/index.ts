export { HUBSPOT_OBJECT_TYPE_IDS, hubSpotDescriptor } from './descriptor';
export {
  HUBSPOT_MAX_RETRY_AFTER_MS,
  HUBSPOT_RATE_LIMIT_DEFAULT_WAIT_MS,
  networkError,
  parseHubSpotError,
  retryAfterMs,
  type HubSpotErrorResponse,
  type HubSpotResponseHeaders,
} from './errors';
export {
  HUBSPOT_SIGNATURE_MAX_AGE_MS,
  HUBSPOT_SIGNATURE_V3_HEADER,
  HUBSPOT_TIMESTAMP_HEADER,
  hubSpotEventObjectTypeId,
  hubSpotSignatureUri,
  hubSpotSignatureV3,
  hubSpotWebhookEventSchema,
  parseHubSpotWebhookEvents,
  verifyHubSpotSignatureV3,
  type HubSpotSignatureFailure,
  type HubSpotSignatureResult,
  type HubSpotSignatureV3Input,
  type HubSpotWebhookEvent,
  type HubSpotWebhookParseResult,
  type WebhookPayloadProblem,
} from './webhook';
export { hubSpotAdapter } from './adapter';
export { HubSpotCrmClient } from './client';
export { hubSpotAuthorizeUrl, hubSpotOAuth, tokenSetFromResponse, type HubSpotTokenResponse } from './oauth';
export { hubSpotSettingsSchema, parseHubSpotSettings, type HubSpotSettings } from './settings';
export {
  hubSpotContactsDefaultMapping,
  hubSpotDealsDefaultMapping,
  hubSpotDefaultMapping,
  hubSpotLeadsDefaultMapping,
} from './mapping-defaults';
export { HUBSPOT_OBJECTS, HUBSPOT_RECORD_TYPES, type HubSpotRecordType } from './hubspot-objects';
export {
  HUBSPOT_SIGNATURE_HEADER,
  HUBSPOT_SIGNATURE_VERSION_HEADER,
  hubSpotLegacySignature,
  verifyHubSpotWebhook,
  type HubSpotWebhookRequest,
  type HubSpotWebhookVerification,
} from './webhook-verifier';
export { hubSpotWebhookReceiver } from './webhook-receiver';
