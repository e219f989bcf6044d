/**
 * The CRM error taxonomy (style guide, practice 4). Every adapter maps its provider's failures onto these
 * few codes; the integration factory decides retry, circuit breaking and re-authorisation from the code
 * alone, never from a provider's status or message.
 */

export const CRM_ERROR_CODES = [
  'RATE_LIMITED',
  'TEMPORARY',
  'AUTH_EXPIRED',
  'AUTH_REVOKED',
  'INSUFFICIENT_SCOPE',
  'NOT_FOUND',
  'INVALID_REQUEST',
  'UNKNOWN',
] as const;

export type CrmErrorCode = (typeof CRM_ERROR_CODES)[number];

/** One field-level problem reported by the provider (for example a property value it refused). */
export interface CrmFieldProblem {
  /** The provider's field or property name; `''` when the provider names none. */
  field: string;
  message: string;
  /** The provider's machine-readable code for this problem, when it gives one. */
  code?: string;
}

/** Code-specific data: the union is discriminated on `code`, so callers narrow before reading extras. */
export type CrmErrorDetails =
  | {
      code: 'RATE_LIMITED';
      /** How long to wait before the next call on this connection (already honours `Retry-After`). */
      retryAfterMs: number;
      /** The provider's name for the exhausted budget, e.g. HubSpot's `TEN_SECONDLY_ROLLING`. */
      policy?: string;
    }
  | { code: 'TEMPORARY' }
  | { code: 'AUTH_EXPIRED' }
  | { code: 'AUTH_REVOKED' }
  | { code: 'INSUFFICIENT_SCOPE'; missingScopes: readonly string[] }
  | { code: 'NOT_FOUND' }
  | { code: 'INVALID_REQUEST'; fields: readonly CrmFieldProblem[] }
  | { code: 'UNKNOWN' };

/** What the resilience layer does with an error of a given code. Data, so it is tested and documented once. */
export interface CrmErrorPolicy {
  /** Worth trying again later (after `retryAfterMs` for RATE_LIMITED, with backoff for TEMPORARY). */
  retryable: boolean;
  /**
   * Counts as a failure for the per-connection circuit breaker. Only TEMPORARY does: the breaker exists
   * to stop hammering a provider that is down. A 429 (RATE_LIMITED) means the provider is up and has
   * told us exactly when to come back, which the rate limiter honours; counting it would open the
   * breaker on a healthy provider and turn a short, precise wait into a long, blind one. Auth, scope,
   * not-found and validation failures are about the request or the connection, not provider health.
   */
  countsForBreaker: boolean;
  /** Refresh the credentials once and repeat the call before giving up (a 401 on an expired token). */
  refreshCredentials: boolean;
  /** An admin must reconnect (or grant more scopes) before this connection can work again. */
  needsReauthorization: boolean;
}

const POLICIES: Readonly<Record<CrmErrorCode, CrmErrorPolicy>> = {
  RATE_LIMITED: {
    retryable: true,
    countsForBreaker: false,
    refreshCredentials: false,
    needsReauthorization: false,
  },
  TEMPORARY: {
    retryable: true,
    countsForBreaker: true,
    refreshCredentials: false,
    needsReauthorization: false,
  },
  AUTH_EXPIRED: {
    retryable: false,
    countsForBreaker: false,
    refreshCredentials: true,
    needsReauthorization: false,
  },
  AUTH_REVOKED: {
    retryable: false,
    countsForBreaker: false,
    refreshCredentials: false,
    needsReauthorization: true,
  },
  INSUFFICIENT_SCOPE: {
    retryable: false,
    countsForBreaker: false,
    refreshCredentials: false,
    needsReauthorization: true,
  },
  NOT_FOUND: {
    retryable: false,
    countsForBreaker: false,
    refreshCredentials: false,
    needsReauthorization: false,
  },
  INVALID_REQUEST: {
    retryable: false,
    countsForBreaker: false,
    refreshCredentials: false,
    needsReauthorization: false,
  },
  UNKNOWN: {
    retryable: false,
    countsForBreaker: false,
    refreshCredentials: false,
    needsReauthorization: false,
  },
};

export function crmErrorPolicy(code: CrmErrorCode): CrmErrorPolicy {
  return POLICIES[code];
}

export type CrmErrorInit = CrmErrorDetails & {
  /** Registry name of the provider, e.g. `hubspot`. */
  provider: string;
  /** What we were doing, e.g. `leads.batchRead`; used in messages, spans and metrics. */
  operation: string;
  /** HTTP status of the provider's response, when there was one. */
  status?: number;
  /** The provider's own message. It is redacted and shortened before it becomes part of `message`. */
  providerMessage?: string;
  /** The provider's request id (HubSpot `correlationId`), for support tickets. */
  correlationId?: string;
  /** A machine code from the underlying failure (`ECONNRESET`, `invalid_grant`, …); never a message. */
  causeCode?: string;
};

const MAX_PROVIDER_MESSAGE_LENGTH = 300;

/**
 * A failed CRM call. Deliberately keeps no reference to the original error or response: HTTP client
 * errors carry request headers (the bearer token) and bodies, and this object travels into logs, traces,
 * job failure reasons and API responses. Everything it holds is safe to show an operator.
 */
export class CrmError extends Error {
  readonly code: CrmErrorCode;
  readonly details: CrmErrorDetails;
  readonly provider: string;
  readonly operation: string;
  readonly status: number | undefined;
  readonly correlationId: string | undefined;
  readonly causeCode: string | undefined;
  /** The provider's message after redaction (see {@link redactSecrets}). */
  readonly providerMessage: string | undefined;

