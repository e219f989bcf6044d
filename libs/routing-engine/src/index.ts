export type { CustomFieldValue, LeadStatus, NormalizedLead, RoutableLead } from './lead-types';
export type {
  Combinator,
  Condition,
  ConditionGroup,
  ConditionScalar,
  ConditionValue,
  CustomFieldDeclaration,
  FallbackTarget,
  FieldCatalogue,
  FieldType,
  KpiDirection,
  KpiWeight,
  Operator,
  OutOfOfficeWindow,
  OwnerPolicy,
  Pool,
  PoolMember,
  PoolStrategy,
  Rep,
  RepAvailability,
  RoutingConfig,
  RoutingRule,
  RuleAction,
  RuleActionType,
  RuleConditions,
  RuleSet,
  TimeRange,
  Weekday,
  WorkingHours,
} from './config-types';
export type { PoolState, RepLoad, RoutingSnapshot, RoutingState } from './state-types';
export type {
  AssignmentStep,
  AssignmentVia,
  CandidateEvaluation,
  CatchUpDetail,
  ConditionEvaluation,
  DecisionTrail,
  FallbackCycleStep,
  GroupEvaluation,
  IneligibilityReason,
  KpiComponent,
  KpiRange,
  MissingTargetStep,
  OwnerCheck,
  OwnerCheckReason,
  PoolStateUpdate,
  PoolStep,
  RepLoadIncrement,
  RepScore,
  RepStep,
  RoutingDecision,
  RoutingOutcome,
  RoutingResult,
  RoutingStateDelta,
  RuleEvaluation,
  StrategyDetail,
  UnroutedReason,
} from './decision-types';
export type {
  ValidationCode,
  ValidationIssue,
  ValidationResult,
  ValidationSeverity,
} from './validation-issue';
export type { RuleSetValidationContext } from './rule-set-validator';
export type { RegexProblem, RegexSafety } from './regex-safety';
export type { CompiledRoutingConfig } from './compiled-config';
export type { RepDistribution, SimulationResult } from './simulation';

export { route } from './routing-engine';
export { simulate } from './simulation';
export { applyRepLoadIncrement, applyStateDelta } from './state-delta';
export { compileRoutingConfig } from './compiled-config';
export { validateRuleSet, isDefaultRule } from './rule-set-validator';
export { validatePools } from './pool-validator';
export { validateReps } from './rep-validator';
export { validateRoutingConfig } from './routing-config-validator';
export { checkRegexSafety, MAX_REGEX_PATTERN_LENGTH } from './regex-safety';
export { CANONICAL_FIELD_TYPES, CUSTOM_FIELD_PREFIX, type CanonicalField } from './field-catalogue';
export { OPERATORS, OPERATORS_BY_FIELD_TYPE } from './operator-catalogue';
export { InvalidRoutingConfigError, InvalidSnapshotError, RoutingEngineError } from './errors';
