import { CrmError, type CrmErrorCode, type CrmFieldProblem, crmNetworkError } from '@leadflow/crm';
import {
  asRecord,
  optionalField as optional,
  parseResponseBody as parseBody,
  responseHeader as header,
  type ResponseHeaders,
  stringAt,
} from '@leadflow/crm';

const PROVIDER = 'monday';

/** Response headers as a fetch `Headers`, or a plain object (any key case). */
export type MondayResponseHeaders = ResponseHeaders;

/**
 * How the credentials of the failed call expire. Decides what a 401 means: an expiring OAuth access
 * token (a JWT with `exp`) is worth one refresh; a personal API token or a legacy app token cannot be
 * refreshed, so a 401 means reconnect.
 */
export type MondayCredentialKind = 'expiring' | 'static';

export interface MondayErrorResponse {
  /** HTTP status; Monday answers application errors with 200 and an `errors` array. */
  status: number;
  headers?: MondayResponseHeaders;
  /** Parsed JSON, or the raw text (parsed here when it is JSON; HTML error pages are kept as unknown). */
  body: unknown;
  /** What we were doing, e.g. `items.read`. */
  operation: string;
  credential?: MondayCredentialKind;
  /** Epoch ms; needed for a `Retry-After` HTTP date and for the daily cap's reset at midnight UTC. */
  now?: number;
}

/** Monday's names for its budgets, kept as the RATE_LIMITED `policy`. */
export type MondayRateLimitPolicy = 'complexity' | 'minute' | 'daily' | 'concurrency' | 'ip';

/**
 * Waits used when a rate-limit error carries neither `retry_in_seconds` nor `Retry-After` (Monday
 * says every one does; these cover one that does not).
 */
export const MONDAY_RATE_LIMIT_DEFAULT_WAIT_MS: Readonly<Record<MondayRateLimitPolicy, number>> = {
  /** The per-minute complexity budget is a sliding 60 s window. */
  complexity: 60_000,
  minute: 60_000,
  /** Replaced by the time to midnight UTC (when the cap resets) whenever the clock is known. */
  daily: 3_600_000,
  /** A slot frees as soon as one of the account's in-flight requests ends. */
  concurrency: 1_000,
  /** 5,000 requests per 10 s per IP. */
  ip: 10_000,
};

/** A wait beyond this is treated as this; a provider bug must not park a connection for weeks. */
export const MONDAY_MAX_RETRY_AFTER_MS = 86_400_000;

/** One error of a response, whichever of Monday's formats it came in. */
interface MondayErrorEntry {
  message: string;
  /** `extensions.code` (2025-01+), `error_code` (older versions), absent for some GraphQL errors. */
  code?: string;
  /** `extensions.status_code` or `status_code`: the HTTP status Monday would give the error. */
  statusCode?: number;
  retryInSeconds?: number;
  errorData?: Record<string, unknown>;
  /** The GraphQL path (`["me","photo_thumb"]`) or the legacy `fields`. */
  path?: string[];
  requestId?: string;
}

/** What one entry means, before entries are ranked against each other. */
type Classified =
  | { code: 'RATE_LIMITED'; policy: MondayRateLimitPolicy; entry: MondayErrorEntry }
  | { code: Exclude<CrmErrorCode, 'RATE_LIMITED'>; entry: MondayErrorEntry };

const RATE_LIMIT_CODES: Readonly<Record<string, MondayRateLimitPolicy>> = {
  COMPLEXITY_BUDGET_EXHAUSTED: 'complexity',
  COMPLEXITYEXCEPTION: 'complexity',
  DAILY_LIMIT_EXCEEDED: 'daily',
  MAXCONCURRENCYEXCEEDED: 'concurrency',
  CONCURRENCY_LIMIT_EXCEEDED: 'concurrency',
  RATE_LIMIT_EXCEEDED: 'minute',
  MINUTE_LIMIT_EXCEEDED: 'minute',
  IP_RATE_LIMIT_EXCEEDED: 'ip',
};

/** Rate limits named only in the message (the minute limit's documented text has no code). */
const RATE_LIMIT_MESSAGES: readonly (readonly [RegExp, MondayRateLimitPolicy])[] = [
  [/complexity budget exhausted/i, 'complexity'],
  [/daily limit/i, 'daily'],
  [/concurrency limit/i, 'concurrency'],
  [/ip rate limit/i, 'ip'],
  [/minute limit rate exceeded|rate limit exceeded/i, 'minute'],
];

