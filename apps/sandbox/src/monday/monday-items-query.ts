import {
  columnText,
  filterValues,
  type ColumnDef,
  type ReadContext,
  type StoredValue,
} from './monday-columns';

/**
 * `items_page(query_params: ItemsQuery)`: which items of a board match the rules and in what order.
 * Pure. Virtual columns as Monday exposes them in `query_params`: `__creation_log__` (created_at),
 * `__last_updated__` (updated_at), `__item_id__`, `name` and `group`.
 */
export interface QueryableItem {
  id: number;
  name: string;
  groupId: string;
  createdAt: number;
  updatedAt: number;
  values: ReadonlyMap<string, StoredValue>;
}

export interface ItemsQueryRule {
  column_id: string;
  compare_value: unknown;
  operator?: string;
  compare_attribute?: string | null;
}

export interface ItemsQueryGroup {
  rules?: ItemsQueryRule[] | null;
  groups?: ItemsQueryGroup[] | null;
  operator?: 'and' | 'or' | null;
}

export interface ItemsQuery extends ItemsQueryGroup {
  ids?: string[] | null;
  order_by?: Array<{ column_id: string; direction?: 'asc' | 'desc' | null }> | null;
}

/** A rule the sandbox (or Monday) refuses; the resolver reports it with `code`. */
export class ItemsQueryError extends Error {
  constructor(
    message: string,
    readonly code: 'InvalidArgumentException' | 'InvalidColumnIdException',
    readonly errorData: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

const DAY_MS = 86_400_000;

interface Interval {
  start: number;
  /** Exclusive. */
  end: number;
}

/** "YYYY-MM-DD" is a whole UTC day; a full ISO date-time is that instant. */
function dateInterval(value: unknown, now: number): Interval | undefined {
  if (typeof value !== 'string') return undefined;
  const day = Math.floor(now / DAY_MS) * DAY_MS;
  switch (value) {
    case 'TODAY':
      return { start: day, end: day + DAY_MS };
    case 'YESTERDAY':
      return { start: day - DAY_MS, end: day };
    case 'TOMORROW':
      return { start: day + DAY_MS, end: day + 2 * DAY_MS };
    case 'THIS_WEEK': {
      const weekStart = day - new Date(day).getUTCDay() * DAY_MS;
      return { start: weekStart, end: weekStart + 7 * DAY_MS };
    }
    case 'THIS_MONTH': {
      const d = new Date(day);
      return {
        start: Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1),
        end: Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1),
      };
    }
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const start = Date.parse(`${value}T00:00:00Z`);
    return Number.isNaN(start) ? undefined : { start, end: start + DAY_MS };
  }
  const instant = Date.parse(value);
  return Number.isNaN(instant) ? undefined : { start: instant, end: instant + 1 };
}

/** `["EXACT", d]`, `[d]` and `d` all name one date. */
function singleDate(compare: unknown): unknown {
  if (Array.isArray(compare)) return compare[0] === 'EXACT' ? compare[1] : compare[0];
  return compare;
}

const UNIT_MS: Record<string, number> = {
  MINUTES: 60_000,
  HOURS: 3_600_000,
  DAYS: DAY_MS,
  WEEKS: 7 * DAY_MS,
  MONTHS: 30 * DAY_MS,
  YEARS: 365 * DAY_MS,
};

function window(compare: unknown): number | undefined {
  if (!Array.isArray(compare) || compare.length !== 2) return undefined;
  const unit = UNIT_MS[String(compare[0]).toUpperCase()];
  const amount = Number(compare[1]);
  return unit !== undefined && Number.isFinite(amount) ? unit * amount : undefined;
}

function invalidRule(rule: ItemsQueryRule, why: string): ItemsQueryError {
  return new ItemsQueryError(
    `Invalid rule for column ${rule.column_id}: ${why}`,
    'InvalidArgumentException',
    {
      column_id: rule.column_id,
      operator: rule.operator ?? 'any_of',
    },
  );
}

function matchesTimestamp(at: number, rule: ItemsQueryRule, now: number): boolean {
  const operator = rule.operator ?? 'any_of';
  const compare = rule.compare_value;
  const one = () => dateInterval(singleDate(compare), now) ?? fail();
  const fail = (): never => {
    throw invalidRule(rule, `unsupported compare_value ${JSON.stringify(compare)}`);
  };
  switch (operator) {
    case 'greater_than_or_equals':
      return at >= one().start;
    case 'greater_than':
      return at >= one().end;
    case 'lower_than':
      return at < one().start;
    case 'lower_than_or_equal':
      return at < one().end;
    case 'between': {
      if (!Array.isArray(compare) || compare.length !== 2) fail();
      const [from, to] = (compare as unknown[]).map((v) => dateInterval(v, now) ?? fail());
      return at >= from!.start && at < to!.end;
    }
    case 'any_of':
    case 'not_any_of': {
      const values = Array.isArray(compare) && compare[0] === 'EXACT' ? [compare[1]] : [compare].flat();
      const hit = values.some((v) => {
        const range = dateInterval(v, now) ?? fail();
        return at >= range.start && at < range.end;
      });
      return operator === 'any_of' ? hit : !hit;
    }
    case 'within_the_last': {
      const ms = window(compare) ?? fail();
      return at >= now - ms && at <= now;
    }
    default:
      throw invalidRule(rule, `operator ${operator} is not supported on this column`);
  }
}

function asList(compare: unknown): unknown[] {
  return Array.isArray(compare) ? compare : [compare];
}

/** People filters accept `123` and `"person-123"`. */
function normalise(value: unknown): string {
  return String(value).replace(/^person-/, '');
}

