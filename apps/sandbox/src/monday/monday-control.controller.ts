import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpException,
  Param,
  Patch,
  Post,
  Put,
} from '@nestjs/common';
import { z } from 'zod';
import { fail, parse } from '../hubspot/control-http';
import type { MondayAccount, MondayBoard, MondayItem } from './monday-account';
import { columnText, settingsStr, SANDBOX_COLUMN_TYPES, type ColumnDef } from './monday-columns';
import { MondayFieldError } from './monday-errors';
import { faultsBody, mergeFaults } from './monday-faults';
import { limitsFor } from './monday-rate-limits';
import { MondaySandbox } from './monday-sandbox';
import { MondayWebhooks } from './monday-webhooks';

const limitsBody = z
  .object({
    minuteRate: z.number().int().positive(),
    concurrency: z.number().int().positive(),
    daily: z.number().int().positive(),
    complexityPersonal: z.number().int().positive(),
    complexityApp: z.number().int().positive(),
    maxQueryComplexity: z.number().int().positive(),
    cursorTtlSeconds: z.number().int().positive(),
  })
  .partial();

const webhookDeliveryBody = {
  /** Delays before each retry of a failed webhook delivery (default: 30 × 60,000). */
  webhookRetryDelaysMs: z.array(z.number().int().min(0)).max(100).optional(),
  webhookTimeoutMs: z.number().int().min(1).max(60_000).optional(),
};

const accountBody = z.object({
  name: z.string().min(1).optional(),
  accountId: z.number().int().positive().optional(),
  plan: z.enum(['basic', 'pro', 'enterprise']).optional(),
  limits: limitsBody.optional(),
  owner: z.object({ name: z.string().optional(), email: z.string().optional() }).optional(),
  ...webhookDeliveryBody,
});

const accountPatchBody = z.object({ limits: limitsBody.optional(), ...webhookDeliveryBody });

const usersBody = z.object({
  users: z.array(
    z.object({
      name: z.string().min(1),
      email: z.string().min(3),
      enabled: z.boolean().optional(),
      isAdmin: z.boolean().optional(),
      isGuest: z.boolean().optional(),
      title: z.string().optional(),
    }),
  ),
});

const boardBody = z.object({
  name: z.string().min(1),
  boardKind: z.enum(['public', 'private', 'share']).optional(),
  description: z.string().optional(),
  groups: z.array(z.object({ id: z.string().min(1).optional(), title: z.string().min(1) })).optional(),
  columns: z.array(
    z.object({
      id: z.string().min(1).optional(),
      title: z.string().min(1),
      type: z.enum(SANDBOX_COLUMN_TYPES),
      description: z.string().optional(),
      labels: z
        .array(
          z.union([
            z.string(),
            z.object({
              label: z.string(),
              index: z.number().int().min(0).optional(),
              isDone: z.boolean().optional(),
            }),
          ]),
        )
        .optional(),
      options: z.array(z.string()).optional(),
      boardIds: z.array(z.number().int()).optional(),
    }),
  ),
});

const when = z.union([z.number(), z.string()]);

const itemsBody = z.object({
  items: z.array(
    z.object({
      name: z.string(),
      column_values: z.record(z.string(), z.unknown()).default({}),
      group_id: z.string().optional(),
      /** Epoch ms or ISO: seeds history (`updated_at` follows unless given). */
      created_at: when.optional(),
      updated_at: when.optional(),
      create_labels_if_missing: z.boolean().optional(),
    }),
  ),
});

const generateBody = z.object({
  count: z.number().int().positive().max(100_000),
  name: z.string().default('Generated item'),
  column_values: z.record(z.string(), z.unknown()).default({}),
  group_id: z.string().optional(),
  /** created_at/updated_at of the first item; the rest follow by `stepMs`. */
  startAt: when.optional(),
  stepMs: z.number().int().default(1000),
});

const itemPatchBody = z.object({
  name: z.string().optional(),
  column_values: z.record(z.string(), z.unknown()).default({}),
  /** Who makes the change (webhook `userId`); the account owner by default. */
  userId: z.number().int().optional(),
  create_labels_if_missing: z.boolean().optional(),
});

function epochMs(value: string | number | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(ms)) fail(400, `not a date: ${value}`);
  return ms;
}

/** Monday-shaped write errors come back as a plain 400 `{error, code, error_data}`. */
function mondayWrite<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof MondayFieldError) {
      throw new HttpException(
        { error: error.message, code: error.code, error_data: error.details.errorData },
        400,
      );
    }
    throw error;
  }
}

function columnSummary(column: ColumnDef) {
  return { id: column.id, title: column.title, type: column.type, settings_str: settingsStr(column) };
}

function boardSummary(account: MondayAccount, board: MondayBoard) {
  return {
    boardId: board.id,
    name: board.name,
    state: board.state,
    columns: board.columns.map(columnSummary),
    groups: board.groups.map((g) => ({ id: g.id, title: g.title })),
    itemsCount: account.itemsOf(board).length,
  };
}

