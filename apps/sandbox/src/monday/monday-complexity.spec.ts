import { Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { isComplexityOnly, MUTATION_BASE_COST, operationComplexity } from './monday-complexity';

function cost(query: string, variables: Record<string, unknown> = {}): number {
  const doc = parse(query);
  const operation = doc.definitions.find(
    (d) => d.kind === Kind.OPERATION_DEFINITION,
  ) as OperationDefinitionNode;
  const fragments = new Map(
    doc.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((f) => [f.name.value, f]),
  );
  return operationComplexity(operation, fragments, variables);
}

describe('operationComplexity', () => {
  it('charges each field once per possible parent, sized by ids and limits', () => {
    expect(cost('{ me { id name } }')).toBe(3);
    // boards (1) + 2 boards × (id + items_page) + 2 × (cursor + items) + 2 × 100 items × (id + name)
    expect(cost('{ boards(ids: [1, 2]) { id items_page(limit: 100) { cursor items { id name } } } }')).toBe(
      1 + 2 * 2 + 2 * 2 + 2 * 100 * 2,
    );
    // The README's example.
    expect(cost('{ boards(ids: [1]) { items_page(limit: 100) { items { id name } } } }')).toBe(203);
    // column_values without ids counts 20 columns; with ids, as many as asked.
    expect(cost('query($ids: [ID!]) { items(ids: $ids) { column_values { id } } }', { ids: ['1'] })).toBe(
      1 + 1 + 20,
    );
    expect(
      cost('{ items(ids: [1]) { column_values(ids: ["a", "b"]) { id ... on StatusValue { label } } } }'),
    ).toBe(1 + 1 + 2 * 2);
  });

  it('adds the mutation base cost per write and counts fragment spreads', () => {
    expect(
      cost(
        'mutation { complexity { query } change_multiple_column_values(board_id: 1, item_id: 2, column_values: "{}") { ...F } } fragment F on Item { id }',
      ),
    ).toBe(2 + 2 + MUTATION_BASE_COST);
  });

  it('recognises a complexity-only query', () => {
    const only = parse('{ complexity { before } }').definitions[0] as OperationDefinitionNode;
    const more = parse('{ complexity { before } me { id } }').definitions[0] as OperationDefinitionNode;
    expect(isComplexityOnly(only)).toBe(true);
    expect(isComplexityOnly(more)).toBe(false);
  });
});
