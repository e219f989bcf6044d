export {
  ACCESS_TOKEN_FIELD,
  ConnectionSecrets,
  REFRESH_TOKEN_FIELD,
  type ConnectionRef,
  type PlainCredentials,
  type SealedCredentials,
} from './connection-secrets';
export { CONNECTION_EVENT_KINDS, recordConnectionEvent, type ConnectionEventKind } from './connection-events';
export { PrismaConnectionStore } from './prisma-connection-store';
export {
  OAUTH_STATE_TTL_MS,
  OAuthStateError,
  OAuthStateStore,
  pkcePair,
  type IssuedOAuthState,
  type OAuthStateFailure,
  type PendingAuthorization,
} from './oauth-state-store';
export {
  EncryptionKeyRotation,
  RotationAlreadyRunningError,
  assertKeyRingCoversStoredSecrets,
  keyUsage,
  type KeyRotationProgress,
  type KeyUsage,
} from './key-rotation';
export {
  createCrmAdapterRegistry,
  createCrmRuntime,
  providerRuntimeConfigs,
  type CrmRuntime,
  type CrmRuntimeOptions,
} from './crm-runtime';
export {
  AccountConnectedElsewhereError,
  ConnectionRepository,
  type AuthorizedConnection,
  type SaveOutcome,
} from './connection-repository';
export {
  HEALTH_THRESHOLDS,
  ProviderHealthReader,
  type ErrorRate,
  type HealthConnectionRow,
  type ProviderHealth,
} from './provider-health';
