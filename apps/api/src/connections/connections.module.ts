import { Module } from '@nestjs/common';
import { AuditLogService } from '../audit/audit-log.service';
import { BackfillController } from './backfill.controller';
import { BackfillQueueService } from './backfill-queue.service';
import { BackfillService } from './backfill.service';
import { ConnectionsController } from './connections.controller';
import { ConnectionsService } from './connections.service';
import { OAuthConnectService } from './oauth-connect.service';
import { ProviderHealthController } from '../providers/provider-health.controller';

/** CRM connections: token and OAuth connect, status changes, health, backfill. CRM wiring is global. */
@Module({
  controllers: [ConnectionsController, BackfillController, ProviderHealthController],
  providers: [
    AuditLogService,
    ConnectionsService,
    OAuthConnectService,
    BackfillService,
    BackfillQueueService,
  ],
})
export class ConnectionsModule {}