/** Codes (upper-cased) by what they mean; see the fixtures' `_source` for which are verified. */
const CODE_MEANINGS: Readonly<Record<string, Exclude<CrmErrorCode, 'RATE_LIMITED'>>> = {
  API_TEMPORARILY_BLOCKED: 'TEMPORARY',
  INTERNAL_SERVER_ERROR: 'TEMPORARY',
  IDEMPOTENCY_CONFLICT: 'TEMPORARY',
  RESOURCELOCKEDEXCEPTION: 'TEMPORARY',
  USERUNAUTHORIZEDEXCEPTION: 'INSUFFICIENT_SCOPE',
  USER_UNAUTHORIZED: 'INSUFFICIENT_SCOPE',
  MISSINGREQUIREDPERMISSIONS: 'INSUFFICIENT_SCOPE',
  UNAUTHORIZED_FIELD_OR_TYPE: 'INSUFFICIENT_SCOPE',
  FORBIDDEN: 'INSUFFICIENT_SCOPE',
  // The user cannot use the API at all (deactivated, view-only, unconfirmed e-mail): another user must connect.
  USER_ACCESS_DENIED: 'AUTH_REVOKED',
  RESOURCENOTFOUNDEXCEPTION: 'NOT_FOUND',
  INVALIDBOARDIDEXCEPTION: 'NOT_FOUND',
  INVALIDITEMIDEXCEPTION: 'NOT_FOUND',
  ITEMNOTFOUNDEXCEPTION: 'NOT_FOUND',
  NOT_FOUND: 'NOT_FOUND',
  INVALIDARGUMENTEXCEPTION: 'INVALID_REQUEST',
  COLUMNVALUEEXCEPTION: 'INVALID_REQUEST',
  INVALIDCOLUMNIDEXCEPTION: 'INVALID_REQUEST',
  INVALIDUSERIDEXCEPTION: 'INVALID_REQUEST',
  CORRECTEDVALUEEXCEPTION: 'INVALID_REQUEST',
  ITEMNAMETOOLONGEXCEPTION: 'INVALID_REQUEST',
  ITEMSLIMITATIONEXCEPTION: 'INVALID_REQUEST',
  RECORDINVALIDEXCEPTION: 'INVALID_REQUEST',
  JSONPARSEEXCEPTION: 'INVALID_REQUEST',
  INVALIDVERSIONEXCEPTION: 'INVALID_REQUEST',
  CREATEBOARDEXCEPTION: 'INVALID_REQUEST',
  DELETELASTGROUPEXCEPTION: 'INVALID_REQUEST',
  // A page cursor past its 60 minutes: the listing restarts its window (change-cursor.ts).
  CURSOREXCEPTION: 'INVALID_REQUEST',
  // One query over the 5M-point cap: the same query would fail again.
  MAXCOMPLEXITYEXCEEDED: 'INVALID_REQUEST',
  BAD_REQUEST: 'INVALID_REQUEST',
  GRAPHQL_VALIDATION_FAILED: 'INVALID_REQUEST',
  GRAPHQL_PARSE_FAILED: 'INVALID_REQUEST',
  BAD_USER_INPUT: 'INVALID_REQUEST',
  UNDEFINEDFIELD: 'INVALID_REQUEST',
  ARGUMENTLITERALSINCOMPATIBLE: 'INVALID_REQUEST',
  VARIABLEMISMATCH: 'INVALID_REQUEST',
};

/** GraphQL validation messages from servers that give no code (graphql-ruby and graphql-js wordings). */
const VALIDATION_MESSAGES = [
  /^parse error on/i,
  /doesn't exist on type/i,
  /^cannot query field/i,
  /^variable .* (of type|is declared|was provided)/i,
  /^argument '.*' on field/i,
  /^unknown argument/i,
  /^field '.*' (is missing|has an argument conflict)/i,
  /^expected type/i,
  /^syntax error/i,
  /cursorexpirederror|cursor .*has expired/i,
];

/**
 * When several errors come back together, the one reported is the one that decides what to do next:
 * a rate limit means nothing was run; auth problems stop the connection; then permanent request
 * problems, which a retry would only repeat; temporary ones last.
 */
const PRECEDENCE: readonly CrmErrorCode[] = [
  'RATE_LIMITED',
  'AUTH_REVOKED',
  'AUTH_EXPIRED',
  'INSUFFICIENT_SCOPE',
  'INVALID_REQUEST',
  'NOT_FOUND',
  'TEMPORARY',
  'UNKNOWN',
];

