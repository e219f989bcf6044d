export { MONDAY_API_VERSION } from './api-version';
export { MONDAY_ITEMS, mondayDescriptor } from './descriptor';
export {
  MONDAY_MAX_RETRY_AFTER_MS,
  MONDAY_RATE_LIMIT_DEFAULT_WAIT_MS,
  networkError,
  parseMondayError,
  retryAfterMs,
  type MondayCredentialKind,
  type MondayErrorResponse,
  type MondayRateLimitPolicy,
  type MondayResponseHeaders,
} from './errors';
export { readMondayTokenClaims, type MondayTokenClaims } from './access-token-claims';
export { mondayAdapter } from './adapter';
export { MondayCrmClient, type MondayClientOptions } from './client';
export { mondayAuthorizeUrl, mondayOAuth, tokenSetFromResponse, type MondayTokenResponse } from './oauth';
export {
  mondaySettingsForSource,
  mondaySettingsSchema,
  parseMondaySettings,
  type MondaySettings,
} from './settings';
export { mondayDefaultMapping, mondayDefaultMappingFor } from './mapping-defaults';
export { MONDAY_ITEM_FIELDS, discoveredFields as mondayDiscoveredFields } from './board-columns';
export {
  MONDAY_JWT_CLOCK_TOLERANCE_S,
  crmWebhookEvent as mondayCrmWebhookEvent,
  mondayChallenge,
  mondayWebhookEventSchema,
  mondayWebhookReceiver,
  parseMondayWebhookEvent,
  verifyMondayWebhookJwt,
  type MondayJwtFailure,
  type MondayJwtVerification,
  type MondayWebhookClaims,
  type MondayWebhookEvent,
  type MondayWebhookParseResult,
} from './webhook';
export {
  MONDAY_WEBHOOK_URL_MAX,
  formatWebhookEventName,
  mondayWebhookSubscriptions,
  parseWebhookEventName,
  type MondayWebhookEventName,
} from './webhook-subscriptions';
