import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { IdSequence, MondayAccount, type ItemChange } from './monday-account';
import { notAuthenticatedError, userAccessDeniedError } from './monday-errors';
import { limitsFor, type MondayLimits, type MondayPlan } from './monday-rate-limits';
import {
  MondayTokenStore,
  type AccessTokenRecord,
  type RefreshTokenRecord,
  type TokenKind,
} from './monday-tokens';

/** The scopes Leadflow asks for, and what a personal token implicitly holds. */
export const MONDAY_SCOPES = [
  'me:read',
  'account:read',
  'users:read',
  'boards:read',
  'boards:write',
  'webhooks:read',
  'webhooks:write',
  'workspaces:read',
  'updates:read',
  'updates:write',
] as const;

export interface MondayApp {
  clientId: string;
  clientSecret: string;
  signingSecret: string;
  appId: number;
  /** Installs (and auto-consent) go to this account. */
  accountId: number;
  /** New OAuth 2.1 flow: expiring access tokens, rotating refresh tokens, PKCE S256 required. */
  flow: 'oauth21' | 'legacy';
  accessTokenTtlSeconds: number;
  scopes: readonly string[];
  /** What presenting a rotated refresh token does: revoke the whole grant (OAuth 2.1 advice) or only refuse. */
  refreshTokenReuse: 'revoke-family' | 'reject';
  stats: {
    grants: { authorization_code: number; refresh_token: number; legacy: number };
    reuseDetections: number;
    familiesRevoked: number;
    revocations: number;
  };
}

/** Who is calling `/v2`: resolved from the `Authorization` header. */
export interface MondayCaller {
  account: MondayAccount;
  userId: number;
  kind: TokenKind;
  scopes: readonly string[] | 'all';
  clientId?: string;
  appId?: number;
}

export interface TokenGrant {
  accessToken: string;
  refreshToken?: string;
  scopes: readonly string[];
}

export type OAuthOutcome =
  { ok: true; grant: TokenGrant } | { ok: false; status: number; error: string; description: string };

function fail(error: string, description: string, status = 400): OAuthOutcome {
  return { ok: false, status, error, description };
}

function pkceS256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

