import { randomBytes, randomUUID } from 'node:crypto';
import { signHs256 } from './monday-jwt';

/**
 * Every credential the Monday sandbox has issued. Tokens are HS256 JWTs shaped like Monday's
 * (`tid`, `aai`, `uid`, `iad`, `per`, `actid`, `rgn`, plus `exp` where they expire), signed with a
 * secret of this sandbox instance; they are looked up here, so revocation and expiry are exact.
 */
export type TokenKind = 'personal' | 'oauth' | 'legacy' | 'short-lived';

export interface AccessTokenRecord {
  token: string;
  kind: TokenKind;
  accountId: number;
  userId: number;
  /** `all` for personal tokens, which carry the user's full access. */
  scopes: readonly string[] | 'all';
  clientId?: string;
  appId?: number;
  /** The refresh-token family (one authorization) an OAuth access token belongs to. */
  familyId?: string;
  issuedAt: number;
  expiresAt?: number;
  revoked: boolean;
}

export interface RefreshTokenRecord {
  token: string;
  familyId: string;
  clientId: string;
  appId: number;
  accountId: number;
  userId: number;
  scopes: readonly string[];
  /** `rotated`: used once, replaced by a newer one; presenting it again is reuse. */
  state: 'active' | 'rotated' | 'revoked';
  issuedAt: number;
}

export interface AuthCodeRecord {
  clientId: string;
  redirectUri: string;
  accountId: number;
  userId: number;
  scopes: readonly string[];
  codeChallenge?: string;
  expiresAt: number;
  used: boolean;
}

const CODE_TTL_MS = 10 * 60_000;

export class MondayTokenStore {
  private readonly access = new Map<string, AccessTokenRecord>();
  private readonly refresh = new Map<string, RefreshTokenRecord>();
  private readonly codes = new Map<string, AuthCodeRecord>();
  private readonly secret = randomBytes(32).toString('hex');
  private nextTokenId = 400_000_001;

  accessToken(token: string): AccessTokenRecord | undefined {
    return this.access.get(token);
  }

  refreshToken(token: string): RefreshTokenRecord | undefined {
    return this.refresh.get(token);
  }

  issueAccess(
    input: Omit<AccessTokenRecord, 'token' | 'revoked' | 'issuedAt'> & { ttlSeconds?: number },
    now: number,
  ): AccessTokenRecord {
    const { ttlSeconds, ...rest } = input;
    const expiresAt = ttlSeconds === undefined ? undefined : now + ttlSeconds * 1000;
    const claims: Record<string, unknown> = {
      tid: this.nextTokenId++,
      aai: rest.appId ?? 11,
      uid: rest.userId,
      iad: new Date(now).toISOString(),
      per: 'me:write',
      actid: rest.accountId,
      rgn: 'use1',
      ...(rest.kind === 'personal' ? {} : { iat: Math.floor(now / 1000) }),
      ...(expiresAt === undefined ? {} : { exp: Math.floor(expiresAt / 1000) }),
      // Makes tokens unique even within one second and one token id space.
      jti: randomUUID(),
    };
    const record: AccessTokenRecord = {
      ...rest,
      token: signHs256(claims, this.secret),
      issuedAt: now,
      ...(expiresAt === undefined ? {} : { expiresAt }),
      revoked: false,
    };
    this.access.set(record.token, record);
    return record;
  }

  issueRefresh(
    input: Omit<RefreshTokenRecord, 'token' | 'state' | 'issuedAt'>,
    now: number,
  ): RefreshTokenRecord {
    const record: RefreshTokenRecord = {
      ...input,
      token: signHs256(
        {
          typ: 'refresh',
          fam: input.familyId,
          uid: input.userId,
          actid: input.accountId,
          aai: input.appId,
          iat: Math.floor(now / 1000),
          jti: randomUUID(),
        },
        this.secret,
      ),
      state: 'active',
      issuedAt: now,
    };
    this.refresh.set(record.token, record);
    return record;
  }

  issueCode(input: Omit<AuthCodeRecord, 'expiresAt' | 'used'>, now: number): string {
    const code = randomBytes(24).toString('base64url');
    this.codes.set(code, { ...input, expiresAt: now + CODE_TTL_MS, used: false });
    return code;
  }

  /** Spends a code; undefined when it is unknown, used or expired. */
  takeCode(code: string, now: number): AuthCodeRecord | undefined {
    const record = this.codes.get(code);
    if (!record || record.used || record.expiresAt <= now) return undefined;
    record.used = true;
    return record;
  }

  /** Every refresh token of a family becomes unusable, and so does every access token issued from it. */
  revokeFamily(familyId: string): void {
    for (const r of this.refresh.values()) if (r.familyId === familyId) r.state = 'revoked';
    for (const a of this.access.values()) if (a.familyId === familyId) a.revoked = true;
  }

  revokeApp(clientId: string): number {
    const families = new Set<string>();
    for (const r of this.refresh.values()) {
      if (r.clientId === clientId && r.state !== 'revoked') families.add(r.familyId);
    }
    for (const family of families) this.revokeFamily(family);
    let n = families.size;
    for (const a of this.access.values()) {
      if (a.clientId === clientId && !a.revoked) {
        a.revoked = true;
        if (!a.familyId) n++;
      }
    }
    return n;
  }

  activeRefreshTokens(clientId: string): number {
    return [...this.refresh.values()].filter((r) => r.clientId === clientId && r.state === 'active').length;
  }

  /** Control API: expire an account's expiring access tokens (OAuth and short-lived) now. */
  expireAccessTokens(accountId: number, now: number): number {
    let n = 0;
    for (const t of this.access.values()) {
      if (t.accountId === accountId && t.expiresAt !== undefined && t.expiresAt > now) {
        t.expiresAt = now - 1000;
        n++;
      }
    }
    return n;
  }
}
