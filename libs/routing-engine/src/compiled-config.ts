import {
  type Combinator,
  type FallbackTarget,
  type KpiWeight,
  type Pool,
  type PoolStrategy,
  type Rep,
  type RoutingConfig,
  type RoutingRule,
} from './config-types';
import { type CompiledCondition, compileCondition } from './condition-compiler';
import { InvalidRoutingConfigError } from './errors';
import { resolveField } from './field-catalogue';
import { parseIsoInstant } from './iso-instant';
import { validateRoutingConfig } from './routing-config-validator';
import { isDefaultRule } from './rule-set-validator';
import { parseTimeOfDay, WEEKDAYS } from './time-of-day';
import { type ValidationCode } from './validation-issue';

export interface CompiledRequirements {
  /** Lower-cased tags; a rep needs every one of them. */
  skills: readonly string[];
  territories: readonly string[];
}

export const NO_REQUIREMENTS: CompiledRequirements = { skills: [], territories: [] };

export interface CompiledRep {
  id: string;
  active: boolean;
  available: boolean;
  timeZone: string;
  skills: ReadonlySet<string>;
  territories: ReadonlySet<string>;
  /** Flat `[start, end, start, end, …]` epoch ms, end exclusive. */
  outOfOffice: readonly number[];
  /** Indexed by weekday (0 = Sunday); flat `[start, end, …]` minutes. Null = always working. */
  workingHours: readonly (readonly number[])[] | null;
  dailyCap: number | null;
  openCap: number | null;
  /** CRM owner id per connection id. */
  ownerIds: ReadonlyMap<string, string>;
}

export interface CompiledMember {
  repId: string;
  weight: number;
  /** Null when the pool names a rep that does not exist. */
  rep: CompiledRep | null;
}

export interface CompiledPool {
  id: string;
  strategy: PoolStrategy;
  members: readonly CompiledMember[];
  requirements: CompiledRequirements;
  catchUp: boolean;
  fallback: FallbackTarget | null;
  kpiWeights: readonly KpiWeight[];
}

export interface CompiledGroup {
  combinator: Combinator;
  conditions: readonly CompiledCondition[];
}

export interface CompiledRule {
  rule: RoutingRule;
  /** Null for a rule without conditions. */
  combinator: Combinator | null;
  groups: readonly CompiledGroup[];
  requirements: CompiledRequirements;
}

export interface CompiledRoutingConfig {
  version: number;
  rules: readonly CompiledRule[];
  pools: ReadonlyMap<string, CompiledPool>;
  reps: ReadonlyMap<string, CompiledRep>;
  /** connection id → CRM owner id → rep. */
  repsByOwnerId: ReadonlyMap<string, ReadonlyMap<string, CompiledRep>>;
}

/**
 * Problems that make a configuration impossible or unsafe to execute. Everything else (a missing
 * pool, a fallback cycle, no default rule…) is survivable and is reported in the decision instead.
 */
const BLOCKING_CODES: ReadonlySet<ValidationCode> = new Set<ValidationCode>([
  'unknown_combinator',
  'empty_group',
  'unknown_field',
  'unknown_operator',
  'operator_type_mismatch',
  'invalid_value',
  'invalid_regex',
  'unsafe_regex',
  'unknown_action',
  'invalid_owner_policy',
  'invalid_tags',
  'unknown_strategy',
  'invalid_weight',
  'invalid_kpi',
  'invalid_fallback',
  'invalid_flag',
  'invalid_time_zone',
  'invalid_working_hours',
  'invalid_out_of_office',
  'invalid_cap',
  'invalid_owner_ids',
]);

function lowerTags(...lists: (readonly string[] | undefined)[]): string[] {
  return [...new Set(lists.flatMap((list) => list ?? []).map((tag) => tag.toLowerCase()))];
}

