import type { PrismaClient } from '@leadflow/database';
import type { LeadStatus } from '@leadflow/routing-engine';

/** The KPIs Leadflow derives from lead outcomes; other KPI names are the admin's to record. */
export const DERIVED_KPIS = ['win_rate', 'conversion_rate'] as const;
/** How far back the derived KPIs look. */
export const KPI_WINDOW_DAYS = 90;

export interface OutcomeChange {
  leadId: string;
  from: LeadStatus;
  to: LeadStatus;
  /** The rep whose open-lead count and KPIs changed, when the lead was assigned to one. */
  repId: string | null;
}

/**
 * Applies a lead's CRM-side status (won, lost, excluded, or open again) and what follows from it
 * for routing: the assigned rep's open-lead count (open caps and least-loaded pools) and the KPIs
 * KPI-weighted pools score (`win_rate` = won / (won + lost), `conversion_rate` = won / assigned,
 * both over the last 90 days). One transaction; the rep's load row is locked first, in the same
 * order routing locks it, so a status update and an assignment for the same rep queue rather than
 * deadlock. A status equal to the stored one changes nothing.
 */
export class LeadOutcomes {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async record(tenantId: string, leadId: string, status: LeadStatus): Promise<OutcomeChange | null> {
    const now = this.clock();
    const decision = await this.prisma.routingDecision.findUnique({
      where: { leadId },
      select: { repId: true, outcome: true },
    });
    const repId = decision?.outcome === 'assigned' ? decision.repId : null;
    return this.prisma.$transaction(async (tx) => {
      if (repId !== null) {
        await tx.$executeRaw`SELECT 1 FROM rep_load WHERE rep_id = ${repId}::uuid FOR UPDATE`;
      }
      const [previous] = await tx.$queryRaw<{ crm_status: LeadStatus }[]>`
        SELECT crm_status FROM lead WHERE id = ${leadId}::uuid AND tenant_id = ${tenantId}::uuid FOR UPDATE`;
      if (previous === undefined || previous.crm_status === status) return null;
      const closing = previous.crm_status === 'open';
      const reopening = status === 'open';
      await tx.lead.update({
        where: { id: leadId },
        data: { crmStatus: status, closedAt: reopening ? null : closing ? now : undefined },
      });
      if (repId === null) return { leadId, from: previous.crm_status, to: status, repId: null };
      if (closing || reopening) {
        await tx.$executeRaw`
          UPDATE rep_load SET open_count = greatest(open_count + ${reopening ? 1 : -1}, 0), updated_at = ${now}
          WHERE rep_id = ${repId}::uuid`;
      }
      const windowStart = new Date(now.getTime() - KPI_WINDOW_DAYS * 86_400_000);
      const [counts] = await tx.$queryRaw<{ assigned: bigint; won: bigint; lost: bigint }[]>`
        SELECT count(*) AS assigned,
               count(*) FILTER (WHERE l.crm_status = 'won') AS won,
               count(*) FILTER (WHERE l.crm_status = 'lost') AS lost
        FROM routing_decision d JOIN lead l ON l.id = d.lead_id
        WHERE d.tenant_id = ${tenantId}::uuid AND d.rep_id = ${repId}::uuid AND d.outcome = 'assigned'
          AND d.created_at >= ${windowStart}`;
      const assigned = Number(counts?.assigned ?? 0);
      const won = Number(counts?.won ?? 0);
      const lost = Number(counts?.lost ?? 0);
      const values: [string, number | null][] = [
        ['win_rate', won + lost === 0 ? null : won / (won + lost)],
        ['conversion_rate', assigned === 0 ? null : won / assigned],
      ];
      for (const [kpi, value] of values) {
        if (value === null) continue;
        await tx.repKpi.upsert({
          where: { repId_kpi: { repId, kpi } },
          create: { tenantId, repId, kpi, value, windowStart, windowEnd: now, updatedAt: now },
          update: { value, windowStart, windowEnd: now, updatedAt: now },
        });
      }
      return { leadId, from: previous.crm_status, to: status, repId };
    });
  }
}
