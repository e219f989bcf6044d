import {
  type CrmAdapterRegistry,
  type CrmErrorCode,
  type CrmIntegrationFactory,
  crmErrorPolicy,
  isCrmError,
  mappingScopeOf,
} from '@leadflow/crm';
import type { PrismaClient } from '@leadflow/database';
import { CoalescingBatcher } from './coalescing-batcher';

/** `superseded`: an operator re-routed the lead after this job was queued; the new decision has its own. */
export type WritebackResult = 'done' | 'skipped' | 'conflict' | 'failed' | 'already_done' | 'superseded';

/** The most owners one batch write sets (HubSpot's batch update limit). */
export const WRITEBACK_BATCH_SIZE = 100;
/**
 * A decision younger than this is written without reading the record again first: intake read
 * the owner moments ago. Older ones (retries, a backlog after an outage) are re-read so an owner
 * someone set in the CRM meanwhile is not overwritten (ADR 0018).
 */
export const FRESH_DECISION_MS = 60_000;

interface WriteScope {
  connectionId: string;
  objectType: string;
}

interface WriteItem {
  externalId: string;
  ownerId: string;
  expectedOwners: readonly (string | null)[];
  verify: boolean;
}

type WriteOutcome =
  | { kind: 'done' }
  | { kind: 'conflict'; current: string | null }
  | { kind: 'error'; code: CrmErrorCode; message: string };

/** One record's write failed inside a batch that otherwise succeeded; retried like a failed call. */
export class RecordWriteError extends Error {
  constructor(
    readonly code: CrmErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'RecordWriteError';
  }

  get retryable(): boolean {
    return crmErrorPolicy(this.code).retryable;
  }
}

/**
 * Drains the outbox (decisions with `writeback_status = pending`): writes each chosen owner to the
 * CRM through `ICrmClient`. Jobs of one connection that run at the same time share one batch read
 * (for the decisions that need the conflict check) and one batch write. Not overwritten: a record
 * whose owner changed in the CRM since intake (recorded as `conflict`). Temporary failures are
 * rethrown for the queue to retry; the last attempt, and any permanent failure, marks the decision
 * `failed` and the lead `writeback_failed` with the reason.
 */
export class WritebackProcessor {
  private readonly batcher: CoalescingBatcher<WriteScope, WriteItem, WriteOutcome>;

  constructor(
    private readonly deps: {
      prisma: PrismaClient;
      factory: CrmIntegrationFactory;
      adapters: CrmAdapterRegistry;
      now?: () => Date;
    },
  ) {
    this.batcher = new CoalescingBatcher((scope, items) => this.write(scope, items), {
      maxBatch: WRITEBACK_BATCH_SIZE,
      keyOf: (scope) => `${scope.connectionId}\u0000${scope.objectType}`,
    });
  }

