import {
  CrmError,
  type CrmWebhookSubscription,
  type CrmWebhookSubscriptions,
  isCrmError,
} from '@leadflow/crm';
import { MONDAY_ITEMS } from './descriptor';
import {
  BoardWebhooksDocument,
  CreateWebhookDocument,
  DeleteWebhookDocument,
  type WebhookEventType,
  type WebhookFieldsFragment,
} from './generated/graphql';
import { type MondayApi, requestMonday } from './monday-call';
import { parseMondaySettings } from './settings';

/**
 * Every event `create_webhook` takes, from the schema. Typed as a record so that a schema upgrade
 * that adds or drops an event fails to compile here instead of refusing it at run time.
 */
const WEBHOOK_EVENTS: Readonly<Record<WebhookEventType, true>> = {
  change_column_value: true,
  change_name: true,
  change_specific_column_value: true,
  change_status_column_value: true,
  change_subitem_column_value: true,
  change_subitem_name: true,
  create_column: true,
  create_item: true,
  create_subitem: true,
  create_subitem_update: true,
  create_update: true,
  delete_update: true,
  edit_update: true,
  item_archived: true,
  item_deleted: true,
  item_moved_to_any_group: true,
  item_moved_to_specific_group: true,
  item_restored: true,
  move_subitem: true,
  subitem_archived: true,
  subitem_deleted: true,
};

/** Monday refuses longer webhook URLs. */
export const MONDAY_WEBHOOK_URL_MAX = 255;

/**
 * A subscription's `event` in Leadflow: `<event>[:<columnId>][@<boardId>]`. Monday's event name;
 * for events about one column, the column (Monday's `config.columnId`); and the board, because a
 * Monday webhook belongs to one board and the board changes when the admin picks another one
 * (`change_status_column_value:status@1234567890`). Without a board, the connection's is meant.
 */
export interface MondayWebhookEventName {
  event: WebhookEventType;
  columnId?: string;
  boardId?: string;
}

const EVENT_NAME = /^([a-z_]+)(?::([A-Za-z0-9_]+))?(?:@(\d{1,20}))?$/;

export function parseWebhookEventName(name: string): MondayWebhookEventName | undefined {
  const match = EVENT_NAME.exec(name);
  const event = match?.[1];
  if (match === null || event === undefined || !Object.hasOwn(WEBHOOK_EVENTS, event)) return undefined;
  const [, , columnId, boardId] = match;
  return {
    event: event as WebhookEventType,
    ...(columnId === undefined ? {} : { columnId }),
    ...(boardId === undefined ? {} : { boardId }),
  };
}

export function formatWebhookEventName(name: MondayWebhookEventName): string {
  return `${name.event}${name.columnId === undefined ? '' : `:${name.columnId}`}${
    name.boardId === undefined ? '' : `@${name.boardId}`
  }`;
}

/**
 * The webhooks a connection wants once a board is chosen: new items, and status changes (of the
 * connection's status column when it has one, else of any status column), all to `targetUrl`.
 * Nothing before a board is chosen.
 */
export function mondayWebhookSubscriptions(
  settings: Readonly<Record<string, unknown>>,
  targetUrl: string,
): Omit<CrmWebhookSubscription, 'id' | 'active'>[] {
  const parsed = parseMondaySettings(settings);
  if ('problems' in parsed || parsed.settings.boardId === undefined) return [];
  const { boardId, statusColumnId } = parsed.settings;
  const names: MondayWebhookEventName[] = [
    { event: 'create_item', boardId },
    {
      event: 'change_status_column_value',
      boardId,
      ...(statusColumnId === undefined ? {} : { columnId: statusColumnId }),
    },
  ];
  return names.map((name) => ({ event: formatWebhookEventName(name), objectType: MONDAY_ITEMS, targetUrl }));
}

/**
 * Webhooks of the connection's board, managed with the connection's OAuth token (docs/adr/0016).
 * Listing asks only for this app's webhooks (`app_webhooks_only`), so other integrations' webhooks
 * are neither shown nor counted. Monday does not return a webhook's URL, so `targetUrl` is `null`
 * on listed subscriptions and `ensure` treats an event as present when the app has a webhook for
 * it on the board, whatever its URL: moving Leadflow to a new URL means `remove`, then `ensure`.
 */
export class MondayWebhookSubscriptions implements CrmWebhookSubscriptions {
  constructor(
    private readonly api: MondayApi,
    private readonly boardId: string | undefined,
  ) {}

  /** The app's webhooks on the connection's board; `[]` before a board is chosen. */
  async list(): Promise<CrmWebhookSubscription[]> {
    if (this.boardId === undefined) return [];
    return this.listBoard(this.boardId);
  }

