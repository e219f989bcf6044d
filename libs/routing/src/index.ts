export {
  poolFromRow,
  repFromRow,
  rulesFromJson,
  rulesReferencing,
  type PoolRow,
  type RepRow,
} from './routing-config-mapper';
export { RoutingConfigLoader } from './routing-config-loader';
export { LeadNotFoundError, NoPublishedRuleSetError, RoutingContentionError } from './routing-errors';
export { RoutingService, type AssignmentResult, type StoredDecision } from './routing-service';
export { routingStateStore } from './routing-state-store';
export { lockRoutingConfig } from './routing-config-lock';
export { DERIVED_KPIS, KPI_WINDOW_DAYS, LeadOutcomes, type OutcomeChange } from './lead-outcomes';
export { supersedeDecision, type SupersededDecision } from './decision-history';
