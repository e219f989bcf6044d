/**
 * HubSpot response bodies as JSON, the part of them the adapter reads. SDK results are turned into
 * plain JSON first ({@link plainJson}), so recorded payloads and live responses take the same path.
 */

/** `SimplePublicObject` (v3 objects, batch read, search). */
export interface HubSpotObjectJson {
  id: string;
  properties: Record<string, string | null>;
  createdAt?: string;
  updatedAt?: string;
  archived?: boolean;
  [key: string]: unknown;
}

/** One entry of a batch response's `errors` (207 Multi-Status), or a whole-request error body. */
export interface HubSpotBatchErrorJson {
  status?: string;
  category?: string;
  subCategory?: string;
  message?: string;
  correlationId?: string;
  context?: Record<string, unknown>;
  errors?: { message?: string; code?: string; in?: string; context?: Record<string, unknown> }[];
}

export interface HubSpotBatchJson<T> {
  status?: string;
  results: T[];
  errors?: HubSpotBatchErrorJson[];
  numErrors?: number;
}

/** One `from` of a v4 association batch read. `toObjectId` is a number on the wire despite the SDK's type. */
export interface HubSpotAssociationsJson {
  from: { id: string };
  to: {
    toObjectId: string | number;
    associationTypes: { category?: string; typeId: number; label?: string | null }[];
  }[];
  paging?: unknown;
}

export interface HubSpotSearchPageJson {
  total?: number;
  results: HubSpotObjectJson[];
  paging?: { next?: { after?: string } };
}

export interface HubSpotOwnerJson {
  id: string;
  email?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  userId?: number | null;
  archived?: boolean;
  teams?: { id: string; name?: string; primary?: boolean }[];
}

export interface HubSpotOwnersPageJson {
  results: HubSpotOwnerJson[];
  paging?: { next?: { after?: string } };
}

export interface HubSpotPropertyOptionJson {
  label: string;
  value: string;
  displayOrder?: number;
  hidden?: boolean;
}

export interface HubSpotPropertyJson {
  name: string;
  label: string;
  type: string;
  fieldType?: string;
  hidden?: boolean;
  options?: HubSpotPropertyOptionJson[];
}

export interface HubSpotPipelineJson {
  id: string;
  label: string;
  archived?: boolean;
  stages: { id: string; label: string; archived?: boolean; metadata?: Record<string, string | number> }[];
}

export interface HubSpotAccountDetailsJson {
  portalId: number | string;
  /** Only in newer API versions (2027-03 beta). */
  portalName?: string;
}

/** `GET /oauth/v1/access-tokens/{token}` (the SDK camel-cases it) and the private-app token info. */
/** `POST /oauth/v3/token/introspect` (RFC 7662 style, snake_case). */
export interface HubSpotIntrospectionJson {
  active?: boolean;
  hub_id?: number;
  hub_domain?: string;
  scopes?: string[];
}

export interface HubSpotTokenInfoJson {
  hubId?: number;
  scopes?: string[];
  hubDomain?: string;
}

/** Wire names the SDK's models rename because they are reserved words (`from` → `_from`, ...). */
const SDK_RENAMED_KEYS: Readonly<Record<string, string>> = { _from: 'from', _in: 'in', _new: 'new' };

/**
 * The SDK's model instances (class instances with `Date` fields, numbers where it declares strings,
 * reserved words renamed) as the JSON HubSpot sent: dates back to ISO strings, wire names restored.
 * Members the SDK's models do not declare were dropped by the SDK and stay dropped.
 */
export function plainJson<T>(value: unknown): T {
  return restoreWireNames(JSON.parse(JSON.stringify(value) ?? 'null')) as T;
}

function restoreWireNames(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(restoreWireNames);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => [SDK_RENAMED_KEYS[key] ?? key, restoreWireNames(child)]),
  );
}
