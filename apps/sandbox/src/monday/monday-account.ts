import { randomBytes } from 'node:crypto';
import { seededRandom, type RandomSource } from '../hubspot/seeded-random';
import {
  buildColumn,
  ColumnWriteError,
  NAME_COLUMN,
  parseColumnWrite,
  type ColumnDef,
  type ColumnInput,
  type ReadContext,
  type StoredValue,
} from './monday-columns';
import { MondayFieldError } from './monday-errors';
import { noFaults, type MondayFaults } from './monday-faults';
import {
  DailyCallCounter,
  SlidingWindowBudget,
  type MondayLimits,
  type MondayPlan,
} from './monday-rate-limits';

export interface MondayUser {
  id: number;
  name: string;
  email: string;
  enabled: boolean;
  isAdmin: boolean;
  isGuest: boolean;
  title: string | null;
  createdAt: number;
}

export interface MondayGroup {
  id: string;
  title: string;
  color: string;
  position: number;
}

export interface MondayBoard {
  id: number;
  name: string;
  state: 'active' | 'archived' | 'deleted';
  boardKind: 'public' | 'private' | 'share';
  description: string | null;
  /** The `name` column first, as Monday lists it. */
  columns: ColumnDef[];
  groups: MondayGroup[];
  creatorId: number;
  createdAt: number;
  updatedAt: number;
}

export interface MondayItem {
  id: number;
  boardId: number;
  groupId: string;
  name: string;
  state: 'active' | 'archived' | 'deleted';
  createdAt: number;
  updatedAt: number;
  creatorId: number;
  values: Map<string, StoredValue>;
}

export const WEBHOOK_EVENTS = [
  'change_column_value',
  'change_name',
  'change_specific_column_value',
  'change_status_column_value',
  'change_subitem_column_value',
  'change_subitem_name',
  'create_column',
  'create_item',
  'create_subitem',
  'create_subitem_update',
  'create_update',
  'delete_update',
  'edit_update',
  'item_archived',
  'item_deleted',
  'item_moved_to_any_group',
  'item_moved_to_specific_group',
  'item_restored',
  'move_subitem',
  'subitem_archived',
  'subitem_deleted',
] as const;

export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export interface WebhookSubscription {
  id: number;
  boardId: number;
  url: string;
  event: WebhookEvent;
  /** Parsed `config`, and the string `webhooks { config }` returns. */
  config: Record<string, unknown> | null;
  configStr: string | null;
  /** Who created it: app-token webhooks are signed with the app's signing secret. */
  createdBy: { userId: number; clientId?: string };
  createdAt: number;
}

/** One change to one item; the webhook dispatcher turns these into events. */
export type ItemChange =
  | { kind: 'create'; board: MondayBoard; item: MondayItem; userId: number; at: number }
  | {
      kind: 'column';
      board: MondayBoard;
      item: MondayItem;
      column: ColumnDef;
      value: StoredValue | undefined;
      previous: StoredValue | undefined;
      userId: number;
      at: number;
    }
  | { kind: 'name'; board: MondayBoard; item: MondayItem; previousName: string; userId: number; at: number }
  | { kind: 'delete'; board: MondayBoard; item: MondayItem; userId: number; at: number };

/** Ids unique across every sandbox account, in Monday's ranges. */
export class IdSequence {
  private readonly next = {
    account: 20_000_001,
    user: 60_000_001,
    board: 5_000_000_001,
    item: 9_000_000_001,
    webhook: 400_000_001,
  };

  take(kind: keyof IdSequence['next']): number {
    return this.next[kind]++;
  }

  /** Keeps generated ids clear of an explicitly chosen one. */
  reserve(kind: keyof IdSequence['next'], id: number): void {
    this.next[kind] = Math.max(this.next[kind], id + 1);
  }
}

interface CursorChain {
  boardId: number;
  ids: number[];
  expiresAt: number;
}

/** A new board's only group, as Monday names it. */
const DEFAULT_GROUP = { id: 'topics', title: 'Group Title' };
const GROUP_COLORS = ['#579bfc', '#a25ddc', '#00c875', '#fdab3d', '#e2445c', '#037f4c'];

