import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import type { Prisma, TenantScopedClient } from '@leadflow/database';
import { TENANT_DB } from '../database/database.tokens';
import { pageQuery, toPage } from '../http/pagination';
import { ApiProblem } from '../http/problem';
import { LeadJourneyDto, LeadListQueryDto, LeadPageDto, LeadParamsDto } from './lead.dto';

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
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

@ApiTags('leads')
@ApiBearerAuth()
@Controller('v1/leads')
export class LeadsController {
  constructor(@Inject(TENANT_DB) private readonly db: TenantScopedClient) {}

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
    const row = await this.db.lead.findFirst({ where: { id: params.id }, include: { decision: true } });
    if (row === null) throw ApiProblem.notFound(`Lead ${params.id}`);
    return {
      ...present(row),
      raw: (row.raw as Record<string, unknown> | null) ?? null,
      errors: (row.errors as Record<string, unknown>[] | null) ?? null,
      trail: (row.decision?.decision as Record<string, unknown> | undefined) ?? null,
      traceId: row.decision?.traceId ?? null,
    };
  }
}
