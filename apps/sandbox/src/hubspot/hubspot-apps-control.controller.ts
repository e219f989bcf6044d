import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { z } from 'zod';
import { fail, parse, requirePortal } from './control-http';
import { HubSpotSandbox, type OAuthApp } from './hubspot-sandbox';
import { HubSpotWebhooks } from './hubspot-webhooks';
import { webhookSettingsBody } from './webhook-settings';

const appBody = z.object({
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  appId: z.number().int().positive().optional(),
  portalId: z.number().int().positive().optional(),
  accessTokenTtlSeconds: z.number().int().positive().optional(),
  /** What consent can grant; all known scopes when unset. */
  scopes: z.array(z.string().min(1)).optional(),
});

/** An app as the control API shows it: never the client secret. */
function publicApp(sandbox: HubSpotSandbox, app: OAuthApp) {
  return {
    clientId: app.clientId,
    appId: app.appId,
    portalId: app.portalId ?? null,
    installedPortalIds: [...app.installedPortalIds],
    accessTokenTtlSeconds: app.accessTokenTtlSeconds,
    scopes: app.scopes,
    tokenGrants: { ...app.tokenGrants },
    refreshTokensRevoked: sandbox.revokedRefreshTokenCount(app),
  };
}

/** Test-only control API for OAuth apps: registration, token statistics, revocation and webhooks. */
@Controller('_sandbox/hubspot/apps')
export class HubSpotAppsControlController {
  constructor(
    private readonly sandbox: HubSpotSandbox,
    private readonly webhooks: HubSpotWebhooks,
  ) {}

  /** Registers (or replaces) an OAuth app; auto-consent installs it into `portalId` (default: newest portal). */
  @Post()
  register(@Body() body: unknown) {
    const input = parse(appBody, body);
    if (input.portalId !== undefined) requirePortal(this.sandbox, String(input.portalId));
    return publicApp(this.sandbox, this.sandbox.registerApp(input));
  }

  @Get(':clientId')
  get(@Param('clientId') clientId: string) {
    return publicApp(this.sandbox, this.app(clientId));
  }

  /** Every refresh token of the app stops working, as after an uninstall. */
  @Post(':clientId/revoke-refresh-tokens')
  @HttpCode(200)
  revokeRefreshTokens(@Param('clientId') clientId: string) {
    return { revoked: this.sandbox.revokeRefreshTokensOf(this.app(clientId)) };
  }

  @Put(':clientId/webhooks')
  configureWebhooks(@Param('clientId') clientId: string, @Body() body: unknown) {
    return this.webhooks.configure(this.app(clientId), parse(webhookSettingsBody, body));
  }

  @Get(':clientId/webhooks')
  webhookSettings(@Param('clientId') clientId: string) {
    this.app(clientId);
    return this.webhooks.settings(clientId) ?? fail(404, `app ${clientId} has no webhook settings`);
  }

  @Get(':clientId/webhooks/deliveries')
  deliveries(@Param('clientId') clientId: string) {
    this.app(clientId);
    return this.webhooks.deliveries(clientId) ?? fail(404, `app ${clientId} has no webhook settings`);
  }

  private app(clientId: string): OAuthApp {
    return this.sandbox.app(clientId) ?? fail(404, `app ${clientId} not found`);
  }
}