function matchesValues(values: Array<string | number>, texts: string[], rule: ItemsQueryRule): boolean {
  const operator = rule.operator ?? 'any_of';
  const compare = rule.compare_value;
  const text = () => {
    const first = asList(compare)[0];
    return (typeof first === 'string' || typeof first === 'number' ? String(first) : '').toLowerCase();
  };
  const number = () => {
    const n = Number(asList(compare)[0]);
    if (!Number.isFinite(n)) throw invalidRule(rule, 'compare_value must be a number');
    return n;
  };
  switch (operator) {
    case 'any_of':
    case 'not_any_of': {
      const wanted = new Set(asList(compare).map(normalise));
      const hit = values.some((v) => wanted.has(String(v)));
      return operator === 'any_of' ? hit : !hit;
    }
    case 'is_empty':
      return values.length === 0;
    case 'is_not_empty':
      return values.length > 0;
    case 'contains_text':
    case 'contains_terms':
      return texts.some((t) => t.toLowerCase().includes(text()));
    case 'not_contains_text':
      return !texts.some((t) => t.toLowerCase().includes(text()));
    case 'starts_with':
      return texts.some((t) => t.toLowerCase().startsWith(text()));
    case 'ends_with':
      return texts.some((t) => t.toLowerCase().endsWith(text()));
    case 'greater_than':
      return values.some((v) => typeof v === 'number' && v > number());
    case 'greater_than_or_equals':
      return values.some((v) => typeof v === 'number' && v >= number());
    case 'lower_than':
      return values.some((v) => typeof v === 'number' && v < number());
    case 'lower_than_or_equal':
      return values.some((v) => typeof v === 'number' && v <= number());
    case 'between': {
      const [lo, hi] = asList(compare).map(Number);
      return values.some((v) => typeof v === 'number' && v >= lo! && v <= hi!);
    }
    default:
      throw invalidRule(rule, `operator ${operator} is not supported on this column`);
  }
}

interface QueryScope {
  columns: readonly ColumnDef[];
  read: ReadContext;
  now: number;
}

function ruleMatches(item: QueryableItem, rule: ItemsQueryRule, scope: QueryScope): boolean {
  switch (rule.column_id) {
    case '__creation_log__':
      return matchesTimestamp(item.createdAt, rule, scope.now);
    case '__last_updated__':
      return matchesTimestamp(item.updatedAt, rule, scope.now);
    case '__item_id__':
      return matchesValues([String(item.id)], [], rule);
    case 'name':
      return matchesValues([item.name], [item.name], rule);
    case 'group':
      return matchesValues([item.groupId], [], rule);
  }
  const column = scope.columns.find((c) => c.id === rule.column_id);
  if (!column) {
    throw new ItemsQueryError(`Column ${rule.column_id} not found`, 'InvalidColumnIdException', {
      column_id: rule.column_id,
    });
  }
  const stored = item.values.get(column.id);
  if (column.type === 'date' && !['is_empty', 'is_not_empty'].includes(rule.operator ?? 'any_of')) {
    const date = filterValues(column, stored)[0];
    return date !== undefined && matchesTimestamp(Date.parse(`${date}T00:00:00Z`), rule, scope.now);
  }
  const values = filterValues(column, stored);
  const text = columnText(column, stored, scope.read);
  return matchesValues(values, text ? [text] : [], rule);
}

function groupMatches(item: QueryableItem, group: ItemsQueryGroup, scope: QueryScope): boolean {
  const results = [
    ...(group.rules ?? []).map((rule) => ruleMatches(item, rule, scope)),
    ...(group.groups ?? []).map((inner) => groupMatches(item, inner, scope)),
  ];
  if (results.length === 0) return true;
  return group.operator === 'or' ? results.some(Boolean) : results.every(Boolean);
}

function sortKey(item: QueryableItem, columnId: string, scope: QueryScope): string | number {
  if (columnId === '__creation_log__') return item.createdAt;
  if (columnId === '__last_updated__') return item.updatedAt;
  if (columnId === 'name') return item.name.toLowerCase();
  const column = scope.columns.find((c) => c.id === columnId);
  if (!column) {
    throw new ItemsQueryError(`Column ${columnId} not found`, 'InvalidColumnIdException', {
      column_id: columnId,
    });
  }
  const first = filterValues(column, item.values.get(column.id))[0];
  return typeof first === 'number' ? first : String(first ?? '').toLowerCase();
}

/**
 * The ids of the matching items in answer order. Without `order_by` items come in creation order
 * (oldest first); ties always break by id.
 */
export function selectItemIds(
  items: Iterable<QueryableItem>,
  query: ItemsQuery | undefined,
  scope: QueryScope,
): number[] {
  const restrict = query?.ids ? new Set(query.ids.map(String)) : undefined;
  const matched = [...items].filter(
    (item) => (!restrict || restrict.has(String(item.id))) && (!query || groupMatches(item, query, scope)),
  );
  const orderBy = query?.order_by ?? [];
  const keyed = matched.map((item) => ({
    item,
    keys: orderBy.map((o) => sortKey(item, o.column_id, scope)),
  }));
  keyed.sort((a, b) => {
    for (let i = 0; i < orderBy.length; i++) {
      const x = a.keys[i]!;
      const y = b.keys[i]!;
      if (x !== y) return (x < y ? -1 : 1) * (orderBy[i]!.direction === 'desc' ? -1 : 1);
    }
    return a.item.createdAt - b.item.createdAt || a.item.id - b.item.id;
  });
  return keyed.map((k) => k.item.id);
}
