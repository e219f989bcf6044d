import { Injectable } from '@nestjs/common';
import type { CrmChangeListener } from './crm-change';
import { expiredAuthenticationError, HubSpotError, invalidAuthenticationError } from './hubspot-errors';
import {
  HubSpotPortal,
  newPrivateAppToken,
  DEFAULT_RATE_LIMITS,
  type RateLimitSettings,
} from './hubspot-portal';
import { ALL_SCOPES } from './scopes';
import { TokenStore, type AccessTokenRecord, type RefreshTokenRecord } from './token-store';

export interface OAuthApp {
  clientId: string;
  clientSecret: string;
  appId: number;
  /** The portal auto-consent installs into; the newest portal when unset. Also counts as installed. */
  portalId?: number;
  accessTokenTtlSeconds: number;
  /** What the app may be granted (its configured scopes, within what the portal offers). */
  scopes: readonly string[];
  /** Portals that consented to the app. */
  installedPortalIds: Set<number>;
  tokenGrants: { authorization_code: number; refresh_token: number };
}

/** Who is calling: resolved from the bearer token. */
export interface Caller {
  portal: HubSpotPortal;
  kind: 'private' | 'oauth';
  scopes: readonly string[];
  appId: number;
  userId: number;
}

export interface TokenGrant {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  portalId: number;
  userId: number;
  scopes: readonly string[];
}

export type IntrospectedToken =
  | { kind: 'access'; record: AccessTokenRecord; expiresIn: number }
  | { kind: 'refresh'; record: RefreshTokenRecord };

/** The HubSpot user who "installs" apps and owns private apps in every sandbox portal. */
const SANDBOX_USER_ID = 2_000_001;

/** All HubSpot sandbox state, in memory: portals, OAuth apps and the credentials issued for them. */
@Injectable()
export class HubSpotSandbox {
  private readonly portals = new Map<number, HubSpotPortal>();
  private readonly apps = new Map<string, OAuthApp>();
  private readonly tokens = new TokenStore();
  private readonly changeListeners: CrmChangeListener[] = [];
  private nextPortalId = 40_000_001;

  createPortal(
    input: {
      name?: string;
      portalId?: number;
      rateLimits?: Partial<RateLimitSettings>;
      privateAppScopes?: string[];
    } = {},
  ): HubSpotPortal {
    const id = input.portalId ?? this.nextPortalId++;
    if (this.portals.has(id)) throw new Error(`portal ${id} already exists`);
    const token = newPrivateAppToken();
    const portal = new HubSpotPortal(id, input.name ?? `Sandbox portal ${id}`, token, {
      ...DEFAULT_RATE_LIMITS,
      ...input.rateLimits,
    });
    portal.onChange = (change) => {
      for (const listener of this.changeListeners) listener(id, change);
    };
    this.portals.set(id, portal);
    this.tokens.addPrivateAppToken({
      token,
      portalId: id,
      scopes: input.privateAppScopes ?? ALL_SCOPES,
      appId: 3_000_000 + this.portals.size,
      userId: SANDBOX_USER_ID,
    });
    return portal;
  }

  portal(id: number): HubSpotPortal | undefined {
    return this.portals.get(id);
  }

  /** Every create, update and delete in any portal, as it happens. */
  onCrmChange(listener: CrmChangeListener): void {
    this.changeListeners.push(listener);
  }

  /** Resolves `Authorization: Bearer …` to the caller, or throws HubSpot's 401. */
  authenticate(authorization: string | undefined, now = Date.now()): Caller {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    const record = match ? this.tokens.accessToken(match[1]!) : undefined;
    if (!record) throw invalidAuthenticationError();
    if (record.expiresAt !== undefined && record.expiresAt <= now) {
      throw expiredAuthenticationError(Math.max(1, Math.floor((now - record.expiresAt) / 1000)));
    }
    const portal = this.portals.get(record.portalId);
    if (!portal) throw invalidAuthenticationError();
    return {
      portal,
      kind: record.kind,
      scopes: record.scopes,
      appId: record.appId,
      userId: record.userId,
    };
  }

  /** A private-app token's owner and scopes; undefined for anything else. */
  privateAppTokenInfo(token: string): AccessTokenRecord | undefined {
    const record = this.tokens.accessToken(token);
    return record?.kind === 'private' ? record : undefined;
  }