/** An item with every stored column value: what write-back tests check. */
function itemSummary(account: MondayAccount, item: MondayItem) {
  const board = account.boards.get(item.boardId)!;
  const read = account.readContext();
  return {
    id: item.id,
    boardId: item.boardId,
    groupId: item.groupId,
    name: item.name,
    state: item.state,
    creatorId: item.creatorId,
    createdAt: new Date(item.createdAt).toISOString(),
    updatedAt: new Date(item.updatedAt).toISOString(),
    column_values: Object.fromEntries(
      board.columns
        .filter((c) => c.type !== 'name')
        .map((c) => {
          const stored = item.values.get(c.id);
          return [
            c.id,
            { type: c.type, title: c.title, text: columnText(c, stored, read), value: stored ?? null },
          ];
        }),
    ),
  };
}

/**
 * Test-only control API (`/_sandbox/monday/...`): not Monday's. Accounts, users, boards and items,
 * item read-back, faults, token expiry, cursor expiry and the webhook delivery log. Plain JSON
 * errors `{error}`. (Apps: monday-apps-control.controller.ts; item streams:
 * monday-item-stream.controller.ts.)
 */
@Controller('_sandbox/monday/accounts')
export class MondayControlController {
  constructor(
    private readonly sandbox: MondaySandbox,
    private readonly webhooks: MondayWebhooks,
  ) {}

  @Post()
  create(@Body() body: unknown) {
    const input = parse(accountBody, body);
    try {
      const { account, personalToken } = this.sandbox.createAccount(input);
      return {
        accountId: account.id,
        name: account.name,
        slug: account.slug,
        plan: account.plan,
        limits: account.limits,
        ownerUserId: account.owner.id,
        personalToken,
      };
    } catch (error) {
      return fail(409, error instanceof Error ? error.message : 'conflict');
    }
  }

  @Get(':accountId')
  get(@Param('accountId') accountId: string) {
    const account = this.account(accountId);
    return {
      accountId: account.id,
      name: account.name,
      slug: account.slug,
      plan: account.plan,
      limits: account.limits,
      webhookDelivery: account.webhookDelivery,
      faults: account.faults,
      ownerUserId: account.owner.id,
      users: [...account.users.values()],
      boards: [...account.boards.values()].map((b) => boardSummary(account, b)),
    };
  }

  @Patch(':accountId')
  update(@Param('accountId') accountId: string, @Body() body: unknown) {
    const account = this.account(accountId);
    const input = parse(accountPatchBody, body);
    if (input.limits) account.limits = limitsFor(account.plan, { ...account.limits, ...input.limits });
    if (input.webhookRetryDelaysMs) account.webhookDelivery.retryDelaysMs = input.webhookRetryDelaysMs;
    if (input.webhookTimeoutMs) account.webhookDelivery.timeoutMs = input.webhookTimeoutMs;
    return { limits: account.limits, webhookDelivery: account.webhookDelivery };
  }

  @Post(':accountId/users')
  addUsers(@Param('accountId') accountId: string, @Body() body: unknown) {
    const account = this.account(accountId);
    const input = parse(usersBody, body);
    try {
      return { users: input.users.map((u) => account.addUser(u)) };
    } catch (error) {
      return fail(409, error instanceof Error ? error.message : 'conflict');
    }
  }

  /** A personal API token for another user of the account. */
  @Post(':accountId/personal-tokens')
  personalToken(@Param('accountId') accountId: string, @Body() body: unknown) {
    const account = this.account(accountId);
    const { userId } = parse(z.object({ userId: z.number().int() }), body);
    if (!account.users.has(userId)) fail(404, `user ${userId} not found`);
    return { userId, personalToken: this.sandbox.issuePersonalToken(account, userId) };
  }

  @Post(':accountId/boards')
  addBoard(@Param('accountId') accountId: string, @Body() body: unknown) {
    const account = this.account(accountId);
    const input = parse(boardBody, body);
    try {
      return boardSummary(account, account.addBoard(input, account.owner.id));
    } catch (error) {
      return fail(400, error instanceof Error ? error.message : 'invalid board');
    }
  }

  @Get(':accountId/boards/:boardId')
  getBoard(@Param('accountId') accountId: string, @Param('boardId') boardId: string) {
    const account = this.account(accountId);
    return boardSummary(account, this.board(account, boardId));
  }

