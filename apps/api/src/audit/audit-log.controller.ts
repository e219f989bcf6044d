import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import type { TenantScopedClient } from '@leadflow/database';
import { TENANT_DB } from '../database/database.tokens';
import { pageQuery, toPage } from '../http/pagination';
import { AuditLogPageDto, AuditLogQueryDto } from './audit-log.dto';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('v1/audit-log')
export class AuditLogController {
  constructor(@Inject(TENANT_DB) private readonly db: TenantScopedClient) {}

  @Get()
  @ApiOperation({ summary: "List the tenant's audit log, newest first" })
  @ZodResponse({ status: 200, type: AuditLogPageDto })
  async list(@Query() query: AuditLogQueryDto) {
    const page = pageQuery(query);
    const rows = await this.db.auditLog.findMany({
      ...page,
      where: { ...page.where, ...(query.action ? { action: query.action } : {}) },
    });
    return toPage(rows, query, (r) => ({
      id: r.id,
      actorType: r.actorType,
      actorId: r.actorId,
      actorLabel: r.actorLabel,
      action: r.action,
      targetType: r.targetType,
      targetId: r.targetId,
      details: (r.details ?? {}) as Record<string, unknown>,
      requestId: r.requestId,
      createdAt: r.createdAt.toISOString(),
    }));
  }
}
