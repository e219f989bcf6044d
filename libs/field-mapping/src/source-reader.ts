import { type FieldValue, previewValue } from './field-value';
import { type Source } from './mapping-schema';
import { readMondayColumn } from './monday-column-reader';
import { type SourceRecord } from './source-record';

export type SourceReading = { ok: true; value: FieldValue } | { ok: false; message: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Narrows a JSON-decoded CRM value to a FieldValue; objects and odd numbers are reported, not guessed at. */
export function toFieldValue(raw: unknown): SourceReading {
  if (raw === null || raw === undefined) return { ok: true, value: null };
  if (typeof raw === 'string' || typeof raw === 'boolean') return { ok: true, value: raw };
  if (typeof raw === 'number') {
    return Number.isFinite(raw)
      ? { ok: true, value: raw }
      : { ok: false, message: `the value ${String(raw)} is not a finite number` };
  }
  if (Array.isArray(raw)) {
    const items: string[] = [];
    for (const item of raw as unknown[]) {
      if (item === null || item === undefined) continue;
      if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean')
        items.push(String(item));
      else
        return {
          ok: false,
          message: `the list ${previewValue(raw)} holds something other than text, numbers or booleans`,
        };
    }
    return { ok: true, value: items };
  }
  return { ok: false, message: `the value ${previewValue(raw)} is an object; map one of its parts instead` };
}

function readProperty(bag: unknown, name: string): SourceReading {
  if (!isRecord(bag)) return { ok: true, value: null };
  // Own properties only: a property called "constructor" must not read Object.prototype.
  return Object.prototype.hasOwnProperty.call(bag, name)
    ? toFieldValue(bag[name])
    : { ok: true, value: null };
}

/** The raw value of one source in one record; a missing property, association or column is simply no value. */
export function readSource(record: SourceRecord, source: Source): SourceReading {
  switch (source.kind) {
    case 'property':
      if (source.object === 'lead') return readProperty(record.properties, source.name);
      return readProperty(
        isRecord(record.associations) ? record.associations[source.object] : undefined,
        source.name,
      );
    case 'column': {
      const columns: unknown = record.columns;
      if (!isRecord(columns) || !Object.prototype.hasOwnProperty.call(columns, source.id))
        return { ok: true, value: null };
      const column = columns[source.id];
      if (column === null || column === undefined) return { ok: true, value: null };
      if (!isRecord(column))
        return { ok: false, message: `column value ${previewValue(column)} is not an object` };
      return readMondayColumn(column, source.read);
    }
    case 'constant':
      return { ok: true, value: source.value };
    case 'record':
      return toFieldValue(record[source.field]);
  }
}