  /** Items as people would create them in Monday (webhook `userId` = the account owner). */
  @Post(':accountId/boards/:boardId/items')
  addItems(@Param('accountId') accountId: string, @Param('boardId') boardId: string, @Body() body: unknown) {
    const account = this.account(accountId);
    const board = this.board(account, boardId);
    const input = parse(itemsBody, body);
    const items = input.items.map((i) =>
      mondayWrite(() =>
        account.createItem(
          board,
          {
            name: i.name,
            columnValues: i.column_values,
            ...(i.group_id ? { groupId: i.group_id } : {}),
            ...(i.created_at !== undefined ? { createdAt: epochMs(i.created_at) } : {}),
            ...(i.updated_at !== undefined ? { updatedAt: epochMs(i.updated_at) } : {}),
            createLabelsIfMissing: i.create_labels_if_missing ?? false,
          },
          account.owner.id,
        ),
      ),
    );
    return { items: items.map((item) => itemSummary(account, item)) };
  }

  /** Bulk items with stepped created_at/updated_at, for paging and time-window tests. */
  @Post(':accountId/boards/:boardId/items/generate')
  generate(@Param('accountId') accountId: string, @Param('boardId') boardId: string, @Body() body: unknown) {
    const account = this.account(accountId);
    const board = this.board(account, boardId);
    const input = parse(generateBody, body);
    const start = epochMs(input.startAt) ?? Date.now() - input.count * input.stepMs;
    const ids: number[] = [];
    for (let i = 0; i < input.count; i++) {
      const at = start + i * input.stepMs;
      const item = mondayWrite(() =>
        account.createItem(
          board,
          {
            name: `${input.name} ${i + 1}`,
            columnValues: input.column_values,
            ...(input.group_id ? { groupId: input.group_id } : {}),
            createdAt: at,
          },
          account.owner.id,
        ),
      );
      ids.push(item.id);
    }
    return { count: ids.length, firstId: ids[0], lastId: ids[ids.length - 1] };
  }

  @Get(':accountId/items/:itemId')
  getItem(@Param('accountId') accountId: string, @Param('itemId') itemId: string) {
    const account = this.account(accountId);
    return itemSummary(account, this.item(account, itemId));
  }

  /** A change made in Monday's UI: fires webhooks like an API change. */
  @Patch(':accountId/items/:itemId')
  changeItem(@Param('accountId') accountId: string, @Param('itemId') itemId: string, @Body() body: unknown) {
    const account = this.account(accountId);
    const item = this.item(account, itemId);
    const input = parse(itemPatchBody, body);
    const userId = input.userId ?? account.owner.id;
    if (!account.users.has(userId)) fail(404, `user ${userId} not found`);
    mondayWrite(() =>
      account.changeColumnValues(
        item,
        { ...input.column_values, ...(input.name !== undefined ? { name: input.name } : {}) },
        userId,
        { createLabelsIfMissing: input.create_labels_if_missing ?? false },
      ),
    );
    return itemSummary(account, item);
  }

  @Delete(':accountId/items/:itemId')
  @HttpCode(204)
  deleteItem(@Param('accountId') accountId: string, @Param('itemId') itemId: string) {
    const account = this.account(accountId);
    account.deleteItem(this.item(account, itemId), account.owner.id);
  }

  @Put(':accountId/faults')
  setFaults(@Param('accountId') accountId: string, @Body() body: unknown) {
    const account = this.account(accountId);
    const input = parse(faultsBody, body);
    account.setFaults(mergeFaults(account.faults, input, Date.now()), { reseed: input.seed !== undefined });
    return { faults: account.faults };
  }

  @Delete(':accountId/faults')
  @HttpCode(204)
  clearFaults(@Param('accountId') accountId: string) {
    this.account(accountId).clearFaults();
  }

  /** Every expiring access token of the account (OAuth 2.1, short-lived) expires now. */
  @Post(':accountId/expire-access-tokens')
  @HttpCode(200)
  expireAccessTokens(@Param('accountId') accountId: string) {
    return { expired: this.sandbox.expireAccessTokens(this.account(accountId).id) };
  }

  /** Every items_page cursor of the account expires now (the 60-minute lifetime, fast-forwarded). */
  @Post(':accountId/expire-cursors')
  @HttpCode(200)
  expireCursors(@Param('accountId') accountId: string) {
    return { expired: this.account(accountId).expireCursors(Date.now()) };
  }

  @Get(':accountId/webhooks')
  listWebhooks(@Param('accountId') accountId: string) {
    return { webhooks: [...this.account(accountId).webhooks.values()] };
  }

  @Get(':accountId/webhooks/deliveries')
  deliveries(@Param('accountId') accountId: string) {
    return this.webhooks.deliveries(this.account(accountId).id);
  }

  private account(raw: string): MondayAccount {
    return this.sandbox.account(Number(raw)) ?? fail(404, `account ${raw} not found`);
  }

  private board(account: MondayAccount, raw: string): MondayBoard {
    return account.boards.get(Number(raw)) ?? fail(404, `board ${raw} not found`);
  }

  private item(account: MondayAccount, raw: string): MondayItem {
    const item = account.items.get(Number(raw));
    return item && item.state !== 'deleted' ? item : fail(404, `item ${raw} not found`);
  }
}
