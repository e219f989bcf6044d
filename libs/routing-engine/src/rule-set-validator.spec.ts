import { describe, expect, it } from 'vitest';
import { defaultRule, makeConfig, makePool, makeRep } from '../test/fixtures';
import { type Condition, type RoutingRule, type RuleSet } from './config-types';
import { validatePools } from './pool-validator';
import { validateReps } from './rep-validator';
import { validateRoutingConfig } from './routing-config-validator';
import { validateRuleSet } from './rule-set-validator';

const fields = {
  custom: [
    { key: 'employees', type: 'number' as const },
    { key: 'plan', type: 'enum' as const, options: ['free', 'pro'] },
    { key: 'tags', type: 'list' as const },
  ],
};
const reps = [makeRep('ana'), makeRep('ben')];
const pools = [makePool('pool-main', ['ana', 'ben'])];
const context = { fields, pools, reps };

function ruleWith(conditions: Condition[], extra: Partial<RoutingRule> = {}): RoutingRule {
  return {
    id: 'r1',
    conditions: { combinator: 'all', groups: [{ combinator: 'all', conditions }] },
    action: { type: 'route_to_pool', poolId: 'pool-main' },
    ownerPolicy: 'override',
    ...extra,
  };
}

function issuesFor(rules: RoutingRule[]): { path: string; code: string }[] {
  return validateRuleSet({ version: 1, rules }, context).issues.map(({ path, code }) => ({ path, code }));
}

function conditionIssues(condition: Condition): { path: string; code: string }[] {
  return issuesFor([ruleWith([condition]), defaultRule('pool-main')]);
}

const CONDITION = 'rules[0].conditions.groups[0].conditions[0]';