  async ensure(
    wanted: readonly Omit<CrmWebhookSubscription, 'id' | 'active'>[],
  ): Promise<CrmWebhookSubscription[]> {
    const requests = this.checkedRequests(wanted);
    const boards = [...new Set(requests.map((r) => r.name.boardId))].filter(
      (b): b is string => b !== undefined,
    );
    const current = (await Promise.all(boards.map((board) => this.listBoard(board)))).flat();
    const present = new Set(current.map((s) => s.event));
    const created: CrmWebhookSubscription[] = [];
    for (const request of requests) {
      const key = formatWebhookEventName(request.name);
      if (present.has(key)) continue;
      present.add(key);
      // One at a time: Monday calls the URL with a challenge during each creation.
      created.push(await this.create(request.name, request.url));
    }
    return [...current, ...created];
  }

  /** Idempotent: a webhook Monday no longer has is already removed. */
  async remove(id: string): Promise<void> {
    try {
      await requestMonday(
        this.api,
        { operation: 'webhooks.delete', family: 'write', bucket: 'default' },
        DeleteWebhookDocument,
        { id },
      );
    } catch (err) {
      if (isCrmError(err) && err.code === 'NOT_FOUND') return;
      throw err;
    }
  }

  private async listBoard(boardId: string): Promise<CrmWebhookSubscription[]> {
    const data = await requestMonday(
      this.api,
      { operation: 'webhooks.list', family: 'metadata', bucket: 'default' },
      BoardWebhooksDocument,
      { boardId },
    );
    return (data.webhooks ?? []).flatMap((webhook) => (webhook === null ? [] : [subscription(webhook)]));
  }

  private async create(
    name: MondayWebhookEventName & { boardId: string },
    url: string,
  ): Promise<CrmWebhookSubscription> {
    const data = await requestMonday(
      this.api,
      { operation: 'webhooks.create', family: 'write', bucket: 'default' },
      CreateWebhookDocument,
      {
        boardId: name.boardId,
        url,
        event: name.event,
        config: name.columnId === undefined ? null : JSON.stringify({ columnId: name.columnId }),
      },
    );
    if (data.create_webhook === null) {
      throw new CrmError({
        code: 'UNKNOWN',
        provider: 'monday',
        operation: 'webhooks.create',
        providerMessage: 'create_webhook returned no webhook',
      });
    }
    return { ...subscription(data.create_webhook), targetUrl: url };
  }

  /** Every wanted subscription as a Monday request, or one error naming every problem by its index. */
  private checkedRequests(
    wanted: readonly Omit<CrmWebhookSubscription, 'id' | 'active'>[],
  ): { name: MondayWebhookEventName & { boardId: string }; url: string }[] {
    const problems: { field: string; message: string }[] = [];
    const requests = wanted.flatMap((w, index) => {
      const before = problems.length;
      const parsed = parseWebhookEventName(w.event);
      const boardId = parsed?.boardId ?? this.boardId;
      if (parsed === undefined) {
        problems.push({ field: `${index}.event`, message: `"${w.event}" is not a Monday webhook event` });
      } else if (boardId === undefined) {
        problems.push({
          field: `${index}.event`,
          message: 'names no board, and the connection has none chosen',
        });
      }
      if (w.objectType !== MONDAY_ITEMS) {
        problems.push({ field: `${index}.objectType`, message: `Monday webhooks concern "${MONDAY_ITEMS}"` });
      }
      const url = w.targetUrl;
      if (url === null || !/^https?:\/\//.test(url)) {
        problems.push({ field: `${index}.targetUrl`, message: 'an http(s) URL is required' });
      } else if (url.length > MONDAY_WEBHOOK_URL_MAX) {
        problems.push({
          field: `${index}.targetUrl`,
          message: `Monday takes at most ${MONDAY_WEBHOOK_URL_MAX} characters`,
        });
      }
      if (problems.length > before || parsed === undefined || boardId === undefined || url === null)
        return [];
      return [{ name: { ...parsed, boardId }, url }];
    });
    if (problems.length > 0) {
      throw new CrmError({
        code: 'INVALID_REQUEST',
        provider: 'monday',
        operation: 'webhooks.ensure',
        fields: problems,
        providerMessage: problems.map((p) => `${p.field}: ${p.message}`).join('; '),
      });
    }
    return requests;
  }
}

function subscription(webhook: WebhookFieldsFragment): CrmWebhookSubscription {
  const columnId = configColumnId(webhook.config);
  return {
    id: webhook.id,
    event: formatWebhookEventName({
      event: webhook.event,
      boardId: webhook.board_id,
      ...(columnId === undefined ? {} : { columnId }),
    }),
    objectType: MONDAY_ITEMS,
    targetUrl: null,
    active: true,
  };
}

/** `config` as Monday returns it: a JSON string such as `{"columnId":"status"}`, or nothing. */
function configColumnId(config: string | null): string | undefined {
  if (config === null || config === '') return undefined;
  try {
    const parsed = JSON.parse(config) as unknown;
    if (parsed === null || typeof parsed !== 'object') return undefined;
    const record = parsed as Record<string, unknown>;
    const columnId = record['columnId'] ?? record['column_id'];
    return typeof columnId === 'string' && columnId !== '' ? columnId : undefined;
  } catch {
    return undefined;
  }
}
