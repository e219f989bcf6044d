import type { ItemChange, WebhookSubscription } from './monday-account';
import { internalTypeName, statusOf, webhookValue } from './monday-columns';

/**
 * Monday's board webhook events, shaped as Monday delivers them (developer.monday.com "Webhooks"
 * samples and recorded payloads): every body is `{ "event": { ... } }` with `app`, `type`,
 * `triggerTime`, `subscriptionId`, `isRetry`, `userId`, `originalTriggerUuid`, `boardId`,
 * `triggerUuid` and the fields of its type.
 */
function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether a subscription's event (and `config`) covers a change. */
export function subscriptionMatches(subscription: WebhookSubscription, change: ItemChange): boolean {
  if (subscription.boardId !== change.board.id) return false;
  const config = subscription.config ?? {};
  switch (subscription.event) {
    case 'create_item':
      return change.kind === 'create';
    case 'change_name':
      return change.kind === 'name';
    case 'item_deleted':
      return change.kind === 'delete';
    case 'change_column_value':
      return change.kind === 'column';
    case 'change_specific_column_value':
      return change.kind === 'column' && change.column.id === config.columnId;
    case 'change_status_column_value': {
      if (change.kind !== 'column' || change.column.type !== 'status') return false;
      if (typeof config.columnId === 'string' && config.columnId !== change.column.id) return false;
      const wanted = isRecord(config.columnValue) ? config.columnValue : undefined;
      if (!wanted || wanted.$any$ === true || wanted.index === undefined) return true;
      return statusOf(change.column, change.value)?.index === Number(wanted.index);
    }
    default:
      // Subitems, updates, archive/restore, moves and column creation never happen in the sandbox.
      return false;
  }
}

/** The `event` object for one change and one subscription (without `isRetry`, set per attempt). */
export function webhookEvent(
  subscription: WebhookSubscription,
  change: ItemChange,
  trigger: { uuid: string },
): Record<string, unknown> {
  const { board, item } = change;
  const group = board.groups.find((g) => g.id === item.groupId);
  const isTopGroup = board.groups[0]?.id === item.groupId;
  const common = {
    app: 'monday',
    triggerTime: new Date(change.at).toISOString(),
    subscriptionId: subscription.id,
    userId: change.userId,
    originalTriggerUuid: null,
    boardId: board.id,
  };
  switch (change.kind) {
    case 'create':
      return {
        ...common,
        type: 'create_pulse',
        pulseId: item.id,
        pulseName: item.name,
        groupId: item.groupId,
        groupName: group?.title ?? '',
        groupColor: group?.color ?? '',
        isTopGroup,
        columnValues: Object.fromEntries(
          board.columns
            .filter((c) => item.values.has(c.id))
            .map((c) => [c.id, webhookValue(c, item.values.get(c.id))]),
        ),
        triggerUuid: trigger.uuid,
      };
    case 'column':
      return {
        ...common,
        type: 'update_column_value',
        groupId: item.groupId,
        pulseId: item.id,
        pulseName: item.name,
        columnId: change.column.id,
        columnType: internalTypeName(change.column.type),
        columnTitle: change.column.title,
        value: webhookValue(change.column, change.value),
        previousValue: webhookValue(change.column, change.previous),
        changedAt: change.at / 1000,
        isTopGroup,
        triggerUuid: trigger.uuid,
      };
    case 'name':
      return {
        ...common,
        type: 'update_name',
        groupId: item.groupId,
        pulseId: item.id,
        value: { name: item.name },
        previousValue: { name: change.previousName },
        triggerUuid: trigger.uuid,
      };
    case 'delete':
      return {
        ...common,
        type: 'delete_pulse',
        itemId: item.id,
        itemName: item.name,
        triggerUuid: trigger.uuid,
      };
  }
}