describe('validateRuleSet', () => {
  it('accepts a sound rule set', () => {
    const result = validateRuleSet(
      {
        version: 3,
        rules: [
          ruleWith([
            { field: 'country', operator: 'in', value: ['US', 'CA'] },
            { field: 'amount', operator: 'between', value: [1000, 5000] },
            { field: 'custom.employees', operator: 'gte', value: 50 },
            { field: 'custom.plan', operator: 'equals', value: 'PRO' },
            { field: 'custom.tags', operator: 'contains', value: 'vip' },
            { field: 'createdAt', operator: 'lt', value: '2024-01-01T00:00:00Z' },
            { field: 'email', operator: 'matches', value: '@example\\.com$' },
            { field: 'phone', operator: 'exists' },
          ]),
          defaultRule('pool-main'),
        ],
      },
      context,
    );
    expect(result).toEqual({ ok: true, issues: [] });
  });

  it.each<[string, Condition, string, string]>([
    [
      'an unknown field',
      { field: 'favouriteColour', operator: 'equals', value: 'red' },
      'field',
      'unknown_field',
    ],
    ['an undeclared custom field', { field: 'custom.nope', operator: 'exists' }, 'field', 'unknown_field'],
    [
      'an unknown operator',
      { field: 'country', operator: 'like' as never, value: 'US' },
      'operator',
      'unknown_operator',
    ],
    [
      'gt on a text field',
      { field: 'country', operator: 'gt', value: 'US' },
      'operator',
      'operator_type_mismatch',
    ],
    [
      'matches on a number field',
      { field: 'amount', operator: 'matches', value: '1' },
      'operator',
      'operator_type_mismatch',
    ],
    [
      'equals on a date field',
      { field: 'createdAt', operator: 'equals', value: '2024-01-01' },
      'operator',
      'operator_type_mismatch',
    ],
    [
      'between with one bound',
      { field: 'amount', operator: 'between', value: [5] },
      'value',
      'invalid_value',
    ],
    [
      'between with bounds reversed',
      { field: 'amount', operator: 'between', value: [9, 1] },
      'value',
      'invalid_value',
    ],
    [
      'between with text bounds on money',
      { field: 'amount', operator: 'between', value: ['1', '2'] },
      'value',
      'invalid_value',
    ],
    [
      'gt with a text value on money',
      { field: 'amount', operator: 'gt', value: '100' },
      'value',
      'invalid_value',
    ],
    [
      'a date without an offset',
      { field: 'createdAt', operator: 'gt', value: '2024-01-01T09:00:00' },
      'value',
      'invalid_value',
    ],
    ['in with an empty list', { field: 'country', operator: 'in', value: [] }, 'value', 'invalid_value'],
    ['in with a scalar', { field: 'country', operator: 'in', value: 'US' }, 'value', 'invalid_value'],
    ['exists with a value', { field: 'phone', operator: 'exists', value: 'x' }, 'value', 'invalid_value'],
    [
      'equals with an empty string',
      { field: 'country', operator: 'equals', value: '' },
      'value',
      'invalid_value',
    ],
    ['a dangerous regex', { field: 'email', operator: 'matches', value: '^(a+)+$' }, 'value', 'unsafe_regex'],
    [
      'an invalid regex',
      { field: 'email', operator: 'matches', value: '(unclosed' },
      'value',
      'invalid_regex',
    ],
  ])('reports %s at the condition', (_label, condition, leaf, code) => {
    expect(conditionIssues(condition)).toEqual([{ path: `${CONDITION}.${leaf}`, code }]);
  });

  it('warns about enum values that are not options', () => {
    const result = validateRuleSet(
      {
        version: 1,
        rules: [
          ruleWith([{ field: 'custom.plan', operator: 'in', value: ['pro', 'platinum'] }]),
          defaultRule('pool-main'),
        ],
      },
      context,
    );
    expect(result.ok).toBe(true);
    expect(result.issues).toEqual([
      expect.objectContaining({
        path: `${CONDITION}.value`,
        code: 'unknown_enum_value',
        severity: 'warning',
      }),
    ]);
  });

  it('returns every problem at once, each with its path', () => {
    const ruleSet: RuleSet = {
      version: 0,
      rules: [
        ruleWith([
          { field: 'country', operator: 'gt', value: 'US' },
          { field: 'amount', operator: 'between', value: [1] },
          { field: 'email', operator: 'matches', value: '(a|a)*@' },
        ]),
        ruleWith([{ field: 'nope', operator: 'equals', value: 1 }], {
          action: { type: 'route_to_pool', poolId: 'pool-gone' },
        }),
        {
          id: 'r3',
          conditions: { combinator: 'any', groups: [{ combinator: 'all', conditions: [] }] },
          action: { type: 'assign_rep', repId: 'zed' },
          ownerPolicy: 'sometimes' as never,
        },
        ruleWith([{ field: 'country', operator: 'equals', value: 'US' }], { id: 'last' }),
      ],
    };
    const result = validateRuleSet(ruleSet, context);
    expect(result.ok).toBe(false);
    expect(result.issues.map(({ path, code }) => ({ path, code }))).toEqual([
      { path: 'version', code: 'invalid_version' },
      { path: 'rules[0].conditions.groups[0].conditions[0].operator', code: 'operator_type_mismatch' },
      { path: 'rules[0].conditions.groups[0].conditions[1].value', code: 'invalid_value' },
      { path: 'rules[0].conditions.groups[0].conditions[2].value', code: 'unsafe_regex' },
      { path: 'rules[1].id', code: 'duplicate_rule_id' },
      { path: 'rules[1].conditions.groups[0].conditions[0].field', code: 'unknown_field' },
      { path: 'rules[1].action.poolId', code: 'pool_not_found' },
      { path: 'rules[2].conditions.groups[0].conditions', code: 'empty_group' },
      { path: 'rules[2].action.repId', code: 'rep_not_found' },
      { path: 'rules[2].ownerPolicy', code: 'invalid_owner_policy' },
      { path: 'rules[3].conditions', code: 'missing_default_rule' },
    ]);
    for (const issue of result.issues) expect(issue.message.length).toBeGreaterThan(10);
  });

  it('gives messages an admin can act on', () => {
    const [issue] = validateRuleSet(
      {
        version: 1,
        rules: [ruleWith([{ field: 'country', operator: 'gt', value: 'US' }]), defaultRule('pool-main')],
      },
      context,
    ).issues;
    expect(issue?.message).toBe(
      'gt does not apply to text field "country"; use one of: equals, not_equals, in, not_in, contains, starts_with, ends_with, matches, exists, not_exists',
    );
  });

  it('requires a default rule, last', () => {
    expect(issuesFor([])).toEqual([{ path: 'rules', code: 'missing_default_rule' }]);
    expect(
      issuesFor([defaultRule('pool-main'), ruleWith([{ field: 'country', operator: 'exists' }])]),
    ).toEqual([
      { path: 'rules[0].conditions', code: 'unreachable_rules' },
      { path: 'rules[1].conditions', code: 'missing_default_rule' },
    ]);
  });

  it('checks the pools the rules reach, including through fallbacks, and only those', () => {
    const result = validateRuleSet(
      { version: 1, rules: [defaultRule('pool-a')] },
      {
        fields,
        reps,
        pools: [
          makePool('pool-a', ['ana'], { fallback: { type: 'pool', poolId: 'pool-b' } }),
          makePool('pool-b', [], { fallback: { type: 'pool', poolId: 'pool-a' } }),
          makePool('pool-unused', ['nobody']),
        ],
      },
    );
    expect(result.issues.map(({ path, code }) => ({ path, code }))).toEqual([
      { path: 'pools[1].members', code: 'pool_has_no_reps' },
      { path: 'pools[0].fallback', code: 'fallback_cycle' },
    ]);
    expect(result.issues[1]?.message).toBe('fallback cycle: pool-a → pool-b → pool-a');
  });
});

