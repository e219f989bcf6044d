import type { DiscoveredField, FieldMapping } from '@leadflow/field-mapping';
import type { AuthKind, ProviderDescriptor } from './provider-descriptor';
import type { CrmSourceSelection, CrmWebhookSubscription, ICrmClient } from './crm-client';

/**
 * What the factory tells the transport about one outbound call. Adapters declare it for each HTTP
 * request they make; the transport decides everything else.
 */
export interface CrmCallSpec {
  /** Stable, low-cardinality name for spans and metrics, e.g. `leads.batchRead`. */
  operation: string;
  /**
   * Calls that fail together share a circuit breaker (`read`, `write`, `search`): a provider's search
   * API can be down while record reads work.
   */
  family: CrmCallFamily;
  /** The descriptor's rate-limit bucket the call spends from; `default` when absent. */
  bucket?: string;
}

export type CrmCallFamily = 'read' | 'write' | 'search' | 'metadata';

/** Given to the adapter's request function for one attempt. */
export interface CrmCallAuth {
  /** The current access token (or static token), decrypted just for this attempt. */
  accessToken: string;
  /** Aborted when the call's timeout passes; pass it to the HTTP client where it accepts one. */
  signal: AbortSignal;
}

/**
 * The only way an adapter reaches its provider. `request` makes one HTTP request and maps a failure
 * to a `CrmError` with the adapter's parser; it never retries, sleeps or reads the clock.
 */
export interface CrmTransport {
  call<T>(spec: CrmCallSpec, request: (auth: CrmCallAuth) => Promise<T>): Promise<T>;
}

/** The stored connection as an adapter may see it: never its credentials. */
export interface CrmConnectionInfo {
  id: string;
  tenantId: string;
  provider: string;
  authType: AuthKind;
  externalAccountId: string;
  /** Provider-specific settings the admin chose (primary object, lead stage, ...), validated by the adapter. */
  settings: Readonly<Record<string, unknown>>;
}

/** The connection as adapters see it, from a stored connection row (settings default to none). */
export function connectionInfoOf(row: {
  id: string;
  tenantId: string;
  provider: string;
  authType: AuthKind;
  externalAccountId: string;
  settings: unknown;
}): CrmConnectionInfo {
  return {
    id: row.id,
    tenantId: row.tenantId,
    provider: row.provider,
    authType: row.authType,
    externalAccountId: row.externalAccountId,
    settings: (row.settings ?? {}) as Record<string, unknown>,
  };
}

/** Base URLs from configuration (`HUBSPOT_API_BASE_URL`, ...): how the sandbox stands in for the CRM. */
export interface ProviderEndpoints {
  apiBaseUrl: string;
  authBaseUrl: string;
}

export interface CrmAdapterContext {
  connection: CrmConnectionInfo;
  transport: CrmTransport;
  endpoints: ProviderEndpoints;
  /**
   * The app's OAuth client, for OAuth connections of providers whose token metadata needs it
   * (HubSpot's v3 token introspection takes it in the request body). Never logged.
   */
  oauthClient?: OAuthClientCredentials;
}

/** Tokens as a provider's token endpoint returns them, provider-neutral. */
export interface OAuthTokenSet {
  accessToken: string;
  /** Absent when the provider did not return one (keep the stored one). */
  refreshToken?: string;
  /** Absent when the token does not expire. */
  expiresAt?: Date;
  /** Granted scopes, when the token response says. */
  scopes?: readonly string[];
  /** The account the token belongs to, when the token response says (HubSpot `hub_id`). */
  externalAccountId?: string;
}

/** OAuth client credentials from configuration; never logged. */
export interface OAuthClientCredentials {
  clientId: string;
  clientSecret: string;
}

/**
 * Provider knowledge for the OAuth authorization-code flow. Each function makes at most one HTTP
 * request and throws a `CrmError` (AUTH_REVOKED for a rejected code or refresh token).
 */
export interface ProviderOAuth {
  authorizeUrl(input: {
    endpoints: ProviderEndpoints;
    clientId: string;
    redirectUri: string;
    state: string;
    /** PKCE S256 challenge, for providers whose descriptor says `pkce`. */
    codeChallenge?: string;
  }): string;
  exchangeCode(input: {
    endpoints: ProviderEndpoints;
    client: OAuthClientCredentials;
    code: string;
    redirectUri: string;
    codeVerifier?: string;
    signal?: AbortSignal;
  }): Promise<OAuthTokenSet>;
  refresh(input: {
    endpoints: ProviderEndpoints;
    client: OAuthClientCredentials;
    refreshToken: string;
    signal?: AbortSignal;
  }): Promise<OAuthTokenSet>;
}

