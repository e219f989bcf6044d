import {
  type AssignmentOutcome,
  type ChangedLeadsQuery,
  type CrmAccount,
  type CrmAdapterContext,
  CrmError,
  type CrmOwner,
  type CrmPage,
  type CrmRecord,
  type CrmSourceCatalog,
  type CrmWebhookSubscriptions,
  type FetchLeadsResult,
  type ICrmClient,
  isCrmError,
  type OwnerAssignment,
} from '@leadflow/crm';
import type { DiscoveredField } from '@leadflow/field-mapping';
import { readMondayTokenClaims } from './access-token-claims';
import { discoveredFields } from './board-columns';
import { mapWithConcurrency } from './bounded-concurrency';
import {
  changedItemsQuery,
  encodeChangeCursor,
  inWindow,
  itemsPageSize,
  MONDAY_ITEMS_PAGE_MAX,
  newestItemsQuery,
  nextStep,
} from './change-cursor';
import { MONDAY_ITEMS } from './descriptor';
import {
  AccountDocument,
  BoardColumnsDocument,
  BoardItemsPageDocument,
  ChangeItemColumnsDocument,
  type ItemFieldsFragment,
  type ItemsQuery,
  ItemsByIdDocument,
  NextItemsPageDocument,
  UsersDocument,
} from './generated/graphql';
import { itemRecord } from './item-records';
import { executeMonday, type MondayApi, requestMonday } from './monday-call';
import { explainWriteError, ownerColumnValues, ownerIdProblem, type OwnerWriteTarget } from './owner-writes';
import { type MondaySettings, parseMondaySettings } from './settings';
import { type MondayBoard, MondaySourceCatalog } from './source-catalog';
import { MondayWebhookSubscriptions } from './webhook-subscriptions';

/** Monday's cap on `items(ids:)`. */
export const MONDAY_ITEMS_BY_ID_MAX = 100;
const USERS_PAGE_SIZE = 200;
/** A safety stop: 100 pages are 20,000 users. */
const MAX_USER_PAGES = 100;
/**
 * Pages of already-listed items a restarted listing skips within one call (500 items each): a
 * day's worth of updates on a busy board, after which the call returns what it has and a fresh cursor.
 */
const MAX_SKIPPED_PAGES = 20;
/** Owner writes in flight at once for one `assignOwners` (see bounded-concurrency.ts). */
export const MONDAY_WRITE_CONCURRENCY = 4;

export interface MondayClientOptions {
  /** Epoch ms; decides when a Monday page cursor is too old to use. */
  now?: () => number;
}

/**
 * {@link ICrmClient} for one Monday connection over the GraphQL API. Every HTTP request is one
 * `context.transport.call`; this class holds only Monday knowledge. Leads are the items of the board
 * in the connection's settings (`boardId`); the owner lives in its People column (`ownerColumnId`).
 */
export class MondayCrmClient implements ICrmClient {
  readonly provider = 'monday';
  /** Only for OAuth connections: personal-token webhooks are unsigned (docs/adr/0016). */
  readonly webhooks: CrmWebhookSubscriptions | undefined;
  readonly sources: CrmSourceCatalog;

  private readonly settings: MondaySettings;
  private readonly api: MondayApi;
  private readonly now: () => number;

  constructor(
    private readonly context: CrmAdapterContext,
    options: MondayClientOptions = {},
  ) {
    const parsed = parseMondaySettings(context.connection.settings);
    if ('problems' in parsed) {
      throw new CrmError({
        code: 'INVALID_REQUEST',
        provider: this.provider,
        operation: 'settings',
        fields: parsed.problems.map((p) => ({ field: p.path, message: p.message })),
      });
    }
    this.settings = parsed.settings;
    this.api = { transport: context.transport, apiUrl: context.endpoints.apiBaseUrl };
    this.now = options.now ?? Date.now;
    this.webhooks =
      context.connection.authType === 'oauth'
        ? new MondayWebhookSubscriptions(this.api, this.settings.boardId)
        : undefined;
    this.sources = new MondaySourceCatalog(this.api, (boardId, operation) =>
      this.readBoard(boardId, operation),
    );
  }