describe('validatePools', () => {
  it('reports weights, members, strategies, KPI settings and fallbacks', () => {
    const result = validatePools(
      [
        makePool('wrr', ['ana', 'ben', 'ana', 'ghost'], {
          strategy: 'weighted_round_robin',
          members: [
            { repId: 'ana', weight: 0 },
            { repId: 'ben', weight: -2 },
            { repId: 'ana' },
            { repId: 'ghost' },
          ],
        }),
        makePool('kpi', ['ana'], { strategy: 'kpi_weighted', catchUp: true }),
        makePool('kpi2', ['ana'], {
          strategy: 'kpi_weighted',
          kpiWeights: [{ kpi: 'win_rate', weight: 0, direction: 'upwards' as never }],
          fallback: { type: 'rep', repId: 'ghost' },
        }),
        makePool('odd', ['ana'], { strategy: 'random' as never }),
        makePool('wrr', ['ben']),
      ],
      reps,
    );
    expect(result.issues.map(({ path, code, severity }) => `${severity} ${path} ${code}`)).toEqual([
      'error pools[0].members[0].weight invalid_weight',
      'error pools[0].members[1].weight invalid_weight',
      'error pools[0].members[2].repId duplicate_pool_member',
      'error pools[0].members[3].repId rep_not_found',
      'error pools[1].kpiWeights missing_kpi_weights',
      'warning pools[1].catchUp catch_up_ignored',
      'error pools[2].kpiWeights[0].weight invalid_weight',
      'error pools[2].kpiWeights[0].direction invalid_kpi',
      'error pools[2].fallback.repId rep_not_found',
      'error pools[3].strategy unknown_strategy',
      'error pools[4].id duplicate_pool_id',
    ]);
  });

  it('reports each fallback cycle once, including self-loops', () => {
    const result = validatePools(
      [
        makePool('a', ['ana'], { fallback: { type: 'pool', poolId: 'b' } }),
        makePool('b', ['ana'], { fallback: { type: 'pool', poolId: 'c' } }),
        makePool('c', ['ana'], { fallback: { type: 'pool', poolId: 'b' } }),
        makePool('d', ['ana'], { fallback: { type: 'pool', poolId: 'd' } }),
        makePool('e', ['ana'], { fallback: { type: 'pool', poolId: 'a' } }),
      ],
      reps,
    );
    expect(result.issues.map(({ path, message }) => `${path}: ${message}`)).toEqual([
      'pools[1].fallback: fallback cycle: b → c → b',
      'pools[3].fallback: fallback cycle: d → d',
    ]);
  });
});

