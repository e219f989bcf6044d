import { type CompiledMember, type CompiledPool, type CompiledRequirements } from './compiled-config';
import {
  type AssignmentVia,
  type CandidateEvaluation,
  type IneligibilityReason,
  type PoolStep,
} from './decision-types';
import { type EligibilityContext, ineligibilityReason } from './eligibility';
import { pickKpiWeighted } from './kpi-scoring';
import { pickLeastLoaded } from './least-loaded';
import { ownValue } from './own-property';
import { readPoolState } from './pool-state';
import { pickRoundRobin } from './round-robin';
import { pickSmoothWeighted } from './smooth-weighted-round-robin';
import { type PoolState, type RoutingState } from './state-types';
import { type StrategyInput, type StrategyPick } from './strategy-types';

export interface PoolAssignment {
  step: PoolStep;
  /** Null when no member was eligible. */
  chosen: CompiledMember | null;
  /** The new pool state to persist, when a rep was chosen. */
  state: PoolState | null;
}

function pick(input: StrategyInput): StrategyPick {
  switch (input.pool.strategy) {
    case 'round_robin':
      return pickRoundRobin(input);
    case 'weighted_round_robin':
      return pickSmoothWeighted(input);
    case 'least_loaded':
      return pickLeastLoaded(input);
    case 'kpi_weighted':
      return pickKpiWeighted(input);
  }
}

/** Checks every member's eligibility, then lets the pool's strategy choose among the eligible. */
export function assignFromPool(
  pool: CompiledPool,
  via: AssignmentVia,
  ruleRequirements: CompiledRequirements,
  context: EligibilityContext,
  routingState: RoutingState,
): PoolAssignment {
  const members = pool.members;
  const reasons: (IneligibilityReason | null)[] = [];
  const candidates: CandidateEvaluation[] = [];
  let anyEligible = false;
  for (const member of members) {
    const reason =
      member.rep === null
        ? 'rep_not_found'
        : ineligibilityReason(member.rep, context, ruleRequirements, pool.requirements);
    if (reason === null) anyEligible = true;
    reasons.push(reason);
    candidates.push({ repId: member.repId, eligible: reason === null, reason });
  }
  const state = readPoolState(ownValue(routingState.poolStates, pool.id));
  const pointerBefore = state.lastAssignedRepId;
  if (!anyEligible) {
    return {
      step: {
        kind: 'pool',
        poolId: pool.id,
        via,
        strategy: pool.strategy,
        candidates,
        chosenRepId: null,
        pointerBefore,
        pointerAfter: pointerBefore,
        detail: null,
      },
      chosen: null,
      state: null,
    };
  }
  const result = pick({
    pool,
    reasons,
    state,
    repLoads: routingState.repLoads,
    repKpis: routingState.repKpis,
  });
  const chosen = members[result.chosen]!;
  return {
    step: {
      kind: 'pool',
      poolId: pool.id,
      via,
      strategy: pool.strategy,
      candidates,
      chosenRepId: chosen.repId,
      pointerBefore,
      pointerAfter: result.state.lastAssignedRepId,
      detail: result.detail,
    },
    chosen,
    state: result.state,
  };
}