  /**
   * The account from `me { account }`; the scopes from the access token's claims when it states them
   * (OAuth tokens; the token response's `scope` is stored at connect time anyway), else `[]`.
   */
  async getAccount(): Promise<CrmAccount> {
    const operation = 'account.read';
    const { data, scopes } = await this.context.transport.call(
      { operation, family: 'metadata', bucket: 'default' },
      async (auth) => ({
        data: await executeMonday(this.api.apiUrl, operation, auth, AccountDocument, {}),
        scopes: readMondayTokenClaims(auth.accessToken).scopes ?? [],
      }),
    );
    const account = data.me?.account;
    if (account === undefined) {
      throw new CrmError({
        code: 'UNKNOWN',
        provider: this.provider,
        operation,
        providerMessage: 'me.account is missing from the response',
      });
    }
    return { externalAccountId: account.id, name: account.name === '' ? null : account.name, scopes };
  }

  /**
   * Every user, enabled or not: Monday's `users` pages, once for active users and once for
   * deactivated ones (`non_active`). Monday has one `name`; it is split at the first space.
   */
  async listOwners(): Promise<CrmOwner[]> {
    const [active, inactive] = await Promise.all([this.userPages(false), this.userPages(true)]);
    const byId = new Map<string, CrmOwner>();
    for (const user of [...active, ...inactive]) {
      const [firstName, ...rest] = user.name.trim().split(/\s+/);
      const owner: CrmOwner = {
        id: user.id,
        email: user.email === '' ? null : user.email,
        firstName: firstName === undefined || firstName === '' ? null : firstName,
        lastName: rest.length === 0 ? null : rest.join(' '),
        active: user.enabled,
        teams: [],
      };
      // A user listed twice (the two lists overlap on some accounts) is active if either says so.
      const seen = byId.get(owner.id);
      byId.set(owner.id, seen === undefined ? owner : { ...owner, active: seen.active || owner.active });
    }
    return [...byId.values()];
  }

  async listFields(objectType: string): Promise<DiscoveredField[]> {
    this.requireItems(objectType, 'columns.list');
    const boardId = this.requireBoard('columns.list');
    const board = await this.readBoard(boardId, 'columns.list');
    if (board === null) throw this.boardMissing(boardId, 'columns.list');
    return discoveredFields((board.columns ?? []).flatMap((c) => (c === null ? [] : [c])));
  }

  /**
   * Items by id, ≤ 100 per request. Items of another board, deleted or archived ones, and ids Monday
   * does not know come back in `missing`: the webhook or listing that named them is about something
   * this connection does not route.
   */
  async fetchLeads(objectType: string, ids: readonly string[]): Promise<FetchLeadsResult> {
    this.requireItems(objectType, 'items.read');
    const boardId = this.requireBoard('items.read');
    const requested = [...new Set(ids)];
    const valid = requested.filter((id) => /^\d{1,20}$/.test(id));
    const chunks: string[][] = [];
    for (let i = 0; i < valid.length; i += MONDAY_ITEMS_BY_ID_MAX)
      chunks.push(valid.slice(i, i + MONDAY_ITEMS_BY_ID_MAX));
    const pages = await Promise.all(
      chunks.map((chunk) =>
        requestMonday(
          this.api,
          { operation: 'items.read', family: 'read', bucket: 'default' },
          ItemsByIdDocument,
          { ids: chunk, limit: chunk.length },
        ),
      ),
    );
    const found = new Map<string, CrmRecord>();
    for (const item of pages.flatMap((page) => page.items ?? [])) {
      if (item === null || !this.isRoutedItem(item, boardId)) continue;
      found.set(item.id, itemRecord(item, this.settings.ownerColumnId));
    }
    return {
      records: requested.flatMap((id) => {
        const record = found.get(id);
        return record === undefined ? [] : [record];
      }),
      missing: requested.filter((id) => !found.has(id)),
    };
  }

