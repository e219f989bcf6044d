/**
 * Monday's error bodies (API 2025-01 and later): `{ errors: [{ message, locations?, path?,
 * extensions: { code, status_code?, error_data?, ... } }], extensions: { request_id } }`.
 * Application errors come with HTTP 200; transport-level refusals (auth, rate limits) with their
 * own status. See developer.monday.com "Error handling".
 */
export interface MondayErrorEntry {
  message: string;
  locations?: ReadonlyArray<{ line: number; column: number }>;
  path?: ReadonlyArray<string | number>;
  extensions: Record<string, unknown>;
}

/**
 * Raised by a resolver: graphql-js records it with its locations and path and the field becomes
 * null (partial data, as Monday answers). `httpStatus` is what the whole response then gets.
 */
export class MondayFieldError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly details: {
      statusCode?: number;
      errorData?: Record<string, unknown>;
      extra?: Record<string, unknown>;
      httpStatus?: number;
    } = {},
  ) {
    super(message);
  }

  get httpStatus(): number {
    return this.details.httpStatus ?? 200;
  }

  extensions(): Record<string, unknown> {
    return {
      code: this.code,
      status_code: this.details.statusCode ?? 200,
      ...(this.details.errorData ? { error_data: this.details.errorData } : {}),
      ...this.details.extra,
    };
  }
}

/** A refusal of the whole request before any field runs: no `data`, one error. */
export class MondayRequestError extends Error {
  constructor(
    readonly httpStatus: number,
    message: string,
    readonly errorExtensions: Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  entry(): MondayErrorEntry {
    return { message: this.message, extensions: this.errorExtensions };
  }
}

/** Missing, unknown, revoked and expired tokens alike (observed live on 2026-01: same body for all). */
export function notAuthenticatedError(): MondayRequestError {
  return new MondayRequestError(401, 'Not authenticated', { code: 'NOT_AUTHENTICATED' });
}

export function userAccessDeniedError(): MondayRequestError {
  return new MondayRequestError(403, 'User is not allowed to use the API', {
    code: 'USER_ACCESS_DENIED',
    status_code: 403,
  });
}

export function minuteLimitError(retryInSeconds: number): MondayRequestError {
  return new MondayRequestError(
    429,
    'Minute limit rate exceeded',
    { code: 'RATE_LIMIT_EXCEEDED', status_code: 429, retry_in_seconds: retryInSeconds },
    { 'Retry-After': String(retryInSeconds) },
  );
}

export function concurrencyLimitError(retryInSeconds: number): MondayRequestError {
  return new MondayRequestError(
    429,
    'Concurrency limit exceeded',
    { code: 'maxConcurrencyExceeded', status_code: 429, retry_in_seconds: retryInSeconds },
    { 'Retry-After': String(retryInSeconds) },
  );
}

export function dailyLimitError(retryInSeconds: number): MondayRequestError {
  return new MondayRequestError(
    200,
    'Daily limit exceeded',
    { code: 'DAILY_LIMIT_EXCEEDED', status_code: 429, retry_in_seconds: retryInSeconds },
    { 'Retry-After': String(retryInSeconds) },
  );
}

/** The 2025-04 format of the budget error (Monday's migration guide shows it verbatim). */
export function complexityBudgetError(input: {
  complexity: number;
  budgetLeft: number;
  budgetLimit: number;
  retryInSeconds: number;
}): MondayRequestError {
  return new MondayRequestError(
    429,
    'Complexity budget exhausted',
    {
      code: 'COMPLEXITY_BUDGET_EXHAUSTED',
      complexity: input.complexity,
      complexity_budget_left: input.budgetLeft,
      complexity_budget_limit: input.budgetLimit,
      retry_in_seconds: input.retryInSeconds,
      status_code: 429,
    },
    { 'Retry-After': String(input.retryInSeconds) },
  );
}

export function maxComplexityError(complexity: number, max: number): MondayRequestError {
  return new MondayRequestError(
    200,
    `Query has complexity of ${complexity}, which exceeds max complexity of ${max}`,
    { code: 'maxComplexityExceeded', complexity, max_complexity: max, status_code: 200 },
  );
}

export function invalidVersionError(version: string): MondayRequestError {
  return new MondayRequestError(200, `The requested API version "${version}" is invalid`, {
    code: 'InvalidVersionException',
    status_code: 200,
    error_data: { version },
  });
}

export function badRequestError(message: string): MondayRequestError {
  return new MondayRequestError(400, message, { code: 'BAD_REQUEST', status_code: 400 });
}

export function internalServerError(status: number, message = 'Internal server error'): MondayRequestError {
  return new MondayRequestError(status, message, {
    code: 'INTERNAL_SERVER_ERROR',
    status_code: status,
  });
}

/** `missingRequiredPermissions`: the token's scopes do not cover the field. */
export function missingScopeError(scope: string): MondayFieldError {
  return new MondayFieldError(
    `Permission Denied! Your token doesn't grant access to ${scope}`,
    'missingRequiredPermissions',
    { errorData: { missing_permissions: [scope] } },
  );
}

export function invalidArgumentError(message: string, errorData?: Record<string, unknown>): MondayFieldError {
  return new MondayFieldError(message, 'InvalidArgumentException', { errorData });
}

export function cursorExpiredError(): MondayFieldError {
  return new MondayFieldError(
    'CursorExpiredError: The cursor provided for pagination has expired. Please refresh your query and obtain a new cursor to continue fetching items',
    'CursorException',
  );
}
