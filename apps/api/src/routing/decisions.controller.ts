import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import type { TenantScopedClient } from '@leadflow/database';
import { TENANT_DB } from '../database/database.tokens';
import { ApiProblem } from '../http/problem';
import { LeadIdParamsDto, StoredDecisionDto } from './rule-set.dto';

@ApiTags('routing')
@ApiBearerAuth()
@Controller('v1/leads')
export class DecisionsController {
  constructor(@Inject(TENANT_DB) private readonly db: TenantScopedClient) {}

  @Get(':id/decision')
  @ApiOperation({ summary: 'How a lead was routed: the stored decision with its full trail' })
  @ZodResponse({ status: 200, type: StoredDecisionDto })
  async get(@Param() params: LeadIdParamsDto) {
    const lead = await this.db.lead.findFirst({ where: { id: params.id }, select: { id: true } });
    if (!lead) throw ApiProblem.notFound(`Lead ${params.id}`);
    const row = await this.db.routingDecision.findFirst({ where: { leadId: params.id } });
    if (!row) {
      throw ApiProblem.notFound(`A routing decision for lead ${params.id} (it has not been routed yet)`);
    }
    return {
      id: row.id,
      leadId: row.leadId,
      ruleSetVersion: row.ruleSetVersion,
      ruleId: row.ruleId,
      outcome: row.outcome,
      repId: row.repId,
      poolId: row.poolId,
      crmOwnerId: row.crmOwnerId,
      traceId: row.traceId,
      decidedAt: row.createdAt.toISOString(),
      decision: row.decision as Record<string, unknown>,
    };
  }
}
