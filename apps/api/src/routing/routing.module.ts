import { Module } from '@nestjs/common';
import type { PrismaClient } from '@leadflow/database';
import { RoutingConfigLoader } from '@leadflow/routing';
import { AuditLogService } from '../audit/audit-log.service';
import { SYSTEM_DB } from '../database/database.tokens';
import { DecisionsController } from './decisions.controller';
import { RuleSetsController } from './rule-sets.controller';
import { RuleSetsService } from './rule-sets.service';
import { SimulationController } from './simulation.controller';
import { SimulationService } from './simulation.service';

/**
 * Rule sets (draft, publish, versions, diff, rollback), simulation and routing decisions.
 * TENANT_DB and SYSTEM_DB come from the global DatabaseModule.
 */
@Module({
  controllers: [RuleSetsController, SimulationController, DecisionsController],
  providers: [
    AuditLogService,
    RuleSetsService,
    SimulationService,
    {
      provide: RoutingConfigLoader,
      inject: [SYSTEM_DB],
      useFactory: (prisma: PrismaClient) => new RoutingConfigLoader(prisma),
    },
  ],
})
export class RoutingModule {}
