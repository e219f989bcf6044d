import { type CompiledRoutingConfig, type CompiledRule, compiledConfigFor } from './compiled-config';
import { type FallbackTarget } from './config-types';
import {
  type AssignmentStep,
  type AssignmentVia,
  type OwnerCheck,
  type RoutingDecision,
  type RoutingOutcome,
  type RoutingResult,
  type RoutingStateDelta,
  type RuleEvaluation,
  type UnroutedReason,
} from './decision-types';
import { type EligibilityContext, ineligibilityReason } from './eligibility';
import { InvalidSnapshotError } from './errors';
import { parseIsoInstant } from './iso-instant';
import { type RoutableLead } from './lead-types';
import { localTimeIn } from './local-time';
import { checkExistingOwner, repOwningLead } from './owner-policy';
import { assignFromPool } from './pool-assigner';
import { evaluateRule } from './rule-matcher';
import { type RoutingSnapshot } from './state-types';

interface Outcome {
  outcome: RoutingOutcome;
  repId?: string | null;
  crmOwnerId?: string | null;
  poolId?: string | null;
  unroutedReason?: UnroutedReason | null;
}

class DecisionBuilder {
  constructor(
    private readonly version: number,
    private readonly rules: RuleEvaluation[],
    private readonly matched: CompiledRule | null,
  ) {}

  ownerCheck: OwnerCheck | null = null;
  readonly steps: AssignmentStep[] = [];

  build(outcome: Outcome, stateDelta: RoutingStateDelta = { poolStates: [], repLoads: [] }): RoutingResult {
    const decision: RoutingDecision = {
      outcome: outcome.outcome,
      repId: outcome.repId ?? null,
      crmOwnerId: outcome.crmOwnerId ?? null,
      poolId: outcome.poolId ?? null,
      ruleId: this.matched?.rule.id ?? null,
      action: this.matched?.rule.action.type ?? null,
      ruleSetVersion: this.version,
      unroutedReason: outcome.unroutedReason ?? null,
      trail: { rules: this.rules, ownerCheck: this.ownerCheck, steps: this.steps },
    };
    return { decision, stateDelta };
  }

  unrouted(reason: UnroutedReason): RoutingResult {
    return this.build({ outcome: 'unrouted', unroutedReason: reason });
  }
}

let lastNow: { text: string; ms: number } | null = null;

/** Parses `snapshot.now`, remembering the last value: consecutive leads usually share it. */
function parseNow(now: string): number {
  if (lastNow !== null && lastNow.text === now) return lastNow.ms;
  const nowMs = typeof now === 'string' ? parseIsoInstant(now) : null;
  if (nowMs === null)
    throw new InvalidSnapshotError(
      `snapshot.now must be an ISO instant with offset, got ${JSON.stringify(now)}`,
    );
  lastNow = { text: now, ms: nowMs };
  return nowMs;
}

/**
 * Routes one lead. Pure and deterministic: the same lead and snapshot give a byte-identical result.
 * The first rule whose conditions match decides; the state delta is exactly what to persist.
 */
export function route(lead: RoutableLead, snapshot: RoutingSnapshot): RoutingResult {
  const compiled = compiledConfigFor(snapshot.config);
  const context: EligibilityContext = {
    nowMs: parseNow(snapshot.now),
    connectionId: lead.connectionId,
    repLoads: snapshot.state.repLoads,
  };

  const evaluations: RuleEvaluation[] = [];
  let matched: CompiledRule | null = null;
  for (const rule of compiled.rules) {
    const evaluation = evaluateRule(rule, lead);
    evaluations.push(evaluation);
    if (evaluation.matched) {
      matched = rule;
      break;
    }
  }
  const builder = new DecisionBuilder(compiled.version, evaluations, matched);
  if (matched === null) return builder.unrouted('no_matching_rule');

  const action = matched.rule.action;
  switch (action.type) {
    case 'exclude':
      return builder.build({ outcome: 'excluded' });
    case 'leave_unrouted':
      return builder.unrouted('rule_leaves_unrouted');
    case 'keep_existing_owner': {
      const ownerId = lead.existingOwnerId;
      if (ownerId === undefined || ownerId === null || ownerId === '')
        return builder.unrouted('no_existing_owner');
      return builder.build({
        outcome: 'kept_existing_owner',
        repId: repOwningLead(lead, compiled)?.id ?? null,
        crmOwnerId: ownerId,
      });
    }
    case 'route_to_pool':
    case 'assign_rep': {
      const ownerCheck = checkExistingOwner(matched.rule.ownerPolicy, lead, compiled, context);
      builder.ownerCheck = ownerCheck;
      if (ownerCheck.result === 'kept') {
        return builder.build({
          outcome: 'kept_existing_owner',
          repId: ownerCheck.ownerRepId,
          crmOwnerId: ownerCheck.existingOwnerId,
        });
      }
      const first: FallbackTarget =
        action.type === 'route_to_pool'
          ? { type: 'pool', poolId: action.poolId }
          : { type: 'rep', repId: action.repId };
      const repFallback = action.type === 'assign_rep' ? (action.fallback ?? null) : null;
      return assignToTarget(first, repFallback, matched, compiled, context, snapshot, builder);
    }
  }
}