  constructor(init: CrmErrorInit) {
    const providerMessage =
      init.providerMessage === undefined ? undefined : safeProviderMessage(init.providerMessage);
    super(describe(init, providerMessage));
    this.name = 'CrmError';
    this.code = init.code;
    this.details = detailsOf(init);
    this.provider = init.provider;
    this.operation = init.operation;
    this.status = init.status;
    this.correlationId = init.correlationId;
    this.causeCode = init.causeCode;
    this.providerMessage = providerMessage;
  }

  get retryable(): boolean {
    return POLICIES[this.code].retryable;
  }

  get countsForBreaker(): boolean {
    return POLICIES[this.code].countsForBreaker;
  }

  get policy(): CrmErrorPolicy {
    return POLICIES[this.code];
  }

  /** Milliseconds to wait for RATE_LIMITED; `undefined` for every other code. */
  get retryAfterMs(): number | undefined {
    return this.details.code === 'RATE_LIMITED' ? this.details.retryAfterMs : undefined;
  }

  /** Missing scopes for INSUFFICIENT_SCOPE (possibly empty when the provider names none); else `[]`. */
  get missingScopes(): readonly string[] {
    return this.details.code === 'INSUFFICIENT_SCOPE' ? this.details.missingScopes : [];
  }

  /** Field problems for INVALID_REQUEST; else `[]`. */
  get fields(): readonly CrmFieldProblem[] {
    return this.details.code === 'INVALID_REQUEST' ? this.details.fields : [];
  }

  /** What logs, job failure reasons and API responses may show. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      ...this.details,
      provider: this.provider,
      operation: this.operation,
      status: this.status,
      retryable: this.retryable,
      correlationId: this.correlationId,
      causeCode: this.causeCode,
    };
  }
}

export function isCrmError(value: unknown): value is CrmError {
  return value instanceof CrmError;
}

function detailsOf(init: CrmErrorInit): CrmErrorDetails {
  switch (init.code) {
    case 'RATE_LIMITED':
      return {
        code: init.code,
        retryAfterMs: Math.max(0, Math.ceil(init.retryAfterMs)),
        ...(init.policy === undefined ? {} : { policy: init.policy }),
      };
    case 'INSUFFICIENT_SCOPE':
      return { code: init.code, missingScopes: Object.freeze([...new Set(init.missingScopes)]) };
    case 'INVALID_REQUEST':
      return {
        code: init.code,
        fields: Object.freeze(
          init.fields.map((f) => ({
            ...f,
            field: redactSecrets(f.field),
            message: safeProviderMessage(f.message),
          })),
        ),
      };
    case 'TEMPORARY':
    case 'AUTH_EXPIRED':
    case 'AUTH_REVOKED':
    case 'NOT_FOUND':
    case 'UNKNOWN':
      return { code: init.code };
  }
}

const SUMMARIES: Readonly<Record<CrmErrorCode, string>> = {
  RATE_LIMITED: 'rate limited',
  TEMPORARY: 'temporary failure',
  AUTH_EXPIRED: 'access token expired',
  AUTH_REVOKED: 'authorization revoked or invalid',
  INSUFFICIENT_SCOPE: 'insufficient scope',
  NOT_FOUND: 'not found',
  INVALID_REQUEST: 'invalid request',
  UNKNOWN: 'unexpected error',
};

function describe(init: CrmErrorInit, providerMessage: string | undefined): string {
  const parts = [`${init.provider} ${init.operation}: ${SUMMARIES[init.code]}`];
  if (init.status !== undefined) parts.push(`(HTTP ${init.status})`);
  if (init.code === 'RATE_LIMITED') {
    parts.push(`retry after ${Math.max(0, Math.ceil(init.retryAfterMs))} ms`);
  }
  if (init.code === 'INSUFFICIENT_SCOPE' && init.missingScopes.length > 0) {
    parts.push(`missing ${[...new Set(init.missingScopes)].join(', ')}`);
  }
  if (init.causeCode !== undefined) parts.push(`[${redactSecrets(init.causeCode)}]`);
  let message = parts.join(' ');
  if (providerMessage !== undefined && providerMessage !== '') message += ` — ${providerMessage}`;
  return message;
}

function safeProviderMessage(text: string): string {
  const redacted = redactSecrets(text).replace(/\s+/g, ' ').trim();
  return redacted.length > MAX_PROVIDER_MESSAGE_LENGTH
    ? `${redacted.slice(0, MAX_PROVIDER_MESSAGE_LENGTH - 1)}…`
    : redacted;
}

const REDACTED = '[redacted]';

/**
 * Removes anything that looks like a credential from provider-supplied text before it is kept:
 * `Bearer …`, `access_token=…`-style parameters and JSON members, OAuth `?code=` query parameters, HubSpot private-app tokens
 * (`pat-…`), JWTs, and any other unbroken run of 40+ token characters (UUIDs, 36 characters, survive).
 */
export function redactSecrets(text: string): string {
  return text
    .replace(/\b(Bearer|Basic)\s+[^\s"',;]+/gi, `$1 ${REDACTED}`)
    .replace(
      /(["']?)(access_token|refresh_token|id_token|client_secret|token|api_key|apikey|hapikey|password)\1(\s*[:=]\s*)(["']?)[^\s"'&,;}]+\4/gi,
      `$1$2$1$3$4${REDACTED}$4`,
    )
    .replace(/([?&]code=)[^&\s"']+/gi, `$1${REDACTED}`)
    .replace(/\bpat-[a-z0-9]+-[A-Za-z0-9-]+/gi, REDACTED)
    .replace(/\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, REDACTED)
    .replace(/[A-Za-z0-9_\-+/=.]{40,}/g, REDACTED);
}
