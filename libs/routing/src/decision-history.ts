import type { PrismaClient } from '@leadflow/database';

export interface SupersededDecision {
  /** The decision moved to history. */
  id: string;
  repId: string | null;
  crmOwnerId: string | null;
}

/**
 * Makes a decided lead routable again, for an operator's re-route: its decision moves to
 * `routing_decision_history` (the journey keeps every decision), the rep it was assigned to gets
 * the open lead back off their count, and the lead returns to `new`. Routing it again is intake's
 * job. One transaction; the rep's load row is locked before the decision, as routing locks them.
 * A lead an import-only backfill held back from routing is released (ADR 0019). Returns null when the
 * lead has no decision (nothing to supersede).
 */
export async function supersedeDecision(
  prisma: PrismaClient,
  input: { tenantId: string; leadId: string; actor: string; reason: string | null },
): Promise<SupersededDecision | null> {
  await prisma.$executeRaw`
    UPDATE lead SET backfill_id = NULL, status = CASE WHEN status = 'imported' THEN 'new' ELSE status END,
      updated_at = now()
    WHERE id = ${input.leadId}::uuid AND tenant_id = ${input.tenantId}::uuid AND backfill_id IS NOT NULL`;
  const current = await prisma.routingDecision.findFirst({
    where: { tenantId: input.tenantId, leadId: input.leadId },
    select: { repId: true, outcome: true },
  });
  if (current === null) return null;
  return prisma.$transaction(async (tx) => {
    if (current.outcome === 'assigned' && current.repId !== null) {
      await tx.$executeRaw`SELECT 1 FROM rep_load WHERE rep_id = ${current.repId}::uuid FOR UPDATE`;
    }
    const decision = await tx.routingDecision.findFirst({
      where: { tenantId: input.tenantId, leadId: input.leadId },
      include: { lead: { select: { crmStatus: true } } },
    });
    if (decision === null) return null;
    await tx.routingDecisionHistory.create({
      data: {
        id: decision.id,
        tenantId: decision.tenantId,
        leadId: decision.leadId,
        ruleSetVersion: decision.ruleSetVersion,
        ruleId: decision.ruleId,
        outcome: decision.outcome,
        repId: decision.repId,
        crmOwnerId: decision.crmOwnerId,
        poolId: decision.poolId,
        decision: decision.decision ?? {},
        traceId: decision.traceId,
        writebackStatus: decision.writebackStatus,
        writtenBackAt: decision.writtenBackAt,
        decidedAt: decision.createdAt,
        supersededBy: input.actor,
        reason: input.reason,
      },
    });
    // Deleting (not updating) keeps "one decision per lead" a unique index, not a convention.
    const deleted = await tx.routingDecision.deleteMany({ where: { id: decision.id } });
    if (deleted.count === 0) return null;
    if (decision.outcome === 'assigned' && decision.repId !== null && decision.lead.crmStatus === 'open') {
      await tx.$executeRaw`
        UPDATE rep_load SET open_count = greatest(open_count - 1, 0), updated_at = now()
        WHERE rep_id = ${decision.repId}::uuid`;
    }
    await tx.lead.update({ where: { id: input.leadId }, data: { status: 'new' } });
    return { id: decision.id, repId: decision.repId, crmOwnerId: decision.crmOwnerId };
  });
}
