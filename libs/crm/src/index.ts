export {
  CRM_ERROR_CODES,
  CrmError,
  crmErrorPolicy,
  isCrmError,
  redactSecrets,
  type CrmErrorCode,
  type CrmErrorDetails,
  type CrmErrorInit,
  type CrmErrorPolicy,
  type CrmFieldProblem,
} from './crm-error';
export { crmNetworkError } from './network-error';
export {
  AUTH_KINDS,
  InvalidProviderDescriptorError,
  PROVIDER_CAPABILITIES,
  defineProviderDescriptor,
  providerDescriptorProblems,
  rateLimitsFor,
  type AuthKind,
  type DescriptorProblem,
  type OAuthFacts,
  type ProviderBaseUrl,
  type ProviderCapabilities,
  type ProviderCapability,
  type ProviderDescriptor,
  type ProviderEndpoint,
  type RateLimitBucket,
  type RoutableObject,
} from './provider-descriptor';
export { DuplicateProviderError, ProviderRegistry, UnknownProviderError } from './provider-registry';
export { abortableSleep } from './resilience/abortable-sleep';
export { retryDelayMs, withRetries, type RetryEvent, type RetryOptions } from './resilience/retry-policy';
export {
  RedisRateLimiter,
  rateLimitKey,
  type AcquireOptions,
  type RateLimitGrant,
  type RateLimitPolicy,
} from './resilience/redis-rate-limiter';
export {
  BreakerRegistry,
  DEFAULT_BREAKER_THRESHOLDS,
  type BreakerCall,
  type BreakerState,
  type BreakerStateListener,
  type BreakerThresholds,
} from './resilience/circuit-breakers';
export { SingleFlightLock, type RunExclusiveOptions } from './resilience/single-flight';
export type {
  AssignmentOutcome,
  ChangedLeadsQuery,
  CrmAccount,
  CrmOwner,
  CrmPage,
  CrmRecord,
  CrmWebhookSubscription,
  CrmWebhookSubscriptions,
  FetchLeadsResult,
  ICrmClient,
  OwnerAssignment,
  RecordReadOptions,
  CrmSource,
  CrmSourceCatalog,
  CrmSourceSelection,
} from './crm-client';
export { connectionInfoOf, mappingScopeOf } from './crm-adapter';
export type {
  MappingScope,
  CrmAdapterContext,
  CrmCallAuth,
  CrmCallFamily,
  CrmCallSpec,
  CrmConnectionInfo,
  CrmProviderAdapter,
  CrmTransport,
  OAuthClientCredentials,
  OAuthTokenSet,
  ProviderEndpoints,
  ProviderOAuth,
  SettingsProblem,
  CrmWebhookEvent,
  CrmWebhookReceiver,
  InboundWebhook,
  WebhookVerdict,
} from './crm-adapter';
export {
  CONNECTION_STATUSES,
  ConnectionUnavailableError,
  type ConnectionCredentialStore,
  type ConnectionStatus,
  type StoredConnection,
  type StoredCredentials,
} from './integration/connection-store';
export { type CredentialRefreshEvent } from './integration/connection-credentials';
export { CrmAdapterRegistry } from './integration/crm-adapter-registry';
export {
  CrmIntegrationFactory,
  TOKEN_REFRESH_AHEAD_MS,
  type CrmIntegrationFactoryDeps,
  type ProviderRuntimeConfig,
} from './integration/crm-integration-factory';
export { DEFAULT_RESILIENCE_POLICY, type ResiliencePolicy } from './integration/resilient-transport';
export { BreakerStateBoard, type PublishedBreakerState } from './integration/breaker-state-board';
export { CrmCallLog, type CallCounts, type ConnectionCallStats } from './integration/crm-call-log';
export {
  asRecord,
  optionalField,
  parseResponseBody,
  responseHeader,
  stringAt,
  type ResponseHeaders,
} from './provider-response';
export { authorizationCodeGrant, refreshTokenGrant } from './oauth-grants';
