import {
  Kind,
  OperationTypeNode,
  valueFromASTUntyped,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/**
 * The sandbox's complexity formula (Monday does not publish its own; this one is plausible and
 * stable, so a test can predict it):
 *
 *   cost = Σ over every selected field: (the product of the list sizes enclosing it)
 *        + 10,000 for each mutation field (other than `complexity`)
 *
 * List sizes are taken from the arguments, as Monday charges for what a query may return rather
 * than what it does: `boards` = ids count or `limit` (25); root `items` = ids count or `limit` (25);
 * the `items` of `items_page`/`next_items_page` = its `limit` (25); `users` = ids count or `limit`
 * (50); `column_values`/`columns` = ids count or 20; `groups` = ids count or 10; `webhooks` = 10.
 * Fragments count every selection they hold.
 */
export const MUTATION_BASE_COST = 10_000;

const DEFAULT_PAGE = 25;

type Args = Record<string, unknown>;

interface Scope {
  multiplier: number;
  /** Set by `items_page`/`next_items_page` for its `items` child. */
  pageLimit?: number;
}

function count(value: unknown): number | undefined {
  return Array.isArray(value) ? value.length : undefined;
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** The multiplier a field applies to its children, and the page size it hands down. */
function listSize(name: string, args: Args, scope: Scope): { factor: number; pageLimit?: number } {
  switch (name) {
    case 'boards':
      return { factor: count(args.ids) ?? num(args.limit) ?? DEFAULT_PAGE };
    case 'items':
      return scope.pageLimit !== undefined
        ? { factor: scope.pageLimit }
        : { factor: count(args.ids) ?? num(args.limit) ?? DEFAULT_PAGE };
    case 'items_page':
    case 'next_items_page':
      return { factor: 1, pageLimit: num(args.limit) ?? DEFAULT_PAGE };
    case 'users':
      return { factor: count(args.ids) ?? num(args.limit) ?? 50 };
    case 'column_values':
    case 'columns':
      return { factor: count(args.ids) ?? 20 };
    case 'groups':
      return { factor: count(args.ids) ?? 10 };
    case 'webhooks':
      return { factor: 10 };
    default:
      return { factor: 1 };
  }
}

function argumentsOf(field: FieldNode, variables: Args): Args {
  return Object.fromEntries(
    (field.arguments ?? []).map((a) => [a.name.value, valueFromASTUntyped(a.value, variables)]),
  );
}

function selectionCost(
  set: SelectionSetNode,
  scope: Scope,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  variables: Args,
  seen: ReadonlySet<string>,
): number {
  let total = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      total += scope.multiplier;
      if (!selection.selectionSet) continue;
      const size = listSize(selection.name.value, argumentsOf(selection, variables), scope);
      total += selectionCost(
        selection.selectionSet,
        { multiplier: scope.multiplier * size.factor, pageLimit: size.pageLimit },
        fragments,
        variables,
        seen,
      );
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      total += selectionCost(selection.selectionSet, scope, fragments, variables, seen);
    } else {
      const name = selection.name.value;
      const fragment = fragments.get(name);
      if (!fragment || seen.has(name)) continue;
      total += selectionCost(fragment.selectionSet, scope, fragments, variables, new Set([...seen, name]));
    }
  }
  return total;
}

export function operationComplexity(
  operation: OperationDefinitionNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  variables: Args,
): number {
  const fieldsCost = selectionCost(
    operation.selectionSet,
    { multiplier: 1 },
    fragments,
    variables,
    new Set(),
  );
  if (operation.operation !== OperationTypeNode.MUTATION) return fieldsCost;
  const writes = operation.selectionSet.selections.filter(
    (s) => s.kind === Kind.FIELD && s.name.value !== 'complexity' && s.name.value !== '__typename',
  ).length;
  return fieldsCost + writes * MUTATION_BASE_COST;
}

/** True when the operation asks for nothing but `complexity` (Monday counts it as 0.1 call). */
export function isComplexityOnly(operation: OperationDefinitionNode): boolean {
  return operation.selectionSet.selections.every(
    (s) => s.kind === Kind.FIELD && (s.name.value === 'complexity' || s.name.value === '__typename'),
  );
}
