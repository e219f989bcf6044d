import { randomBytes } from 'node:crypto';

/**
 * Monday board columns in the sandbox: their definitions and `settings_str`, how a written value
 * (`change_multiple_column_values` JSON) becomes the stored `value`, and how a stored value reads
 * back (GraphQL `text`/`value`/typed fields, webhook `value`). Pure: no account state.
 */
export const SANDBOX_COLUMN_TYPES = [
  'people',
  'status',
  'email',
  'phone',
  'text',
  'long_text',
  'numbers',
  'date',
  'dropdown',
  'board_relation',
  'checkbox',
] as const;

export type SandboxColumnType = (typeof SANDBOX_COLUMN_TYPES)[number];

export interface StatusLabel {
  index: number;
  label: string;
  color: string;
  border: string;
  varName: string;
  isDone: boolean;
}

export interface DropdownOption {
  id: number;
  name: string;
}

export interface ColumnDef {
  id: string;
  title: string;
  /** `name` is the item-name column every board has; it holds no cell values. */
  type: SandboxColumnType | 'name';
  description: string | null;
  archived: boolean;
  /** Status columns only. */
  labels: StatusLabel[];
  /** Dropdown columns only. */
  options: DropdownOption[];
  /** Connect-boards columns only: the boards they link to. */
  boardIds: number[];
}

/** A cell as Monday stores it: the parsed form of the GraphQL `value` JSON string. */
export type StoredValue = Record<string, unknown> | string;

const PALETTE: ReadonlyArray<Pick<StatusLabel, 'color' | 'border' | 'varName'>> = [
  { color: '#fdab3d', border: '#e99729', varName: 'orange' },
  { color: '#00c875', border: '#00b461', varName: 'green-shadow' },
  { color: '#df2f4a', border: '#ce3048', varName: 'red-shadow' },
  { color: '#579bfc', border: '#4387e8', varName: 'bright-blue' },
  { color: '#a25ddc', border: '#9238af', varName: 'purple' },
  { color: '#c4c4c4', border: '#b0b0b0', varName: 'grey' },
  { color: '#037f4c', border: '#006b38', varName: 'grass_green' },
  { color: '#ff642e', border: '#e95c2a', varName: 'dark-orange' },
];

/** Monday's default status labels: Working on it, Done (the done label), Stuck. */
const DEFAULT_STATUS_LABELS = ['Working on it', 'Done', 'Stuck'];

export interface ColumnInput {
  id?: string;
  title: string;
  type: SandboxColumnType;
  description?: string;
  labels?: Array<string | { label: string; index?: number; isDone?: boolean }>;
  options?: string[];
  boardIds?: number[];
}

function statusLabel(index: number, label: string, isDone: boolean): StatusLabel {
  return { index, label, isDone, ...PALETTE[index % PALETTE.length]! };
}

/** A new column; ids default to Monday's generated form (`status_mk4q2x7d`). */
export function buildColumn(input: ColumnInput): ColumnDef {
  const labels =
    input.type !== 'status'
      ? []
      : (input.labels ?? DEFAULT_STATUS_LABELS).map((l, i) =>
          typeof l === 'string'
            ? statusLabel(i, l, l === 'Done')
            : statusLabel(l.index ?? i, l.label, l.isDone ?? l.label === 'Done'),
        );
  return {
    id: input.id ?? `${input.type}_mk${randomBytes(4).toString('hex').slice(0, 6)}`,
    title: input.title,
    type: input.type,
    description: input.description ?? null,
    archived: false,
    labels,
    options: input.type === 'dropdown' ? (input.options ?? []).map((name, i) => ({ id: i + 1, name })) : [],
    boardIds: input.type === 'board_relation' ? (input.boardIds ?? []) : [],
  };
}

export const NAME_COLUMN: ColumnDef = {
  id: 'name',
  title: 'Name',
  type: 'name',
  description: null,
  archived: false,
  labels: [],
  options: [],
  boardIds: [],
};

export function settingsStr(column: ColumnDef): string {
  switch (column.type) {
    case 'status':
      return JSON.stringify({
        labels: Object.fromEntries(column.labels.map((l) => [String(l.index), l.label])),
        labels_colors: Object.fromEntries(
          column.labels.map((l) => [
            String(l.index),
            { color: l.color, border: l.border, var_name: l.varName },
          ]),
        ),
        done_colors: column.labels.filter((l) => l.isDone).map((l) => l.index),
      });
    case 'dropdown':
      return JSON.stringify({ labels: column.options });
    case 'board_relation':
      return JSON.stringify({ allowMultipleItems: true, boardIds: column.boardIds });
    default:
      return '{}';
  }
}

