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