  async process(decisionId: string, attempt: { number: number; last: boolean }): Promise<WritebackResult> {
    const { prisma } = this.deps;
    const decision = await prisma.routingDecision.findUnique({
      where: { id: decisionId },
      include: { lead: { include: { pastDecisions: { select: { crmOwnerId: true } } } } },
    });
    if (decision === null) return 'superseded';
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
      const now = (this.deps.now ?? (() => new Date()))().getTime();
      const ownerAtIntake = (lead.normalized as { existingOwnerId?: string | null }).existingOwnerId ?? null;
      const outcome = await this.batcher.submit(
        { connectionId: connection.id, objectType },
        {
          externalId: lead.externalId,
          ownerId: decision.crmOwnerId,
          // Owners the record may have without anyone else having touched it: the one intake saw,
          // and those our own earlier decisions wrote before an operator re-routed the lead.
          expectedOwners: [ownerAtIntake, ...lead.pastDecisions.map((d) => d.crmOwnerId)],
          verify: attempt.number > 1 || now - decision.createdAt.getTime() > FRESH_DECISION_MS,
        },
      );
      if (outcome.kind === 'error') throw new RecordWriteError(outcome.code, outcome.message);
      if (outcome.kind === 'conflict') {
        const reason = `the CRM owner changed from ${ownerAtIntake ?? 'none'} to ${outcome.current ?? 'none'} after intake; not overwritten`;
        await this.finish(decisionId, lead.id, 'conflict', reason, 'writeback_conflict');
        return 'conflict';
      }
      await this.finish(decisionId, lead.id, 'done', null, 'routed');
      return 'done';
    } catch (error) {
      // An expired token that the factory's one refresh did not cure (another process's refresh
      // raced a CRM that expired that token too) is worth a later attempt, which refreshes again.
      const retryable =
        ((isCrmError(error) || error instanceof RecordWriteError) && error.retryable) ||
        (isCrmError(error) && error.code === 'AUTH_EXPIRED');
      if (retryable && !attempt.last) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      await this.finish(decisionId, lead.id, 'failed', reason.slice(0, 1000), 'writeback_failed');
      return 'failed';
    }
  }

  /** One batch: re-read the records that need the conflict check, then write the rest at once. */
  private async write(scope: WriteScope, items: readonly WriteItem[]): Promise<WriteOutcome[]> {
    const client = await this.deps.factory.forConnection(scope.connectionId);
    const toVerify = [...new Set(items.filter((i) => i.verify).map((i) => i.externalId))];
    const current = new Map<string, string | null>();
    if (toVerify.length > 0) {
      const { records } = await client.fetchLeads(scope.objectType, toVerify, {
        properties: { contact: [], company: [] },
      });
      for (const id of toVerify) current.set(id, null);
      for (const record of records) current.set(record.externalId, record.ownerId ?? null);
    }
    const outcomes = new Map<number, WriteOutcome>();
    const writes = new Map<string, { ownerId: string; indexes: number[] }>();
    items.forEach((item, index) => {
      if (item.verify) {
        const owner = current.get(item.externalId) ?? null;
        if (owner === item.ownerId) return outcomes.set(index, { kind: 'done' });
        if (!item.expectedOwners.includes(owner)) {
          return outcomes.set(index, { kind: 'conflict', current: owner });
        }
      }
      const pending = writes.get(item.externalId);
      if (pending === undefined) writes.set(item.externalId, { ownerId: item.ownerId, indexes: [index] });
      else pending.indexes.push(index);
    });
    if (writes.size > 0) {
      const results = await client.assignOwners(
        scope.objectType,
        [...writes].map(([externalId, w]) => ({ externalId, ownerId: w.ownerId })),
      );
      const byId = new Map(results.map((r) => [r.externalId, r]));
      for (const [externalId, w] of writes) {
        const result = byId.get(externalId);
        const outcome: WriteOutcome =
          result === undefined
            ? {
                kind: 'error',
                code: 'UNKNOWN',
                message: `the CRM did not report an outcome for record ${externalId}`,
              }
            : result.ok
              ? { kind: 'done' }
              : { kind: 'error', code: result.code, message: result.message };
        for (const index of w.indexes) outcomes.set(index, outcome);
      }
    }
    return items.map((_, index) => outcomes.get(index)!);
  }

  private async finish(
    decisionId: string,
    leadId: string,
    status: string,
    error: string | null,
    leadStatus: string,
  ) {
    const now = new Date();
    await this.deps.prisma.$transaction([
      this.deps.prisma.routingDecision.update({
        where: { id: decisionId },
        data: {
          writebackStatus: status,
          writebackError: error,
          ...(status === 'done' ? { writtenBackAt: now } : {}),
        },
      }),
      this.deps.prisma.lead.update({
        where: { id: leadId },
        // Our own write changed the record: polling need not read it again for that change.
        data: { status: leadStatus, ...(status === 'done' ? { crmUpdatedAt: now } : {}) },
      }),
    ]);
  }
}
