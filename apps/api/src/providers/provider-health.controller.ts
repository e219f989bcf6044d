import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { type CrmRuntime, ProviderHealthReader } from '@leadflow/connections';
import type { PrismaClient, TenantScopedClient } from '@leadflow/database';
import { CRM_RUNTIME } from '../connections/crm-runtime.provider';
import { SYSTEM_DB, TENANT_DB } from '../database/database.tokens';
import { ProviderHealthListDto } from './provider-health.dto';

/**
 * Provider health for the calling tenant's connections. It is also the readiness signal for CRM
 * connections: `healthy` is false and `unhealthy` names the connections when any is unhealthy. The
 * API's own /health/ready stays about the API's dependencies, so one broken CRM account never takes
 * the API (and with it every tenant's webhooks) out of a load balancer.
 */
@ApiTags('connections')
@ApiBearerAuth()
@Controller('v1/providers')
export class ProviderHealthController {
  private readonly reader: ProviderHealthReader;

  constructor(
    @Inject(TENANT_DB) private readonly db: TenantScopedClient,
    @Inject(SYSTEM_DB) prisma: PrismaClient,
    @Inject(CRM_RUNTIME) crm: CrmRuntime,
  ) {
    // The tenant-scoped query picks the connections; the reader's grouped queries are by their ids.
    this.reader = new ProviderHealthReader(prisma, crm);
  }

  @Get('health')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Health of each CRM connection: circuit, rate limits, token, calls, webhooks, polling',
    description:
      'Unhealthy: needs re-authorisation, a circuit breaker open, at least half of 5 or more CRM calls failed in the last 5 minutes, or polling more than max(10 min, 5 poll intervals) behind. Disconnected connections are left out.',
  })
  @ZodResponse({ status: 200, type: ProviderHealthListDto })
  async health() {
    const rows = await this.db.crmConnection.findMany({
      where: { status: { not: 'disconnected' } },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    const connections = await this.reader.read(rows);
    const unhealthy = connections.filter((c) => !c.healthy).map((c) => c.id);
    return {
      healthy: unhealthy.length === 0,
      unhealthy,
      checkedAt: new Date().toISOString(),
      connections,
    };
  }
}