  /**
   * One page of the board's items updated in `[since, until)`, oldest first, from a filtered
   * `items_page` and then `next_items_page` with Monday's cursor (change-cursor.ts says why the cursor
   * is wrapped). Monday sorts by last update, so the listing ends at the first item past `until`.
   */
  async listChangedLeads(query: ChangedLeadsQuery): Promise<CrmPage<CrmRecord>> {
    const operation = 'items.listChanged';
    this.requireItems(query.objectType, operation);
    const boardId = this.requireBoard(operation);
    const step = nextStep(query.cursor, query.since, this.now());
    if (step === undefined) {
      throw new CrmError({
        code: 'INVALID_REQUEST',
        provider: this.provider,
        operation,
        fields: [{ field: 'cursor', message: 'not a cursor this adapter issued' }],
        providerMessage: 'cursor: not a cursor this adapter issued',
      });
    }
    const since = query.since.getTime();
    const until = query.until.getTime();
    if (until <= since) return { items: [], nextCursor: null };

    const limit = itemsPageSize(query.limit);
    const resumeFrom = step.kind === 'first' ? since : step.resumeFrom;
    let page = step.kind === 'next' ? await this.nextPage(step.mondayCursor, limit) : undefined;
    const restarted = page === undefined && step.kind !== 'first';
    page ??= await this.firstPage(boardId, limit, changedItemsQuery(resumeFrom), operation);
    const seen = [...page.items];
    // A restarted query begins a day early (Monday filters by date) and returns what was listed
    // before; pages of those are skipped here, so a listing whose cursors keep expiring still moves.
    for (let skipped = 0; restarted && skipped < MAX_SKIPPED_PAGES; skipped++) {
      if (page.cursor === null || seen.some((item) => updatedAfter(item, resumeFrom))) break;
      page = await this.followPage(page.cursor, MONDAY_ITEMS_PAGE_MAX, operation);
      seen.push(...page.items);
    }

    const times = seen.flatMap((item) => {
      const at = item.updated_at === null ? Number.NaN : Date.parse(item.updated_at);
      return Number.isNaN(at) ? [] : [at];
    });
    const pastUntil = times.some((at) => at >= until);
    const listedUpTo = Math.max(resumeFrom, ...times.filter((at) => at < until));
    const items = seen
      .filter((item) => this.isRoutedItem(item, boardId))
      .map((item) => itemRecord(item, this.settings.ownerColumnId))
      .filter((record) => inWindow(record.updatedAt, resumeFrom, until))
      .sort((a, b) => (a.updatedAt ?? '').localeCompare(b.updatedAt ?? ''));
    return {
      items,
      nextCursor:
        page.cursor === null || page.cursor === '' || pastUntil
          ? null
          : encodeChangeCursor({
              since,
              resumeFrom: listedUpTo,
              mondayCursor: page.cursor,
              issuedAt: this.now(),
            }),
    };
  }