/** The column type names Monday uses inside webhook events and `ColumnValueException.error_data`. */
export function internalTypeName(type: ColumnDef['type']): string {
  switch (type) {
    case 'status':
      return 'color';
    case 'people':
      return 'multiple-person';
    case 'numbers':
      return 'numeric';
    case 'long_text':
      return 'long-text';
    case 'board_relation':
      return 'board-relation';
    case 'checkbox':
      return 'boolean';
    default:
      return type;
  }
}

/** The concrete GraphQL type implementing `ColumnValue` for a column type. */
export function graphqlTypeName(type: SandboxColumnType): string {
  switch (type) {
    case 'people':
      return 'PeopleValue';
    case 'status':
      return 'StatusValue';
    case 'email':
      return 'EmailValue';
    case 'phone':
      return 'PhoneValue';
    case 'text':
      return 'TextValue';
    case 'long_text':
      return 'LongTextValue';
    case 'numbers':
      return 'NumbersValue';
    case 'date':
      return 'DateValue';
    case 'dropdown':
      return 'DropdownValue';
    case 'board_relation':
      return 'BoardRelationValue';
    case 'checkbox':
      return 'CheckboxValue';
  }
}

// ---------------------------------------------------------------------------------------------
// Writing

export class ColumnWriteError extends Error {
  constructor(
    message: string,
    readonly code: 'ColumnValueException' | 'InvalidUserIdException',
    readonly errorData: Record<string, unknown>,
  ) {
    super(message);
  }
}

export interface WriteContext {
  /** Whether a person id may be assigned: a known, active user of the account. */
  person(id: number): 'ok' | 'unknown' | 'inactive';
  itemExists(id: number): boolean;
  createLabelsIfMissing: boolean;
  now: number;
}

export interface ParsedWrite {
  /** null clears the cell. */
  value: StoredValue | null;
  /** A status label created by `create_labels_if_missing`. */
  newLabel?: StatusLabel;
  /** Dropdown options created by `create_labels_if_missing`. */
  newOptions?: DropdownOption[];
}

const DOCS = 'https://developer.monday.com/api-reference/docs/change-column-values';