/**
 * Everything the factory needs from one provider package: its descriptor, how to build its client
 * for a connection, and (for OAuth providers) its token flow. Registered once per provider.
 */
export interface CrmProviderAdapter {
  descriptor: ProviderDescriptor;
  createClient(context: CrmAdapterContext): ICrmClient;
  oauth?: ProviderOAuth;
  /**
   * Checks and fills defaults in the provider-specific connection settings. Returns the problems,
   * each naming its field, so the API can answer 400 with all of them.
   */
  parseSettings(input: unknown): { settings: Record<string, unknown> } | { problems: SettingsProblem[] };
  /**
   * The mapping a new connection starts with for a routed object; `fields` are the discovered ones
   * (a Monday default depends on the chosen board's columns). `undefined` when there is none.
   */
  defaultMapping(objectType: string, fields?: readonly DiscoveredField[]): FieldMapping | undefined;
  /**
   * Which object a connection routes and whose fields its mapping may read (the routed record's
   * own, then associated objects). Absent: the descriptor's first routable object alone.
   */
  mappingScope?(settings: Readonly<Record<string, unknown>>): MappingScope;
  /** Settings after the admin chose a source (providers with `sources`); merged over the current ones. */
  settingsForSource?(
    current: Record<string, unknown>,
    selection: CrmSourceSelection,
  ): Record<string, unknown>;
  /**
   * The subscriptions a connection should have once its settings are complete (Monday: new items and
   * status changes on the chosen board), all pointing at `targetUrl`. Absent or `[]`: nothing to
   * subscribe per connection (HubSpot subscribes at the app level).
   */
  webhookSubscriptions?(
    settings: Readonly<Record<string, unknown>>,
    targetUrl: string,
  ): Omit<CrmWebhookSubscription, 'id' | 'active'>[];
  /** Verifies and reads inbound webhooks, for providers that push them. */
  webhookReceiver?: CrmWebhookReceiver;
}

export interface MappingScope {
  routedObject: string;
  /** Object types whose discovered fields the wizard offers, the routed one first. */
  fieldObjects: readonly string[];
}

/** The adapter's mapping scope, or the default one. */
export function mappingScopeOf(
  adapter: CrmProviderAdapter,
  settings: Readonly<Record<string, unknown>>,
): MappingScope {
  if (adapter.mappingScope !== undefined) return adapter.mappingScope(settings);
  const routedObject = adapter.descriptor.objects[0]!.type;
  return { routedObject, fieldObjects: [routedObject] };
}

/** An inbound webhook request as the API received it. */
export interface InboundWebhook {
  method: string;
  /** The full URL the provider called (scheme, host, path, query), as it signed it. */
  url: string;
  /** Lower-case header names. */
  headers: Readonly<Record<string, string | undefined>>;
  /** The raw body, exactly as received. */
  body: string;
  receivedAt: Date;
}

/** What the receiver tells the API to do with a request. */
export type WebhookVerdict =
  /** A handshake (Monday's challenge): answer with this JSON and store nothing else. */
  | { kind: 'challenge'; response: Record<string, unknown> }
  /** Authentic: these events, each naming the record it concerns. */
  | { kind: 'events'; events: CrmWebhookEvent[] }
  /** Not authentic or not readable: answer 401/400 and keep it, with the reason, for the debugger. */
  | { kind: 'rejected'; status: 400 | 401; reason: string };

export interface CrmWebhookEvent {
  /** Provider event id when there is one; used to drop duplicates. */
  eventId: string | null;
  /** `created`, `updated`, `deleted`, `status_changed`. */
  type: 'created' | 'updated' | 'deleted' | 'status_changed';
  /** The record's id in the CRM (HubSpot object id, Monday item id). */
  externalId: string;
  /** The account the event came from, checked against the connection's. */
  externalAccountId: string | null;
  /** The provider's type id of the record (HubSpot `0-136`), when the event says. */
  objectTypeId?: string;
  occurredAt: Date | null;
}

export interface CrmWebhookReceiver {
  /**
   * Checks authenticity (signature or JWT: signature, expiry, audience) with the secret from
   * configuration, and parses the events. `connection` is the one the URL names, when it names one.
   * No I/O besides the clock-free crypto (async because JWT libraries are).
   */
  receive(
    request: InboundWebhook,
    context: { secret: string | undefined; connection: CrmConnectionInfo | null },
  ): Promise<WebhookVerdict>;
  /**
   * The events of a delivery that was verified when it arrived (to replay it from storage, where
   * signatures can no longer be checked: timestamps and JWTs expire). A body it cannot read gives the
   * problem instead.
   */
  eventsOfStored(body: string, connection: CrmConnectionInfo | null): CrmWebhookEvent[] | { problem: string };
}

export interface SettingsProblem {
  path: string;
  message: string;
}
