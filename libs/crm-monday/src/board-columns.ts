import type { DiscoveredField, DiscoveredOption } from '@leadflow/field-mapping';
import type { BoardColumnFieldsFragment } from './generated/graphql';

/**
 * Item-level fields every item has; adapters put them in `SourceRecord.properties`, so mappings read
 * them as `{kind: 'property', object: 'lead', name}` (field-mapping's contract for Monday).
 */
export const MONDAY_ITEM_FIELDS: readonly DiscoveredField[] = [
  { object: 'lead', name: 'name', label: 'Item name', type: 'text' },
  { object: 'lead', name: 'created_at', label: 'Created at', type: 'datetime' },
  { object: 'lead', name: 'updated_at', label: 'Updated at', type: 'datetime' },
  { object: 'lead', name: 'group', label: 'Group', type: 'text' },
  { object: 'lead', name: 'group_id', label: 'Group id', type: 'text' },
];

/**
 * A board's columns as discovered fields (`object: 'column'`, name = column id, label = title, type =
 * Monday's column type), then the item-level fields. The `name` column is the item name, already an
 * item field; archived columns hold nothing new and cannot be written.
 */
export function discoveredFields(columns: readonly BoardColumnFieldsFragment[]): DiscoveredField[] {
  const fields = columns
    .filter((column) => column.type !== 'name' && !column.archived)
    .map((column): DiscoveredField => {
      const options = columnOptions(column);
      return {
        object: 'column',
        name: column.id,
        label: column.title,
        type: column.type,
        ...(options === undefined ? {} : { options }),
      };
    });
  return [...fields, ...MONDAY_ITEM_FIELDS];
}

/**
 * Labels of a status or dropdown column from its `settings_str`. Status labels in `done_colors` are
 * the ones Monday counts as done, hinted as won for status parity; the mapping wizard shows the hint
 * and the admin decides. Unreadable settings give no options rather than an error.
 */
export function columnOptions(column: BoardColumnFieldsFragment): DiscoveredOption[] | undefined {
  if (column.type !== 'status' && column.type !== 'dropdown') return undefined;
  const settings = parseSettings(column.settings_str);
  const labels = labelsOf(settings?.['labels']);
  if (labels.length === 0) return undefined;
  const done = new Set(
    Array.isArray(settings?.['done_colors'])
      ? (settings['done_colors'] as unknown[]).map((index) => String(index))
      : [],
  );
  const seen = new Set<string>();
  return labels.flatMap(({ index, label }): DiscoveredOption[] => {
    if (seen.has(label)) return [];
    seen.add(label);
    const won = column.type === 'status' && index !== undefined && done.has(index);
    return [{ value: label, label, ...(won ? { statusHint: 'won' as const } : {}) }];
  });
}

/** `{"0":"Working on it","1":"Done"}` (status) or `[{"id":1,"name":"Routing"}]` (dropdown, newer status). */
function labelsOf(raw: unknown): { index?: string; label: string }[] {
  if (Array.isArray(raw)) {
    return (raw as unknown[]).flatMap((entry) => {
      if (entry === null || typeof entry !== 'object') return [];
      const record = entry as Record<string, unknown>;
      const label = record['name'] ?? record['label'];
      const id = record['id'] ?? record['index'];
      if (typeof label !== 'string' || label.trim() === '') return [];
      return [{ label, ...(typeof id === 'number' || typeof id === 'string' ? { index: String(id) } : {}) }];
    });
  }
  if (raw !== null && typeof raw === 'object') {
    return Object.entries(raw as Record<string, unknown>).flatMap(([index, label]) =>
      typeof label === 'string' && label.trim() !== '' ? [{ index, label }] : [],
    );
  }
  return [];
}

function parseSettings(text: string): Record<string, unknown> | undefined {
  try {
    const parsed = JSON.parse(text) as unknown;
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
