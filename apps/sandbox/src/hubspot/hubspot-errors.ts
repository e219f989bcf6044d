/**
 * HubSpot's error bodies. A handler throws a `HubSpotError`; the HTTP layer adds the
 * correlation id and writes `{ status: "error", message, correlationId, category, ... }`.
 */
export class HubSpotError extends Error {
  constructor(
    readonly httpStatus: number,
    message: string,
    readonly category: string | undefined,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  body(correlationId: string): Record<string, unknown> {
    return {
      status: 'error',
      message: this.message,
      correlationId,
      ...(this.category ? { category: this.category } : {}),
      ...this.extra,
    };
  }
}

export function validationError(message: string, extra: Record<string, unknown> = {}): HubSpotError {
  return new HubSpotError(400, message, 'VALIDATION_ERROR', extra);
}

export function notFoundError(message = 'resource not found'): HubSpotError {
  return new HubSpotError(404, message, 'OBJECT_NOT_FOUND');
}

/** The body HubSpot sends for a missing or unknown bearer token. */
export function invalidAuthenticationError(): HubSpotError {
  return new HubSpotError(
    401,
    'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview',
    'INVALID_AUTHENTICATION',
  );
}

export function expiredAuthenticationError(secondsAgo: number): HubSpotError {
  return new HubSpotError(
    401,
    `The OAuth token used to make this call expired ${secondsAgo} second(s) ago.`,
    'EXPIRED_AUTHENTICATION',
  );
}

export type RateLimitPolicy = 'TEN_SECONDLY_ROLLING' | 'SECONDLY' | 'DAILY';

const RATE_LIMIT_MESSAGES: Record<RateLimitPolicy, string> = {
  TEN_SECONDLY_ROLLING: 'You have reached your ten_secondly_rolling limit.',
  SECONDLY: 'You have reached your secondly limit.',
  DAILY: 'You have reached your daily limit.',
};

/** 429 bodies carry `errorType` and `policyName` instead of `category`. */
export function rateLimitError(policy: RateLimitPolicy, headers: Record<string, string> = {}): HubSpotError {
  return new HubSpotError(
    429,
    RATE_LIMIT_MESSAGES[policy],
    undefined,
    { errorType: 'RATE_LIMIT', policyName: policy },
    headers,
  );
}

export function internalError(status: number): HubSpotError {
  return new HubSpotError(status, 'internal error', 'INTERNAL_ERROR');
}
