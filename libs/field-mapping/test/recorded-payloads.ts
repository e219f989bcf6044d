// Turns recorded HubSpot and Monday payloads into what the CRM adapters will hand this library
// (SourceRecord, DiscoveredField). The real conversion lives in each adapter; this is the
// contract those adapters must meet, written down as the tests exercise it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type DiscoveredField,
  type DiscoveredOption,
  type FieldMappingInput,
  type SourceRecord,
} from '../src/index';

const FIXTURES = join(__dirname, 'fixtures');

export function readFixture<T>(relativePath: string): T {
  return JSON.parse(readFileSync(join(FIXTURES, relativePath), 'utf8')) as T;
}

export function readMapping(name: string): FieldMappingInput {
  return readFixture<FieldMappingInput>(`mappings/${name}.mapping.json`);
}

interface HubSpotObject {
  id: string;
  properties: Record<string, string | null>;
  createdAt?: string;
}

/** A HubSpot object plus the properties of its primary associated contact, company and deal. */
export function hubspotRecord(
  object: 'lead' | 'contact' | 'deal',
  main: HubSpotObject,
  associated: { contact?: HubSpotObject; company?: HubSpotObject; deal?: HubSpotObject } = {},
): SourceRecord {
  return {
    externalId: main.id,
    object,
    properties: main.properties,
    associations: {
      ...(associated.contact === undefined ? {} : { contact: associated.contact.properties }),
      ...(associated.company === undefined ? {} : { company: associated.company.properties }),
      ...(associated.deal === undefined ? {} : { deal: associated.deal.properties }),
    },
    ownerId: main.properties['hubspot_owner_id'] ?? null,
    createdAt: main.createdAt ?? null,
  };
}

interface HubSpotProperty {
  name: string;
  label: string;
  type: string;
  options?: { label: string; value: string; probability?: number }[];
}

/** HubSpot property definitions per object; deal stages carry the pipeline's won/lost probability. */
export function hubspotDiscoveredFields(): DiscoveredField[] {
  const byObject = readFixture<Record<string, HubSpotProperty[] | string>>('hubspot/properties.json');
  return Object.entries(byObject).flatMap(([object, properties]) =>
    typeof properties === 'string'
      ? []
      : properties.map((property) => ({
          object,
          name: property.name,
          label: property.label,
          type: property.type,
          ...(property.options === undefined
            ? {}
            : {
                options: property.options.map((option): DiscoveredOption => {
                  const hint =
                    option.probability === 1 ? 'won' : option.probability === 0 ? 'lost' : undefined;
                  return {
                    value: option.value,
                    label: option.label,
                    ...(hint === undefined ? {} : { statusHint: hint }),
                  };
                }),
              }),
        })),
  );
}

export interface MondayItem {
  id: string;
  name: string;
  created_at: string;
  group: { id: string; title: string };
  column_values: { id: string; type: string; text: string | null; value: string | null }[];
}

export function mondayItems(): MondayItem[] {
  const response = readFixture<{ data: { boards: { items_page: { items: MondayItem[] } }[] } }>(
    'monday/items.json',
  );
  return response.data.boards.flatMap((board) => board.items_page.items);
}

/** A Monday item: item-level fields as properties, column values by id, exactly as the API sent them. */
export function mondayRecord(item: MondayItem): SourceRecord {
  return {
    externalId: item.id,
    object: 'item',
    properties: { name: item.name, created_at: item.created_at, group: item.group.title },
    columns: Object.fromEntries(
      item.column_values.map((column) => [
        column.id,
        { text: column.text, value: column.value, type: column.type },
      ]),
    ),
    ownerId: null,
    createdAt: item.created_at,
  };
}

interface MondayColumn {
  id: string;
  title: string;
  type: string;
  settings_str: string;
}

/** Board columns; status labels become options, and labels in `done_colors` are hinted as won. */
export function mondayDiscoveredFields(): DiscoveredField[] {
  const response = readFixture<{ data: { boards: { columns: MondayColumn[] }[] } }>(
    'monday/board-columns.json',
  );
  const columns = response.data.boards.flatMap((board) => board.columns);
  const itemFields: DiscoveredField[] = [
    { object: 'lead', name: 'name', label: 'Item name', type: 'text' },
    { object: 'lead', name: 'created_at', label: 'Created at', type: 'datetime' },
    { object: 'lead', name: 'group', label: 'Group', type: 'text' },
  ];
  return [
    ...itemFields,
    ...columns
      .filter((column) => column.type !== 'name')
      .map((column): DiscoveredField => {
        const settings = JSON.parse(column.settings_str) as { labels?: unknown; done_colors?: number[] };
        if (column.type !== 'status' || typeof settings.labels !== 'object' || settings.labels === null) {
          return { object: 'column', name: column.id, label: column.title, type: column.type };
        }
        const options = Object.entries(settings.labels as Record<string, string>).map(
          ([index, label]): DiscoveredOption => {
            const done = settings.done_colors?.includes(Number(index)) === true;
            return { value: label, label, ...(done ? { statusHint: 'won' as const } : {}) };
          },
        );
        return { object: 'column', name: column.id, label: column.title, type: column.type, options };
      }),
  ];
}
