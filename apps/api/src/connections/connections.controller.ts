import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiFoundResponse,
  ApiNoContentResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { ZodResponse } from 'nestjs-zod';
import { CurrentPrincipal, Public, RequireRole } from '../auth/auth.decorators';
import type { AuthenticatedRequest, Principal } from '../auth/principal';
import { ApiProblem } from '../http/problem';
import {
  ConnectionDto,
  ConnectionEventPageDto,
  ConnectionHealthDto,
  ConnectionIdParamsDto,
  ConnectionListQueryDto,
  ConnectionPageDto,
  CreateConnectionDto,
  OAuthCallbackQueryDto,
  OAuthCompleteDto,
  OAuthStartDto,
  OAuthStartResultDto,
  ProviderListDto,
  ProviderParamsDto,
  SourceListDto,
  SourceSelectionDto,
  PollingSettingsDto,
  SyncRunListQueryDto,
  SyncRunPageDto,
  WebhookDeliveryListQueryDto,
  WebhookDeliveryPageDto,
} from './connection.dto';
import { ConnectionsService } from './connections.service';
import { connectionProblem } from './crm-problem';
import { OAuthConnectService, oauthFailureCode } from './oauth-connect.service';
import { paginationQuerySchema } from '../http/pagination';
import { createZodDto } from 'nestjs-zod';

class EventListQueryDto extends createZodDto(paginationQuerySchema) {}

function tenantPrincipal(principal: Principal): Principal & { kind: 'api_key' } {
  if (principal.kind !== 'api_key')
    throw ApiProblem.forbidden('connections belong to a tenant: use a tenant API key');
  return principal;
}

@ApiTags('connections')
@ApiBearerAuth()
@Controller('v1')
export class ConnectionsController {
  constructor(
    private readonly connections: ConnectionsService,
    private readonly oauth: OAuthConnectService,
  ) {}

  @Get('providers')
  @ApiOperation({ summary: 'CRM providers this deployment supports, with their capabilities and limits' })
  @ZodResponse({ status: 200, type: ProviderListDto })
  providers() {
    return this.connections.providers();
  }

  @Post('connections')
  @RequireRole('admin')
  @ApiOperation({
    summary: 'Connect a CRM account with a static token (HubSpot private app)',
    description:
      'The token is checked with a real call and stored encrypted; it is never returned. Connecting an account this tenant already has replaces its credentials (200).',
  })
  @ZodResponse({ status: 201, type: ConnectionDto })
  @ApiConflictResponse({ description: 'The CRM account is connected to another tenant' })
  async create(
    @Body() body: CreateConnectionDto,
    @CurrentPrincipal() principal: Principal,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.connections.connectWithToken(principal, body, String(req.id));
    if (!result.created) res.status(200);
    return result.connection;
  }

  @Get('connections')
  @ApiOperation({ summary: "List the tenant's CRM connections, newest first" })
  @ZodResponse({ status: 200, type: ConnectionPageDto })
  list(@Query() query: ConnectionListQueryDto) {
    return this.connections.list(query);
  }

  @Get('connections/:id')
  @ApiOperation({ summary: 'One connection: status, account, scopes, token expiry (never a secret)' })
  @ZodResponse({ status: 200, type: ConnectionDto })
  get(@Param() params: ConnectionIdParamsDto) {
    return this.connections.get(params.id);
  }

  @Get('connections/:id/health')
  @ApiOperation({
    summary: 'Status, circuit breakers, rate-limit headroom and recent events of a connection',
  })
  @ZodResponse({ status: 200, type: ConnectionHealthDto })
  health(@Param() params: ConnectionIdParamsDto) {
    return this.connections.health(params.id);
  }

  @Get('connections/:id/events')
  @ApiOperation({
    summary: 'What happened to a connection (connected, needs re-auth, paused, ...), newest first',
  })
  @ZodResponse({ status: 200, type: ConnectionEventPageDto })
  events(@Param() params: ConnectionIdParamsDto, @Query() query: EventListQueryDto) {
    return this.connections.events(params.id, query);
  }

  @Get('connections/:id/boards')
  @ApiOperation({
    summary: 'Boards the connection can route from (Monday); 400 for providers without boards',
  })
  @ZodResponse({ status: 200, type: SourceListDto })
  boards(@Param() params: ConnectionIdParamsDto) {
    return this.connections.sources(params.id);
  }

  @Put('connections/:id/source')
  @RequireRole('admin')
  @ApiOperation({
    summary: 'Choose the board and its owner (People) and status columns; subscribes the webhooks',
    description:
      'Checked against the live board: it exists, the owner column is a People column, the status column a Status column.',
  })
  @ZodResponse({ status: 200, type: ConnectionDto })
  chooseSource(
    @Param() params: ConnectionIdParamsDto,
    @Body() body: SourceSelectionDto,
    @CurrentPrincipal() principal: Principal,
    @Req() req: AuthenticatedRequest,
  ) {
    return this.connections.chooseSource(principal, params.id, body, String(req.id));
  }

  @Get('connections/:id/webhook-deliveries')
  @ApiOperation({
    summary: 'Webhook debugger: deliveries for this connection, newest first, refused ones with the reason',
  })
  @ZodResponse({ status: 200, type: WebhookDeliveryPageDto })
  deliveries(@Param() params: ConnectionIdParamsDto, @Query() query: WebhookDeliveryListQueryDto) {
    return this.connections.deliveries(params.id, query);
  }

