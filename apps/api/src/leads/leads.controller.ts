import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import type { Prisma, TenantScopedClient } from '@leadflow/database';
import { TENANT_DB } from '../database/database.tokens';
import { pageQuery, toPage } from '../http/pagination';
import { ApiProblem } from '../http/problem';
import { CurrentPrincipal, RequireRole } from '../auth/auth.decorators';
import type { AuthenticatedRequest, Principal } from '../auth/principal';
import {
  LeadJourneyDto,
  LeadListQueryDto,
  LeadPageDto,
  LeadParamsDto,
  RerouteLeadDto,
  RerouteResultDto,
} from './lead.dto';
import { LeadRerouteService } from './lead-reroute.service';

type LeadWithDecision = Prisma.LeadGetPayload<{ include: { decision: true } }>;

function present(row: LeadWithDecision) {
  const d = row.decision;
  return {
    id: row.id,
    connectionId: row.connectionId,
    externalId: row.externalId,
    objectType: row.objectType,
    status: row.status,
    mappingVersion: row.mappingVersion,
    lead: row.normalized as Record<string, unknown>,
    decision:
      d === null
        ? null
        : {
            id: d.id,
            outcome: d.outcome,
            ruleId: d.ruleId,
            repId: d.repId,
            poolId: d.poolId,
            crmOwnerId: d.crmOwnerId,
            ruleSetVersion: d.ruleSetVersion,
            decidedAt: d.createdAt.toISOString(),
            writeback: {
              status: d.writebackStatus,
              attempts: d.writebackAttempts,
              error: d.writebackError,
              writtenBackAt: d.writtenBackAt?.toISOString() ?? null,
            },
          },
    crmStatus: row.crmStatus as 'open' | 'won' | 'lost' | 'excluded',
    closedAt: row.closedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

@ApiTags('leads')
@ApiBearerAuth()
@Controller('v1/leads')
export class LeadsController {
  constructor(
    @Inject(TENANT_DB) private readonly db: TenantScopedClient,
    private readonly rerouter: LeadRerouteService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Leads, newest first, filtered by status, connection, rep, pool and time' })
  @ZodResponse({ status: 200, type: LeadPageDto })
  async list(@Query() query: LeadListQueryDto) {
    const page = pageQuery(query);
    const rows = await this.db.lead.findMany({
      ...page,
      where: {
        ...page.where,
        ...(query.status ? { status: query.status } : {}),
        ...(query.crmStatus ? { crmStatus: query.crmStatus } : {}),
        ...(query.connectionId ? { connectionId: query.connectionId } : {}),
        ...(query.repId || query.poolId
          ? {
              decision: {
                ...(query.repId ? { repId: query.repId } : {}),
                ...(query.poolId ? { poolId: query.poolId } : {}),
              },
            }
          : {}),
        ...(query.from || query.to
          ? {
              createdAt: {
                ...(query.from ? { gte: new Date(query.from) } : {}),
                ...(query.to ? { lt: new Date(query.to) } : {}),
              },
            }
          : {}),
      },
      include: { decision: true },
    });
    return toPage(rows, query, present);
  }

  @Get(':id')
  @ApiOperation({
    summary: "One lead's journey: raw record, mapping version and errors, decision with trail, write-back",
  })
  @ZodResponse({ status: 200, type: LeadJourneyDto })
  async get(@Param() params: LeadParamsDto) {
    const row = await this.db.lead.findFirst({
      where: { id: params.id },
      include: { decision: true, pastDecisions: { orderBy: { supersededAt: 'desc' } } },
    });
    if (row === null) throw ApiProblem.notFound(`Lead ${params.id}`);
    const deliveries = await this.db.webhookDelivery.findMany({
      where: { connectionId: row.connectionId, body: { contains: row.externalId } },
      orderBy: [{ receivedAt: 'desc' }, { id: 'desc' }],
      take: 20,
      select: { id: true, status: true, receivedAt: true, eventCount: true },
    });
    return {
      ...present(row),
      pastDecisions: row.pastDecisions.map((d) => ({
        id: d.id,
        outcome: d.outcome,
        ruleId: d.ruleId,
        repId: d.repId,
        crmOwnerId: d.crmOwnerId,
        ruleSetVersion: d.ruleSetVersion,
        decidedAt: d.decidedAt.toISOString(),
        writebackStatus: d.writebackStatus,
        supersededAt: d.supersededAt.toISOString(),
        supersededBy: d.supersededBy,
        reason: d.reason,
        traceId: d.traceId,
      })),
      deliveries: deliveries.map((d) => ({ ...d, receivedAt: d.receivedAt.toISOString() })),
      raw: (row.raw as Record<string, unknown> | null) ?? null,
      errors: (row.errors as Record<string, unknown>[] | null) ?? null,
      trail: (row.decision?.decision as Record<string, unknown> | undefined) ?? null,
      traceId: row.decision?.traceId ?? null,
    };
  }

  @Post(':id/reroute')
  @HttpCode(202)
  @RequireRole('operator')
  @ApiOperation({
    summary: 'Route a lead again (operator)',
    description:
      'Moves the current decision to the lead’s history and queues intake for the record: a fresh read from the CRM, the active mapping and the published rules decide again, and the new owner is written back (over the owner our earlier decision wrote, not over one someone else set since). 409 when the connection is paused or needs re-authorisation.',
  })
  @ApiBody({ type: RerouteLeadDto, required: false })
  @ZodResponse({ status: 202, type: RerouteResultDto })
  async reroute(
    @Param() params: LeadParamsDto,
    @Body() body: RerouteLeadDto,
    @CurrentPrincipal() principal: Principal,
    @Req() req: AuthenticatedRequest,
  ) {
    const lead = await this.db.lead.findFirst({
      where: { id: params.id },
      select: { id: true, connectionId: true, externalId: true },
    });
    if (lead === null) throw ApiProblem.notFound(`Lead ${params.id}`);
    const [result] = await this.rerouter.reroute(principal, [lead], body.reason ?? null, String(req.id));
    return { ...result!, queued: true as const };
  }
}
