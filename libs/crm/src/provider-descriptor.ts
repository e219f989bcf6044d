/**
 * What Leadflow knows about a CRM provider, as data (style guide, practices 1–2). Callers ask the
 * descriptor ("does it push webhooks?", "what is the search budget?") instead of testing provider names.
 *
 * Base URLs are not part of a descriptor: they come from configuration (`HUBSPOT_API_BASE_URL`, …) so
 * the sandbox can stand in for the real service. Descriptors name which of the two configured bases
 * (`api` or `auth`) a path is relative to.
 */

export const AUTH_KINDS = ['oauth', 'token'] as const;
/** `oauth`: authorization-code flow with refresh. `token`: a static API / private-app token. */
export type AuthKind = (typeof AUTH_KINDS)[number];

export const PROVIDER_CAPABILITIES = ['webhooks', 'search', 'batchWrite', 'ownerWrite'] as const;
export type ProviderCapability = (typeof PROVIDER_CAPABILITIES)[number];
export type ProviderCapabilities = Readonly<Record<ProviderCapability, boolean>>;

/** Which configured base URL a path is relative to. */
export type ProviderBaseUrl = 'api' | 'auth';

export interface ProviderEndpoint {
  base: ProviderBaseUrl;
  /** Starts with `/`. */
  path: string;
}

export interface OAuthFacts {
  authorize: ProviderEndpoint;
  token: ProviderEndpoint & { bodyEncoding: 'form' | 'json' };
  /** Scopes the connection cannot work without; installation fails if the account lacks them. */
  scopes: readonly string[];
  /** Scopes requested when available; features that need them check the granted set. */
  optionalScopes: readonly string[];
  /** How scopes are joined in the authorize URL. */
  scopeSeparator: ' ' | ',';
  /** PKCE (S256) required on the authorize/token exchange. */
  pkce: boolean;
}

/**
 * One rate-limit budget. A connection's limiter keeps one bucket per entry (per connection, shared by
 * all workers); an adapter tags each call with the bucket it spends from.
 */
export interface RateLimitBucket {
  /** `default` for the general budget; other names for separately counted ones (`search`, `daily`). */
  bucket: string;
  /** Requests allowed per `intervalMs`. */
  limit: number;
  intervalMs: number;
  /** Only for connections authenticated this way; absent means every auth kind. */
  authKind?: AuthKind;
  /** Where the figure comes from, for operators reading the provider health page. */
  note?: string;
  /** Every call spends from this bucket as well as from its own (e.g. a daily cap over all APIs). */
  sharedByAllCalls?: boolean;
}

/** An object type Leadflow can route (read new records of, and write an owner back to). */
export interface RoutableObject {
  /** Our name for it, also the provider's API path segment where they agree (`leads`, `contacts`). */
  type: string;
  displayName: string;
  /** The provider's own type id when it has one (HubSpot `0-136`); used to match webhook events. */
  providerTypeId?: string;
  /** Scopes needed to read records of this type. */
  readScopes: readonly string[];
  /** Scopes needed to write the owner back. */
  writeScopes: readonly string[];
}

export interface ProviderDescriptor {
  /** Registry key: lower-case letters, digits and `-` (`hubspot`, `monday`). Stored on connections. */
  name: string;
  displayName: string;
  authKinds: readonly AuthKind[];
  /** Present exactly when `authKinds` includes `oauth`. */
  oauth?: OAuthFacts;
  capabilities: ProviderCapabilities;
  rateLimits: readonly RateLimitBucket[];
  objects: readonly RoutableObject[];
}

export interface DescriptorProblem {
  path: string;
  message: string;
}

export class InvalidProviderDescriptorError extends Error {
  constructor(
    readonly provider: string,
    readonly problems: readonly DescriptorProblem[],
  ) {
    super(
      `provider descriptor "${provider}" is invalid\n` +
        problems.map((p) => `  - ${p.path}: ${p.message}`).join('\n'),
    );
    this.name = 'InvalidProviderDescriptorError';
  }
}

const NAME_PATTERN = /^[a-z][a-z0-9-]*$/;

