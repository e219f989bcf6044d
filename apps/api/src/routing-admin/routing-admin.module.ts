import { Module } from '@nestjs/common';
import { AuditLogService } from '../audit/audit-log.service';
import { PoolsController } from './pools.controller';
import { PoolsService } from './pools.service';
import { RepKpisController } from './rep-kpis.controller';
import { RepsController } from './reps.controller';
import { RepsService } from './reps.service';

/**
 * Pools, reps and rep KPIs (admin API). TENANT_DB comes from the global DatabaseModule; the audit
 * log service is declared here too (it only needs TENANT_DB), so the module imports nothing.
 */
@Module({
  controllers: [RepsController, RepKpisController, PoolsController],
  providers: [AuditLogService, RepsService, PoolsService],
})
export class RoutingAdminModule {}