  registerApp(input: {
    clientId: string;
    clientSecret: string;
    appId?: number;
    portalId?: number;
    accessTokenTtlSeconds?: number;
    scopes?: string[];
  }): OAuthApp {
    const app: OAuthApp = {
      clientId: input.clientId,
      clientSecret: input.clientSecret,
      appId: input.appId ?? 1_000 + this.apps.size + 1,
      portalId: input.portalId,
      accessTokenTtlSeconds: input.accessTokenTtlSeconds ?? 1800,
      scopes: input.scopes ?? ALL_SCOPES,
      installedPortalIds: new Set(),
      tokenGrants: { authorization_code: 0, refresh_token: 0 },
    };
    this.apps.set(app.clientId, app);
    return app;
  }

  app(clientId: string): OAuthApp | undefined {
    return this.apps.get(clientId);
  }

  /** Apps installed in a portal: by consent, or configured with its portal id. */
  appsInstalledIn(portalId: number): OAuthApp[] {
    return [...this.apps.values()].filter(
      (a) => a.portalId === portalId || a.installedPortalIds.has(portalId),
    );
  }

  /** Auto-consent: installs the app into its portal (or the newest portal) and issues a code. */
  issueCode(app: OAuthApp, redirectUri: string, scopes: readonly string[], now = Date.now()): string {
    const portalId = app.portalId ?? [...this.portals.keys()].pop();
    if (portalId === undefined || !this.portals.has(portalId)) {
      throw new HubSpotError(400, 'No portal to install the app into: create one first', 'VALIDATION_ERROR');
    }
    app.installedPortalIds.add(portalId);
    return this.tokens.issueCode({ clientId: app.clientId, redirectUri, portalId, scopes }, now);
  }

  /** `authorization_code` grant: undefined when the code is unknown, used, expired or for another app/redirect. */
  redeemCode(app: OAuthApp, code: string, redirectUri: string, now = Date.now()): TokenGrant | undefined {
    const redeemed = this.tokens.redeemCode(app.clientId, code, redirectUri, now);
    if (!redeemed) return undefined;
    const refresh = this.tokens.createRefreshToken({
      portalId: redeemed.portalId,
      clientId: app.clientId,
      scopes: redeemed.scopes,
      userId: SANDBOX_USER_ID,
    });
    app.tokenGrants.authorization_code++;
    return this.grant(app, refresh, now);
  }

  /** `refresh_token` grant. HubSpot does not rotate: the same refresh token comes back. */
  refresh(app: OAuthApp, refreshToken: string, now = Date.now()): TokenGrant | undefined {
    const record = this.tokens.refreshToken(refreshToken);
    if (!record || record.revoked || record.clientId !== app.clientId) return undefined;
    app.tokenGrants.refresh_token++;
    return this.grant(app, record, now);
  }

  revokeRefreshToken(token: string): boolean {
    return this.tokens.revokeRefreshToken(token);
  }

  /** Control API: every refresh token of the app stops working (the user uninstalled, say). */
  revokeRefreshTokensOf(app: OAuthApp): number {
    return this.tokens.revokeRefreshTokensOf(app.clientId);
  }

  revokedRefreshTokenCount(app: OAuthApp): number {
    return this.tokens.revokedRefreshTokenCount(app.clientId);
  }

  /** v1 metadata: any live OAuth access token. */
  introspect(token: string, now = Date.now()): (AccessTokenRecord & { expiresIn: number }) | undefined {
    const record = this.tokens.accessToken(token);
    if (!record || record.kind !== 'oauth' || record.expiresAt === undefined || record.expiresAt <= now)
      return undefined;
    return { ...record, expiresIn: Math.floor((record.expiresAt - now) / 1000) };
  }

  /** v3 introspection: a live access or refresh token issued to this app. */
  introspectForApp(app: OAuthApp, token: string, now = Date.now()): IntrospectedToken | undefined {
    const access = this.introspect(token, now);
    if (access)
      return access.clientId === app.clientId
        ? { kind: 'access', record: access, expiresIn: access.expiresIn }
        : undefined;
    const refresh = this.tokens.refreshToken(token);
    if (refresh && !refresh.revoked && refresh.clientId === app.clientId)
      return { kind: 'refresh', record: refresh };
    return undefined;
  }

  /** Control API: expire every OAuth access token of a portal now (to exercise refresh paths). */
  expireAccessTokens(portalId: number, now = Date.now()): number {
    return this.tokens.expireAccessTokens(portalId, now);
  }

  private grant(app: OAuthApp, refresh: RefreshTokenRecord, now: number): TokenGrant {
    const access = this.tokens.issueAccessToken(
      refresh,
      { appId: app.appId, ttlSeconds: app.accessTokenTtlSeconds },
      now,
    );
    return {
      accessToken: access.token,
      refreshToken: refresh.token,
      expiresIn: app.accessTokenTtlSeconds,
      portalId: refresh.portalId,
      userId: refresh.userId,
      scopes: refresh.scopes,
    };
  }
}