/**
 * Maps a failed Monday response to a {@link CrmError}: a non-2xx answer, or a 200 whose body carries
 * errors (Monday reports application errors that way). Reads the 2025-01+ format
 * (`errors[].extensions.code`), the older ones (`error_code`/`error_message`, `errors` as strings)
 * and RFC 6749 token-endpoint errors. Pure: no I/O, no clock.
 */
export function parseMondayError(response: MondayErrorResponse): CrmError {
  const { status, operation } = response;
  const parsed = parseBody(response.body);
  const body = asRecord(parsed);
  const oauthError = stringAt(body, 'error');

  if (oauthError !== undefined && !Array.isArray(body?.['errors']) && status >= 400 && status < 500) {
    return oauthFailure(oauthError, stringAt(body, 'error_description'), status, operation);
  }

  const entries = errorEntries(parsed);
  const classified = entries.map((entry) => classify(entry, status, response.credential));
  if (classified.length === 0) classified.push(classifyStatusOnly(status, response.credential));
  const winner = PRECEDENCE.flatMap((code) => classified.filter((c) => c.code === code))[0];
  // `classified` is never empty, so neither is the ranking.
  const chosen = winner ?? classifyStatusOnly(status, response.credential);
  const sameCode = classified.filter((c) => c.code === chosen.code);

  const common = {
    provider: PROVIDER,
    operation,
    status,
    ...optional('providerMessage', providerMessage(sameCode.map((c) => c.entry))),
    // Monday puts a `request_id` in every response's top-level `extensions`, for its support.
    ...optional(
      'correlationId',
      chosen.entry.requestId ??
        stringAt(asRecord(body?.['extensions']), 'request_id') ??
        stringAt(body, 'request_id'),
    ),
    ...optional('causeCode', chosen.entry.code),
  };

  switch (chosen.code) {
    case 'RATE_LIMITED':
      return new CrmError({
        ...common,
        code: 'RATE_LIMITED',
        retryAfterMs: rateLimitWait(chosen.policy, chosen.entry, body, response),
        policy: chosen.policy,
      });
    case 'INSUFFICIENT_SCOPE':
      return new CrmError({
        ...common,
        code: 'INSUFFICIENT_SCOPE',
        missingScopes: sameCode.flatMap((c) => scopesNamedBy(c.entry)),
      });
    case 'INVALID_REQUEST':
      return new CrmError({
        ...common,
        code: 'INVALID_REQUEST',
        fields: sameCode.map((c) => fieldProblem(c.entry)),
      });
    case 'TEMPORARY':
    case 'AUTH_EXPIRED':
    case 'AUTH_REVOKED':
    case 'NOT_FOUND':
    case 'UNKNOWN':
      return new CrmError({ ...common, code: chosen.code });
  }
}

/** True when a 2xx GraphQL answer carries errors, which makes it a failure however much data came too. */
export function hasMondayErrors(body: unknown): boolean {
  return errorEntries(body).length > 0;
}

