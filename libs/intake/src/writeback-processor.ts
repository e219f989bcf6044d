import {
  type CrmAdapterRegistry,
  type CrmIntegrationFactory,
  isCrmError,
  mappingScopeOf,
} from '@leadflow/crm';
import type { PrismaClient } from '@leadflow/database';

export type WritebackResult = 'done' | 'skipped' | 'conflict' | 'failed' | 'already_done';

/**
 * Drains one outbox entry (a decision with `writeback_status = pending`): writes the chosen owner
 * to the CRM record through `ICrmClient`. Not overwritten: a record whose owner changed in the CRM
 * since intake (recorded as `conflict`). Temporary failures are rethrown for the queue to retry;
 * the last attempt, and any permanent failure, marks the decision `failed` and the lead
 * `writeback_failed` with the reason.
 */
export class WritebackProcessor {
  constructor(
    private readonly deps: {
      prisma: PrismaClient;
      factory: CrmIntegrationFactory;
      adapters: CrmAdapterRegistry;
    },
  ) {}

  async process(decisionId: string, attempt: { number: number; last: boolean }): Promise<WritebackResult> {
    const { prisma } = this.deps;
    const decision = await prisma.routingDecision.findUniqueOrThrow({
      where: { id: decisionId },
      include: { lead: true },
    });
    if (decision.writebackStatus !== 'pending') return 'already_done';
    if (decision.crmOwnerId === null) {
      await this.finish(decisionId, decision.leadId, 'skipped', null, decision.outcome);
      return 'skipped';
    }
    const lead = decision.lead;
    await prisma.routingDecision.update({
      where: { id: decisionId },
      data: { writebackAttempts: { increment: 1 } },
    });
    try {
      const connection = await prisma.crmConnection.findUniqueOrThrow({ where: { id: lead.connectionId } });
      const objectType =
        lead.objectType ??
        mappingScopeOf(
          this.deps.adapters.get(connection.provider),
          connection.settings as Record<string, unknown>,
        ).routedObject;
      const client = await this.deps.factory.forConnection(connection.id);
      const ownerAtIntake = (lead.normalized as { existingOwnerId?: string | null }).existingOwnerId ?? null;
      const { records } = await client.fetchLeads(objectType, [lead.externalId], {
        properties: { contact: [], company: [] },
      });
      const current = records[0]?.ownerId ?? null;
      if (current === decision.crmOwnerId) {
        await this.finish(decisionId, lead.id, 'done', null, 'routed');
        return 'done';
      }
      if (current !== ownerAtIntake) {
        const reason = `the CRM owner changed from ${ownerAtIntake ?? 'none'} to ${current ?? 'none'} after intake; not overwritten`;
        await this.finish(decisionId, lead.id, 'conflict', reason, 'writeback_conflict');
        return 'conflict';
      }
      await client.assignOwner(objectType, { externalId: lead.externalId, ownerId: decision.crmOwnerId });
      await this.finish(decisionId, lead.id, 'done', null, 'routed');
      return 'done';
    } catch (error) {
      const retryable = isCrmError(error) && error.retryable;
      if (retryable && !attempt.last) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      await this.finish(decisionId, lead.id, 'failed', reason.slice(0, 1000), 'writeback_failed');
      return 'failed';
    }
  }

  private async finish(
    decisionId: string,
    leadId: string,
    status: string,
    error: string | null,
    leadStatus: string,
  ) {
    await this.deps.prisma.$transaction([
      this.deps.prisma.routingDecision.update({
        where: { id: decisionId },
        data: {
          writebackStatus: status,
          writebackError: error,
          ...(status === 'done' ? { writtenBackAt: new Date() } : {}),
        },
      }),
      this.deps.prisma.lead.update({ where: { id: leadId }, data: { status: leadStatus } }),
    ]);
  }
}