/** Column values keyed by column id, in any of Monday's write formats (API and control API alike). */
export type ColumnValuesInput = Record<string, unknown>;

/**
 * One Monday account: users, boards with typed columns, items, webhook subscriptions,
 * pagination cursors, rate-limit state and faults.
 */
export class MondayAccount {
  readonly users = new Map<number, MondayUser>();
  readonly boards = new Map<number, MondayBoard>();
  readonly items = new Map<number, MondayItem>();
  readonly webhooks = new Map<number, WebhookSubscription>();
  private readonly cursors = new Map<string, { chain: CursorChain; position: number }>();
  private faultState: MondayFaults = noFaults();
  random: RandomSource = Math.random;
  minuteLimiter!: SlidingWindowBudget;
  daily!: DailyCallCounter;
  private budgets = new Map<string, SlidingWindowBudget>();
  inFlight = 0;
  /** Set by the sandbox: every item change is reported here (webhooks). */
  onChange: (change: ItemChange) => void = () => undefined;

  constructor(
    readonly id: number,
    readonly name: string,
    readonly plan: MondayPlan,
    private limitState: MondayLimits,
    readonly webhookDelivery: { retryDelaysMs: number[]; timeoutMs: number },
    private readonly ids: IdSequence,
  ) {
    this.resetLimiters();
  }

