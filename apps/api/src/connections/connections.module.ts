import { Module } from '@nestjs/common';
import { AuditLogService } from '../audit/audit-log.service';
import { ConnectionsController } from './connections.controller';
import { ConnectionsService } from './connections.service';
import { OAuthConnectService } from './oauth-connect.service';

/** CRM connections: token and OAuth connect, status changes, health. CRM wiring is global. */
@Module({
  controllers: [ConnectionsController],
  providers: [AuditLogService, ConnectionsService, OAuthConnectService],
})
export class ConnectionsModule {}
