import type { CrmRecord } from '@leadflow/crm';
import type { ColumnValue } from '@leadflow/field-mapping';
import type { ColumnValueFieldsFragment, ItemFieldsFragment } from './generated/graphql';

/** What a Monday item is called on records: `SourceRecord.object`. */
export const MONDAY_RECORD_OBJECT = 'item';

/**
 * A Monday item as intake and the mapping see it: item-level fields in `properties` (`name`,
 * `created_at`, `updated_at`, `group` = the group's title, `group_id`), column values by column id as
 * Monday sent them (`text`, `value` JSON, `type`), the owner from the connection's People column
 * (its first person; teams cannot own leads), and the raw item for the lead's snapshot.
 */
export function itemRecord(item: ItemFieldsFragment, ownerColumnId: string | undefined): CrmRecord {
  const columns: Record<string, ColumnValue> = {};
  for (const column of item.column_values) columns[column.id] = columnValue(column);
  const owner =
    ownerColumnId === undefined ? undefined : item.column_values.find((c) => c.id === ownerColumnId);
  return {
    externalId: item.id,
    object: MONDAY_RECORD_OBJECT,
    properties: {
      name: item.name,
      created_at: isoTime(item.created_at),
      updated_at: isoTime(item.updated_at),
      group: item.group?.title ?? null,
      group_id: item.group?.id ?? null,
    },
    columns,
    ownerId: owner === undefined ? null : firstPersonId(owner),
    createdAt: isoTime(item.created_at),
    updatedAt: isoTime(item.updated_at),
    raw: item,
  };
}

/**
 * Monday leaves `text` empty for mirror and connect-boards columns (API 2023-10 and later) and puts
 * what the board shows in `display_value`; that is what a mapping reading the column's text wants.
 */
function columnValue(column: ColumnValueFieldsFragment): ColumnValue {
  const display = 'display_value' in column ? column.display_value : undefined;
  const text = column.text === null || column.text === '' ? (display ?? column.text) : column.text;
  return { text, value: column.value, type: column.type };
}

/**
 * The first person of a People column: from the typed `persons_and_teams` when Monday sent it, else
 * from the column's JSON value (`{"personsAndTeams":[{"id":123,"kind":"person"}]}`).
 */
export function firstPersonId(column: ColumnValueFieldsFragment): string | null {
  if ('persons_and_teams' in column && column.persons_and_teams !== null) {
    const person = column.persons_and_teams.find((entity) => entity.kind !== 'team');
    if (person !== undefined) return person.id;
    if (column.persons_and_teams.length > 0) return null;
  }
  const value = decoded(column.value);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const entries = (value as { personsAndTeams?: unknown }).personsAndTeams;
  if (!Array.isArray(entries)) return null;
  for (const entry of entries as unknown[]) {
    if (entry === null || typeof entry !== 'object') continue;
    const { id, kind } = entry as { id?: unknown; kind?: unknown };
    if (kind === 'team') continue;
    if (typeof id === 'number' || (typeof id === 'string' && id !== '')) return String(id);
  }
  return null;
}

/** Monday sends JSON values as JSON-encoded strings. */
function decoded(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}

/** An ISO 8601 time in UTC, or `null` for nothing or something unreadable. */
export function isoTime(value: string | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}