describe('validateReps', () => {
  it('reports time zones, working hours, absences, caps and owner ids', () => {
    const result = validateReps([
      makeRep('ana', {
        timeZone: 'Mars/Olympus',
        workingHours: {
          mon: [{ start: '17:00', end: '09:00' }],
          tue: [{ start: '9am', end: '24:00' }],
          funday: [],
        } as never,
        outOfOffice: [{ start: '2024-05-01', end: '2024-04-01' }],
        dailyCap: -1,
        openCap: 2.5,
      }),
      makeRep('ben', { crmOwnerIds: { 'conn-1': 'owner-ana', 'conn-2': '' } }),
      makeRep('ana'),
    ]);
    expect(result.issues.map(({ path, code }) => `${path} ${code}`)).toEqual([
      'reps[0].timeZone invalid_time_zone',
      'reps[0].workingHours.mon[0].end invalid_working_hours',
      'reps[0].workingHours.tue[0].start invalid_working_hours',
      'reps[0].workingHours.funday invalid_working_hours',
      'reps[0].outOfOffice[0].end invalid_out_of_office',
      'reps[0].dailyCap invalid_cap',
      'reps[0].openCap invalid_cap',
      'reps[1].crmOwnerIds["conn-1"] duplicate_owner_id',
      'reps[1].crmOwnerIds["conn-2"] invalid_owner_ids',
      'reps[2].id duplicate_rep_id',
      'reps[2].crmOwnerIds["conn-1"] duplicate_owner_id',
    ]);
  });
});

describe('validateRoutingConfig', () => {
  it('prefixes rule paths with ruleSet and checks every pool and rep', () => {
    const config = makeConfig({
      ruleSet: {
        version: 1,
        rules: [ruleWith([{ field: 'country', operator: 'lt', value: 'x' }]), defaultRule('pool-main')],
      },
      pools: [makePool('pool-main', ['ana']), makePool('pool-unused', [])],
      reps: [makeRep('ana', { timeZone: 'Nowhere/Else' })],
    });
    expect(validateRoutingConfig(config).issues.map(({ path }) => path)).toEqual([
      'ruleSet.rules[0].conditions.groups[0].conditions[0].operator',
      'pools[1].members',
      'reps[0].timeZone',
    ]);
  });
});

describe('validateRuleSet on malformed input', () => {
  it('reports shapes it cannot read instead of throwing', () => {
    const ruleSet = {
      version: 1,
      rules: [
        null,
        { id: 'no-action', ownerPolicy: 'override' },
        {
          id: 'bad-condition',
          conditions: { combinator: 'all', groups: [{ combinator: 'all', conditions: [null] }] },
          action: { type: 'exclude' },
          ownerPolicy: 'override',
        },
        { id: 'default', action: { type: 'route_to_pool', poolId: 'pool-main' }, ownerPolicy: 'override' },
      ],
    } as unknown as RuleSet;
    expect(validateRuleSet(ruleSet, context).issues.map(({ path, code }) => `${path} ${code}`)).toEqual([
      'rules[0] invalid_id',
      'rules[1].conditions unreachable_rules',
      'rules[1].action unknown_action',
      'rules[2].conditions.groups[0].conditions[0] unknown_field',
    ]);
  });
});
