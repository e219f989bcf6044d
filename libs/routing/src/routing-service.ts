import { SpanStatusCode, trace } from '@opentelemetry/api';
import { type PgPool, type PrismaClient, uuidV7 } from '@leadflow/database';
import {
  applyRepLoadIncrement,
  applyStateDelta,
  type FallbackTarget,
  route,
  type RoutableLead,
  type RoutingConfig,
  type RoutingDecision,
  type RoutingResult,
  type RoutingState,
} from '@leadflow/routing-engine';
import { RoutingConfigLoader } from './routing-config-loader';
import { LeadNotFoundError, RoutingContentionError } from './routing-errors';
import { type DecisionWrite, RoutingSqlStore, type StoredDecision } from './routing-sql-store';

export type { StoredDecision } from './routing-sql-store';

export interface AssignmentResult {
  decision: StoredDecision;
  /** False when the lead had been decided before (a repeat call returns the stored decision). */
  created: boolean;
}

export interface RoutingServiceOptions {
  /** Most leads decided in one transaction (one lock, one commit). */
  maxBatch?: number;
  /** Told of each decision made (not of stored ones returned again), e.g. to count outcomes. */
  onDecision?: (decision: StoredDecision) => void;
}

const tracer = trace.getTracer('leadflow.routing');

interface LockSet {
  pools: Set<string>;
  reps: Set<string>;
}

interface QueuedAssignment {
  tenantId: string;
  leadId: string;
  traceId: string | null;
  /** Pools and reps a previous attempt found it needed beyond its first estimate. */
  extraLocks: LockSet | null;
  attempts: number;
  resolve: (result: AssignmentResult) => void;
  reject: (error: unknown) => void;
}

interface PendingAssignment extends QueuedAssignment {
  lead: RoutableLead;
  config: RoutingConfig;
  locks: LockSet;
}

const EMPTY_STATE: RoutingState = { poolStates: {}, repLoads: {}, repKpis: {} };
const MAX_ATTEMPTS = 5;

/**
 * Everything a routing result touched or read that another assigner could change, plus every
 * pool and rep its fallbacks could lead to under other state.
 */
function locksNeeded(result: RoutingResult, config: RoutingConfig): LockSet {
  const pools = new Set<string>();
  const reps = new Set<string>();
  const poolsById = new Map(config.pools.map((p) => [p.id, p]));
  const addTarget = (target: FallbackTarget | null | undefined): void => {
    if (!target) return;
    if (target.type === 'rep') {
      reps.add(target.repId);
      return;
    }
    if (pools.has(target.poolId)) return;
    pools.add(target.poolId);
    const pool = poolsById.get(target.poolId);
    for (const member of pool?.members ?? []) reps.add(member.repId);
    addTarget(pool?.fallback);
  };
  for (const step of result.decision.trail.steps) {
    if (step.kind === 'pool') addTarget({ type: 'pool', poolId: step.poolId });
    else if (step.kind === 'rep') reps.add(step.repId);
  }
  const rule = config.ruleSet.rules.find((r) => r.id === result.decision.ruleId);
  if (rule?.action.type === 'assign_rep') {
    reps.add(rule.action.repId);
    addTarget(rule.action.fallback);
  }
  const owner = result.decision.trail.ownerCheck?.ownerRepId;
  if (owner) reps.add(owner);
  for (const update of result.stateDelta.poolStates) pools.add(update.poolId);
  for (const increment of result.stateDelta.repLoads) reps.add(increment.repId);
  return { pools, reps };
}

function union(a: LockSet, b: LockSet): LockSet {
  return { pools: new Set([...a.pools, ...b.pools]), reps: new Set([...a.reps, ...b.reps]) };
}

function covers(held: LockSet, needed: LockSet): boolean {
  return [...needed.pools].every((p) => held.pools.has(p)) && [...needed.reps].every((r) => held.reps.has(r));
}

function isRetryableTransactionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '40P01' || code === '40001';
}

/**
 * The lead's status once decided, written with the decision: its outcome (assigned,
 * kept_existing_owner, unrouted, excluded). The write-back moves it on (routed, writeback_failed,
 * writeback_conflict).
 */
function statusAfter(decision: RoutingDecision): string {
  return decision.outcome;
}

/**
 * Routes stored leads and persists the outcome. Assignments run in transactions that lock the
 * state rows of every pool and rep the decisions involve, re-read them, route, and write the
 * decisions and the final state — so any number of assigners on any number of machines never hand
 * out the same round-robin turn twice, never exceed a cap, and never decide one lead twice (the
 * decision is unique per lead; a repeat call returns the stored one).
 *
 * Concurrent calls in one process for the same tenant are decided together: one lock, one write,
 * one commit for the whole group, in the order they arrived. A pool's row lock is the one thing
 * every assigner of that pool waits for, so sharing it is what lets one pool take more than the
 * few hundred leads per second that one commit per lead allows (docs/adr/0008).
 */
