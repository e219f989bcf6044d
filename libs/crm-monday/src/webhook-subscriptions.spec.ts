import { describe, expect, it } from 'vitest';
import { formatWebhookEventName, parseWebhookEventName } from './webhook-subscriptions';

describe('Monday webhook event names', () => {
  it.each([
    ['create_item', { event: 'create_item' }],
    ['create_item@1234567890', { event: 'create_item', boardId: '1234567890' }],
    ['change_status_column_value:status', { event: 'change_status_column_value', columnId: 'status' }],
    [
      'change_specific_column_value:person@12',
      { event: 'change_specific_column_value', columnId: 'person', boardId: '12' },
    ],
  ])('%s round-trips', (name, parsed) => {
    expect(parseWebhookEventName(name)).toEqual(parsed);
    expect(formatWebhookEventName(parseWebhookEventName(name)!)).toBe(name);
  });

  it.each(['object.creation', 'create_pulse', 'create_item@board', 'create_item:bad column', ''])(
    'refuses %s',
    (name) => {
      expect(parseWebhookEventName(name)).toBeUndefined();
    },
  );
});
