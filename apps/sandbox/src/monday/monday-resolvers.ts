import type {
  MondayAccount,
  MondayBoard,
  MondayGroup,
  MondayItem,
  MondayUser,
  WebhookSubscription,
} from './monday-account';
import { API_VERSIONS, type ApiVersion } from './monday-api-versions';
import {
  columnText,
  columnValueJson,
  graphqlTypeName,
  linkedItemIds,
  settingsStr,
  typedColumnFields,
  type ColumnDef,
} from './monday-columns';
import {
  cursorExpiredError,
  invalidArgumentError,
  missingScopeError,
  MondayFieldError,
} from './monday-errors';
import { ItemsQueryError, selectItemIds, type ItemsQuery } from './monday-items-query';
import type { MondayCaller } from './monday-sandbox';

/** Creates and deletes webhook subscriptions (URL verification is asynchronous). */
export interface WebhookRegistry {
  create(
    caller: MondayCaller,
    input: { board: MondayBoard; url: string; event: string; config: unknown },
  ): Promise<WebhookSubscription>;
  remove(caller: MondayCaller, id: number): WebhookSubscription;
}

export interface ResolverContext {
  caller: MondayCaller;
  account: MondayAccount;
  now: number;
  apiVersion: ApiVersion;
  complexity: { before: number; after: number; query: number; reset_in_x_seconds: number };
  webhooks: WebhookRegistry;
}

type View = Record<string, unknown>;
type Args = Record<string, unknown>;
type Resolver = (args: Args, ctx: ResolverContext) => unknown;

/** Monday's `Date` and ISO8601DateTime values: seconds precision, UTC. */
function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function requireScope(ctx: ResolverContext, scope: string): void {
  const { scopes } = ctx.caller;
  if (scopes !== 'all' && !scopes.includes(scope)) throw missingScopeError(scope);
}

function ids(value: unknown): number[] | undefined {
  return Array.isArray(value) ? value.map(Number) : undefined;
}

function paged<T>(list: T[], args: Args, defaultLimit?: number): T[] {
  const limit = typeof args.limit === 'number' ? args.limit : defaultLimit;
  if (limit === undefined) return list;
  const page = typeof args.page === 'number' && args.page > 0 ? args.page : 1;
  return list.slice((page - 1) * limit, page * limit);
}

// --- views ---------------------------------------------------------------------------------------

function accountView(ctx: ResolverContext): View {
  const { account } = ctx;
  const tier = account.plan;
  return {
    id: String(account.id),
    name: account.name,
    slug: account.slug,
    tier,
    plan: { max_users: 1_000, period: 'yearly', tier, version: 10 },
    country_code: 'US',
    first_day_of_the_week: 'sunday',
    show_timeline_weekends: true,
    active_members_count: [...account.users.values()].filter((u) => u.enabled).length,
    logo: null,
    sign_up_product_kind: 'core',
    products: [{ id: String(account.id), kind: 'core', default_workspace_id: null }],
  };
}

function userView(ctx: ResolverContext, user: MondayUser): View {
  return {
    id: String(user.id),
    name: user.name,
    email: user.email,
    enabled: user.enabled,
    is_admin: user.isAdmin,
    is_guest: user.isGuest,
    is_pending: false,
    is_verified: true,
    is_view_only: false,
    title: user.title,
    created_at: iso(user.createdAt),
    join_date: iso(user.createdAt).slice(0, 10),
    url: `https://${ctx.account.slug}.monday.com/users/${user.id}`,
    time_zone_identifier: 'Etc/UTC',
    utc_hours_diff: 0,
    country_code: 'US',
    current_language: 'en',
    photo_original: null,
    photo_small: null,
    photo_thumb: null,
    photo_thumb_small: null,
    photo_tiny: null,
    phone: null,
    mobile_phone: null,
    location: null,
    birthday: null,
    last_activity: null,
    out_of_office: null,
    account: () => accountView(ctx),
    teams: () => [],
    account_products: () => [],
    custom_field_metas: () => [],
    custom_field_values: () => [],
  };
}

function columnView(column: ColumnDef): View {
  return {
    id: column.id,
    title: column.title,
    type: column.type,
    settings_str: settingsStr(column),
    archived: column.archived,
    description: column.description,
    width: null,
  };
}

function groupView(ctx: ResolverContext, board: MondayBoard, group: MondayGroup): View {
  return {
    id: group.id,
    title: group.title,
    color: group.color,
    position: String(group.position),
    archived: false,
    deleted: false,
    items_page: (args: Args) => itemsPage(ctx, board, group.id, args),
  };
}