export class RoutingService {
  readonly configs: RoutingConfigLoader;
  private readonly sql: RoutingSqlStore;
  private readonly queues = new Map<string, QueuedAssignment[]>();
  private readonly draining = new Set<string>();
  private readonly maxBatch: number;
  private readonly onDecision: ((decision: StoredDecision) => void) | undefined;

  constructor(
    prisma: PrismaClient,
    pg: PgPool,
    private readonly clock: () => Date = () => new Date(),
    options: RoutingServiceOptions = {},
  ) {
    this.sql = new RoutingSqlStore(pg);
    this.configs = new RoutingConfigLoader(prisma, (tenantId) => this.sql.configFingerprint(tenantId));
    this.maxBatch = options.maxBatch ?? 64;
    this.onDecision = options.onDecision;
  }

  async decisionFor(tenantId: string, leadId: string): Promise<StoredDecision | null> {
    return this.sql.decision(tenantId, leadId);
  }

  async assign(
    tenantId: string,
    leadId: string,
    options: { traceId?: string } = {},
  ): Promise<AssignmentResult> {
    // One span per lead, though leads are decided in batches: the lead's trace shows its decision.
    return tracer.startActiveSpan(
      'routing assign',
      { attributes: { 'leadflow.tenant_id': tenantId, 'leadflow.lead_id': leadId } },
      async (span) => {
        try {
          const result = await new Promise<AssignmentResult>((resolve, reject) => {
            this.enqueue({
              tenantId,
              leadId,
              traceId: options.traceId ?? null,
              extraLocks: null,
              attempts: 0,
              resolve,
              reject,
            });
          });
          const { decision, created } = result;
          span.setAttributes({
            'leadflow.routing.rule_set_version': decision.ruleSetVersion,
            'leadflow.routing.rule_id': decision.ruleId ?? '',
            'leadflow.routing.outcome': decision.outcome,
            'leadflow.routing.rep_id': decision.repId ?? '',
            'leadflow.routing.decision_id': decision.id,
            'leadflow.routing.created': created,
          });
          if (created) this.onDecision?.(decision);
          return result;
        } catch (error) {
          span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).name });
          throw error;
        } finally {
          span.end();
        }
      },
    );
  }

  /**
   * Loads a group's leads (one query), settles those already decided or missing, and works out
   * what each of the others needs locked: which rule matches does not depend on state, so a pass
   * over empty state finds the pools and reps a decision can touch, with every fallback they may
   * lead to; the locked pass decides.
   */
  private async prepare(group: QueuedAssignment[]): Promise<PendingAssignment[]> {
    const tenantId = group[0]!.tenantId;
    const { leads, configFingerprint } = await this.sql.leadsWithDecisions(
      tenantId,
      group.map((g) => g.leadId),
    );
    const undecided: { item: QueuedAssignment; lead: RoutableLead }[] = [];
    for (const item of group) {
      const found = leads.get(item.leadId);
      if (!found) item.reject(new LeadNotFoundError(item.leadId));
      else if (found.decision) item.resolve({ decision: found.decision, created: false });
      else undecided.push({ item, lead: found.lead });
    }
    if (undecided.length === 0) return [];
    const config = await this.configs.load(tenantId, undefined, configFingerprint);
    const pending: PendingAssignment[] = [];
    for (const { item, lead } of undecided) {
      const probe = route(lead, { config, state: EMPTY_STATE, now: this.clock().toISOString() });
      const locks = locksNeeded(probe, config);
      pending.push({ ...item, lead, config, locks: item.extraLocks ? union(locks, item.extraLocks) : locks });
    }
    return pending;
  }

  private enqueue(item: QueuedAssignment): void {
    const queue = this.queues.get(item.tenantId);
    if (queue) {
      queue.push(item);
      return;
    }
    this.queues.set(item.tenantId, [item]);
    // Let the calls made in this tick join the group before it is decided.
    setImmediate(() => void this.drain(item.tenantId));
  }

  /**
   * Decides a tenant's queued assignments, one group at a time: calls that arrive while a group is
   * being decided wait and form the next group (group commit), instead of queueing one by one on
   * the same row locks.
   */
  private async drain(tenantId: string): Promise<void> {
    if (this.draining.has(tenantId)) return;
    this.draining.add(tenantId);
    try {
      for (;;) {
        const queue = this.queues.get(tenantId);
        if (!queue || queue.length === 0) break;
        const group = queue.splice(0, this.maxBatch);
        try {
          const pending = await this.prepare(group);
          if (pending.length > 0) await this.decideBatch(pending);
        } catch (error) {
          for (const item of group) item.reject(error);
        }
      }
    } finally {
      this.draining.delete(tenantId);
      this.queues.delete(tenantId);
    }
  }

  private retry(item: PendingAssignment, error: unknown, locks?: LockSet): void {
    const attempts = item.attempts + 1;
    if (attempts >= MAX_ATTEMPTS) {
      item.reject(
        error instanceof Error && !isRetryableTransactionError(error)
          ? error
          : new RoutingContentionError(item.leadId),
      );
      return;
    }
    const { tenantId, leadId, traceId, resolve, reject } = item;
    const extraLocks = locks
      ? union(item.extraLocks ?? { pools: new Set(), reps: new Set() }, locks)
      : item.extraLocks;
    this.enqueue({ tenantId, leadId, traceId, extraLocks, attempts, resolve, reject });
  }

  private async decideBatch(batch: PendingAssignment[]): Promise<void> {
    const held = batch.reduce<LockSet>((acc, item) => union(acc, item.locks), {
      pools: new Set(),
      reps: new Set(),
    });
    const tenantId = batch[0]!.tenantId;
    const settled: { item: PendingAssignment; result: AssignmentResult }[] = [];
    const requeued: { item: PendingAssignment; locks: LockSet }[] = [];
    try {
      await this.sql.transaction(async (tx) => {
        const locked = await tx.lock(
          tenantId,
          [...held.pools],
          [...held.reps],
          batch.map((b) => b.leadId),
        );
        let state: RoutingState = {
          poolStates: locked.poolStates,
          repLoads: locked.repLoads,
          repKpis: locked.repKpis,
        };
        const writes: DecisionWrite[] = [];
        const writtenFor: PendingAssignment[] = [];
        const seen = new Set<string>();
        for (const item of batch) {
          // Decided meanwhile by another assigner (it held these locks before us), or twice in this batch.
          if (locked.decidedLeadIds.has(item.leadId) || seen.has(item.leadId)) continue;
          seen.add(item.leadId);
          const result = route(item.lead, { config: item.config, state, now: this.clock().toISOString() });
          const needed = locksNeeded(result, item.config);
          if (!covers(held, needed)) {
            requeued.push({ item, locks: needed });
            continue;
          }
          writes.push({
            id: uuidV7(),
            tenantId,
            leadId: item.leadId,
            ruleSetVersion: result.decision.ruleSetVersion,
            ruleId: result.decision.ruleId,
            outcome: result.decision.outcome,
            repId: result.decision.repId,
            crmOwnerId: result.decision.crmOwnerId,
            poolId: result.decision.poolId,
            decision: result.decision,
            traceId: item.traceId,
            leadStatus: statusAfter(result.decision),
            poolStates: result.stateDelta.poolStates.map((u) => ({ poolId: u.poolId, state: u.state })),
            repLoads: result.stateDelta.repLoads.map((increment) => ({
              repId: increment.repId,
              load: applyRepLoadIncrement(state.repLoads[increment.repId], increment),
            })),
          });
          writtenFor.push(item);
          state = applyStateDelta(state, result.stateDelta);
        }
        const stored = await tx.write(writes);
        for (const item of writtenFor) {
          const decision = stored.get(item.leadId);
          // Not written: a lead with no locks to share was decided concurrently; its decision stands.
          if (decision) settled.push({ item, result: { decision, created: true } });
        }
      });
    } catch (error) {
      for (const item of batch) {
        if (isRetryableTransactionError(error)) this.retry(item, error);
        else item.reject(error);
      }
      return;
    }
    for (const { item, result } of settled) item.resolve(result);
    for (const { item, locks } of requeued) this.retry(item, new RoutingContentionError(item.leadId), locks);
    const settledIds = new Set(settled.map((s) => s.item.leadId));
    const requeuedIds = new Set(requeued.map((r) => r.item.leadId));
    for (const item of batch) {
      if (settledIds.has(item.leadId) || requeuedIds.has(item.leadId)) continue;
      const decision = await this.sql.decision(tenantId, item.leadId).catch((error: unknown) => {
        item.reject(error);
        return undefined;
      });
      if (decision) item.resolve({ decision, created: false });
      else if (decision === null) this.retry(item, new RoutingContentionError(item.leadId));
    }
  }
}
