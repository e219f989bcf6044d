import { CrmError } from '@leadflow/crm';
import { describe, expect, it } from 'vitest';
import { mondayContext } from '../test/fake-monday';
import { mondayAdapter } from './adapter';
import { MondayCrmClient } from './client';
import { mondayDescriptor } from './descriptor';
import { mondayOAuth } from './oauth';
import { mondayWebhookReceiver } from './webhook';

describe('mondayAdapter', () => {
  it('bundles the descriptor, OAuth, settings, sources, webhooks and the default mapping', () => {
    expect(mondayAdapter.descriptor).toBe(mondayDescriptor);
    expect(mondayAdapter.oauth).toBe(mondayOAuth);
    expect(mondayAdapter.webhookReceiver).toBe(mondayWebhookReceiver);
    expect(mondayAdapter.parseSettings({})).toEqual({ settings: {} });
    expect(mondayAdapter.parseSettings({ boardId: 'x' })).toMatchObject({ problems: [{ path: 'boardId' }] });
    expect(mondayAdapter.defaultMapping('items')).toBeUndefined();
    expect(
      mondayAdapter.defaultMapping('items', [
        { object: 'lead', name: 'name', label: 'Item name', type: 'text' },
      ]),
    ).toBeDefined();
    expect(
      mondayAdapter.settingsForSource?.({}, { sourceId: '1', ownerField: 'person', statusField: 'status' }),
    ).toEqual({ boardId: '1', ownerColumnId: 'person', statusColumnId: 'status' });
  });

  it('wants new items and status changes of the chosen board, nothing before', () => {
    const url = 'https://leadflow.example.com/v1/webhooks/monday/c1';
    expect(mondayAdapter.webhookSubscriptions?.({}, url)).toEqual([]);
    expect(
      mondayAdapter.webhookSubscriptions?.(
        { boardId: '12', ownerColumnId: 'p', statusColumnId: 'status' },
        url,
      ),
    ).toEqual([
      { event: 'create_item@12', objectType: 'items', targetUrl: url },
      { event: 'change_status_column_value:status@12', objectType: 'items', targetUrl: url },
    ]);
    expect(mondayAdapter.webhookSubscriptions?.({ boardId: '12' }, url)?.map((s) => s.event)).toEqual([
      'create_item@12',
      'change_status_column_value@12',
    ]);
  });

  it('builds a client for a connection without calling Monday, and refuses broken settings', () => {
    const client = mondayAdapter.createClient(mondayContext({ boardId: '1' }).context);
    expect(client).toBeInstanceOf(MondayCrmClient);
    expect(client.provider).toBe('monday');
    expect(client.sources).toBeDefined();
    expect(() => mondayAdapter.createClient(mondayContext({ boardId: 'x' }).context)).toThrow(CrmError);
  });
});