function boardView(ctx: ResolverContext, board: MondayBoard): View {
  const creator = ctx.account.users.get(board.creatorId);
  return {
    id: String(board.id),
    name: board.name,
    state: board.state,
    board_kind: board.boardKind,
    description: board.description,
    type: 'board',
    items_count: () => ctx.account.itemsOf(board).length,
    items_limit: null,
    item_terminology: 'item',
    permissions: 'everyone',
    updated_at: iso(board.updatedAt),
    url: `https://${ctx.account.slug}.monday.com/boards/${board.id}`,
    workspace_id: null,
    workspace: null,
    board_folder_id: null,
    communication: null,
    columns_namespace: null,
    columns: (args: Args) => {
      const wanted = args.ids as string[] | null | undefined;
      const types = args.types as string[] | null | undefined;
      return board.columns
        .filter((c) => (!wanted || wanted.includes(c.id)) && (!types || types.includes(c.type)))
        .map(columnView);
    },
    groups: (args: Args) => {
      const wanted = args.ids as string[] | null | undefined;
      return board.groups
        .filter((g) => !wanted || wanted.includes(g.id))
        .map((g) => groupView(ctx, board, g));
    },
    top_group: () => groupView(ctx, board, board.groups[0]!),
    items_page: (args: Args) => itemsPage(ctx, board, undefined, args),
    creator: () => (creator ? userView(ctx, creator) : null),
    owners: () => (creator ? [userView(ctx, creator)] : []),
    subscribers: () => [],
    tags: () => [],
    views: () => [],
    updates: () => [],
    activity_logs: () => [],
    team_owners: () => [],
    team_subscribers: () => [],
  };
}

function columnValueView(ctx: ResolverContext, item: MondayItem, column: ColumnDef): View {
  const stored = item.values.get(column.id);
  const read = ctx.account.readContext();
  return {
    __typename: graphqlTypeName(column.type as Exclude<ColumnDef['type'], 'name'>),
    id: column.id,
    type: column.type,
    text: columnText(column, stored, read),
    value: columnValueJson(column, stored),
    column: columnView(column),
    ...typedColumnFields(column, stored, read),
    ...(column.type === 'board_relation'
      ? {
          linked_items: () =>
            linkedItemIds(stored)
              .map((id) => ctx.account.items.get(id))
              .filter((i): i is MondayItem => i?.state === 'active')
              .map((i) => itemView(ctx, i)),
        }
      : {}),
  };
}

function itemView(ctx: ResolverContext, item: MondayItem): View {
  const board = ctx.account.boards.get(item.boardId)!;
  const creator = ctx.account.users.get(item.creatorId);
  return {
    id: String(item.id),
    name: item.name,
    state: item.state,
    created_at: iso(item.createdAt),
    updated_at: iso(item.updatedAt),
    creator_id: String(item.creatorId),
    email: `pulse-${item.id}@${ctx.account.slug}.monday.com`,
    url: `https://${ctx.account.slug}.monday.com/boards/${board.id}/pulses/${item.id}`,
    relative_link: `/boards/${board.id}/pulses/${item.id}`,
    parent_item: null,
    board: () => boardView(ctx, board),
    group: () => {
      const group = board.groups.find((g) => g.id === item.groupId);
      return group ? groupView(ctx, board, group) : null;
    },
    creator: () => (creator ? userView(ctx, creator) : null),
    column_values: (args: Args) => {
      const wanted = args.ids as string[] | null | undefined;
      const types = args.types as string[] | null | undefined;
      return board.columns
        .filter((c) => c.type !== 'name')
        .filter((c) => (!wanted || wanted.includes(c.id)) && (!types || types.includes(c.type)))
        .map((c) => columnValueView(ctx, item, c));
    },
    subitems: () => [],
    subscribers: () => [],
    updates: () => [],
    assets: () => [],
    linked_items: () => [],
  };
}

function webhookView(webhook: WebhookSubscription): View {
  return {
    id: String(webhook.id),
    board_id: String(webhook.boardId),
    event: webhook.event,
    config: webhook.configStr,
  };
}

// --- items pages ---------------------------------------------------------------------------------

const MAX_PAGE = 500;

function pageLimit(args: Args): number {
  const limit = typeof args.limit === 'number' ? args.limit : 25;
  if (limit < 1 || limit > MAX_PAGE) {
    throw invalidArgumentError(`limit must be between 1 and ${MAX_PAGE}`, { limit });
  }
  return limit;
}