function compileRep(rep: Rep): CompiledRep {
  const workingHours =
    rep.workingHours === undefined || rep.workingHours === null
      ? null
      : WEEKDAYS.map((day) =>
          (rep.workingHours?.[day] ?? []).flatMap((range) => [
            parseTimeOfDay(range.start, false) ?? 0,
            parseTimeOfDay(range.end, true) ?? 0,
          ]),
        );
  return {
    id: rep.id,
    active: rep.active,
    available: rep.availability === 'available',
    timeZone: rep.timeZone,
    skills: new Set(lowerTags(rep.skills)),
    territories: new Set(lowerTags(rep.territories)),
    outOfOffice: (rep.outOfOffice ?? []).flatMap((window) => [
      parseIsoInstant(window.start) ?? 0,
      parseIsoInstant(window.end) ?? 0,
    ]),
    workingHours,
    dailyCap: rep.dailyCap ?? null,
    openCap: rep.openCap ?? null,
    ownerIds: new Map(Object.entries(rep.crmOwnerIds)),
  };
}

function compilePool(pool: Pool, reps: ReadonlyMap<string, CompiledRep>): CompiledPool {
  return {
    id: pool.id,
    strategy: pool.strategy,
    members: pool.members.map((member) => ({
      repId: member.repId,
      weight: member.weight ?? 1,
      rep: reps.get(member.repId) ?? null,
    })),
    requirements: {
      skills: lowerTags(pool.requiredSkills),
      territories: lowerTags(pool.requiredTerritories),
    },
    catchUp: pool.catchUp,
    fallback: pool.fallback ?? null,
    kpiWeights: pool.kpiWeights ?? [],
  };
}

function compileRule(rule: RoutingRule, config: RoutingConfig): CompiledRule {
  const requirements = {
    skills: lowerTags(rule.requiredSkills),
    territories: lowerTags(rule.requiredTerritories),
  };
  if (isDefaultRule(rule) || rule.conditions === undefined || rule.conditions === null) {
    return { rule, combinator: null, groups: [], requirements };
  }
  return {
    rule,
    combinator: rule.conditions.combinator,
    groups: rule.conditions.groups.map((group) => ({
      combinator: group.combinator,
      conditions: group.conditions.map((condition) =>
        // The validation above refused unknown fields, so every field resolves here.
        compileCondition(condition, resolveField(condition.field, config.fields)!),
      ),
    })),
    requirements,
  };
}

/**
 * Turns a configuration into the form `route` executes: fields resolved, operators specialised,
 * regexes compiled once, time windows parsed, lookups indexed. Throws InvalidRoutingConfigError
 * when the configuration cannot be executed safely.
 */
export function compileRoutingConfig(config: RoutingConfig): CompiledRoutingConfig {
  const blocking = validateRoutingConfig(config).issues.filter(
    (issue) => issue.severity === 'error' && BLOCKING_CODES.has(issue.code),
  );
  if (blocking.length > 0) throw new InvalidRoutingConfigError(blocking);

  const reps = new Map<string, CompiledRep>();
  const repsByOwnerId = new Map<string, Map<string, CompiledRep>>();
  for (const rep of config.reps) {
    if (reps.has(rep.id)) continue;
    const compiled = compileRep(rep);
    reps.set(rep.id, compiled);
    for (const [connectionId, ownerId] of Object.entries(rep.crmOwnerIds)) {
      let owners = repsByOwnerId.get(connectionId);
      if (owners === undefined) {
        owners = new Map();
        repsByOwnerId.set(connectionId, owners);
      }
      if (!owners.has(ownerId)) owners.set(ownerId, compiled);
    }
  }
  const pools = new Map<string, CompiledPool>();
  for (const pool of config.pools) {
    if (!pools.has(pool.id)) pools.set(pool.id, compilePool(pool, reps));
  }
  return {
    version: config.ruleSet.version,
    rules: config.ruleSet.rules.map((rule) => compileRule(rule, config)),
    pools,
    reps,
    repsByOwnerId,
  };
}

const compiledByConfig = new WeakMap<RoutingConfig, CompiledRoutingConfig>();

/** Compiles once per configuration object; callers must not mutate a config after routing with it. */
export function compiledConfigFor(config: RoutingConfig): CompiledRoutingConfig {
  let compiled = compiledByConfig.get(config);
  if (compiled === undefined) {
    compiled = compileRoutingConfig(config);
    compiledByConfig.set(config, compiled);
  }
  return compiled;
}
