import { randomBytes, randomUUID } from 'node:crypto';

export interface AccessTokenRecord {
  token: string;
  portalId: number;
  kind: 'private' | 'oauth';
  scopes: readonly string[];
  appId: number;
  userId: number;
  /** The OAuth app it was issued to; unset for private-app tokens. */
  clientId?: string;
  expiresAt?: number;
}

export interface RefreshTokenRecord {
  token: string;
  portalId: number;
  clientId: string;
  scopes: readonly string[];
  userId: number;
  revoked: boolean;
}

interface AuthCodeRecord {
  clientId: string;
  redirectUri: string;
  portalId: number;
  scopes: readonly string[];
  expiresAt: number;
  used: boolean;
}

const CODE_TTL_MS = 5 * 60_000;

/** Every credential the sandbox has issued: private-app tokens, OAuth codes, access and refresh tokens. */
export class TokenStore {
  private readonly access = new Map<string, AccessTokenRecord>();
  private readonly refresh = new Map<string, RefreshTokenRecord>();
  private readonly codes = new Map<string, AuthCodeRecord>();

  addPrivateAppToken(record: Omit<AccessTokenRecord, 'kind' | 'clientId' | 'expiresAt'>): void {
    this.access.set(record.token, { ...record, kind: 'private' });
  }

  accessToken(token: string): AccessTokenRecord | undefined {
    return this.access.get(token);
  }

  refreshToken(token: string): RefreshTokenRecord | undefined {
    return this.refresh.get(token);
  }

  issueCode(input: Omit<AuthCodeRecord, 'expiresAt' | 'used'>, now: number): string {
    const code = randomUUID();
    this.codes.set(code, { ...input, expiresAt: now + CODE_TTL_MS, used: false });
    return code;
  }

  /** Spends a code; undefined when it is unknown, used, expired or for another app or redirect. */
  redeemCode(
    clientId: string,
    code: string,
    redirectUri: string,
    now: number,
  ): { portalId: number; scopes: readonly string[] } | undefined {
    const record = this.codes.get(code);
    if (!record || record.used || record.expiresAt <= now) return undefined;
    if (record.clientId !== clientId || record.redirectUri !== redirectUri) return undefined;
    record.used = true;
    return { portalId: record.portalId, scopes: record.scopes };
  }

  createRefreshToken(input: Omit<RefreshTokenRecord, 'token' | 'revoked'>): RefreshTokenRecord {
    const record: RefreshTokenRecord = {
      ...input,
      token: `na1-${randomBytes(2).toString('hex')}-${randomUUID()}`,
      revoked: false,
    };
    this.refresh.set(record.token, record);
    return record;
  }

  issueAccessToken(
    refresh: RefreshTokenRecord,
    app: { appId: number; ttlSeconds: number },
    now: number,
  ): AccessTokenRecord {
    const record: AccessTokenRecord = {
      token: `CN${randomBytes(48).toString('base64url')}`,
      portalId: refresh.portalId,
      kind: 'oauth',
      scopes: refresh.scopes,
      appId: app.appId,
      userId: refresh.userId,
      clientId: refresh.clientId,
      expiresAt: now + app.ttlSeconds * 1000,
    };
    this.access.set(record.token, record);
    return record;
  }

  revokeRefreshToken(token: string): boolean {
    const record = this.refresh.get(token);
    if (!record || record.revoked) return false;
    record.revoked = true;
    return true;
  }

  /** Revokes every live refresh token of an app; returns how many. */
  revokeRefreshTokensOf(clientId: string): number {
    let n = 0;
    for (const r of this.refresh.values()) {
      if (r.clientId === clientId && !r.revoked) {
        r.revoked = true;
        n++;
      }
    }
    return n;
  }

  revokedRefreshTokenCount(clientId: string): number {
    return [...this.refresh.values()].filter((r) => r.clientId === clientId && r.revoked).length;
  }

  /** Expires every OAuth access token of a portal now; returns how many. */
  expireAccessTokens(portalId: number, now: number): number {
    let n = 0;
    for (const t of this.access.values()) {
      if (t.portalId === portalId && t.kind === 'oauth') {
        t.expiresAt = now - 1000;
        n++;
      }
    }
    return n;
  }
}