function pageView(ctx: ResolverContext, ids: number[], cursor: string | null): View {
  return {
    cursor,
    items: ids
      .map((id) => ctx.account.items.get(id))
      .filter((i): i is MondayItem => i?.state === 'active')
      .map((i) => itemView(ctx, i)),
  };
}

function nextPage(ctx: ResolverContext, cursor: string, limit: number): View {
  const page = ctx.account.page(cursor, limit, ctx.now);
  if (!page) throw cursorExpiredError();
  return pageView(ctx, page.ids, page.cursor);
}

function itemsPage(ctx: ResolverContext, board: MondayBoard, groupId: string | undefined, args: Args): View {
  const limit = pageLimit(args);
  if (typeof args.cursor === 'string') {
    if (args.query_params) throw invalidArgumentError('cursor and query_params cannot be used together');
    return nextPage(ctx, args.cursor, limit);
  }
  const items = ctx.account.itemsOf(board).filter((i) => !groupId || i.groupId === groupId);
  let ordered: number[];
  try {
    ordered = selectItemIds(items, (args.query_params as ItemsQuery | null) ?? undefined, {
      columns: board.columns,
      read: ctx.account.readContext(),
      now: ctx.now,
    });
  } catch (error) {
    if (error instanceof ItemsQueryError) {
      throw new MondayFieldError(error.message, error.code, { errorData: error.errorData });
    }
    throw error;
  }
  const cursor = ordered.length > limit ? ctx.account.openCursor(board.id, ordered, limit, ctx.now) : null;
  return pageView(ctx, ordered.slice(0, limit), cursor);
}

// --- root fields ---------------------------------------------------------------------------------

function boardFor(ctx: ResolverContext, rawId: unknown, code = 'InvalidBoardIdException'): MondayBoard {
  const board = ctx.account.boards.get(Number(rawId));
  if (!board || board.state === 'deleted') {
    throw new MondayFieldError('Board not found', code, { errorData: { board_id: Number(rawId) } });
  }
  return board;
}

function itemFor(ctx: ResolverContext, rawId: unknown, board?: MondayBoard): MondayItem {
  if (rawId === null || rawId === undefined) throw invalidArgumentError('item_id is required');
  const item = ctx.account.items.get(Number(rawId));
  if (!item || item.state !== 'active' || (board && item.boardId !== board.id)) {
    throw new MondayFieldError('Item not found', 'ResourceNotFoundException', {
      errorData: { item_id: Number(rawId), ...(board ? { board_id: board.id } : {}) },
    });
  }
  return item;
}

/** A `JSON` argument: Monday accepts it as a JSON string (the common form) or as an object. */
function jsonArgument(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    throw new MondayFieldError('Syntax error in JSON input', 'JsonParseException', {
      statusCode: 400,
      httpStatus: 400,
      errorData: { json: value.slice(0, 200) },
    });
  }
}

function columnValuesArgument(value: unknown): Record<string, unknown> {
  const parsed = jsonArgument(value);
  if (parsed === null || parsed === undefined) return {};
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw invalidArgumentError('column_values must be a JSON object keyed by column id');
  }
  return parsed as Record<string, unknown>;
}