function invalidValue(column: ColumnDef, raw: unknown, reason?: string): ColumnWriteError {
  const lead = reason ? `invalid value - ${reason}. Please check` : 'invalid value, please check';
  return new ColumnWriteError(
    `${lead} our API documentation for the correct data structure for this column. ${DOCS}`,
    'ColumnValueException',
    { column_value: JSON.stringify(raw) ?? 'null', column_type: internalTypeName(column.type) },
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isEmptyWrite(raw: unknown): boolean {
  return raw === null || raw === undefined || raw === '' || (isRecord(raw) && Object.keys(raw).length === 0);
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const TIME_RE = /^\d{2}:\d{2}(:\d{2})?$/;
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE_RE = /^\+?[0-9 ()-]{4,20}$/;

/**
 * Parses a written value in any of the forms Monday documents for the column type (the JSON form,
 * and the simple string form where one exists); throws `ColumnWriteError` as Monday would.
 */
export function parseColumnWrite(column: ColumnDef, raw: unknown, ctx: WriteContext): ParsedWrite {
  if (column.type === 'name') throw invalidValue(column, raw);
  if (isEmptyWrite(raw)) return { value: null };
  const changedAt = new Date(ctx.now).toISOString();
  switch (column.type) {
    case 'text': {
      if (typeof raw !== 'string' && typeof raw !== 'number') throw invalidValue(column, raw);
      return { value: String(raw) };
    }
    case 'long_text': {
      const text =
        typeof raw === 'string' ? raw : isRecord(raw) && typeof raw.text === 'string' ? raw.text : undefined;
      if (text === undefined) throw invalidValue(column, raw);
      return { value: { text, changed_at: changedAt } };
    }
    case 'numbers': {
      const n =
        typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
      if (!Number.isFinite(n)) throw invalidValue(column, raw);
      return { value: String(n) };
    }
    case 'status':
      return parseStatus(column, raw, ctx, changedAt);
    case 'people':
      return parsePeople(column, raw, ctx, changedAt);
    case 'email': {
      let email: unknown;
      let text: unknown;
      if (typeof raw === 'string') [email, text] = splitFirst(raw);
      else if (isRecord(raw)) ({ email, text } = raw);
      if (typeof email !== 'string' || !EMAIL_RE.test(email)) throw invalidValue(column, raw);
      return {
        value: { email, text: typeof text === 'string' && text ? text : email, changed_at: changedAt },
      };
    }
    case 'phone': {
      let phone: unknown;
      let country: unknown;
      if (typeof raw === 'string') [phone, country] = splitLast(raw);
      else if (isRecord(raw)) ({ phone, countryShortName: country } = raw);
      if (typeof phone !== 'string' || !PHONE_RE.test(phone)) throw invalidValue(column, raw);
      if (typeof country !== 'string' || !/^[A-Z]{2}$/.test(country)) throw invalidValue(column, raw);
      return {
        value: { phone: phone.replace(/[ ()-]/g, ''), countryShortName: country, changed_at: changedAt },
      };
    }
    case 'date': {
      let date: unknown;
      let time: unknown;
      if (typeof raw === 'string') [date, time] = raw.trim().split(/\s+/);
      else if (isRecord(raw)) ({ date, time } = raw);
      if (typeof date !== 'string' || !DATE_RE.test(date) || Number.isNaN(Date.parse(date))) {
        throw invalidValue(column, raw);
      }
      if (time !== undefined && time !== null && (typeof time !== 'string' || !TIME_RE.test(time))) {
        throw invalidValue(column, raw);
      }
      const fullTime = typeof time === 'string' ? (time.length === 5 ? `${time}:00` : time) : undefined;
      return { value: { date, ...(fullTime ? { time: fullTime } : {}), changed_at: changedAt } };
    }
    case 'dropdown':
      return parseDropdown(column, raw, ctx, changedAt);
    case 'board_relation': {
      const ids = isRecord(raw) && Array.isArray(raw.item_ids) ? raw.item_ids.map(Number) : undefined;
      if (!ids || ids.some((id) => !Number.isInteger(id) || !ctx.itemExists(id)))
        throw invalidValue(column, raw);
      return { value: { linkedPulseIds: ids.map((linkedPulseId) => ({ linkedPulseId })) } };
    }
    case 'checkbox': {
      const checked = isRecord(raw) ? raw.checked : undefined;
      if (checked === true || checked === 'true')
        return { value: { checked: 'true', changed_at: changedAt } };
      if (checked === false || checked === 'false') return { value: null };
      throw invalidValue(column, raw);
    }
  }
}

function splitFirst(text: string): [string, string | undefined] {
  const [first, ...rest] = text.trim().split(/\s+/);
  return [first ?? '', rest.length ? rest.join(' ') : undefined];
}

function splitLast(text: string): [string, string | undefined] {
  const parts = text.trim().split(/\s+/);
  if (parts.length < 2) return [text.trim(), undefined];
  return [parts.slice(0, -1).join(''), parts[parts.length - 1]];
}

function nextLabelIndex(column: ColumnDef): number {
  const used = new Set(column.labels.map((l) => l.index));
  let index = 0;
  // Index 5 is Monday's default (empty) label: new labels never take it.
  while (used.has(index) || index === 5) index++;
  return index;
}

function parseStatus(column: ColumnDef, raw: unknown, ctx: WriteContext, changedAt: string): ParsedWrite {
  let found: StatusLabel | undefined;
  let wanted: string | undefined;
  if (typeof raw === 'string') wanted = raw;
  else if (isRecord(raw) && typeof raw.label === 'string') wanted = raw.label;
  else if (isRecord(raw) && (typeof raw.index === 'number' || typeof raw.index === 'string')) {
    const index = Number(raw.index);
    found = column.labels.find((l) => l.index === index);
    if (!found) throw invalidValue(column, raw, 'label does not exist in column');
  } else {
    throw invalidValue(column, raw);
  }
  let newLabel: StatusLabel | undefined;
  if (wanted !== undefined) {
    found = column.labels.find((l) => l.label === wanted);
    if (!found) {
      if (!ctx.createLabelsIfMissing) throw invalidValue(column, raw, 'label does not exist in column');
      found = newLabel = statusLabel(nextLabelIndex(column), wanted, false);
    }
  }
  return {
    value: { index: found!.index, post_id: null, changed_at: changedAt },
    ...(newLabel ? { newLabel } : {}),
  };
}

function parsePeople(column: ColumnDef, raw: unknown, ctx: WriteContext, changedAt: string): ParsedWrite {
  let entries: Array<{ id: number; kind: string }>;
  if (typeof raw === 'string' || typeof raw === 'number') {
    entries = String(raw)
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map((s) => ({ id: Number(s), kind: 'person' }));
  } else if (isRecord(raw) && Array.isArray(raw.personsAndTeams)) {
    entries = raw.personsAndTeams.map((p: unknown) => {
      // Monday requires `kind` on every entry.
      if (!isRecord(p) || (p.kind !== 'person' && p.kind !== 'team')) throw invalidValue(column, raw);
      return { id: Number(p.id), kind: p.kind };
    });
  } else {
    throw invalidValue(column, raw);
  }
  for (const entry of entries) {
    if (!Number.isInteger(entry.id) || entry.id <= 0) throw invalidValue(column, raw);
    // The sandbox models no teams: a team id is as unknown as a missing user.
    const state = entry.kind === 'person' ? ctx.person(entry.id) : 'unknown';
    if (state !== 'ok') {
      throw new ColumnWriteError(
        state === 'inactive' ? `User ${entry.id} is deactivated` : `User ${entry.id} not found`,
        'InvalidUserIdException',
        { user_id: entry.id, kind: entry.kind },
      );
    }
  }
  if (entries.length === 0) return { value: null };
  return { value: { personsAndTeams: entries, changed_at: changedAt } };
}

function parseDropdown(column: ColumnDef, raw: unknown, ctx: WriteContext, changedAt: string): ParsedWrite {
  let ids: number[] | undefined;
  let labels: string[] | undefined;
  if (typeof raw === 'string')
    labels = raw
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  else if (isRecord(raw) && Array.isArray(raw.ids)) ids = raw.ids.map(Number);
  else if (isRecord(raw) && Array.isArray(raw.labels)) labels = raw.labels.map(String);
  else throw invalidValue(column, raw);
  const newOptions: DropdownOption[] = [];
  if (labels) {
    ids = labels.map((name) => {
      const existing = [...column.options, ...newOptions].find((o) => o.name === name);
      if (existing) return existing.id;
      if (!ctx.createLabelsIfMissing) throw invalidValue(column, raw, 'label does not exist in column');
      const option = {
        id: Math.max(0, ...column.options.map((o) => o.id), ...newOptions.map((o) => o.id)) + 1,
        name,
      };
      newOptions.push(option);
      return option.id;
    });
  }
  if (ids!.some((id) => !column.options.some((o) => o.id === id) && !newOptions.some((o) => o.id === id))) {
    throw invalidValue(column, raw, 'label does not exist in column');
  }
  if (ids!.length === 0) return { value: null };
  return { value: { ids: ids!, changed_at: changedAt }, ...(newOptions.length ? { newOptions } : {}) };
}

// ---------------------------------------------------------------------------------------------
// Reading

export interface ReadContext {
  userName(id: number): string | undefined;
  itemName(id: number): string | undefined;
}

/** A stored scalar as text; anything else reads as empty. */
function str(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

function record(stored: StoredValue | undefined): Record<string, unknown> {
  return isRecord(stored) ? stored : {};
}

export function statusOf(column: ColumnDef, stored: StoredValue | undefined): StatusLabel | undefined {
  const index = record(stored).index;
  return typeof index === 'number' ? column.labels.find((l) => l.index === index) : undefined;
}

export function personIds(stored: StoredValue | undefined): Array<{ id: number; kind: string }> {
  const list = record(stored).personsAndTeams;
  return Array.isArray(list) ? (list as Array<{ id: number; kind: string }>) : [];
}

export function linkedItemIds(stored: StoredValue | undefined): number[] {
  const list = record(stored).linkedPulseIds;
  return Array.isArray(list) ? (list as Array<{ linkedPulseId: number }>).map((l) => l.linkedPulseId) : [];
}

export function dropdownIds(stored: StoredValue | undefined): number[] {
  const ids = record(stored).ids;
  return Array.isArray(ids) ? (ids as number[]) : [];
}

/** GraphQL `text`: what the cell shows; "" when empty. */
export function columnText(column: ColumnDef, stored: StoredValue | undefined, ctx: ReadContext): string {
  if (stored === undefined) return '';
  const r = record(stored);
  switch (column.type) {
    case 'text':
    case 'numbers':
      return typeof stored === 'string' ? stored : '';
    case 'long_text':
      return str(r.text);
    case 'status':
      return statusOf(column, stored)?.label ?? '';
    case 'people':
      return personIds(stored)
        .map((p) => ctx.userName(p.id) ?? '')
        .join(', ');
    case 'email':
      return str(r.email);
    case 'phone':
      return str(r.phone);
    case 'date':
      return r.time ? `${str(r.date)} ${str(r.time).slice(0, 5)}` : str(r.date);
    case 'dropdown':
      return dropdownIds(stored)
        .map((id) => column.options.find((o) => o.id === id)?.name ?? '')
        .join(', ');
    case 'board_relation':
      return linkedItemIds(stored)
        .map((id) => ctx.itemName(id) ?? '')
        .join(', ');
    case 'checkbox':
      return r.checked === 'true' ? 'v' : '';
    case 'name':
      return '';
  }
}

/** GraphQL `value`: the stored JSON as a string; null when empty (and always for connect boards, since 2025-04). */
export function columnValueJson(column: ColumnDef, stored: StoredValue | undefined): string | null {
  if (stored === undefined || column.type === 'board_relation') return null;
  return JSON.stringify(stored);
}

/** The fields of the concrete `ColumnValue` type beyond id/type/text/value/column. */
export function typedColumnFields(
  column: ColumnDef,
  stored: StoredValue | undefined,
  ctx: ReadContext,
): Record<string, unknown> {
  const r = record(stored);
  const updatedAt = typeof r.changed_at === 'string' ? r.changed_at.replace(/\.\d{3}Z$/, 'Z') : null;
  switch (column.type) {
    case 'status': {
      const label = statusOf(column, stored);
      return {
        label: label?.label ?? null,
        index: label?.index ?? null,
        is_done: label?.isDone ?? false,
        label_style: label ? { color: label.color, border: label.border } : null,
        update_id: null,
        updated_at: updatedAt,
      };
    }
    case 'people':
      return {
        persons_and_teams:
          stored === undefined ? null : personIds(stored).map((p) => ({ id: String(p.id), kind: p.kind })),
        updated_at: updatedAt,
      };
    case 'email':
      return {
        email: typeof r.email === 'string' ? r.email : null,
        label: typeof r.text === 'string' ? r.text : null,
        updated_at: updatedAt,
      };
    case 'phone':
      return {
        phone: typeof r.phone === 'string' ? r.phone : null,
        country_short_name: typeof r.countryShortName === 'string' ? r.countryShortName : null,
        updated_at: updatedAt,
      };
    case 'numbers':
      return { number: typeof stored === 'string' ? Number(stored) : null, symbol: null, direction: null };
    case 'date':
      return {
        date: typeof r.date === 'string' ? r.date : null,
        time: typeof r.time === 'string' ? r.time : null,
        icon: null,
        updated_at: updatedAt,
      };
    case 'dropdown':
      return {
        values: dropdownIds(stored).map((id) => ({
          id: String(id),
          label: column.options.find((o) => o.id === id)?.name ?? '',
        })),
      };
    case 'board_relation':
      return {
        linked_item_ids: linkedItemIds(stored).map(String),
        display_value: columnText(column, stored, ctx),
        updated_at: updatedAt,
      };
    case 'checkbox':
      return { checked: r.checked === 'true', updated_at: updatedAt };
    case 'long_text':
      return { updated_at: updatedAt };
    case 'text':
    case 'name':
      return {};
  }
}

/** The `value`/`previousValue` of an `update_column_value` webhook event; null when empty. */
export function webhookValue(column: ColumnDef, stored: StoredValue | undefined): unknown {
  if (stored === undefined) return null;
  const r = record(stored);
  switch (column.type) {
    case 'status': {
      const label = statusOf(column, stored);
      if (!label) return null;
      return {
        label: {
          index: label.index,
          text: label.label,
          style: { color: label.color, border: label.border, var_name: label.varName },
          is_done: label.isDone,
        },
        post_id: null,
      };
    }
    case 'text':
      return { value: stored };
    case 'numbers':
      return { value: Number(stored), unit: null };
    case 'dropdown':
      return {
        chosenValues: dropdownIds(stored).map((id) => ({
          id,
          name: column.options.find((o) => o.id === id)?.name ?? '',
        })),
      };
    default:
      return { ...r };
  }
}

/** A comparable form of a cell for `items_page` rules. */
export function filterValues(column: ColumnDef, stored: StoredValue | undefined): Array<string | number> {
  if (stored === undefined) return [];
  const r = record(stored);
  switch (column.type) {
    case 'status':
      return statusOf(column, stored) ? [statusOf(column, stored)!.index] : [];
    case 'people':
      return personIds(stored).map((p) => p.id);
    case 'dropdown':
      return dropdownIds(stored);
    case 'board_relation':
      return linkedItemIds(stored);
    case 'numbers':
      return [Number(stored)];
    case 'text':
      return [str(stored)];
    case 'long_text':
      return [str(r.text)];
    case 'email':
      return [str(r.email)];
    case 'phone':
      return [str(r.phone)];
    case 'date':
      return [str(r.date)];
    case 'checkbox':
      return r.checked === 'true' ? ['true'] : [];
    case 'name':
      return [];
  }
}
