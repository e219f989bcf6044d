import { randomUUID } from 'node:crypto';
import { Body, Controller, Delete, Get, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { invalidAuthenticationError } from './hubspot-errors';
import { sendHubSpotError } from './hubspot-gateway';
import { HubSpotSandbox, type OAuthApp, type TokenGrant } from './hubspot-sandbox';
import { consentScopes, scopeList } from './scopes';

type Form = Record<string, string | undefined>;

/** The RFC 6749 error body HubSpot's token endpoint sends, with its own `status`/`message` too. */
function tokenError(
  res: Response,
  httpStatus: number,
  status: string,
  error: string,
  description: string,
): void {
  res.status(httpStatus).json({
    status,
    message: description,
    correlationId: randomUUID(),
    error,
    error_description: description,
  });
}

function jsonError(res: Response, httpStatus: number, message: string, category: string, extra = {}): void {
  res.status(httpStatus).json({ status: 'error', message, correlationId: randomUUID(), category, ...extra });
}

/**
 * HubSpot OAuth: auto-consenting authorize, the token endpoint (v1 and v3 paths), token metadata
 * (v1 and v3), refresh-token revocation and private-app token info. Refresh does not rotate.
 */
@Controller()
export class HubSpotOAuthController {
  constructor(private readonly sandbox: HubSpotSandbox) {}

  @Get('oauth/authorize')
  authorize(@Query() q: Form, @Res() res: Response) {
    const app = q.client_id ? this.sandbox.app(q.client_id) : undefined;
    if (!app || !q.redirect_uri) {
      return jsonError(
        res,
        400,
        app ? 'redirect_uri is required' : `Unknown client_id: ${q.client_id ?? ''}`,
        'VALIDATION_ERROR',
      );
    }
    const consent = consentScopes(app.scopes, scopeList(q.scope), scopeList(q.optional_scope));
    if (!consent.ok) {
      // HubSpot shows this on its own page and never returns to redirect_uri.
      return jsonError(
        res,
        400,
        "Couldn't complete the connection: Authorization failed because there is a mismatch between the scopes in the install URL and the app's configured scopes. Please contact the app developer.",
        'VALIDATION_ERROR',
        { error: 'invalid_scope', context: { scopes: consent.notGrantable } },
      );
    }
    try {
      const code = this.sandbox.issueCode(app, q.redirect_uri, consent.granted);
      const target = new URL(q.redirect_uri);
      target.searchParams.set('code', code);
      if (q.state !== undefined) target.searchParams.set('state', q.state);
      res.redirect(302, target.toString());
    } catch (error) {
      jsonError(res, 400, error instanceof Error ? error.message : 'invalid request', 'VALIDATION_ERROR');
    }
  }

  @Post(['oauth/v1/token', 'oauth/v3/token', 'oauth/2026-03/token'])
  token(@Body() body: Form, @Res() res: Response) {
    const app = this.client(body, res);
    if (!app) return;
    switch (body.grant_type) {
      case 'authorization_code': {
        const grant = this.sandbox.redeemCode(app, body.code ?? '', body.redirect_uri ?? '');
        if (!grant)
          return tokenError(res, 400, 'BAD_AUTH_CODE', 'invalid_grant', 'missing or unknown auth code');
        return this.sendGrant(res, grant);
      }
      case 'refresh_token': {
        const grant = this.sandbox.refresh(app, body.refresh_token ?? '');
        if (!grant)
          return tokenError(
            res,
            400,
            'BAD_REFRESH_TOKEN',
            'invalid_grant',
            'missing or unknown refresh token',
          );
        return this.sendGrant(res, grant);
      }
      default:
        return tokenError(
          res,
          400,
          'BAD_GRANT_TYPE',
          'unsupported_grant_type',
          `unsupported grant_type: ${body.grant_type ?? ''}`,
        );
    }
  }

  @Get('oauth/v1/access-tokens/:token')
  introspect(@Param('token') token: string, @Res() res: Response) {
    const info = this.sandbox.introspect(token);
    if (!info) return jsonError(res, 404, 'Token not found', 'OBJECT_NOT_FOUND');
    res.status(200).json({
      token: info.token,
      user: this.userEmail(info.userId),
      hub_domain: this.hubDomain(info.portalId),
      scopes: info.scopes,
      signed_access_token: {},
      hub_id: info.portalId,
      app_id: info.appId,
      expires_in: info.expiresIn,
      user_id: info.userId,
      token_type: 'access',
    });
  }

  /** v3 introspection (RFC 7662 style): `active: false` for anything not live and issued to this app. */
  @Post(['oauth/v3/token/introspect', 'oauth/2026-03/token/introspect'])
  introspectV3(@Body() body: Form, @Res() res: Response) {
    const app = this.client(body, res);
    if (!app) return;
    const found = this.sandbox.introspectForApp(app, body.token ?? '');
    if (!found) return res.status(200).json({ active: false });
    const common = {
      active: true,
      app_id: app.appId,
      client_id: app.clientId,
      hub_domain: this.hubDomain(found.record.portalId),
      hub_id: found.record.portalId,
      scopes: found.record.scopes,
      token: found.record.token,
      user: this.userEmail(found.record.userId),
      user_id: found.record.userId,
    };
    if (found.kind === 'refresh') {
      return res.status(200).json({ ...common, token_type: 'refresh', token_use: 'refresh_token' });
    }
    res.status(200).json({
      ...common,
      expires_in: found.expiresIn,
      is_private_distribution: false,
      signed_access_token: {},
      token_type: 'access',
      token_use: 'access_token',
    });
  }

  @Post(['oauth/v3/token/revoke', 'oauth/2026-03/token/revoke'])
  revokeV3(@Body() body: Form, @Res() res: Response) {
    const app = this.client(body, res);
    if (!app) return;
    const record = this.sandbox.introspectForApp(app, body.token ?? '');
    if (record?.kind === 'refresh') this.sandbox.revokeRefreshToken(record.record.token);
    res.status(200).end();
  }

  @Delete('oauth/v1/refresh-tokens/:token')
  revoke(@Param('token') token: string, @Res() res: Response) {
    if (!this.sandbox.revokeRefreshToken(token))
      return jsonError(res, 404, 'Token not found', 'OBJECT_NOT_FOUND');
    res.status(204).end();
  }

  /** Private apps: who owns a token and what it may do. Needs no scope; the token is in the body. */
  @Post('oauth/v2/private-apps/get/access-token-info')
  privateAppTokenInfo(@Body() body: { tokenKey?: unknown }, @Res() res: Response) {
    const info =
      typeof body?.tokenKey === 'string' ? this.sandbox.privateAppTokenInfo(body.tokenKey) : undefined;
    if (!info) return sendHubSpotError(res, invalidAuthenticationError());
    res
      .status(200)
      .json({ userId: info.userId, hubId: info.portalId, appId: info.appId, scopes: info.scopes });
  }

  /** Checks client_id/client_secret as the token endpoint does; answers the error itself. */
  private client(body: Form, res: Response): OAuthApp | undefined {
    const app = body.client_id ? this.sandbox.app(body.client_id) : undefined;
    if (!app) {
      tokenError(res, 400, 'BAD_CLIENT_ID', 'invalid_client', 'missing or invalid client_id');
      return undefined;
    }
    if (body.client_secret !== app.clientSecret) {
      tokenError(res, 400, 'BAD_CLIENT_SECRET', 'invalid_client', 'missing or invalid client_secret');
      return undefined;
    }
    return app;
  }

  private hubDomain(portalId: number): string {
    const portal = this.sandbox.portal(portalId);
    return `${portal?.name.toLowerCase().replace(/[^a-z0-9]+/g, '-') ?? 'sandbox'}.hubspot.test`;
  }

  private userEmail(userId: number): string {
    return `user${userId}@sandbox.leadflow.test`;
  }

  private sendGrant(res: Response, grant: TokenGrant): void {
    res.status(200).json({
      token_type: 'bearer',
      refresh_token: grant.refreshToken,
      access_token: grant.accessToken,
      expires_in: grant.expiresIn,
      hub_id: grant.portalId,
      user_id: grant.userId,
      scopes: grant.scopes,
    });
  }
}