export const QUERY_RESOLVERS: Record<string, Resolver> = {
  me: (_args, ctx) => {
    requireScope(ctx, 'me:read');
    const user = ctx.account.users.get(ctx.caller.userId);
    return user ? userView(ctx, user) : null;
  },

  account: (_args, ctx) => {
    requireScope(ctx, 'account:read');
    return accountView(ctx);
  },

  users: (args, ctx) => {
    requireScope(ctx, 'users:read');
    const wanted = ids(args.ids);
    const emails = Array.isArray(args.emails) ? args.emails.map((e) => String(e).toLowerCase()) : undefined;
    const name = typeof args.name === 'string' ? args.name.toLowerCase() : undefined;
    let users = [...ctx.account.users.values()].filter(
      (u) =>
        (!wanted || wanted.includes(u.id)) &&
        (!emails || emails.includes(u.email.toLowerCase())) &&
        (!name || u.name.toLowerCase().includes(name)) &&
        // Active users by default; `non_active: true` returns the deactivated ones instead.
        (args.non_active === true ? !u.enabled : u.enabled) &&
        (args.kind === 'guests' ? u.isGuest : args.kind === 'non_guests' ? !u.isGuest : true),
    );
    if (args.newest_first === true) users = users.reverse();
    return paged(users, args).map((u) => userView(ctx, u));
  },

  boards: (args, ctx) => {
    requireScope(ctx, 'boards:read');
    const wanted = ids(args.ids);
    const state = typeof args.state === 'string' ? args.state : 'active';
    const boards = [...ctx.account.boards.values()].filter(
      (b) =>
        (!wanted || wanted.includes(b.id)) &&
        (state === 'all' ? b.state !== 'deleted' : b.state === state) &&
        (typeof args.board_kind !== 'string' || b.boardKind === args.board_kind),
    );
    return paged(boards, args, 25).map((b) => boardView(ctx, b));
  },

  items: (args, ctx) => {
    requireScope(ctx, 'boards:read');
    const wanted = ids(args.ids);
    if (!wanted) return [];
    if (wanted.length > 100) {
      throw invalidArgumentError('You can request at most 100 items by id', { ids_count: wanted.length });
    }
    let items = wanted
      .map((id) => ctx.account.items.get(id))
      .filter((i): i is MondayItem => i?.state === 'active');
    if (args.newest_first === true)
      items = [...items].sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
    return paged(items, args, 25).map((i) => itemView(ctx, i));
  },

  next_items_page: (args, ctx) => {
    requireScope(ctx, 'boards:read');
    return nextPage(ctx, String(args.cursor), pageLimit(args));
  },

  complexity: (_args, ctx) => ctx.complexity,

  webhooks: (args, ctx) => {
    requireScope(ctx, 'webhooks:read');
    const boardId = Number(args.board_id);
    return [...ctx.account.webhooks.values()]
      .filter((w) => w.boardId === boardId)
      .filter(
        (w) =>
          args.app_webhooks_only !== true ||
          (ctx.caller.clientId && w.createdBy.clientId === ctx.caller.clientId),
      )
      .map(webhookView);
  },

  version: (_args, ctx) => ctx.apiVersion,

  versions: () => API_VERSIONS,
};

export const MUTATION_RESOLVERS: Record<string, Resolver> = {
  complexity: (_args, ctx) => ctx.complexity,

  change_multiple_column_values: (args, ctx) => {
    requireScope(ctx, 'boards:write');
    const board = boardFor(ctx, args.board_id);
    const item = itemFor(ctx, args.item_id, board);
    ctx.account.changeColumnValues(
      item,
      columnValuesArgument(args.column_values),
      ctx.caller.userId,
      { createLabelsIfMissing: args.create_labels_if_missing === true },
      ctx.now,
    );
    return itemView(ctx, item);
  },

  change_column_value: (args, ctx) => {
    requireScope(ctx, 'boards:write');
    const board = boardFor(ctx, args.board_id);
    const item = itemFor(ctx, args.item_id, board);
    ctx.account.changeColumnValues(
      item,
      { [String(args.column_id)]: jsonArgument(args.value) },
      ctx.caller.userId,
      { createLabelsIfMissing: args.create_labels_if_missing === true },
      ctx.now,
    );
    return itemView(ctx, item);
  },

  change_simple_column_value: (args, ctx) => {
    requireScope(ctx, 'boards:write');
    const board = boardFor(ctx, args.board_id);
    const item = itemFor(ctx, args.item_id, board);
    ctx.account.changeColumnValues(
      item,
      { [String(args.column_id)]: args.value ?? null },
      ctx.caller.userId,
      { createLabelsIfMissing: args.create_labels_if_missing === true },
      ctx.now,
    );
    return itemView(ctx, item);
  },

  create_item: (args, ctx) => {
    requireScope(ctx, 'boards:write');
    const board = boardFor(ctx, args.board_id);
    const item = ctx.account.createItem(
      board,
      {
        name: String(args.item_name),
        columnValues: columnValuesArgument(args.column_values),
        ...(typeof args.group_id === 'string' ? { groupId: args.group_id } : {}),
        createLabelsIfMissing: args.create_labels_if_missing === true,
      },
      ctx.caller.userId,
      ctx.now,
    );
    return itemView(ctx, item);
  },

  delete_item: (args, ctx) => {
    requireScope(ctx, 'boards:write');
    const item = itemFor(ctx, args.item_id);
    ctx.account.deleteItem(item, ctx.caller.userId, ctx.now);
    return itemView(ctx, item);
  },

  create_webhook: async (args, ctx) => {
    requireScope(ctx, 'webhooks:write');
    const board = boardFor(ctx, args.board_id, 'InvalidArgumentException');
    const webhook = await ctx.webhooks.create(ctx.caller, {
      board,
      url: String(args.url),
      event: String(args.event),
      config: jsonArgument(args.config),
    });
    return webhookView(webhook);
  },

  delete_webhook: (args, ctx) => {
    requireScope(ctx, 'webhooks:write');
    return webhookView(ctx.webhooks.remove(ctx.caller, Number(args.id)));
  },
};