  @Get('connections/:id/sync-runs')
  @ApiOperation({ summary: 'Polling history: each run with its window, records seen and enqueued, errors' })
  @ZodResponse({ status: 200, type: SyncRunPageDto })
  syncRuns(@Param() params: ConnectionIdParamsDto, @Query() query: SyncRunListQueryDto) {
    return this.connections.syncRuns(params.id, query);
  }

  @Put('connections/:id/polling')
  @RequireRole('admin')
  @ApiOperation({ summary: 'How often the connection is polled for changed records' })
  @ZodResponse({ status: 200, type: ConnectionDto })
  setPolling(
    @Param() params: ConnectionIdParamsDto,
    @Body() body: PollingSettingsDto,
    @CurrentPrincipal() principal: Principal,
    @Req() req: AuthenticatedRequest,
  ) {
    return this.connections.setPolling(principal, params.id, body.intervalSeconds, String(req.id));
  }

  @Post('connections/:id/pause')
  @HttpCode(200)
  @RequireRole('operator')
  @ApiOperation({ summary: 'Pause a connection: no CRM calls, no intake, until resumed' })
  @ZodResponse({ status: 200, type: ConnectionDto })
  pause(
    @Param() params: ConnectionIdParamsDto,
    @CurrentPrincipal() principal: Principal,
    @Req() req: AuthenticatedRequest,
  ) {
    return this.connections.pause(principal, params.id, String(req.id));
  }

  @Post('connections/:id/resume')
  @HttpCode(200)
  @RequireRole('operator')
  @ApiOperation({ summary: 'Resume a paused connection' })
  @ZodResponse({ status: 200, type: ConnectionDto })
  @ApiConflictResponse({ description: 'The connection needs re-authorisation or is disconnected' })
  resume(
    @Param() params: ConnectionIdParamsDto,
    @CurrentPrincipal() principal: Principal,
    @Req() req: AuthenticatedRequest,
  ) {
    return this.connections.resume(principal, params.id, String(req.id));
  }

  @Delete('connections/:id')
  @RequireRole('admin')
  @HttpCode(204)
  @ApiOperation({ summary: 'Disconnect: erase the credentials; the connection stays as history' })
  @ApiNoContentResponse({ description: 'Disconnected' })
  async remove(
    @Param() params: ConnectionIdParamsDto,
    @CurrentPrincipal() principal: Principal,
    @Req() req: AuthenticatedRequest,
  ) {
    await this.connections.disconnect(principal, params.id, String(req.id));
  }

  @Post('connections/:provider/oauth/start')
  @HttpCode(200)
  @RequireRole('admin')
  @ApiOperation({
    summary: 'Start connecting by OAuth: returns the URL to send the admin to',
    description:
      'The state in the URL is random, single-use, bound to this tenant and expires in 10 minutes.',
  })
  @ZodResponse({ status: 200, type: OAuthStartResultDto })
  async oauthStart(
    @Param() params: ProviderParamsDto,
    @Body() body: OAuthStartDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    try {
      return await this.oauth.start(tenantPrincipal(principal), params.provider, body.settings);
    } catch (error) {
      throw connectionProblem(error, 'body', 'params.provider');
    }
  }

  @Post('connections/:provider/oauth/complete')
  @RequireRole('admin')
  @ApiOperation({
    summary: 'Complete an OAuth connection from the console',
    description:
      'For consoles that receive the redirect themselves: the state must have been issued to the calling tenant.',
  })
  @ZodResponse({ status: 201, type: ConnectionDto })
  @ApiConflictResponse({ description: 'The CRM account is connected to another tenant' })
  async oauthComplete(
    @Param() params: ProviderParamsDto,
    @Body() body: OAuthCompleteDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    try {
      const result = await this.oauth.complete({
        ...body,
        provider: params.provider,
        tenantId: tenantPrincipal(principal).tenantId,
      });
      if (!result.created) res.status(200);
      return result.connection;
    } catch (error) {
      throw connectionProblem(error, 'body.code', 'params.provider');
    }
  }

  @Get('oauth/:provider/callback')
  @Public()
  @ApiOperation({
    summary:
      'OAuth redirect target (public): checks the state, stores the connection, redirects to the console',
  })
  @ApiFoundResponse({
    description: 'To /console/connections/{id}?connected=1, or /console/connections?error=…',
  })
  async oauthCallback(
    @Param() params: ProviderParamsDto,
    @Query() query: OAuthCallbackQueryDto,
    @Res() res: Response,
  ) {
    const redirect = (target: string) => res.redirect(302, target);
    if (query.error !== undefined) {
      return redirect(
        this.oauth.consoleUrl({
          error: `provider_${query.error}`,
          description: query.error_description ?? 'the CRM reported an error',
        }),
      );
    }
    if (query.code === undefined || query.state === undefined) {
      return redirect(
        this.oauth.consoleUrl({
          error: 'missing_code_or_state',
          description: 'the callback needs code and state',
        }),
      );
    }
    try {
      const result = await this.oauth.complete({
        provider: params.provider,
        code: query.code,
        state: query.state,
      });
      return redirect(this.oauth.consoleUrl({ connectionId: result.connection.id }));
    } catch (error) {
      const problem = connectionProblem(error, 'query.code', 'params.provider');
      const description =
        problem instanceof ApiProblem ? problem.detail : 'the connection could not be completed';
      if (!(problem instanceof ApiProblem)) throw error;
      return redirect(this.oauth.consoleUrl({ error: oauthFailureCode(problem), description }));
    }
  }
}