  get slug(): string {
    return (
      this.name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '') || `account-${this.id}`
    );
  }

  get limits(): MondayLimits {
    return this.limitState;
  }

  set limits(next: MondayLimits) {
    this.limitState = next;
    this.resetLimiters();
  }

  get faults(): MondayFaults {
    return this.faultState;
  }

  setFaults(next: MondayFaults, opts: { reseed: boolean }): void {
    this.faultState = next;
    if (opts.reseed) this.random = next.seed === null ? Math.random : seededRandom(next.seed);
  }

  clearFaults(): void {
    this.setFaults(noFaults(), { reseed: true });
  }

  inOutage(now: number): boolean {
    return this.faultState.outageFrom <= now && now < this.faultState.outageUntil;
  }

  /** The per-minute complexity budget of one key (`personal`, or an app's read/write budget). */
  budget(key: string, max: number): SlidingWindowBudget {
    let budget = this.budgets.get(key);
    if (!budget || budget.max !== max) {
      budget = new SlidingWindowBudget(max);
      this.budgets.set(key, budget);
    }
    return budget;
  }

  private resetLimiters(): void {
    this.minuteLimiter = new SlidingWindowBudget(this.limitState.minuteRate);
    this.daily = new DailyCallCounter(this.limitState.daily);
    this.budgets = new Map();
  }

  // --- users -----------------------------------------------------------------------------------

  addUser(
    input: {
      name: string;
      email: string;
      enabled?: boolean;
      isAdmin?: boolean;
      isGuest?: boolean;
      title?: string;
    },
    now = Date.now(),
  ): MondayUser {
    if ([...this.users.values()].some((u) => u.email.toLowerCase() === input.email.toLowerCase())) {
      throw new Error(`a user with email ${input.email} already exists`);
    }
    const user: MondayUser = {
      id: this.ids.take('user'),
      name: input.name,
      email: input.email,
      enabled: input.enabled ?? true,
      isAdmin: input.isAdmin ?? false,
      isGuest: input.isGuest ?? false,
      title: input.title ?? null,
      createdAt: now,
    };
    this.users.set(user.id, user);
    return user;
  }

  /** The account owner: the first admin, who stands in for people working in Monday's UI. */
  get owner(): MondayUser {
    return [...this.users.values()].find((u) => u.isAdmin)!;
  }

  readContext(): ReadContext {
    return {
      userName: (id) => this.users.get(id)?.name,
      itemName: (id) => this.items.get(id)?.name,
    };
  }

  // --- boards ----------------------------------------------------------------------------------

  addBoard(
    input: {
      name: string;
      columns: ColumnInput[];
      groups?: Array<{ id?: string; title: string }>;
      boardKind?: MondayBoard['boardKind'];
      description?: string;
    },
    creatorId: number,
    now = Date.now(),
  ): MondayBoard {
    const columns = [NAME_COLUMN, ...input.columns.map(buildColumn)];
    const seen = new Set<string>();
    for (const c of columns) {
      if (seen.has(c.id)) throw new Error(`duplicate column id ${c.id}`);
      seen.add(c.id);
    }
    const groups = (input.groups?.length ? input.groups : [DEFAULT_GROUP]).map((g, i) => ({
      id: g.id ?? `group_mk${randomBytes(3).toString('hex')}`,
      title: g.title,
      color: GROUP_COLORS[i % GROUP_COLORS.length]!,
      position: i + 1,
    }));
    const board: MondayBoard = {
      id: this.ids.take('board'),
      name: input.name,
      state: 'active',
      boardKind: input.boardKind ?? 'public',
      description: input.description ?? null,
      columns,
      groups,
      creatorId,
      createdAt: now,
      updatedAt: now,
    };
    this.boards.set(board.id, board);
    return board;
  }

  itemsOf(board: MondayBoard): MondayItem[] {
    return [...this.items.values()].filter((i) => i.boardId === board.id && i.state === 'active');
  }

  // --- items -----------------------------------------------------------------------------------

  /**
   * Creates an item, validating every column value first (one bad value fails the whole
   * creation, as on Monday). `createdAt` may be given to seed history.
   */
  createItem(
    board: MondayBoard,
    input: {
      name: string;
      columnValues?: ColumnValuesInput;
      groupId?: string;
      createdAt?: number;
      updatedAt?: number;
      createLabelsIfMissing?: boolean;
    },
    userId: number,
    now = Date.now(),
  ): MondayItem {
    if (input.name.length === 0 || input.name.length > 255) {
      throw new MondayFieldError(
        'Item name must be between 1 and 255 characters',
        'ItemNameTooLongException',
        {
          errorData: { item_name_length: input.name.length },
        },
      );
    }
    const group = input.groupId ? board.groups.find((g) => g.id === input.groupId) : board.groups[0];
    if (!group) {
      throw new MondayFieldError('Group not found', 'InvalidGroupIdException', {
        errorData: { group_id: input.groupId, board_id: board.id },
      });
    }
    const values = { ...input.columnValues };
    const name = typeof values.name === 'string' ? values.name : input.name;
    delete values.name;
    const parsed = this.parseWrites(board, values, input.createLabelsIfMissing ?? false, now);
    const createdAt = input.createdAt ?? now;
    const item: MondayItem = {
      id: this.ids.take('item'),
      boardId: board.id,
      groupId: group.id,
      name,
      state: 'active',
      createdAt,
      updatedAt: input.updatedAt ?? createdAt,
      creatorId: userId,
      values: new Map(),
    };
    for (const { column, value } of parsed) if (value !== null) item.values.set(column.id, value);
    this.items.set(item.id, item);
    this.onChange({ kind: 'create', board, item, userId, at: now });
    return item;
  }

  /** Applies column values (and `name`), all or nothing; reports each value that actually changed. */
  changeColumnValues(
    item: MondayItem,
    values: ColumnValuesInput,
    userId: number,
    opts: { createLabelsIfMissing?: boolean } = {},
    now = Date.now(),
  ): void {
    const board = this.boards.get(item.boardId)!;
    const rest = { ...values };
    const newName = 'name' in rest ? rest.name : undefined;
    delete rest.name;
    if (
      newName !== undefined &&
      (typeof newName !== 'string' || newName.length === 0 || newName.length > 255)
    ) {
      throw new MondayFieldError(
        'Item name must be between 1 and 255 characters',
        'ItemNameTooLongException',
      );
    }
    const parsed = this.parseWrites(board, rest, opts.createLabelsIfMissing ?? false, now);
    const changes: ItemChange[] = [];
    if (typeof newName === 'string' && newName !== item.name) {
      changes.push({ kind: 'name', board, item, previousName: item.name, userId, at: now });
      item.name = newName;
    }
    for (const { column, value } of parsed) {
      const previous = item.values.get(column.id);
      if (sameValue(previous, value ?? undefined)) continue;
      if (value === null) item.values.delete(column.id);
      else item.values.set(column.id, value);
      changes.push({
        kind: 'column',
        board,
        item,
        column,
        value: value ?? undefined,
        previous,
        userId,
        at: now,
      });
    }
    // Writing what a cell already holds changes nothing: no new updated_at, no event.
    if (changes.length === 0) return;
    item.updatedAt = now;
    board.updatedAt = now;
    for (const change of changes) this.onChange(change);
  }

  deleteItem(item: MondayItem, userId: number, now = Date.now()): void {
    if (item.state === 'deleted') return;
    item.state = 'deleted';
    item.updatedAt = now;
    this.onChange({ kind: 'delete', board: this.boards.get(item.boardId)!, item, userId, at: now });
  }

  /** Validates every value against its column before anything changes. */
  private parseWrites(
    board: MondayBoard,
    values: ColumnValuesInput,
    createLabelsIfMissing: boolean,
    now: number,
  ): Array<{ column: ColumnDef; value: StoredValue | null }> {
    const pending: Array<{ column: ColumnDef; value: StoredValue | null; apply: () => void }> = [];
    for (const [columnId, raw] of Object.entries(values)) {
      const column = board.columns.find((c) => c.id === columnId && c.type !== 'name');
      if (!column) {
        throw new MondayFieldError("This column ID doesn't exist for the board", 'InvalidColumnIdException', {
          errorData: { column_id: columnId, board_id: board.id },
        });
      }
      try {
        const parsed = parseColumnWrite(column, raw, {
          createLabelsIfMissing,
          now,
          person: (id) => {
            const user = this.users.get(id);
            return !user ? 'unknown' : user.enabled ? 'ok' : 'inactive';
          },
          itemExists: (id) => this.items.get(id)?.state === 'active',
        });
        pending.push({
          column,
          value: parsed.value,
          apply: () => {
            if (parsed.newLabel) column.labels.push(parsed.newLabel);
            if (parsed.newOptions) column.options.push(...parsed.newOptions);
          },
        });
      } catch (error) {
        if (error instanceof ColumnWriteError) {
          throw new MondayFieldError(error.message, error.code, { errorData: error.errorData });
        }
        throw error;
      }
    }
    for (const p of pending) p.apply();
    return pending.map(({ column, value }) => ({ column, value }));
  }

  // --- items_page cursors ------------------------------------------------------------------------

  /** A cursor for the rest of a result set; the whole chain expires `cursorTtlSeconds` after the first page. */
  openCursor(boardId: number, ids: number[], position: number, now: number): string {
    const chain = { boardId, ids, expiresAt: now + this.limitState.cursorTtlSeconds * 1000 };
    return this.cursorAt(chain, position);
  }

  /** The next page of a chain; undefined when the cursor is unknown or expired. */
  page(
    cursor: string,
    limit: number,
    now: number,
  ): { boardId: number; ids: number[]; cursor: string | null } | undefined {
    const entry = this.cursors.get(cursor);
    if (!entry || entry.chain.expiresAt <= now) return undefined;
    const { chain, position } = entry;
    const ids = chain.ids.slice(position, position + limit);
    const next = position + limit < chain.ids.length ? this.cursorAt(chain, position + limit) : null;
    return { boardId: chain.boardId, ids, cursor: next };
  }

  /** Control API: every cursor of the account stops working now. */
  expireCursors(now: number): number {
    let n = 0;
    for (const { chain } of this.cursors.values()) {
      if (chain.expiresAt > now) n++;
      chain.expiresAt = now;
    }
    return n;
  }

  private cursorAt(chain: CursorChain, position: number): string {
    if (this.cursors.size >= 10_000) {
      const now = Date.now();
      for (const [key, entry] of this.cursors) if (entry.chain.expiresAt <= now) this.cursors.delete(key);
    }
    // Monday's cursors are opaque base64 strings around 60 characters long.
    const cursor = `MSw${randomBytes(42).toString('base64url')}`;
    this.cursors.set(cursor, { chain, position });
    return cursor;
  }
}

function sameValue(a: StoredValue | undefined, b: StoredValue | undefined): boolean {
  const strip = (v: StoredValue | undefined) =>
    v && typeof v === 'object' ? JSON.stringify({ ...v, changed_at: undefined }) : JSON.stringify(v);
  return strip(a) === strip(b);
}
