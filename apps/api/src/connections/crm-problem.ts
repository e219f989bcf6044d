import { type CrmError, isCrmError, UnknownProviderError } from '@leadflow/crm';
import { AccountConnectedElsewhereError, OAuthStateError } from '@leadflow/connections';
import { ApiProblem, PROBLEM_TYPES } from '../http/problem';

/**
 * What an admin is told when a CRM refuses or fails a call made on their behalf. CrmError messages
 * are redacted at construction, so they may be shown; tokens never are.
 */
export function crmProblem(error: CrmError, credentialField: string): ApiProblem {
  switch (error.code) {
    case 'AUTH_EXPIRED':
    case 'AUTH_REVOKED':
      return ApiProblem.validation(
        [
          {
            path: credentialField,
            message: 'the CRM rejected these credentials',
            code: 'credentials_rejected',
          },
        ],
        `${error.provider} rejected the credentials (${error.code})`,
      );
    case 'INSUFFICIENT_SCOPE':
      return ApiProblem.validation(
        [
          {
            path: credentialField,
            message: `lacks the scopes ${error.missingScopes.join(', ') || '(not named by the CRM)'}`,
            code: 'insufficient_scope',
          },
        ],
        `${error.provider} says the credentials lack scopes: ${error.missingScopes.join(', ')}`,
      );
    case 'RATE_LIMITED':
    case 'TEMPORARY':
      return new ApiProblem(
        503,
        PROBLEM_TYPES.unavailable,
        'CRM unavailable',
        `${error.provider} did not answer usefully (${error.code}); try again shortly`,
      );
    case 'NOT_FOUND':
    case 'INVALID_REQUEST':
    case 'UNKNOWN':
      return new ApiProblem(
        502,
        PROBLEM_TYPES.http,
        'CRM error',
        `${error.provider} refused ${error.operation}: ${error.message}`,
      );
  }
}

/** Errors of the connection layer that have a clear HTTP meaning; others pass through. */
export function connectionProblem(
  error: unknown,
  credentialField: string,
  providerField = 'body.provider',
): unknown {
  if (isCrmError(error)) return crmProblem(error, credentialField);
  if (error instanceof UnknownProviderError) {
    return ApiProblem.validation([{ path: providerField, message: error.message, code: 'unknown_provider' }]);
  }
  if (error instanceof AccountConnectedElsewhereError) return ApiProblem.conflict(error.message);
  if (error instanceof OAuthStateError) {
    return ApiProblem.validation([
      { path: 'body.state', message: error.message, code: `oauth_state_${error.reason}` },
    ]);
  }
  return error;
}