  /** The board's newest items (created), for the mapping wizard's preview. */
  async sampleLeads(objectType: string, limit: number): Promise<CrmRecord[]> {
    const operation = 'items.sample';
    this.requireItems(objectType, operation);
    const boardId = this.requireBoard(operation);
    if (!(limit >= 1)) return [];
    const size = Math.min(MONDAY_ITEMS_PAGE_MAX, Math.floor(limit));
    const page = await this.firstPage(boardId, size, newestItemsQuery(), operation);
    return page.items
      .filter((item) => this.isRoutedItem(item, boardId))
      .map((item) => itemRecord(item, this.settings.ownerColumnId))
      .sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? ''))
      .slice(0, size);
  }

  async assignOwner(objectType: string, assignment: OwnerAssignment): Promise<void> {
    this.requireItems(objectType, 'items.assignOwner');
    const error = await this.writeOwner(this.requireWriteTarget(), assignment);
    if (error !== null) throw error;
  }

  /**
   * One `change_multiple_column_values` per item (Monday has no batch write), a few at a time. Each
   * item gets its own outcome; an item assigned twice is written once, with its last assignment.
   */
  async assignOwners(
    objectType: string,
    assignments: readonly OwnerAssignment[],
  ): Promise<AssignmentOutcome[]> {
    this.requireItems(objectType, 'items.assignOwner');
    if (assignments.length === 0) return [];
    let target: OwnerWriteTarget;
    try {
      target = this.requireWriteTarget();
    } catch (err) {
      if (!isCrmError(err)) throw err;
      return assignments.map(({ externalId }) => ({
        externalId,
        ok: false,
        code: err.code,
        message: err.message,
      }));
    }
    const latest = new Map(assignments.map((a) => [a.externalId, a]));
    const unique = [...latest.values()];
    const errors = await mapWithConcurrency(unique, MONDAY_WRITE_CONCURRENCY, (a) =>
      this.writeOwner(target, a),
    );
    const byId = new Map(unique.map((a, i) => [a.externalId, errors[i] ?? null]));
    return assignments.map(({ externalId }): AssignmentOutcome => {
      const error = byId.get(externalId) ?? null;
      return error === null
        ? { externalId, ok: true }
        : { externalId, ok: false, code: error.code, message: error.message };
    });
  }

  /** Writes one owner; `null` when written, else why not (never throws a CrmError). */
  private async writeOwner(target: OwnerWriteTarget, assignment: OwnerAssignment): Promise<CrmError | null> {
    const operation = 'items.assignOwner';
    const invalidOwner = ownerIdProblem(assignment);
    if (invalidOwner !== undefined) return invalidOwner;
    if (!/^\d{1,20}$/.test(assignment.externalId)) {
      return new CrmError({
        code: 'NOT_FOUND',
        provider: this.provider,
        operation,
        providerMessage: `"${assignment.externalId}" is not a Monday item id`,
      });
    }
    try {
      const data = await requestMonday(
        this.api,
        { operation, family: 'write', bucket: 'default' },
        ChangeItemColumnsDocument,
        {
          boardId: target.boardId,
          itemId: assignment.externalId,
          values: ownerColumnValues(target, assignment),
        },
      );
      if (data.change_multiple_column_values === null) {
        return new CrmError({
          code: 'NOT_FOUND',
          provider: this.provider,
          operation,
          providerMessage: `item ${assignment.externalId} is not on board ${target.boardId}`,
        });
      }
      return null;
    } catch (err) {
      if (!isCrmError(err)) throw err;
      return explainWriteError(err, target, assignment);
    }
  }

  private async firstPage(
    boardId: string,
    limit: number,
    query: ItemsQuery,
    operation: string,
  ): Promise<{ cursor: string | null; items: ItemFieldsFragment[] }> {
    const data = await requestMonday(
      this.api,
      { operation, family: 'read', bucket: 'default' },
      BoardItemsPageDocument,
      { boardId, limit, query },
    );
    const board = (data.boards ?? []).find((b) => b !== null && b.id === boardId) ?? data.boards?.[0] ?? null;
    if (board === null || board === undefined) throw this.boardMissing(boardId, operation);
    return board.items_page;
  }

  /**
   * The next page by Monday's cursor, or `undefined` when Monday refuses the cursor (expired,
   * unknown): the caller then restarts the window. Other failures are the caller's.
   */
  private async nextPage(
    cursor: string,
    limit: number,
  ): Promise<{ cursor: string | null; items: ItemFieldsFragment[] } | undefined> {
    try {
      return await this.followPage(cursor, limit, 'items.listChanged');
    } catch (err) {
      if (isCrmError(err) && (err.code === 'INVALID_REQUEST' || err.code === 'NOT_FOUND')) return undefined;
      throw err;
    }
  }

  private async followPage(
    cursor: string,
    limit: number,
    operation: string,
  ): Promise<{ cursor: string | null; items: ItemFieldsFragment[] }> {
    const data = await requestMonday(
      this.api,
      { operation, family: 'read', bucket: 'default' },
      NextItemsPageDocument,
      { cursor, limit },
    );
    return data.next_items_page;
  }

  private async readBoard(boardId: string, operation: string): Promise<MondayBoard | null> {
    try {
      const data = await requestMonday(
        this.api,
        { operation, family: 'metadata', bucket: 'default' },
        BoardColumnsDocument,
        { boardId },
      );
      return (data.boards ?? []).find((b) => b !== null && b.id === boardId) ?? null;
    } catch (err) {
      if (isCrmError(err) && err.code === 'NOT_FOUND') return null;
      throw err;
    }
  }

  private async userPages(
    nonActive: boolean,
  ): Promise<{ id: string; name: string; email: string; enabled: boolean }[]> {
    const users: { id: string; name: string; email: string; enabled: boolean }[] = [];
    for (let page = 1; page <= MAX_USER_PAGES; page++) {
      const data = await requestMonday(
        this.api,
        { operation: 'users.list', family: 'metadata', bucket: 'default' },
        UsersDocument,
        { limit: USERS_PAGE_SIZE, page, ...(nonActive ? { nonActive: true } : {}) },
      );
      const batch = data.users ?? [];
      for (const user of batch) if (user !== null) users.push(user);
      if (batch.length < USERS_PAGE_SIZE) break;
    }
    return users;
  }

  /** An item of the connection's board that still exists (Monday returns deleted items by id). */
  private isRoutedItem(item: ItemFieldsFragment, boardId: string): boolean {
    return (
      (item.board === null || item.board.id === boardId) && (item.state === null || item.state === 'active')
    );
  }

  private requireItems(objectType: string, operation: string): void {
    if (objectType === MONDAY_ITEMS) return;
    throw new CrmError({
      code: 'INVALID_REQUEST',
      provider: this.provider,
      operation,
      fields: [{ field: 'objectType', message: `Monday routes "${MONDAY_ITEMS}", not "${objectType}"` }],
      providerMessage: `objectType: Monday routes "${MONDAY_ITEMS}", not "${objectType}"`,
    });
  }

  private requireBoard(operation: string): string {
    if (this.settings.boardId !== undefined) return this.settings.boardId;
    throw new CrmError({
      code: 'INVALID_REQUEST',
      provider: this.provider,
      operation,
      fields: [{ field: 'boardId', message: 'choose the board whose items are routed first' }],
      providerMessage: 'boardId: choose the board whose items are routed first',
    });
  }

  private requireWriteTarget(): OwnerWriteTarget {
    const boardId = this.requireBoard('items.assignOwner');
    const { ownerColumnId, statusColumnId, statusLabelOnAssign } = this.settings;
    if (ownerColumnId === undefined) {
      throw new CrmError({
        code: 'INVALID_REQUEST',
        provider: this.provider,
        operation: 'items.assignOwner',
        fields: [
          { field: 'ownerColumnId', message: 'choose the People column the owner is written to first' },
        ],
        providerMessage: 'ownerColumnId: choose the People column the owner is written to first',
      });
    }
    return {
      boardId,
      ownerColumnId,
      ...(statusColumnId === undefined ? {} : { statusColumnId }),
      ...(statusLabelOnAssign === undefined ? {} : { statusLabelOnAssign }),
    };
  }

  private boardMissing(boardId: string, operation: string): CrmError {
    return new CrmError({
      code: 'NOT_FOUND',
      provider: this.provider,
      operation,
      providerMessage: `board ${boardId} does not exist or this connection cannot see it`,
    });
  }
}

/** Updated strictly after `at` (epoch ms): new to a listing that has listed everything before `at`. */
function updatedAfter(item: ItemFieldsFragment, at: number): boolean {
  return item.updated_at !== null && Date.parse(item.updated_at) > at;
}