/**
 * Follows the target and its fallbacks until a rep is chosen or there is nowhere left to go. Pools
 * already visited end the walk as a cycle, so a bad configuration cannot loop forever.
 */
function assignToTarget(
  first: FallbackTarget,
  assignRepFallback: FallbackTarget | null,
  rule: CompiledRule,
  compiled: CompiledRoutingConfig,
  context: EligibilityContext,
  snapshot: RoutingSnapshot,
  builder: DecisionBuilder,
): RoutingResult {
  const visitedPools = new Set<string>();
  let target: FallbackTarget = first;
  let via: AssignmentVia = 'rule';
  for (;;) {
    if (target.type === 'rep') {
      const rep = compiled.reps.get(target.repId);
      if (rep === undefined) {
        builder.steps.push({ kind: 'missing_target', targetType: 'rep', id: target.repId, via });
        return builder.unrouted('rep_not_found');
      }
      const reason = ineligibilityReason(rep, context, rule.requirements, null);
      builder.steps.push({ kind: 'rep', repId: rep.id, via, eligible: reason === null, reason });
      if (reason === null) {
        return builder.build(
          { outcome: 'assigned', repId: rep.id, crmOwnerId: rep.ownerIds.get(context.connectionId) ?? null },
          { poolStates: [], repLoads: [loadIncrement(rep.id, rep.timeZone, context.nowMs)] },
        );
      }
      // Only the rule's own named rep has a fallback; a fallback rep is the end of the line.
      if (via === 'rule' && assignRepFallback !== null) {
        target = assignRepFallback;
        via = 'fallback';
        continue;
      }
      return builder.unrouted('no_eligible_rep');
    }

    if (visitedPools.has(target.poolId)) {
      builder.steps.push({ kind: 'fallback_cycle', poolId: target.poolId });
      return builder.unrouted('fallback_cycle');
    }
    visitedPools.add(target.poolId);
    const pool = compiled.pools.get(target.poolId);
    if (pool === undefined) {
      builder.steps.push({ kind: 'missing_target', targetType: 'pool', id: target.poolId, via });
      return builder.unrouted('pool_not_found');
    }
    const assignment = assignFromPool(pool, via, rule.requirements, context, snapshot.state);
    builder.steps.push(assignment.step);
    const chosenRep = assignment.chosen?.rep ?? null;
    if (chosenRep !== null && assignment.state !== null) {
      return builder.build(
        {
          outcome: 'assigned',
          repId: chosenRep.id,
          crmOwnerId: chosenRep.ownerIds.get(context.connectionId) ?? null,
          poolId: pool.id,
        },
        {
          poolStates: [{ poolId: pool.id, state: assignment.state }],
          repLoads: [loadIncrement(chosenRep.id, chosenRep.timeZone, context.nowMs)],
        },
      );
    }
    if (pool.fallback === null) return builder.unrouted('no_eligible_rep');
    target = pool.fallback;
    via = 'fallback';
  }
}

function loadIncrement(
  repId: string,
  timeZone: string,
  nowMs: number,
): RoutingStateDelta['repLoads'][number] {
  return { repId, openCountIncrement: 1, assignedTodayIncrement: 1, day: localTimeIn(timeZone, nowMs).date };
}
