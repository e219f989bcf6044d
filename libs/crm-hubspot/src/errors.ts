import { CrmError, type CrmFieldProblem, crmNetworkError } from '@leadflow/crm';
import {
  asRecord,
  optionalField as optional,
  parseResponseBody as parseBody,
  responseHeader as header,
  type ResponseHeaders,
  stringAt,
} from '@leadflow/crm';

const PROVIDER = 'hubspot';

/** Response headers as a fetch `Headers`, or a plain object (Node / axios style, any key case). */
export type HubSpotResponseHeaders = ResponseHeaders;

export interface HubSpotErrorResponse {
  status: number;
  headers?: HubSpotResponseHeaders;
  /** Parsed JSON, or the raw text (parsed here when it is JSON; HTML error pages are kept as unknown). */
  body: unknown;
  /** What we were doing, e.g. `leads.batchRead`. */
  operation: string;
  /** Epoch ms; needed only to read a `Retry-After` given as an HTTP date. */
  now?: number;
}

/** Used when a 429 has no `Retry-After`: the length of the window the policy counts over. */
export const HUBSPOT_RATE_LIMIT_DEFAULT_WAIT_MS = {
  TEN_SECONDLY_ROLLING: 10_000,
  SECONDLY: 1_000,
  /**
   * The daily cap resets at midnight in the portal's time zone, which we do not know. Instead of a
   * guessed reset time we probe once an hour: at most one wasted call an hour, and calls resume within
   * an hour of the reset wherever the portal is.
   */
  DAILY: 3_600_000,
  /** A 429 with no policy we recognise. */
  UNKNOWN: 10_000,
} as const;

/** A `Retry-After` beyond this is treated as this; a provider bug must not park a connection for weeks. */
export const HUBSPOT_MAX_RETRY_AFTER_MS = 86_400_000;

/**
 * Maps a HubSpot error response to a {@link CrmError} (apis.md, "Rate limits"): 429 by `policyName`,
 * 401 expired vs invalid, 403 missing scopes, 404, 400 validation with per-field details, OAuth token
 * endpoint errors (RFC 6749), 5xx. Pure: no I/O, no clock.
 */
export function parseHubSpotError(response: HubSpotErrorResponse): CrmError {
  const { status, operation } = response;
  const body = asRecord(parseBody(response.body));
  const common = {
    provider: PROVIDER,
    operation,
    status,
    ...optional('providerMessage', stringAt(body, 'message') ?? stringAt(body, 'error_description')),
    ...optional('correlationId', stringAt(body, 'correlationId')),
  };
  const category = stringAt(body, 'category');
  const oauthError = stringAt(body, 'error');

  if (status === 429) {
    const policy = stringAt(body, 'policyName');
    const retryAfter = retryAfterMs(header(response.headers, 'retry-after'), response.now);
    const fallback =
      policy !== undefined && policy in HUBSPOT_RATE_LIMIT_DEFAULT_WAIT_MS
        ? HUBSPOT_RATE_LIMIT_DEFAULT_WAIT_MS[policy as keyof typeof HUBSPOT_RATE_LIMIT_DEFAULT_WAIT_MS]
        : HUBSPOT_RATE_LIMIT_DEFAULT_WAIT_MS.UNKNOWN;
    return new CrmError({
      ...common,
      code: 'RATE_LIMITED',
      retryAfterMs: Math.min(retryAfter ?? fallback, HUBSPOT_MAX_RETRY_AFTER_MS),
      ...optional('policy', policy),
    });
  }

  // OAuth token endpoint (RFC 6749 §5.2, which answers 400, or 401 for client authentication): a bad
  // or revoked refresh token is `invalid_grant`. Other statuses with an `error` member are not OAuth
  // errors (a gateway's `{"error":"Not Found"}` 404 is a 404).
  if (oauthError !== undefined && category === undefined && (status === 400 || status === 401)) {
    if (oauthError === 'invalid_grant') {
      return new CrmError({ ...common, code: 'AUTH_REVOKED', causeCode: oauthError });
    }
    if (oauthError === 'invalid_scope') {
      return new CrmError({
        ...common,
        code: 'INSUFFICIENT_SCOPE',
        missingScopes: [],
        causeCode: oauthError,
      });
    }
    return new CrmError({
      ...common,
      code: 'INVALID_REQUEST',
      fields: [{ field: '', message: stringAt(body, 'error_description') ?? oauthError, code: oauthError }],
      causeCode: oauthError,
    });
  }

  if (status === 401) {
    // Unknown 401s count as expired: the factory refreshes once and, if the retry fails again with
    // 401, fails as auth (apis.md: "refresh once, then fail as auth"). Only an explicit
    // INVALID_AUTHENTICATION (revoked token, uninstalled app, deleted private app) skips the refresh.
    const code = category === 'INVALID_AUTHENTICATION' ? 'AUTH_REVOKED' : 'AUTH_EXPIRED';
    return new CrmError({ ...common, code, ...optional('causeCode', category) });
  }

  if (status === 403) {
    // Any other 403 (e.g. a portal without the Sales Hub tier the Leads object needs) is still a
    // permission the connection lacks: INSUFFICIENT_SCOPE with no scope named.
    return new CrmError({
      ...common,
      code: 'INSUFFICIENT_SCOPE',
      missingScopes: requiredScopes(body),
      ...optional('causeCode', category),
    });
  }

  if (status === 404)
    return new CrmError({ ...common, code: 'NOT_FOUND', ...optional('causeCode', category) });

  if (status === 408 || status === 423 || status >= 500) {
    // 408 request timeout, 423 record locked by a concurrent write, 5xx: worth repeating.
    return new CrmError({ ...common, code: 'TEMPORARY', ...optional('causeCode', category) });
  }

  if (status === 400 || status === 409 || status === 422) {
    return new CrmError({
      ...common,
      code: 'INVALID_REQUEST',
      fields: fieldProblems(body),
      ...optional('causeCode', category),
    });
  }

  return new CrmError({ ...common, code: 'UNKNOWN', ...optional('causeCode', category) });
}

