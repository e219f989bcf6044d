import { describe, expect, it } from 'vitest';
import { buildColumn } from './monday-columns';
import { ItemsQueryError, selectItemIds, type QueryableItem } from './monday-items-query';

const DAY = 86_400_000;
const base = Date.parse('2026-01-01T00:00:00Z');
const status = buildColumn({ id: 'status', title: 'Status', type: 'status' });
const items: QueryableItem[] = [0, 1, 2, 3].map((i) => ({
  id: 100 + i,
  name: `Item ${i}`,
  groupId: i % 2 ? 'b' : 'a',
  createdAt: base + i * DAY,
  updatedAt: base + i * DAY + 3_600_000,
  values: new Map(i === 2 ? [['status', { index: 1 }]] : []),
}));
const scope = {
  columns: [status],
  read: { userName: () => undefined, itemName: () => undefined },
  now: base + 10 * DAY,
};

describe('selectItemIds', () => {
  it('treats YYYY-MM-DD as a whole UTC day and ISO date-times as instants', () => {
    const rule = (operator: string, compare: unknown) =>
      selectItemIds(
        items,
        { rules: [{ column_id: '__creation_log__', compare_value: compare, operator }] },
        scope,
      );
    expect(rule('greater_than_or_equals', ['EXACT', '2026-01-02'])).toEqual([101, 102, 103]);
    expect(rule('greater_than', ['EXACT', '2026-01-02'])).toEqual([102, 103]);
    expect(rule('lower_than', '2026-01-02')).toEqual([100]);
    expect(rule('lower_than_or_equal', '2026-01-02')).toEqual([100, 101]);
    expect(rule('between', ['2026-01-02T00:00:00Z', '2026-01-03T00:00:00Z'])).toEqual([101, 102]);
    expect(rule('within_the_last', ['DAYS', 8])).toEqual([102, 103]);
  });

  it('orders by creation by default, by the order_by columns when asked, and combines rules', () => {
    expect(selectItemIds(items, undefined, scope)).toEqual([100, 101, 102, 103]);
    expect(
      selectItemIds(items, { order_by: [{ column_id: '__last_updated__', direction: 'desc' }] }, scope),
    ).toEqual([103, 102, 101, 100]);
    expect(
      selectItemIds(
        items,
        {
          operator: 'or',
          rules: [
            { column_id: 'status', compare_value: [1] },
            { column_id: 'group', compare_value: ['b'] },
          ],
        },
        scope,
      ),
    ).toEqual([101, 102, 103]);
    expect(selectItemIds(items, { ids: ['103', '100'] }, scope)).toEqual([100, 103]);
  });

  it('refuses unknown columns and unsupported operators', () => {
    expect(() => selectItemIds(items, { rules: [{ column_id: 'nope', compare_value: [1] }] }, scope)).toThrow(
      ItemsQueryError,
    );
    expect(() =>
      selectItemIds(
        items,
        { rules: [{ column_id: '__creation_log__', compare_value: 'x', operator: 'starts_with' }] },
        scope,
      ),
    ).toThrow(/not supported/);
  });
});