/** Every problem with a descriptor, with its path; `[]` when it is valid. */
export function providerDescriptorProblems(d: ProviderDescriptor): DescriptorProblem[] {
  const problems: DescriptorProblem[] = [];
  const add = (path: string, message: string): void => {
    problems.push({ path, message });
  };

  if (!NAME_PATTERN.test(d.name))
    add('name', 'must be lower-case letters, digits and "-", starting with a letter');
  if (d.displayName.trim() === '') add('displayName', 'must not be empty');
  if (d.authKinds.length === 0) add('authKinds', 'must list at least one auth kind');
  d.authKinds.forEach((k, i) => {
    if (!AUTH_KINDS.includes(k)) add(`authKinds.${i}`, `unknown auth kind "${String(k)}"`);
  });
  if (new Set(d.authKinds).size !== d.authKinds.length) add('authKinds', 'must not repeat an auth kind');

  const oauth = d.authKinds.includes('oauth');
  if (oauth && d.oauth === undefined) add('oauth', 'is required when authKinds includes "oauth"');
  if (!oauth && d.oauth !== undefined) add('oauth', 'is only allowed when authKinds includes "oauth"');
  if (d.oauth !== undefined) {
    for (const key of ['authorize', 'token'] as const) {
      if (!d.oauth[key].path.startsWith('/')) add(`oauth.${key}.path`, 'must start with "/"');
    }
    const overlap = d.oauth.optionalScopes.filter((s) => d.oauth?.scopes.includes(s));
    if (overlap.length > 0) add('oauth.optionalScopes', `repeats required scopes: ${overlap.join(', ')}`);
  }

  for (const capability of PROVIDER_CAPABILITIES) {
    if (typeof d.capabilities[capability] !== 'boolean')
      add(`capabilities.${capability}`, 'must be true or false');
  }

  const bucketKeys = new Set<string>();
  d.rateLimits.forEach((b, i) => {
    if (b.bucket.trim() === '') add(`rateLimits.${i}.bucket`, 'must not be empty');
    if (!Number.isInteger(b.limit) || b.limit <= 0)
      add(`rateLimits.${i}.limit`, 'must be a positive integer');
    if (!Number.isInteger(b.intervalMs) || b.intervalMs <= 0) {
      add(`rateLimits.${i}.intervalMs`, 'must be a positive integer');
    }
    if (b.authKind !== undefined && !d.authKinds.includes(b.authKind)) {
      add(`rateLimits.${i}.authKind`, `"${b.authKind}" is not one of the provider's auth kinds`);
    }
    const key = `${b.bucket}/${b.authKind ?? '*'}`;
    if (bucketKeys.has(key))
      add(`rateLimits.${i}.bucket`, `duplicate bucket "${b.bucket}" for the same auth kind`);
    bucketKeys.add(key);
  });
  if (!d.rateLimits.some((b) => b.bucket === 'default')) add('rateLimits', 'must include a "default" bucket');

  if (d.objects.length === 0) add('objects', 'must list at least one routable object');
  const types = new Set<string>();
  d.objects.forEach((o, i) => {
    if (o.type.trim() === '') add(`objects.${i}.type`, 'must not be empty');
    if (types.has(o.type)) add(`objects.${i}.type`, `duplicate object type "${o.type}"`);
    types.add(o.type);
  });

  return problems;
}

/**
 * Validates and deep-freezes a descriptor; adapters export the result. Throws
 * {@link InvalidProviderDescriptorError} listing every problem, so a bad descriptor fails at start-up.
 */
export function defineProviderDescriptor<const D extends ProviderDescriptor>(descriptor: D): D {
  const problems = providerDescriptorProblems(descriptor);
  if (problems.length > 0) throw new InvalidProviderDescriptorError(descriptor.name, problems);
  return deepFreeze(descriptor);
}

/**
 * The buckets a connection of this auth kind spends from: entries for that kind win over generic
 * entries of the same bucket name.
 */
export function rateLimitsFor(descriptor: ProviderDescriptor, authKind: AuthKind): RateLimitBucket[] {
  const byBucket = new Map<string, RateLimitBucket>();
  for (const b of descriptor.rateLimits) {
    if (b.authKind === undefined && !byBucket.has(b.bucket)) byBucket.set(b.bucket, b);
  }
  for (const b of descriptor.rateLimits) {
    if (b.authKind === authKind) byBucket.set(b.bucket, b);
  }
  return [...byBucket.values()];
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
