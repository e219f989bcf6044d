import { decodeJwt } from 'jose';
import type { MondayCredentialKind } from './errors';

/**
 * What a Monday access token says about itself. OAuth 2.1 access tokens are JWTs whose `exp` is the
 * only statement of their lifetime (the token response has no `expires_in`); personal API tokens are
 * JWTs too, without `exp`. The claim names for the account and the scopes are not documented
 * (unconfirmed): several spellings are read, and a missing one is simply not known.
 */
export interface MondayTokenClaims {
  expiresAt?: Date;
  accountId?: string;
  userId?: string;
  scopes?: string[];
}

const ACCOUNT_CLAIMS = ['actid', 'accountId', 'account_id'] as const;
const USER_CLAIMS = ['uid', 'userId', 'user_id', 'sub'] as const;
const SCOPE_CLAIMS = ['scope', 'scp', 'scopes'] as const;

/**
 * Reads the claims without verifying the signature: the token is Monday's, issued to us over TLS,
 * and we hold no key to verify it with. Nothing here is trusted for authorisation; it only tells
 * when to refresh and what to show. Not a JWT, or unreadable → `{}`.
 */
export function readMondayTokenClaims(token: string): MondayTokenClaims {
  let payload: Record<string, unknown>;
  try {
    payload = decodeJwt(token);
  } catch {
    return {};
  }
  const exp = payload['exp'];
  const accountId = firstId(payload, ACCOUNT_CLAIMS);
  const userId = firstId(payload, USER_CLAIMS);
  const scopes = firstScopes(payload);
  return {
    ...(typeof exp === 'number' && Number.isFinite(exp) ? { expiresAt: new Date(exp * 1000) } : {}),
    ...(accountId === undefined ? {} : { accountId }),
    ...(userId === undefined ? {} : { userId }),
    ...(scopes === undefined ? {} : { scopes }),
  };
}

/** `expiring` for a token with `exp` (refreshable OAuth access token), else `static`. */
export function mondayCredentialKind(token: string): MondayCredentialKind {
  return readMondayTokenClaims(token).expiresAt === undefined ? 'static' : 'expiring';
}

/** Space- or comma-separated scopes, or a list of them, as token responses and claims carry them. */
export function scopeList(raw: unknown): string[] | undefined {
  if (Array.isArray(raw)) return raw.filter((s): s is string => typeof s === 'string' && s !== '');
  if (typeof raw === 'string') return raw.split(/[\s,]+/).filter((s) => s !== '');
  return undefined;
}

function firstId(payload: Record<string, unknown>, names: readonly string[]): string | undefined {
  for (const name of names) {
    const value = payload[name];
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}

function firstScopes(payload: Record<string, unknown>): string[] | undefined {
  for (const name of SCOPE_CLAIMS) {
    const scopes = scopeList(payload[name]);
    if (scopes !== undefined && scopes.length > 0) return scopes;
  }
  return undefined;
}
