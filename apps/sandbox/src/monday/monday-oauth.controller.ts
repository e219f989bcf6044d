import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { MondaySandbox, type MondayApp, type OAuthOutcome } from './monday-sandbox';

type Form = Record<string, unknown>;

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** RFC 6749 error bodies (Monday's token service is a standard OAuth server). */
function oauthError(res: Response, status: number, error: string, description: string): void {
  res.status(status).set('Cache-Control', 'no-store').json({ error, error_description: description });
}

/**
 * Monday OAuth at the auth base URL (`MONDAY_AUTH_BASE_URL`): the auto-consenting authorize page,
 * the OAuth 2.1 token and revoke endpoints (`/oauth_ms/oauth/...`, JSON bodies, rotating refresh
 * tokens, PKCE S256) and the legacy non-expiring token endpoint (`/oauth2/token`).
 */
@Controller()
export class MondayOAuthController {
  constructor(private readonly sandbox: MondaySandbox) {}

  @Get('oauth2/authorize')
  authorize(@Query() q: Record<string, string | undefined>, @Res() res: Response): void {
    const app = q.client_id ? this.sandbox.app(q.client_id) : undefined;
    if (!app) return oauthError(res, 400, 'invalid_client', `Unknown client_id: ${q.client_id ?? ''}`);
    if (!q.redirect_uri) return oauthError(res, 400, 'invalid_request', 'redirect_uri is required');
    let target: URL;
    try {
      target = new URL(q.redirect_uri);
    } catch {
      return oauthError(res, 400, 'invalid_request', 'redirect_uri is not a valid URL');
    }
    const back = (params: Record<string, string>) => {
      for (const [k, v] of Object.entries(params)) target.searchParams.set(k, v);
      if (q.state !== undefined) target.searchParams.set('state', q.state);
      res.redirect(302, target.toString());
    };
    const requested = (q.scope ?? '').split(/[\s+]+/).filter(Boolean);
    const notGrantable = requested.filter((s) => !app.scopes.includes(s));
    if (notGrantable.length) {
      return back({
        error: 'invalid_scope',
        error_description: `Scopes not enabled for this app: ${notGrantable.join(' ')}`,
      });
    }
    const challenge = q.code_challenge;
    if (app.flow === 'oauth21' && !challenge) {
      return back({ error: 'invalid_request', error_description: 'code_challenge is required (PKCE S256)' });
    }
    if (challenge && q.code_challenge_method !== 'S256') {
      return back({ error: 'invalid_request', error_description: 'code_challenge_method must be S256' });
    }
    const code = this.sandbox.issueCode(app, {
      redirectUri: q.redirect_uri,
      scopes: requested.length ? requested : app.scopes,
      ...(challenge ? { codeChallenge: challenge } : {}),
    });
    back({ code });
  }

  @Post('oauth_ms/oauth/token')
  token(@Req() req: Request, @Body() body: Form, @Res() res: Response): void {
    const app = this.client(req, body, res);
    if (!app) return;
    if (app.flow !== 'oauth21') {
      return oauthError(res, 400, 'unauthorized_client', 'The new OAuth flow is not enabled for this app');
    }
    let outcome: OAuthOutcome;
    switch (body.grant_type) {
      case 'authorization_code':
        outcome = this.sandbox.redeemCode(app, {
          code: text(body.code) ?? '',
          ...(text(body.redirect_uri) ? { redirectUri: text(body.redirect_uri) } : {}),
          ...(text(body.code_verifier) ? { codeVerifier: text(body.code_verifier) } : {}),
        });
        break;
      case 'refresh_token':
        outcome = this.sandbox.refresh(app, text(body.refresh_token) ?? '');
        break;
      default:
        return oauthError(
          res,
          400,
          'unsupported_grant_type',
          `Unsupported grant_type: ${text(body.grant_type) ?? ''}`,
        );
    }
    if (!outcome.ok) return oauthError(res, outcome.status, outcome.error, outcome.description);
    // No expires_in, like Monday: clients read the access token's `exp`.
    res
      .status(200)
      .set('Cache-Control', 'no-store')
      .json({
        access_token: outcome.grant.accessToken,
        refresh_token: outcome.grant.refreshToken,
        token_type: 'Bearer',
        scope: outcome.grant.scopes.join(' '),
      });
  }

  /** Legacy flow: the code buys a token that never expires; there is no refresh token. */
  @Post('oauth2/token')
  legacyToken(@Req() req: Request, @Body() body: Form, @Res() res: Response): void {
    const app = this.client(req, body, res);
    if (!app) return;
    if (app.flow !== 'legacy') {
      return oauthError(
        res,
        400,
        'unauthorized_client',
        'This app uses the new OAuth flow: use /oauth_ms/oauth/token',
      );
    }
    if (body.grant_type !== undefined && body.grant_type !== 'authorization_code') {
      return oauthError(
        res,
        400,
        'unsupported_grant_type',
        `Unsupported grant_type: ${text(body.grant_type) ?? ''}`,
      );
    }
    const outcome = this.sandbox.redeemCode(app, {
      code: text(body.code) ?? '',
      ...(text(body.redirect_uri) ? { redirectUri: text(body.redirect_uri) } : {}),
      ...(text(body.code_verifier) ? { codeVerifier: text(body.code_verifier) } : {}),
    });
    if (!outcome.ok) return oauthError(res, outcome.status, outcome.error, outcome.description);
    res
      .status(200)
      .set('Cache-Control', 'no-store')
      .json({
        access_token: outcome.grant.accessToken,
        token_type: 'Bearer',
        scope: outcome.grant.scopes.join(' '),
      });
  }

  /** `{token, client_id, client_secret, token_type_hint?}` → `{success: true}`, also for unknown tokens. */
  @Post('oauth_ms/oauth/revoke')
  revoke(@Req() req: Request, @Body() body: Form, @Res() res: Response): void {
    const app = this.client(req, body, res);
    if (!app) return;
    const token = text(body.token);
    if (!token) return oauthError(res, 400, 'invalid_request', 'token is required');
    this.sandbox.revoke(app, token);
    res.status(200).json({ success: true });
  }

  /** `client_secret_post` (body) or `client_secret_basic`; answers the 401 itself. */
  private client(req: Request, body: Form, res: Response): MondayApp | undefined {
    let clientId = text(body?.client_id);
    let clientSecret = text(body?.client_secret);
    const basic = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    if (basic) {
      const [id, ...secret] = Buffer.from(basic[1]!, 'base64').toString('utf8').split(':');
      clientId = decodeURIComponent(id ?? '');
      clientSecret = decodeURIComponent(secret.join(':'));
    }
    const app = clientId ? this.sandbox.app(clientId) : undefined;
    if (!app || clientSecret !== app.clientSecret) {
      oauthError(res, 401, 'invalid_client', 'Client authentication failed');
      return undefined;
    }
    return app;
  }
}
