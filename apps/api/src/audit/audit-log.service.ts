import { Inject, Injectable } from '@nestjs/common';
import { type Prisma, requireCurrentTenantId, type TenantScopedClient } from '@leadflow/database';
import { TENANT_DB } from '../database/database.tokens';
import type { Principal } from '../auth/principal';

export interface AuditEntry {
  action: string;
  targetType: string;
  targetId?: string;
  details?: Prisma.InputJsonValue;
}

type AuditWriter = Pick<TenantScopedClient, 'auditLog'>;

/** Records admin actions (who, what, when). Pass the transaction so the record commits with the action. */
@Injectable()
export class AuditLogService {
  constructor(@Inject(TENANT_DB) private readonly db: TenantScopedClient) {}

  async record(
    principal: Principal,
    entry: AuditEntry,
    requestId?: string,
    tx: AuditWriter = this.db,
  ): Promise<void> {
    await tx.auditLog.create({
      data: {
        tenantId: requireCurrentTenantId(),
        actorType: principal.kind,
        actorId: principal.kind === 'api_key' ? principal.keyId : null,
        actorLabel: principal.kind === 'api_key' ? `lf_${principal.prefix}` : 'bootstrap token',
        action: entry.action,
        targetType: entry.targetType,
        targetId: entry.targetId ?? null,
        details: entry.details ?? {},
        requestId: requestId ?? null,
      },
    });
  }
}
