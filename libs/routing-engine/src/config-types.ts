/**
 * Routing configuration: what an admin defines. Treat every object here as immutable once it is
 * handed to the engine; compiled forms are cached per `RoutingConfig` object (see compiled-config.ts).
 */

export type FieldType = 'text' | 'number' | 'money' | 'date' | 'boolean' | 'enum' | 'list';

export interface CustomFieldDeclaration {
  /** Referenced in conditions as `custom.<key>`. */
  key: string;
  type: FieldType;
  /** Allowed values of an `enum` field; conditions naming other values are flagged. */
  options?: string[];
}

export interface FieldCatalogue {
  custom: CustomFieldDeclaration[];
}

export type Operator =
  | 'equals'
  | 'not_equals'
  | 'in'
  | 'not_in'
  | 'contains'
  | 'starts_with'
  | 'ends_with'
  | 'gt'
  | 'gte'
  | 'lt'
  | 'lte'
  | 'between'
  | 'exists'
  | 'not_exists'
  | 'matches';

export type ConditionScalar = string | number | boolean;
export type ConditionValue = ConditionScalar | ConditionScalar[] | null;

export interface Condition {
  /** A canonical field name (`country`) or a declared custom field (`custom.employees`). */
  field: string;
  operator: Operator;
  /** Omitted for `exists` / `not_exists`; `[low, high]` for `between`; a list for `in` / `not_in`. */
  value?: ConditionValue;
}

export type Combinator = 'all' | 'any';

export interface ConditionGroup {
  combinator: Combinator;
  conditions: Condition[];
}

export interface RuleConditions {
  combinator: Combinator;
  groups: ConditionGroup[];
}

export type FallbackTarget = { type: 'pool'; poolId: string } | { type: 'rep'; repId: string };

export type RuleAction =
  | { type: 'route_to_pool'; poolId: string }
  | { type: 'assign_rep'; repId: string; fallback?: FallbackTarget | null }
  | { type: 'keep_existing_owner' }
  | { type: 'leave_unrouted' }
  | { type: 'exclude' };

export type RuleActionType = RuleAction['type'];

/**
 * What to do when the lead already has an owner in the CRM and the rule would assign one.
 * - `keep_if_active_rep`: keep when the owner maps to an active rep on the lead's connection.
 * - `keep_if_available`: keep only when that rep passes the eligibility checks right now.
 * - `override`: always route.
 */
export type OwnerPolicy = 'keep_if_active_rep' | 'override' | 'keep_if_available';

export interface RoutingRule {
  id: string;
  name?: string;
  /** Absent (or no groups) means the rule matches every lead: that is the default rule. */
  conditions?: RuleConditions | null;
  action: RuleAction;
  ownerPolicy: OwnerPolicy;
  /** Tags every chosen rep must have, on top of the pool's own requirements. */
  requiredSkills?: string[];
  requiredTerritories?: string[];
}

export interface RuleSet {
  version: number;
  rules: RoutingRule[];
}

export type PoolStrategy = 'round_robin' | 'weighted_round_robin' | 'least_loaded' | 'kpi_weighted';

export interface PoolMember {
  repId: string;
  /** This rep's weight in this pool (weighted round robin). Defaults to 1; must be > 0. */
  weight?: number;
}

export type KpiDirection = 'higher_is_better' | 'lower_is_better';

export interface KpiWeight {
  kpi: string;
  weight: number;
  direction: KpiDirection;
}

export interface Pool {
  id: string;
  name?: string;
  strategy: PoolStrategy;
  /** Order matters: it is the round-robin order and the tie-break order. */
  members: PoolMember[];
  requiredSkills?: string[];
  requiredTerritories?: string[];
  /** Give reps who missed turns while absent priority when they return (round robin strategies). */
  catchUp: boolean;
  /** Where to send the lead when no member is eligible. */
  fallback?: FallbackTarget | null;
  /** Required for `kpi_weighted`. */
  kpiWeights?: KpiWeight[];
}

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

export interface TimeRange {
  /** `HH:MM`, inclusive, in the rep's time zone. */
  start: string;
  /** `HH:MM` (up to `24:00`), exclusive; must be after `start`. Split overnight shifts in two. */
  end: string;
}

/** A missing weekday means the rep does not work that day. */
export type WorkingHours = Partial<Record<Weekday, TimeRange[]>>;

export interface OutOfOfficeWindow {
  /** ISO instant, inclusive. */
  start: string;
  /** ISO instant, exclusive. */
  end: string;
}

export type RepAvailability = 'available' | 'unavailable';

export interface Rep {
  id: string;
  name?: string;
  active: boolean;
  availability: RepAvailability;
  /** IANA zone; working hours and the "today" of the daily cap are in this zone. */
  timeZone: string;
  /** Null or absent means no working-hours restriction. */
  workingHours?: WorkingHours | null;
  outOfOffice?: OutOfOfficeWindow[];
  /** Null or absent means uncapped. */
  dailyCap?: number | null;
  openCap?: number | null;
  skills?: string[];
  territories?: string[];
  /** CRM owner id per connection id. */
  crmOwnerIds: Record<string, string>;
}

export interface RoutingConfig {
  ruleSet: RuleSet;
  pools: Pool[];
  reps: Rep[];
  fields: FieldCatalogue;
}