/**
 * A Monday call that produced no response (ECONNRESET, ETIMEDOUT, `fetch failed`, timeouts) →
 * TEMPORARY; anything else → UNKNOWN.
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

function oauthFailure(
  error: string,
  description: string | undefined,
  status: number,
  operation: string,
): CrmError {
  const common = {
    provider: PROVIDER,
    operation,
    status,
    causeCode: error,
    ...optional('providerMessage', description),
  };
  // A refresh token that was rotated away, revoked or expired, or a consumed code: reconnect.
  if (error === 'invalid_grant') return new CrmError({ ...common, code: 'AUTH_REVOKED' });
  if (error === 'invalid_scope')
    return new CrmError({ ...common, code: 'INSUFFICIENT_SCOPE', missingScopes: [] });
  return new CrmError({
    ...common,
    code: 'INVALID_REQUEST',
    fields: [{ field: '', message: description ?? error, code: error }],
  });
}

function errorEntries(parsed: unknown): MondayErrorEntry[] {
  const body = asRecord(parsed);
  if (body === undefined) return [];
  const entries: MondayErrorEntry[] = [];
  const errors = body['errors'];
  if (Array.isArray(errors)) {
    for (const item of errors as unknown[]) {
      if (typeof item === 'string' && item !== '') {
        entries.push({ message: item });
        continue;
      }
      const error = asRecord(item);
      if (error === undefined) continue;
      const extensions = asRecord(error['extensions']);
      const path = stringArray(error['path']) ?? stringArray(error['fields']);
      entries.push({
        message: stringAt(error, 'message') ?? '',
        ...optional('code', stringAt(extensions, 'code') ?? stringAt(error, 'code')),
        ...optional('statusCode', numberAt(extensions, 'status_code')),
        ...optional(
          'retryInSeconds',
          numberAt(extensions, 'retry_in_seconds') ?? numberAt(error, 'retry_in_seconds'),
        ),
        ...optional('errorData', asRecord(extensions?.['error_data'])),
        ...optional('path', path),
        ...optional('requestId', stringAt(extensions, 'request_id')),
      });
    }
  }
  // Versions before 2025-01: `{error_code, status_code, error_message, error_data}` beside or instead of `errors`.
  const legacyCode = stringAt(body, 'error_code');
  const legacyMessage = stringAt(body, 'error_message');
  if (legacyCode !== undefined || legacyMessage !== undefined) {
    const legacy: MondayErrorEntry = {
      message: legacyMessage ?? '',
      ...optional('code', legacyCode),
      ...optional('statusCode', numberAt(body, 'status_code')),
      ...optional('retryInSeconds', numberAt(body, 'retry_in_seconds')),
      ...optional('errorData', asRecord(body['error_data'])),
    };
    // The legacy complexity error repeats its message in `errors`; one entry is enough.
    const duplicates = entries.filter((e) => e.code === undefined && e.message === legacy.message);
    return [legacy, ...entries.filter((e) => !duplicates.includes(e))];
  }
  return entries;
}

function classify(
  entry: MondayErrorEntry,
  httpStatus: number,
  credential: MondayCredentialKind | undefined,
): Classified {
  const code = entry.code?.toUpperCase();
  const byCode = code === undefined ? undefined : RATE_LIMIT_CODES[code];
  if (byCode !== undefined) return { code: 'RATE_LIMITED', policy: byCode, entry };
  const status = entry.statusCode ?? (httpStatus >= 400 ? httpStatus : undefined);
  if (
    status === 401 ||
    /^not authenticated/i.test(entry.message) ||
    code === 'UNAUTHENTICATED' ||
    code === 'NOT_AUTHENTICATED'
  ) {
    return { code: unauthenticated(entry.message, credential), entry };
  }
  const meaning = code === undefined ? undefined : CODE_MEANINGS[code];
  if (meaning !== undefined) return { code: meaning, entry };
  // The minute limit's documented form is a message ("Minute limit rate exceeded"), not a code.
  const byMessage = RATE_LIMIT_MESSAGES.find(([pattern]) => pattern.test(entry.message))?.[1];
  if (byMessage !== undefined) return { code: 'RATE_LIMITED', policy: byMessage, entry };
  if (/resource is currently locked/i.test(entry.message)) return { code: 'TEMPORARY', entry };
  if (VALIDATION_MESSAGES.some((pattern) => pattern.test(entry.message))) {
    return { code: 'INVALID_REQUEST', entry };
  }
  if (status !== undefined) return { ...classifyStatusOnly(status, credential), entry };
  return { code: 'UNKNOWN', entry };
}

/**
 * A 401. An expiring OAuth token is refreshed once and the call repeated (the factory's
 * AUTH_EXPIRED), unless Monday says the cause is something a refresh cannot fix. A token that does
 * not expire cannot be refreshed: reconnect. Without knowing the token, only an explicit "expired"
 * earns a refresh. See docs/providers/monday.md ("Errors").
 */
function unauthenticated(
  message: string,
  credential: MondayCredentialKind | undefined,
): 'AUTH_EXPIRED' | 'AUTH_REVOKED' {
  if (/ip is restricted|revoked|uninstalled|deactivated/i.test(message)) return 'AUTH_REVOKED';
  if (credential === 'expiring') return 'AUTH_EXPIRED';
  if (credential === 'static') return 'AUTH_REVOKED';
  return /expired/i.test(message) ? 'AUTH_EXPIRED' : 'AUTH_REVOKED';
}

