import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import type { CrmRuntime } from '@leadflow/connections';
import { connectionInfoOf, type CrmConnectionInfo, type CrmWebhookEvent } from '@leadflow/crm';
import type { TenantScopedClient, WebhookDelivery } from '@leadflow/database';
import { CurrentPrincipal, RequireRole } from '../auth/auth.decorators';
import type { AuthenticatedRequest, Principal } from '../auth/principal';
import { LeadRerouteService } from '../leads/lead-reroute.service';
import { CRM_RUNTIME } from '../connections/crm-runtime.provider';
import { TENANT_DB } from '../database/database.tokens';
import { decodeCursor, toPage } from '../http/pagination';
import { ApiProblem } from '../http/problem';
import {
  DeliveryDetailDto,
  DeliveryListQueryDto,
  DeliveryPageDto,
  DeliveryParamsDto,
  ReplayDeliveryDto,
  ReplayResultDto,
} from './webhook-deliveries.dto';
import { WebhookInboxService } from './webhook-inbox.service';

const AUTHENTIC = new Set(['received', 'queued', 'processed', 'failed']);

function present(row: WebhookDelivery) {
  return {
    id: row.id,
    provider: row.provider,
    connectionId: row.connectionId,
    status: row.status,
    reason: row.reason,
    headers: row.headers as Record<string, string>,
    body: row.body,
    eventCount: row.eventCount,
    receivedAt: row.receivedAt.toISOString(),
  };
}

/** The webhook debugger: what arrived, what was refused and why, and replaying what was accepted. */
@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('v1/webhook-deliveries')
export class WebhookDeliveriesController {
  constructor(
    @Inject(TENANT_DB) private readonly db: TenantScopedClient,
    @Inject(CRM_RUNTIME) private readonly crm: CrmRuntime,
    private readonly inbox: WebhookInboxService,
    private readonly rerouter: LeadRerouteService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Webhook deliveries, newest first, by connection, status, time or record id' })
  @ZodResponse({ status: 200, type: DeliveryPageDto })
  async list(@Query() query: DeliveryListQueryDto) {
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;
    const rows = await this.db.webhookDelivery.findMany({
      where: {
        ...(query.connectionId ? { connectionId: query.connectionId } : {}),
        ...(query.status ? { status: query.status } : {}),
        ...(query.objectId ? { body: { contains: query.objectId } } : {}),
        ...(query.from || query.to
          ? {
              receivedAt: {
                ...(query.from ? { gte: new Date(query.from) } : {}),
                ...(query.to ? { lt: new Date(query.to) } : {}),
              },
            }
          : {}),
        ...(after
          ? {
              OR: [
                { receivedAt: { lt: after.createdAt } },
                { receivedAt: after.createdAt, id: { lt: after.id } },
              ],
            }
          : {}),
      },
      orderBy: [{ receivedAt: 'desc' }, { id: 'desc' }],
      take: query.limit + 1,
    });
    return toPage(
      rows.map((r) => ({ ...r, createdAt: r.receivedAt })),
      query,
      present,
    );
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One delivery: payload, verification outcome, its events and the leads they concern',
  })
  @ZodResponse({ status: 200, type: DeliveryDetailDto })
  async get(@Param() params: DeliveryParamsDto) {
    const row = await this.find(params.id);
    const { events } = await this.eventsOf(row);
    const ids = events.map((e) => e.externalId);
    const leads =
      row.connectionId === null || ids.length === 0
        ? []
        : await this.db.lead.findMany({
            where: { connectionId: row.connectionId, externalId: { in: ids } },
            select: { id: true, externalId: true, status: true },
          });
    return {
      ...present(row),
      events: events.map((e) => ({ externalId: e.externalId, type: e.type, eventId: e.eventId })),
      leads,
    };
  }

  @Post(':id/replay')
  @HttpCode(200)
  @RequireRole('operator')
  @ApiOperation({
    summary: 'Run an accepted delivery through intake again (after a mapping fix, say)',
    description:
      'Refused deliveries cannot be replayed. Dedupe applies: a lead already routed is not routed again, unless `force` is true — then its decision moves to the lead’s history and it is routed afresh (as POST /v1/leads/{id}/reroute).',
  })
  @ApiBody({ type: ReplayDeliveryDto, required: false })
  @ZodResponse({ status: 200, type: ReplayResultDto })
  async replay(
    @Param() params: DeliveryParamsDto,
    @Body() body: ReplayDeliveryDto,
    @CurrentPrincipal() principal: Principal,
    @Req() req: AuthenticatedRequest,
  ) {
    const row = await this.find(params.id);
    if (!AUTHENTIC.has(row.status)) {
      throw ApiProblem.conflict(
        `a ${row.status} delivery cannot be replayed: it was never accepted as authentic`,
      );
    }
    const { events, connection } = await this.eventsOf(row);
    let rerouted = 0;
    if (body.force === true && connection !== null) {
      // Re-route what this delivery is about: the decisions move to history first, so the intake
      // queued below decides again instead of finding them.
      const ids = [...new Set(events.filter((e) => e.type !== 'deleted').map((e) => e.externalId))];
      const leads = await this.db.lead.findMany({
        where: { connectionId: connection.id, externalId: { in: ids }, decision: { isNot: null } },
        select: { id: true, connectionId: true, externalId: true },
      });
      if (leads.length > 0) {
        const results = await this.rerouter.reroute(
          principal,
          leads,
          `replay of webhook delivery ${row.id} with force`,
          String(req.id),
        );
        rerouted = results.filter((r) => r.supersededDecisionId !== null).length;
      }
    }
    const { jobs } = await this.inbox.enqueueIntake(row.provider, connection, events);
    return { jobs, rerouted };
  }

  private async find(id: string) {
    const row = await this.db.webhookDelivery.findUnique({ where: { id } });
    if (row === null) throw ApiProblem.notFound(`Webhook delivery ${id}`);
    return row;
  }

  private async eventsOf(
    row: WebhookDelivery,
  ): Promise<{ events: CrmWebhookEvent[]; connection: CrmConnectionInfo | null }> {
    if (!AUTHENTIC.has(row.status)) return { events: [], connection: null };
    const receiver = this.crm.adapters.get(row.provider).webhookReceiver;
    const connectionRow =
      row.connectionId === null
        ? null
        : await this.db.crmConnection.findUnique({ where: { id: row.connectionId } });
    const connection = connectionRow === null ? null : connectionInfoOf(connectionRow);
    const events = receiver?.eventsOfStored(row.body, connection) ?? [];
    // App-level deliveries are replayed to this tenant's connection only.
    return { events: Array.isArray(events) ? events : [], connection };
  }
}
