import { Inject, Injectable } from '@nestjs/common';
import { type PrismaClient, requireCurrentTenantId } from '@leadflow/database';
import { supersedeDecision } from '@leadflow/routing';
import { AuditLogService } from '../audit/audit-log.service';
import type { Principal } from '../auth/principal';
import { SYSTEM_DB } from '../database/database.tokens';
import { ApiProblem } from '../http/problem';
import { IntakeQueueService } from '../webhooks/intake-queue.service';

export interface RerouteResult {
  leadId: string;
  supersededDecisionId: string | null;
}

/**
 * An operator's explicit re-route: the lead's decision moves to its history and intake runs for
 * the record again — a fresh read from the CRM, the active mapping, the published rules — and
 * writes the new owner back. The only way a routed lead is routed again.
 */
@Injectable()
export class LeadRerouteService {
  constructor(
    @Inject(SYSTEM_DB) private readonly prisma: PrismaClient,
    private readonly intake: IntakeQueueService,
    private readonly audit: AuditLogService,
  ) {}

  async reroute(
    principal: Principal,
    leads: readonly { id: string; connectionId: string; externalId: string }[],
    reason: string | null,
    requestId?: string,
  ): Promise<RerouteResult[]> {
    const tenantId = requireCurrentTenantId();
    const connections = await this.prisma.crmConnection.findMany({
      where: { tenantId, id: { in: [...new Set(leads.map((l) => l.connectionId))] } },
      select: { id: true, status: true },
    });
    for (const connection of connections) {
      if (connection.status !== 'active') {
        throw ApiProblem.conflict(
          `connection ${connection.id} is ${connection.status}: resume or re-authorise it before re-routing its leads`,
        );
      }
    }
    const actor = principal.kind === 'api_key' ? principal.keyId : 'bootstrap';
    const results: RerouteResult[] = [];
    for (const lead of leads) {
      const superseded = await supersedeDecision(this.prisma, { tenantId, leadId: lead.id, actor, reason });
      results.push({ leadId: lead.id, supersededDecisionId: superseded?.id ?? null });
    }
    await this.intake.enqueue(leads.map((l) => ({ connectionId: l.connectionId, externalId: l.externalId })));
    for (const result of results) {
      await this.audit.record(
        principal,
        {
          action: 'lead.reroute',
          targetType: 'lead',
          targetId: result.leadId,
          details: { supersededDecisionId: result.supersededDecisionId, reason },
        },
        requestId,
      );
    }
    return results;
  }
}