function classifyStatusOnly(status: number, credential: MondayCredentialKind | undefined): Classified {
  const entry: MondayErrorEntry = { message: '' };
  if (status === 429) return { code: 'RATE_LIMITED', policy: 'minute', entry };
  if (status === 401) return { code: unauthenticated('', credential), entry };
  if (status === 403) return { code: 'INSUFFICIENT_SCOPE', entry };
  if (status === 404) return { code: 'NOT_FOUND', entry };
  // 408 timeout, 423 board locked by a concurrent update, 5xx: worth repeating.
  if (status === 408 || status === 423 || status >= 500) return { code: 'TEMPORARY', entry };
  if (status === 400 || status === 409 || status === 413 || status === 422) {
    return { code: 'INVALID_REQUEST', entry };
  }
  return { code: 'UNKNOWN', entry };
}

/**
 * How long to wait: Monday's `retry_in_seconds` (every rate-limit error carries it), else
 * `Retry-After`, else the reset the message names (legacy "reset in 3 seconds"), else the policy's
 * default — for the daily cap, until midnight UTC when the clock is known.
 */
function rateLimitWait(
  policy: MondayRateLimitPolicy,
  entry: MondayErrorEntry,
  body: Record<string, unknown> | undefined,
  response: MondayErrorResponse,
): number {
  const seconds = entry.retryInSeconds ?? numberAt(body, 'retry_in_seconds');
  const fromMessage = /reset in (\d+(?:\.\d+)?) seconds?/i.exec(entry.message)?.[1];
  const wait =
    (seconds === undefined ? undefined : Math.ceil(seconds * 1000)) ??
    retryAfterMs(header(response.headers, 'retry-after'), response.now) ??
    (fromMessage === undefined ? undefined : Math.ceil(Number(fromMessage) * 1000)) ??
    (policy === 'daily' && response.now !== undefined
      ? msUntilNextUtcMidnight(response.now)
      : MONDAY_RATE_LIMIT_DEFAULT_WAIT_MS[policy]);
  return Math.min(Math.max(0, wait), MONDAY_MAX_RETRY_AFTER_MS);
}

function msUntilNextUtcMidnight(now: number): number {
  const midnight = new Date(now);
  midnight.setUTCHours(24, 0, 0, 0);
  return midnight.getTime() - now;
}

/** Scopes an error names: a list in `error_data` (names unconfirmed), else `word:read|write` in the message. */
function scopesNamedBy(entry: MondayErrorEntry): string[] {
  const scopes: string[] = [];
  for (const key of [
    'missing_scopes',
    'missingScopes',
    'required_scopes',
    'requiredScopes',
    'scopes',
    'missing_permissions',
    'permissions',
  ]) {
    const value = entry.errorData?.[key];
    const list = typeof value === 'string' ? value.split(/[\s,]+/) : (stringArray(value) ?? []);
    scopes.push(...list.filter((s) => /^[a-z_]+:[a-z_]+$/.test(s)));
  }
  if (scopes.length === 0) scopes.push(...(entry.message.match(/\b[a-z_]+:(?:read|write)\b/g) ?? []));
  return [...new Set(scopes)];
}

/** The field a request problem concerns: the column or argument Monday names, else the GraphQL path. */
function fieldProblem(entry: MondayErrorEntry): CrmFieldProblem {
  const data = entry.errorData;
  const field =
    stringOrNumberAt(data, 'column_id') ??
    stringOrNumberAt(data, 'columnId') ??
    stringOrNumberAt(data, 'argument') ??
    stringOrNumberAt(data, 'item_id') ??
    stringOrNumberAt(data, 'board_id') ??
    stringOrNumberAt(data, 'user_id') ??
    entry.path?.join('.') ??
    '';
  return {
    field,
    message: entry.message === '' ? 'invalid' : entry.message,
    ...optional('code', entry.code),
  };
}

function providerMessage(entries: readonly MondayErrorEntry[]): string | undefined {
  const messages = [...new Set(entries.map((e) => e.message).filter((m) => m !== ''))];
  return messages.length === 0 ? undefined : messages.join('; ');
}

function stringOrNumberAt(record: Record<string, unknown> | undefined, key: string): string | undefined {
  const value = record?.[key];
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function numberAt(record: Record<string, unknown> | undefined, key: string): number | undefined {
  const value = record?.[key];
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value)) return Number(value);
  return undefined;
}

function stringArray(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const strings = (value as unknown[]).flatMap((v) =>
    typeof v === 'string' ? [v] : typeof v === 'number' ? [String(v)] : [],
  );
  return strings.length > 0 ? strings : undefined;
}
