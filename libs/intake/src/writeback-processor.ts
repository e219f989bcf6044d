import {
  type CrmAdapterRegistry,
  type CrmErrorCode,
  type CrmIntegrationFactory,
  crmErrorPolicy,
  isCrmError,
  mappingScopeOf,
} from '@leadflow/crm';
import type { PrismaClient } from '@leadflow/database';
import { budgetLinger } from './budget-linger';
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

/** An owner written to the CRM: when the lead was created there (if it says) and first seen here. */
export interface OwnerWrittenEvent {
  provider: string;
  crmCreatedAt: Date | null;
  firstSeenAt: Date;
  writtenAt: Date;
}

/** The CRM's creation time from the normalized lead (canonical field `createdAt`), when mapped. */
function crmCreatedAtOf(normalized: unknown): Date | null {
  const value = (normalized as { createdAt?: unknown } | null)?.createdAt;
  if (typeof value !== 'string') return null;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? null : at;
}

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
interface ClaimedRow {
  lead_id: string;
  crm_owner_id: string;
  created_at: Date;
  external_id: string;
  object_type: string | null;
  connection_id: string;
  normalized: unknown;
  lead_created_at: Date;
  past_owners: (string | null)[];
}

interface Claimed {
  decision: { crmOwnerId: string; createdAt: Date };
  lead: {
    id: string;
    externalId: string;
    objectType: string | null;
    connectionId: string;
    normalized: unknown;
    createdAt: Date;
    pastOwners: (string | null)[];
  };
}

interface ConnectionRow {
  id: string;
  provider: string;
  settings: unknown;
}

const CONNECTION_TTL_MS = 5_000;

export class WritebackProcessor {
  private readonly batcher: CoalescingBatcher<WriteScope, WriteItem, WriteOutcome>;
  private readonly connections = new Map<string, { at: number; row: Promise<ConnectionRow> }>();

  constructor(
    private readonly deps: {
      prisma: PrismaClient;
      factory: CrmIntegrationFactory;
      adapters: CrmAdapterRegistry;
      now?: () => Date;
      /** Told when an owner is written, for the time-to-assign metric. */
      onOwnerWritten?: (event: OwnerWrittenEvent) => void;
    },
  ) {
    this.batcher = new CoalescingBatcher((scope, items) => this.write(scope, items), {
      maxBatch: WRITEBACK_BATCH_SIZE,
      keyOf: (scope) => `${scope.connectionId}\u0000${scope.objectType}`,
      lingerMs: budgetLinger<WriteScope>(deps.factory),
    });
  }

  /**
   * The connection's provider and settings, remembered for a moment: a batch of write-backs of one
   * connection would otherwise read the same row once per decision. Its status is not taken from
   * here (the CRM client checks it for every call).
   */
  private connectionOf(id: string): Promise<ConnectionRow> {
    const now = Date.now();
    const known = this.connections.get(id);
    if (known !== undefined && now - known.at < CONNECTION_TTL_MS) return known.row;
    const row = this.deps.prisma.crmConnection.findUniqueOrThrow({
      where: { id },
      select: { id: true, provider: true, settings: true },
    });
    if (this.connections.size > 1_000) this.connections.clear();
    this.connections.set(id, { at: now, row });
    row.catch(() => this.connections.delete(id));
    return row;
  }

  async process(decisionId: string, attempt: { number: number; last: boolean }): Promise<WritebackResult> {
    const claimed = await this.claim(decisionId);
    if (claimed === null) {
      // Not a pending decision with an owner to write: find out which of the rarer cases it is.
      const decision = await this.deps.prisma.routingDecision.findUnique({ where: { id: decisionId } });
      if (decision === null) return 'superseded';
      if (decision.writebackStatus !== 'pending') return 'already_done';
      await this.finish(decisionId, decision.leadId, 'skipped', null, decision.outcome);
      return 'skipped';
    }
    const { decision, lead } = claimed;
    try {
      const connection = await this.connectionOf(lead.connectionId);
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
          expectedOwners: [ownerAtIntake, ...lead.pastOwners],
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
      this.deps.onOwnerWritten?.({
        provider: connection.provider,
        crmCreatedAt: crmCreatedAtOf(lead.normalized),
        firstSeenAt: lead.createdAt,
        writtenAt: new Date(),
      });
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

  /**
   * Counts an attempt on a pending decision that has an owner to write and reads what the write
   * needs — the lead, and the owners of its superseded decisions — in one round trip; `null` when
   * the decision is gone, finished or has no owner.
   */
  private async claim(decisionId: string): Promise<Claimed | null> {
    const rows = await this.deps.prisma.$queryRaw<ClaimedRow[]>`
      WITH claimed AS (
        UPDATE routing_decision
        SET writeback_attempts = writeback_attempts + 1
        WHERE id = ${decisionId}::uuid AND writeback_status = 'pending' AND crm_owner_id IS NOT NULL
        RETURNING lead_id, crm_owner_id, created_at
      )
      SELECT c.lead_id, c.crm_owner_id, c.created_at,
             l.external_id, l.object_type, l.connection_id, l.normalized, l.created_at AS lead_created_at,
             ARRAY(SELECT h.crm_owner_id FROM routing_decision_history h WHERE h.lead_id = c.lead_id) AS past_owners
      FROM claimed c JOIN lead l ON l.id = c.lead_id`;
    const row = rows[0];
    if (row === undefined) return null;
    return {
      decision: { crmOwnerId: row.crm_owner_id, createdAt: row.created_at },
      lead: {
        id: row.lead_id,
        externalId: row.external_id,
        objectType: row.object_type,
        connectionId: row.connection_id,
        normalized: row.normalized,
        createdAt: row.lead_created_at,
        pastOwners: row.past_owners,
      },
    };
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

  /** The decision's write-back outcome and the lead's status, in one statement (one round trip). */
  private async finish(
    decisionId: string,
    leadId: string,
    status: string,
    error: string | null,
    leadStatus: string,
  ) {
    const done = status === 'done';
    // Our own write changed the record: polling need not read it again for that change.
    await this.deps.prisma.$executeRaw`
      WITH decision AS (
        UPDATE routing_decision
        SET writeback_status = ${status},
            writeback_error = ${error},
            written_back_at = CASE WHEN ${done} THEN now() ELSE written_back_at END
        WHERE id = ${decisionId}::uuid
        RETURNING lead_id
      )
      UPDATE lead
      SET status = ${leadStatus},
          crm_updated_at = CASE WHEN ${done} THEN GREATEST(crm_updated_at, now()) ELSE crm_updated_at END,
          updated_at = now()
      WHERE id = ${leadId}::uuid`;
  }
}
