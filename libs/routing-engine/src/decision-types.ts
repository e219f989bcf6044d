import {
  type Combinator,
  type ConditionValue,
  type KpiDirection,
  type Operator,
  type OwnerPolicy,
  type PoolStrategy,
  type RuleActionType,
} from './config-types';
import { type CustomFieldValue } from './lead-types';
import { type PoolState } from './state-types';

export type RoutingOutcome = 'assigned' | 'kept_existing_owner' | 'unrouted' | 'excluded';

/**
 * Why a rep cannot take this lead, checked in this order (first failure wins): structural reasons
 * first (the rep could never take this lead), then reasons that pass with time.
 */
export type IneligibilityReason =
  | 'rep_not_found'
  | 'inactive'
  | 'missing_skill'
  | 'no_owner_id_for_connection'
  | 'unavailable'
  | 'out_of_office'
  | 'outside_working_hours'
  | 'daily_cap_reached'
  | 'open_cap_reached';

export type UnroutedReason =
  | 'no_matching_rule'
  | 'rule_leaves_unrouted'
  | 'no_existing_owner'
  | 'no_eligible_rep'
  | 'pool_not_found'
  | 'rep_not_found'
  | 'fallback_cycle';

export interface ConditionEvaluation {
  field: string;
  operator: Operator;
  expected: ConditionValue;
  actual: CustomFieldValue;
  result: boolean;
}

export interface GroupEvaluation {
  combinator: Combinator;
  matched: boolean;
  conditions: ConditionEvaluation[];
}

export interface RuleEvaluation {
  ruleId: string;
  /** Null for a rule without conditions (it always matches). */
  combinator: Combinator | null;
  matched: boolean;
  groups: GroupEvaluation[];
}

export type OwnerCheckReason =
  | 'no_existing_owner'
  | 'policy_override'
  | 'owner_not_a_rep'
  | 'owner_rep_inactive'
  | 'owner_is_active_rep'
  | 'owner_rep_available'
  | 'owner_rep_ineligible';

export interface OwnerCheck {
  policy: OwnerPolicy;
  existingOwnerId: string | null;
  /** The rep whose CRM owner id on this connection equals the existing owner. */
  ownerRepId: string | null;
  result: 'kept' | 'routed';
  reason: OwnerCheckReason;
  /** Set when `reason` is `owner_rep_ineligible`. */
  ownerIneligibleReason: IneligibilityReason | null;
}

export interface CandidateEvaluation {
  repId: string;
  eligible: boolean;
  reason: IneligibilityReason | null;
}

export interface CatchUpDetail {
  /** True when the lead went to a returning rep instead of the next in rotation. */
  applied: boolean;
  missedTurnsBefore: Record<string, number>;
  missedTurnsAfter: Record<string, number>;
}

export interface KpiComponent {
  kpi: string;
  /** Null when the rep has no value for this KPI; it then normalises to 0. */
  value: number | null;
  normalised: number;
  weight: number;
  contribution: number;
}

export interface RepScore {
  repId: string;
  score: number;
  breakdown: KpiComponent[];
}

export interface KpiRange {
  kpi: string;
  direction: KpiDirection;
  weight: number;
  /** Null when no eligible rep has a value. */
  min: number | null;
  max: number | null;
}

export type StrategyDetail =
  | { strategy: 'round_robin'; catchUp: CatchUpDetail | null }
  | {
      strategy: 'weighted_round_robin';
      /** Sum of weights added this turn (eligible reps, plus absent reps when catch-up is on). */
      totalWeight: number;
      currentWeightsBefore: Record<string, number>;
      currentWeightsAfter: Record<string, number>;
    }
  | { strategy: 'least_loaded'; openCounts: Record<string, number> }
  | { strategy: 'kpi_weighted'; kpis: KpiRange[]; scores: RepScore[] };

export type AssignmentVia = 'rule' | 'fallback';

export interface PoolStep {
  kind: 'pool';
  poolId: string;
  via: AssignmentVia;
  strategy: PoolStrategy;
  candidates: CandidateEvaluation[];
  chosenRepId: string | null;
  pointerBefore: string | null;
  pointerAfter: string | null;
  /** Null when no member was eligible (the pool state does not change). */
  detail: StrategyDetail | null;
}

export interface RepStep {
  kind: 'rep';
  repId: string;
  via: AssignmentVia;
  eligible: boolean;
  reason: IneligibilityReason | null;
}

export interface MissingTargetStep {
  kind: 'missing_target';
  targetType: 'pool' | 'rep';
  id: string;
  via: AssignmentVia;
}

export interface FallbackCycleStep {
  kind: 'fallback_cycle';
  /** The pool that was about to be visited a second time. */
  poolId: string;
}

export type AssignmentStep = PoolStep | RepStep | MissingTargetStep | FallbackCycleStep;

export interface DecisionTrail {
  /** Every rule evaluated, in order, up to and including the one that matched. */
  rules: RuleEvaluation[];
  /** Null when the matched rule's action does not assign a rep. */
  ownerCheck: OwnerCheck | null;
  /** Each pool or rep tried, in order, following fallbacks. */
  steps: AssignmentStep[];
}

export interface RoutingDecision {
  outcome: RoutingOutcome;
  repId: string | null;
  /** The chosen rep's owner id on the lead's connection (or the kept existing owner). */
  crmOwnerId: string | null;
  /** The pool the rep was picked from, if any. */
  poolId: string | null;
  ruleId: string | null;
  action: RuleActionType | null;
  ruleSetVersion: number;
  unroutedReason: UnroutedReason | null;
  trail: DecisionTrail;
}

export interface PoolStateUpdate {
  poolId: string;
  /** The complete new state; it replaces the stored one. */
  state: PoolState;
}

export interface RepLoadIncrement {
  repId: string;
  openCountIncrement: number;
  assignedTodayIncrement: number;
  /** The rep-local day the increment belongs to (`YYYY-MM-DD`). */
  day: string;
}

export interface RoutingStateDelta {
  poolStates: PoolStateUpdate[];
  repLoads: RepLoadIncrement[];
}

export interface RoutingResult {
  decision: RoutingDecision;
  stateDelta: RoutingStateDelta;
}