function sameString(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** All Monday sandbox state, in memory: accounts, OAuth apps and the credentials issued for them. */
@Injectable()
export class MondaySandbox {
  private readonly accounts = new Map<number, MondayAccount>();
  private readonly apps = new Map<string, MondayApp>();
  readonly tokens = new MondayTokenStore();
  private readonly ids = new IdSequence();
  private readonly listeners: Array<(account: MondayAccount, change: ItemChange) => void> = [];
  private nextAppId = 10_100_001;

  createAccount(
    input: {
      name?: string;
      accountId?: number;
      plan?: MondayPlan;
      limits?: Partial<MondayLimits>;
      owner?: { name?: string; email?: string };
      webhookRetryDelaysMs?: number[];
      webhookTimeoutMs?: number;
    } = {},
    now = Date.now(),
  ): { account: MondayAccount; personalToken: string } {
    if (input.accountId !== undefined && this.accounts.has(input.accountId)) {
      throw new Error(`account ${input.accountId} already exists`);
    }
    const id = input.accountId ?? this.ids.take('account');
    if (input.accountId !== undefined) this.ids.reserve('account', input.accountId);
    const plan = input.plan ?? 'pro';
    const account = new MondayAccount(
      id,
      input.name ?? `Sandbox account ${id}`,
      plan,
      limitsFor(plan, input.limits),
      {
        // Monday retries a failed delivery once a minute for 30 minutes.
        retryDelaysMs: input.webhookRetryDelaysMs ?? Array.from({ length: 30 }, () => 60_000),
        timeoutMs: input.webhookTimeoutMs ?? 10_000,
      },
      this.ids,
    );
    account.onChange = (change) => {
      for (const listener of this.listeners) listener(account, change);
    };
    const owner = account.addUser(
      {
        name: input.owner?.name ?? 'Sandbox Admin',
        email: input.owner?.email ?? `admin+${id}@sandbox.leadflow.test`,
        isAdmin: true,
      },
      now,
    );
    this.accounts.set(id, account);
    return { account, personalToken: this.issuePersonalToken(account, owner.id, now) };
  }

  account(id: number): MondayAccount | undefined {
    return this.accounts.get(id);
  }

  issuePersonalToken(account: MondayAccount, userId: number, now = Date.now()): string {
    return this.tokens.issueAccess({ kind: 'personal', accountId: account.id, userId, scopes: 'all' }, now)
      .token;
  }

  nextWebhookId(): number {
    return this.ids.take('webhook');
  }

  onItemChange(listener: (account: MondayAccount, change: ItemChange) => void): void {
    this.listeners.push(listener);
  }

  /** `Authorization: <token>` (Monday's form) or `Bearer <token>`; throws Monday's 401 or 403. */
  authenticate(authorization: string | undefined, now = Date.now()): MondayCaller {
    const token = (authorization ?? '').trim().replace(/^Bearer\s+/i, '');
    const record = token ? this.tokens.accessToken(token) : undefined;
    if (!record || record.revoked || (record.expiresAt !== undefined && record.expiresAt <= now)) {
      throw notAuthenticatedError();
    }
    const account = this.accounts.get(record.accountId);
    if (!account) throw notAuthenticatedError();
    const user = account.users.get(record.userId);
    if (!user?.enabled) throw userAccessDeniedError();
    return {
      account,
      userId: record.userId,
      kind: record.kind,
      scopes: record.scopes,
      ...(record.clientId ? { clientId: record.clientId, appId: record.appId } : {}),
    };
  }

  // --- OAuth apps --------------------------------------------------------------------------------

  registerApp(input: {
    clientId: string;
    clientSecret: string;
    signingSecret: string;
    accountId: number;
    appId?: number;
    flow?: MondayApp['flow'];
    accessTokenTtlSeconds?: number;
    scopes?: string[];
    refreshTokenReuse?: MondayApp['refreshTokenReuse'];
  }): MondayApp {
    const app: MondayApp = {
      clientId: input.clientId,
      clientSecret: input.clientSecret,
      signingSecret: input.signingSecret,
      accountId: input.accountId,
      appId: input.appId ?? this.nextAppId++,
      flow: input.flow ?? 'oauth21',
      accessTokenTtlSeconds: input.accessTokenTtlSeconds ?? 3_600,
      scopes: input.scopes ?? [...MONDAY_SCOPES],
      refreshTokenReuse: input.refreshTokenReuse ?? 'revoke-family',
      stats: {
        grants: { authorization_code: 0, refresh_token: 0, legacy: 0 },
        reuseDetections: 0,
        familiesRevoked: 0,
        revocations: 0,
      },
    };
    this.apps.set(app.clientId, app);
    return app;
  }

  app(clientId: string): MondayApp | undefined {
    return this.apps.get(clientId);
  }

  /** Auto-consent by the account owner: a single-use code for the granted scopes. */
  issueCode(
    app: MondayApp,
    input: { redirectUri: string; scopes: readonly string[]; codeChallenge?: string },
    now = Date.now(),
  ): string {
    const account = this.accounts.get(app.accountId)!;
    return this.tokens.issueCode(
      {
        clientId: app.clientId,
        redirectUri: input.redirectUri,
        accountId: account.id,
        userId: account.owner.id,
        scopes: input.scopes,
        ...(input.codeChallenge ? { codeChallenge: input.codeChallenge } : {}),
      },
      now,
    );
  }

  /** The `authorization_code` grant of both flows. */
  redeemCode(
    app: MondayApp,
    input: { code: string; redirectUri?: string; codeVerifier?: string },
    now = Date.now(),
  ): OAuthOutcome {
    const code = this.tokens.takeCode(input.code, now);
    if (!code || code.clientId !== app.clientId)
      return fail('invalid_grant', 'Invalid or expired authorization code');
    if (input.redirectUri !== undefined && input.redirectUri !== code.redirectUri) {
      return fail('invalid_grant', 'redirect_uri does not match the authorization request');
    }
    if (code.codeChallenge !== undefined) {
      if (!input.codeVerifier) return fail('invalid_request', 'code_verifier is required');
      if (!sameString(pkceS256(input.codeVerifier), code.codeChallenge)) {
        return fail('invalid_grant', 'PKCE verification failed');
      }
    }
    if (app.flow === 'legacy') {
      app.stats.grants.legacy++;
      const access = this.tokens.issueAccess(
        {
          kind: 'legacy',
          accountId: code.accountId,
          userId: code.userId,
          scopes: code.scopes,
          clientId: app.clientId,
          appId: app.appId,
        },
        now,
      );
      return { ok: true, grant: { accessToken: access.token, scopes: code.scopes } };
    }
    app.stats.grants.authorization_code++;
    const refresh = this.tokens.issueRefresh(
      {
        familyId: randomUUID(),
        clientId: app.clientId,
        appId: app.appId,
        accountId: code.accountId,
        userId: code.userId,
        scopes: code.scopes,
      },
      now,
    );
    return { ok: true, grant: this.grant(app, refresh, now) };
  }

  /**
   * The `refresh_token` grant: rotates. The presented token is spent; presenting a spent token
   * again is reuse, refused with `invalid_grant` and (by default) revoking the whole family.
   */
  refresh(app: MondayApp, token: string, now = Date.now()): OAuthOutcome {
    const record = this.tokens.refreshToken(token);
    if (!record || record.clientId !== app.clientId) return fail('invalid_grant', 'Invalid refresh token');
    if (record.state === 'revoked') return fail('invalid_grant', 'Refresh token has been revoked');
    if (record.state === 'rotated') {
      app.stats.reuseDetections++;
      if (app.refreshTokenReuse === 'revoke-family') {
        this.tokens.revokeFamily(record.familyId);
        app.stats.familiesRevoked++;
      }
      return fail('invalid_grant', 'Refresh token has already been used');
    }
    record.state = 'rotated';
    app.stats.grants.refresh_token++;
    const next = this.tokens.issueRefresh(
      {
        familyId: record.familyId,
        clientId: app.clientId,
        appId: app.appId,
        accountId: record.accountId,
        userId: record.userId,
        scopes: record.scopes,
      },
      now,
    );
    return { ok: true, grant: this.grant(app, next, now) };
  }

  /** RFC 7009: unknown tokens are not an error; a refresh token takes its whole grant with it. */
  revoke(app: MondayApp, token: string): void {
    const refresh = this.tokens.refreshToken(token);
    if (refresh?.clientId === app.clientId) {
      this.tokens.revokeFamily(refresh.familyId);
      app.stats.revocations++;
      return;
    }
    const access = this.tokens.accessToken(token);
    if (access?.clientId === app.clientId && !access.revoked) {
      access.revoked = true;
      app.stats.revocations++;
    }
  }

  /** Control API: every token of the app stops working (an uninstall, say). */
  revokeAppTokens(app: MondayApp): number {
    return this.tokens.revokeApp(app.clientId);
  }

  activeRefreshTokens(app: MondayApp): number {
    return this.tokens.activeRefreshTokens(app.clientId);
  }

  /** The short-lived (5 minute) API token carried in signed webhook JWTs. */
  shortLivedToken(app: MondayApp, accountId: number, userId: number, now = Date.now()): AccessTokenRecord {
    return this.tokens.issueAccess(
      {
        kind: 'short-lived',
        accountId,
        userId,
        scopes: app.scopes,
        clientId: app.clientId,
        appId: app.appId,
        ttlSeconds: 300,
      },
      now,
    );
  }

  expireAccessTokens(accountId: number, now = Date.now()): number {
    return this.tokens.expireAccessTokens(accountId, now);
  }

  private grant(app: MondayApp, refresh: RefreshTokenRecord, now: number): TokenGrant {
    const access = this.tokens.issueAccess(
      {
        kind: 'oauth',
        accountId: refresh.accountId,
        userId: refresh.userId,
        scopes: refresh.scopes,
        clientId: app.clientId,
        appId: app.appId,
        familyId: refresh.familyId,
        ttlSeconds: app.accessTokenTtlSeconds,
      },
      now,
    );
    return { accessToken: access.token, refreshToken: refresh.token, scopes: refresh.scopes };
  }
}
