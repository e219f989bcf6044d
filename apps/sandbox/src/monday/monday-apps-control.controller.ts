import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { z } from 'zod';
import { fail, parse } from '../hubspot/control-http';
import { MondaySandbox, type MondayApp } from './monday-sandbox';

const appBody = z.object({
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  /** Signs the JWT on webhooks created with the app's tokens. */
  signingSecret: z.string().min(1),
  accountId: z.number().int().positive(),
  appId: z.number().int().positive().optional(),
  flow: z.enum(['oauth21', 'legacy']).optional(),
  accessTokenTtlSeconds: z.number().int().positive().optional(),
  /** What consent may grant; every Monday scope Leadflow knows when unset. */
  scopes: z.array(z.string().min(1)).optional(),
  refreshTokenReuse: z.enum(['revoke-family', 'reject']).optional(),
});

/** An app as the control API shows it: never its secrets. */
function publicApp(sandbox: MondaySandbox, app: MondayApp) {
  return {
    clientId: app.clientId,
    appId: app.appId,
    accountId: app.accountId,
    flow: app.flow,
    accessTokenTtlSeconds: app.accessTokenTtlSeconds,
    scopes: app.scopes,
    refreshTokenReuse: app.refreshTokenReuse,
    tokenStats: {
      grants: { ...app.stats.grants },
      refreshes: app.stats.grants.refresh_token,
      reuseDetections: app.stats.reuseDetections,
      familiesRevoked: app.stats.familiesRevoked,
      revocations: app.stats.revocations,
      activeRefreshTokens: sandbox.activeRefreshTokens(app),
    },
  };
}

/** Test-only control API for Monday OAuth apps: registration, token statistics and revocation. */
@Controller('_sandbox/monday/apps')
export class MondayAppsControlController {
  constructor(private readonly sandbox: MondaySandbox) {}

  /** Registers (or replaces) an app installed in `accountId`; consent is automatic. */
  @Post()
  register(@Body() body: unknown) {
    const input = parse(appBody, body);
    if (!this.sandbox.account(input.accountId)) fail(404, `account ${input.accountId} not found`);
    return publicApp(this.sandbox, this.sandbox.registerApp(input));
  }

  @Get(':clientId')
  get(@Param('clientId') clientId: string) {
    return publicApp(this.sandbox, this.app(clientId));
  }

  /** Every access and refresh token of the app stops working, as after an uninstall. */
  @Post(':clientId/revoke-tokens')
  @HttpCode(200)
  revokeTokens(@Param('clientId') clientId: string) {
    return { revoked: this.sandbox.revokeAppTokens(this.app(clientId)) };
  }

  private app(clientId: string): MondayApp {
    return this.sandbox.app(clientId) ?? fail(404, `app ${clientId} not found`);
  }
}
