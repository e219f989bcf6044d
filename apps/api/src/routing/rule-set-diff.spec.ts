import { describe, expect, it } from 'vitest';
import type { RoutingRule } from '@leadflow/routing-engine';
import { diffRuleLists } from './rule-set-diff';

function rule(id: string, overrides: Partial<RoutingRule> = {}): RoutingRule {
  return {
    id,
    conditions: {
      combinator: 'all',
      groups: [{ combinator: 'all', conditions: [{ field: 'country', operator: 'equals', value: id }] }],
    },
    action: { type: 'route_to_pool', poolId: 'p1' },
    ownerPolicy: 'override',
    ...overrides,
  };
}

describe('diffRuleLists', () => {
  it('reports nothing for identical lists, whatever the key order or absent defaults', () => {
    const a = [rule('a'), { id: 'z', action: { type: 'exclude' }, ownerPolicy: 'override' } as RoutingRule];
    const b = [
      JSON.parse(JSON.stringify(rule('a'))) as RoutingRule,
      {
        ownerPolicy: 'override',
        action: { type: 'exclude' },
        id: 'z',
        conditions: null,
        requiredSkills: [],
      } as RoutingRule,
    ];
    expect(diffRuleLists(a, b)).toEqual({ added: [], removed: [], changed: [], moved: [], unchanged: 2 });
  });

  it('finds added, removed and changed rules with the parts that changed', () => {
    const from = [rule('a'), rule('b'), rule('c')];
    const to = [
      rule('a', { ownerPolicy: 'keep_if_active_rep', requiredTerritories: ['emea'] }),
      rule('c', { action: { type: 'route_to_pool', poolId: 'p2' }, name: 'C' }),
      rule('d'),
    ];
    const diff = diffRuleLists(from, to);
    expect(diff.added).toEqual([{ ruleId: 'd', index: 2, rule: to[2] }]);
    expect(diff.removed).toEqual([{ ruleId: 'b', index: 1, rule: from[1] }]);
    expect(diff.changed.map((c) => [c.ruleId, c.fromIndex, c.toIndex, c.parts])).toEqual([
      ['a', 0, 0, ['ownerPolicy', 'skills']],
      ['c', 2, 1, ['name', 'action']],
    ]);
    expect(diff.moved).toEqual([]);
    expect(diff.unchanged).toBe(0);
  });

  it('reports the fewest moves: a rule dragged to the top is one move', () => {
    const from = [rule('a'), rule('b'), rule('c'), rule('d')];
    const to = [rule('d'), rule('a'), rule('b'), rule('c')];
    const diff = diffRuleLists(from, to);
    expect(diff.moved).toEqual([{ ruleId: 'd', fromIndex: 3, toIndex: 0 }]);
    expect(diff.unchanged).toBe(3);
  });

  it('adds order to the parts of a rule that both changed and moved', () => {
    const from = [rule('a'), rule('b'), rule('c')];
    const to = [rule('c', { ownerPolicy: 'keep_if_available' }), rule('a'), rule('b')];
    const diff = diffRuleLists(from, to);
    expect(diff.changed).toEqual([
      expect.objectContaining({ ruleId: 'c', fromIndex: 2, toIndex: 0, parts: ['ownerPolicy', 'order'] }),
    ]);
    expect(diff.moved).toEqual([]);
  });

  it('is not confused by insertions shifting indexes', () => {
    const diff = diffRuleLists([rule('a'), rule('b')], [rule('new'), rule('a'), rule('b')]);
    expect(diff.moved).toEqual([]);
    expect(diff.unchanged).toBe(2);
    expect(diff.added.map((r) => r.ruleId)).toEqual(['new']);
  });
});