/**
 * A HubSpot call that produced no response (ECONNRESET, ETIMEDOUT, socket hang up, `fetch failed`,
 * timeouts) → TEMPORARY; anything else → UNKNOWN.
 */
export function networkError(err: unknown, context: { operation: string }): CrmError {
  return crmNetworkError(err, { provider: PROVIDER, operation: context.operation });
}

/** `Retry-After` as delay-seconds or an HTTP date (RFC 9110 §10.2.3); `undefined` if absent or unreadable. */
export function retryAfterMs(value: string | undefined, now?: number): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed) * 1000);
  if (now === undefined) return undefined;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Scopes named in a MISSING_SCOPES body: `errors[].context.requiredGranularScopes` / `requiredScopes`. */
function requiredScopes(body: Record<string, unknown> | undefined): string[] {
  const scopes: string[] = [];
  const contexts = [
    asRecord(body?.['context']),
    ...arrayAt(body, 'errors').map((e) => asRecord(e)?.['context']),
  ];
  for (const context of contexts.map(asRecord)) {
    for (const key of ['requiredGranularScopes', 'requiredScopes', 'scopes']) {
      for (const scope of arrayAt(context, key)) if (typeof scope === 'string') scopes.push(scope);
    }
  }
  return [...new Set(scopes)];
}

/**
 * Field problems from a 400. HubSpot reports them two ways: a standard `errors[]` array (`message`,
 * `code`, `in` or `context.propertyName`), and, for property validation on the CRM object APIs, a JSON
 * array embedded in `message` ("Property values were not valid: [{"name":…,"message":…,"error":…}]").
 */
function fieldProblems(body: Record<string, unknown> | undefined): CrmFieldProblem[] {
  const problems: CrmFieldProblem[] = [];
  for (const item of arrayAt(body, 'errors').map(asRecord)) {
    if (item === undefined) continue;
    const context = asRecord(item['context']);
    const propertyName = arrayAt(context, 'propertyName').find((n) => typeof n === 'string');
    problems.push({
      field: stringAt(item, 'in') ?? (typeof propertyName === 'string' ? propertyName : ''),
      message: stringAt(item, 'message') ?? 'invalid',
      ...optional('code', stringAt(item, 'code') ?? stringAt(item, 'subCategory')),
    });
  }
  if (problems.length > 0) return problems;

  const message = stringAt(body, 'message') ?? '';
  const start = message.indexOf('[');
  if (start >= 0) {
    try {
      const embedded: unknown = JSON.parse(message.slice(start, message.lastIndexOf(']') + 1));
      if (Array.isArray(embedded)) {
        for (const item of embedded.map(asRecord)) {
          if (item === undefined || item['isValid'] === true) continue;
          problems.push({
            field: stringAt(item, 'name') ?? '',
            message: stringAt(item, 'message') ?? 'invalid',
            ...optional('code', stringAt(item, 'error')),
          });
        }
      }
    } catch {
      // Not embedded JSON: the message alone describes the problem.
    }
  }
  return problems;
}

function arrayAt(record: Record<string, unknown> | undefined, key: string): unknown[] {
  const value = record?.[key];
  return Array.isArray(value) ? (value as unknown[]) : [];
}
