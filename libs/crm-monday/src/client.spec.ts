import { CrmError } from '@leadflow/crm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { errorFixture, recorded } from '../test/recorded-payloads';
import { type FakeAnswer, fakeMonday, mondayContext, type SeenRequest } from '../test/fake-monday';
import { decodeChangeCursor, encodeChangeCursor } from './change-cursor';
import { MondayCrmClient } from './client';

afterEach(() => {
  vi.unstubAllGlobals();
});

const BOARD = '1234567890';
const SETTINGS = { boardId: BOARD, ownerColumnId: 'person', statusColumnId: 'status' };

function client(
  settings: Record<string, unknown> = SETTINGS,
  options: { authType?: 'oauth' | 'token'; now?: () => number } = {},
) {
  const { context, specs } = mondayContext(settings, {
    ...(options.authType ? { authType: options.authType } : {}),
  });
  return { client: new MondayCrmClient(context, options.now ? { now: options.now } : {}), specs };
}

const data = (name: string): FakeAnswer => ({ body: { data: recorded(name) } });

async function failure(promise: Promise<unknown>): Promise<CrmError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CrmError);
  return error as CrmError;
}

describe('MondayCrmClient requests', () => {
  it('POST the GraphQL API with the raw token, the pinned API version and JSON', async () => {
    const seen = fakeMonday(() => data('account'));
    const { client: monday, specs } = client();
    await monday.getAccount();
    expect(seen).toHaveLength(1);
    expect(seen[0]!.url).toBe('https://api.monday.test/v2');
    expect(seen[0]!.headers).toMatchObject({
      authorization: 'personal-token',
      'api-version': '2026-10',
      'content-type': 'application/json',
    });
    expect(seen[0]!.query).toContain('complexity {');
    expect(specs).toEqual([{ operation: 'account.read', family: 'metadata', bucket: 'default' }]);
  });

  it('refuses settings that no longer parse, naming the field', () => {
    expect(() => client({ ownerColumnId: 'person' })).toThrow(CrmError);
    try {
      client({ boardId: 'not-a-board' });
    } catch (error) {
      expect((error as CrmError).fields[0]?.field).toBe('boardId');
    }
  });
});

describe('MondayCrmClient.getAccount', () => {
  it('reads the account; a personal token states no scopes', async () => {
    fakeMonday(() => data('account'));
    expect(await client().client.getAccount()).toEqual({
      externalAccountId: '18888528',
      name: 'Acme Robotics',
      scopes: [],
    });
  });
});

describe('MondayCrmClient.listOwners', () => {
  it('lists enabled and deactivated users, splitting names', async () => {
    const seen = fakeMonday((r) => data(r.variables['nonActive'] === true ? 'users-non-active' : 'users'));
    const owners = await client().client.listOwners();
    expect(seen.map((r) => r.variables)).toEqual(
      expect.arrayContaining([
        { limit: 200, page: 1 },
        { limit: 200, page: 1, nonActive: true },
      ]),
    );
    expect(owners).toEqual([
      {
        id: '41234567',
        email: 'sam@acme.example',
        firstName: 'Sam',
        lastName: 'Rivera',
        active: true,
        teams: [],
      },
      {
        id: '41234568',
        email: 'ana@acme.example',
        firstName: 'Ana',
        lastName: 'María Ruiz',
        active: true,
        teams: [],
      },
      { id: '41234569', email: null, firstName: 'Cher', lastName: null, active: true, teams: [] },
      {
        id: '41234570',
        email: 'former@acme.example',
        firstName: 'Former',
        lastName: 'Rep',
        active: false,
        teams: [],
      },
    ]);
  });

  it('pages until a short page', async () => {
    const full = Array.from({ length: 200 }, (_, i) => ({
      id: String(i + 1),
      name: `User ${i}`,
      email: `u${i}@x.example`,
      enabled: true,
      is_pending: false,
    }));
    const seen = fakeMonday((r) => ({
      body: {
        data: { users: r.variables['nonActive'] === true ? [] : r.variables['page'] === 1 ? full : [] },
      },
    }));
    expect(await client().client.listOwners()).toHaveLength(200);
    expect(seen.filter((r) => r.variables['nonActive'] !== true).map((r) => r.variables['page'])).toEqual([
      1, 2,
    ]);
  });
});

describe('MondayCrmClient.listFields', () => {
  it('gives the board’s columns with status and dropdown labels, then the item fields', async () => {
    const seen = fakeMonday(() => data('board-columns'));
    const fields = await client().client.listFields('items');
    expect(seen[0]!.variables).toEqual({ boardId: BOARD });
    expect(fields.find((f) => f.name === 'name' && f.object === 'column')).toBeUndefined();
    expect(fields.find((f) => f.name === 'text_old')).toBeUndefined();
    expect(fields.find((f) => f.name === 'status')).toEqual({
      object: 'column',
      name: 'status',
      label: 'Lead status',
      type: 'status',
      options: [
        { value: 'Working on it', label: 'Working on it' },
        { value: 'Won', label: 'Won', statusHint: 'won' },
        { value: 'Lost', label: 'Lost' },
        { value: 'Qualified', label: 'Qualified' },
        { value: 'New lead', label: 'New lead' },
        { value: 'Spam', label: 'Spam' },
      ],
    });
    expect(fields.find((f) => f.name === 'dropdown_products')?.options?.map((o) => o.value)).toEqual([
      'Routing',
      'Scoring',
      'Analytics',
    ]);
    expect(fields.find((f) => f.name === 'person')).toEqual({
      object: 'column',
      name: 'person',
      label: 'Sales rep',
      type: 'people',
    });
    expect(fields.filter((f) => f.object === 'lead').map((f) => f.name)).toEqual([
      'name',
      'created_at',
      'updated_at',
      'group',
      'group_id',
    ]);
  });

  it('needs a chosen board and the items object, before any call', async () => {
    const seen = fakeMonday(() => data('board-columns'));
    expect((await failure(client({}).client.listFields('items'))).fields[0]?.field).toBe('boardId');
    expect((await failure(client().client.listFields('contacts'))).fields[0]?.field).toBe('objectType');
    expect(seen).toHaveLength(0);
  });

  it('a board Monday does not return is NOT_FOUND', async () => {
    fakeMonday(() => ({ body: { data: { boards: [] } } }));
    expect((await failure(client().client.listFields('items'))).code).toBe('NOT_FOUND');
  });
});

describe('MondayCrmClient.fetchLeads', () => {
  it('reads items by id; other boards, deleted and unknown items are missing', async () => {
    const seen = fakeMonday(() => data('items-by-id'));
    const ids = ['9876543210', '9876543211', '9876543212', '9876543213', '9876543214', 'abc', '9876543210'];
    const { records, missing } = await client().client.fetchLeads('items', ids);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.variables).toEqual({
      ids: ['9876543210', '9876543211', '9876543212', '9876543213', '9876543214'],
      limit: 5,
    });
    expect(records.map((r) => r.externalId)).toEqual(['9876543210', '9876543211']);
    expect(missing).toEqual(['9876543212', '9876543213', '9876543214', 'abc']);

    const jane = records[0]!;
    expect(jane).toMatchObject({
      object: 'item',
      properties: {
        name: 'Jane Cooper',
        created_at: '2026-11-20T14:05:00.000Z',
        updated_at: '2026-11-20T14:06:10.000Z',
        group: 'New leads',
        group_id: 'topics',
      },
      ownerId: '41234567',
      createdAt: '2026-11-20T14:05:00.000Z',
      updatedAt: '2026-11-20T14:06:10.000Z',
    });
    expect(jane.columns?.['status']).toEqual({
      text: 'Working on it',
      value: expect.stringContaining('"index": 0') as string,
      type: 'status',
    });
    // Mirror and connect-boards columns show their display value as text.
    expect(jane.columns?.['mirror_mkx']).toEqual({ text: 'Acme Robotics Inc.', value: null, type: 'mirror' });
    expect(jane.columns?.['connect_boards_mkx']?.text).toBe('Acme Robotics Inc.');
    expect(Object.keys(jane.columns ?? {})).toHaveLength(22);
    expect(jane.raw['id']).toBe('9876543210');
    // No owner in the owner column: none, whatever other People columns hold.
    expect(records[1]!.ownerId).toBeNull();
  });

  it('asks for at most 100 ids per request', async () => {
    const seen = fakeMonday(() => ({ body: { data: { items: [] } } }));
    const ids = Array.from({ length: 150 }, (_, i) => String(1_000_000 + i));
    const { missing } = await client().client.fetchLeads('items', ids);
    expect(seen.map((r) => (r.variables['ids'] as string[]).length)).toEqual([100, 50]);
    expect(missing).toHaveLength(150);
  });

  it('reads the owner from the configured People column only', async () => {
    fakeMonday(() => data('items-by-id'));
    const { records } = await client({ boardId: BOARD, ownerColumnId: 'people_sdr' }).client.fetchLeads(
      'items',
      ['9876543210'],
    );
    // The first entry is a team, which cannot own a lead.
    expect(records[0]!.ownerId).toBe('41234568');
  });
});

describe('MondayCrmClient.listChangedLeads', () => {
  const since = new Date('2026-11-20T09:00:00Z');
  const until = new Date('2026-11-20T12:00:00Z');
  const now = Date.parse('2026-11-20T12:05:00Z');

  it('filters the board by last update, keeps the exact window, and pages with Monday’s cursor', async () => {
    const seen = fakeMonday((r) =>
      data(r.operationName === 'NextItemsPage' ? 'next-items-page' : 'items-page-first'),
    );
    const { client: monday } = client(SETTINGS, { now: () => now });
    const first = await monday.listChangedLeads({ objectType: 'items', since, until, limit: 2 });
    expect(seen[0]!.operationName).toBe('BoardItemsPage');
    expect(seen[0]!.variables).toEqual({
      boardId: BOARD,
      limit: 2,
      query: {
        rules: [
          {
            column_id: '__last_updated__',
            compare_attribute: 'UPDATED_AT',
            compare_value: ['EXACT', '2026-11-19'],
            operator: 'greater_than_or_equals',
          },
        ],
        order_by: [{ column_id: '__last_updated__', direction: 'asc' }],
      },
    });
    expect(first.items.map((r) => r.externalId)).toEqual(['9876543202', '9876543203']);
    expect(first.nextCursor).not.toBeNull();
    expect(decodeChangeCursor(first.nextCursor!)).toEqual({
      since: since.getTime(),
      resumeFrom: Date.parse('2026-11-20T10:30:00Z'),
      mondayCursor: 'MSwxMjM0NTY3ODkwLGk5X3RoaXNfaXNfYV9tb25kYXlfY3Vyc29y',
      issuedAt: now,
    });

    const second = await monday.listChangedLeads({
      objectType: 'items',
      since,
      until,
      cursor: first.nextCursor!,
    });
    expect(seen[1]!.operationName).toBe('NextItemsPage');
    expect(seen[1]!.variables).toEqual({
      cursor: 'MSwxMjM0NTY3ODkwLGk5X3RoaXNfaXNfYV9tb25kYXlfY3Vyc29y',
      limit: 100,
    });
    // The item updated exactly at `until` belongs to the next window.
    expect(second.items.map((r) => r.externalId)).toEqual(['9876543204']);
    expect(second.nextCursor).toBeNull();
  });

  it('restarts the window when Monday’s cursor is too old to use', async () => {
    const seen = fakeMonday(() => data('items-page-first'));
    const cursor = encodeChangeCursor({
      since: since.getTime(),
      resumeFrom: Date.parse('2026-11-20T10:00:00Z'),
      mondayCursor: 'old',
      issuedAt: now - 56 * 60_000,
    });
    const page = await client(SETTINGS, { now: () => now }).client.listChangedLeads({
      objectType: 'items',
      since,
      until,
      cursor,
    });
    expect(seen.map((r) => r.operationName)).toEqual(['BoardItemsPage']);
    expect(page.items.map((r) => r.externalId)).toEqual(['9876543202', '9876543203']);
  });

  it('a restart skips pages of items it already listed, so expiring cursors cannot stall a listing', async () => {
    const item = (id: string, updated: string) => ({
      id,
      name: id,
      state: 'active',
      created_at: updated,
      updated_at: updated,
      board: { id: BOARD },
      group: null,
      column_values: [],
    });
    const seen = fakeMonday((r) =>
      r.operationName === 'BoardItemsPage'
        ? {
            body: {
              data: {
                boards: [
                  {
                    id: BOARD,
                    items_page: {
                      cursor: 'fresh-1',
                      items: [item('1', '2026-11-20T09:30:00Z'), item('2', '2026-11-20T10:00:00Z')],
                    },
                  },
                ],
              },
            },
          }
        : {
            body: {
              data: {
                next_items_page: {
                  cursor: 'fresh-2',
                  items: [item('3', '2026-11-20T10:00:00Z'), item('4', '2026-11-20T10:05:00Z')],
                },
              },
            },
          },
    );
    const cursor = encodeChangeCursor({
      since: since.getTime(),
      resumeFrom: Date.parse('2026-11-20T10:00:00Z'),
      mondayCursor: 'expired',
      issuedAt: now - 58 * 60_000,
    });
    const page = await client(SETTINGS, { now: () => now }).client.listChangedLeads({
      objectType: 'items',
      since,
      until,
      limit: 2,
      cursor,
    });
    expect(seen.map((r) => [r.operationName, r.variables['limit']])).toEqual([
      ['BoardItemsPage', 2],
      ['NextItemsPage', 500],
    ]);
    // Item 2 and 3 were updated at the resume point: they may have been listed; they come (again).
    expect(page.items.map((r) => r.externalId)).toEqual(['2', '3', '4']);
    expect(decodeChangeCursor(page.nextCursor!)).toMatchObject({
      resumeFrom: Date.parse('2026-11-20T10:05:00Z'),
      mondayCursor: 'fresh-2',
    });
  });

  it('ends the listing at the first item past `until` (Monday sorts by last update)', async () => {
    fakeMonday(() => ({
      body: {
        data: {
          boards: [
            {
              id: BOARD,
              items_page: {
                cursor: 'more',
                items: [
                  {
                    id: '1',
                    name: 'late',
                    state: 'active',
                    created_at: '2026-11-20T12:30:00Z',
                    updated_at: '2026-11-20T12:30:00Z',
                    board: { id: BOARD },
                    group: null,
                    column_values: [],
                  },
                ],
              },
            },
          ],
        },
      },
    }));
    expect(await client().client.listChangedLeads({ objectType: 'items', since, until })).toEqual({
      items: [],
      nextCursor: null,
    });
  });

  it('restarts the window when Monday refuses the cursor', async () => {
    const seen = fakeMonday((r: SeenRequest) =>
      r.operationName === 'NextItemsPage' ? errorFixture('200-cursor-expired') : data('items-page-first'),
    );
    const cursor = encodeChangeCursor({
      since: since.getTime(),
      resumeFrom: since.getTime(),
      mondayCursor: 'gone',
      issuedAt: now - 60_000,
    });
    const page = await client(SETTINGS, { now: () => now }).client.listChangedLeads({
      objectType: 'items',
      since,
      until,
      cursor,
    });
    expect(seen.map((r) => r.operationName)).toEqual(['NextItemsPage', 'BoardItemsPage']);
    expect(page.items).toHaveLength(2);
  });

  it('starts over when the caller moved its window, and refuses cursors it did not issue', async () => {
    const seen = fakeMonday(() => data('items-page-first'));
    const { client: monday } = client(SETTINGS, { now: () => now });
    const stale = encodeChangeCursor({
      since: since.getTime() - 3_600_000,
      resumeFrom: since.getTime() - 3_600_000,
      mondayCursor: 'c',
      issuedAt: now,
    });
    await monday.listChangedLeads({ objectType: 'items', since, until, cursor: stale });
    expect(seen.map((r) => r.operationName)).toEqual(['BoardItemsPage']);
    const error = await failure(
      monday.listChangedLeads({ objectType: 'items', since, until, cursor: 'garbage' }),
    );
    expect(error.fields[0]?.field).toBe('cursor');
    expect(await monday.listChangedLeads({ objectType: 'items', since: until, until: since })).toEqual({
      items: [],
      nextCursor: null,
    });
  });

  it('passes other failures on', async () => {
    fakeMonday(() => errorFixture('429-complexity-budget-exhausted'));
    const error = await failure(client().client.listChangedLeads({ objectType: 'items', since, until }));
    expect(error).toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: 7_000 });
  });
});

describe('MondayCrmClient.sampleLeads', () => {
  it('reads the newest items of the board', async () => {
    const seen = fakeMonday(() => data('items-page-first'));
    const sample = await client().client.sampleLeads('items', 2);
    expect(seen[0]!.variables).toEqual({
      boardId: BOARD,
      limit: 2,
      query: { order_by: [{ column_id: '__creation_log__', direction: 'desc' }] },
    });
    expect(sample.map((r) => r.externalId)).toEqual(['9876543203', '9876543202']);
    expect(await client().client.sampleLeads('items', 0)).toEqual([]);
  });
});

describe('MondayCrmClient.assignOwners', () => {
  function answers(r: SeenRequest): FakeAnswer {
    switch (r.variables['itemId']) {
      case '9876543210':
        return { body: { data: { change_multiple_column_values: { id: '9876543210' }, complexity: null } } };
      case '9876543299':
        return errorFixture('200-resource-not-found');
      case '9876543298':
        return errorFixture('200-invalid-column-id');
      case '9876543297':
        return errorFixture('200-invalid-user-id');
      default:
        return errorFixture('500-internal-server-error-legacy');
    }
  }

  it('writes each item once with the owner and the status label, and reports each outcome', async () => {
    const seen = fakeMonday(answers);
    const { client: monday, specs } = client({ ...SETTINGS, statusLabelOnAssign: 'Working on it' });
    const outcomes = await monday.assignOwners('items', [
      { externalId: '9876543210', ownerId: '41234567' },
      { externalId: '9876543299', ownerId: '41234567' },
      { externalId: '9876543298', ownerId: '41234567' },
      { externalId: '9876543297', ownerId: '999999' },
      { externalId: '9876543210', ownerId: '41234568' },
      { externalId: '9876543296', ownerId: 'not-a-user' },
    ]);
    const writes = seen.filter((r) => r.operationName === 'ChangeItemColumns');
    expect(writes).toHaveLength(4);
    const jane = writes.find((r) => r.variables['itemId'] === '9876543210')!;
    expect(jane.variables['boardId']).toBe(BOARD);
    expect(JSON.parse(jane.variables['values'] as string)).toEqual({
      status: { label: 'Working on it' },
      person: { personsAndTeams: [{ id: 41234568, kind: 'person' }] },
    });
    expect(specs.every((s) => s.family === 'write' && s.operation === 'items.assignOwner')).toBe(true);

    expect(outcomes.map((o) => (o.ok ? 'ok' : o.code))).toEqual([
      'ok',
      'NOT_FOUND',
      'INVALID_REQUEST',
      'INVALID_REQUEST',
      'ok',
      'INVALID_REQUEST',
    ]);
    const columnGone = outcomes[2]!;
    expect(!columnGone.ok && columnGone.message).toContain(
      'column "person" does not exist on board 1234567890',
    );
    const notAMember = outcomes[3]!;
    expect(!notAMember.ok && notAMember.message).toContain('user 999999 cannot be set in column "person"');
  });

  it('assignOwner throws the item’s error, naming the setting to fix', async () => {
    fakeMonday(answers);
    const error = await failure(
      client().client.assignOwner('items', { externalId: '9876543298', ownerId: '1' }),
    );
    expect(error.code).toBe('INVALID_REQUEST');
    expect(error.retryable).toBe(false);
    expect(error.fields[0]).toMatchObject({ field: 'ownerColumnId', code: 'InvalidColumnIdException' });
    await expect(
      client().client.assignOwner('items', { externalId: '9876543210', ownerId: '1' }),
    ).resolves.toBeUndefined();
  });

  it('without an owner column every item fails the same way, with no call', async () => {
    const seen = fakeMonday(answers);
    const outcomes = await client({ boardId: BOARD }).client.assignOwners('items', [
      { externalId: '1', ownerId: '2' },
      { externalId: '3', ownerId: '4' },
    ]);
    expect(
      outcomes.every((o) => !o.ok && o.code === 'INVALID_REQUEST' && o.message.includes('ownerColumnId')),
    ).toBe(true);
    expect(seen).toHaveLength(0);
    expect(await client({}).client.assignOwners('items', [])).toEqual([]);
  });

  it('an item Monday says nothing about is NOT_FOUND', async () => {
    fakeMonday(() => ({ body: { data: { change_multiple_column_values: null } } }));
    expect(
      (await failure(client().client.assignOwner('items', { externalId: '9876543210', ownerId: '1' }))).code,
    ).toBe('NOT_FOUND');
  });
});

describe('MondayCrmClient.webhooks', () => {
  it('exist only for OAuth connections: personal-token webhooks are unsigned', () => {
    expect(client().client.webhooks).toBeUndefined();
    expect(client(SETTINGS, { authType: 'oauth' }).client.webhooks).toBeDefined();
  });

  it('lists the app’s webhooks on the board, creates only what is missing, and removes idempotently', async () => {
    const seen = fakeMonday((r) => {
      if (r.operationName === 'BoardWebhooks') return data('webhooks');
      if (r.operationName === 'CreateWebhook') {
        return {
          body: {
            data: {
              create_webhook: {
                id: '300003',
                board_id: r.variables['boardId'],
                event: r.variables['event'],
                config: null,
              },
            },
          },
        };
      }
      return errorFixture('200-resource-not-found');
    });
    const webhooks = client(SETTINGS, { authType: 'oauth' }).client.webhooks!;
    expect(await webhooks.list()).toEqual([
      { id: '300001', event: 'create_item@1234567890', objectType: 'items', targetUrl: null, active: true },
      {
        id: '300002',
        event: 'change_status_column_value:status@1234567890',
        objectType: 'items',
        targetUrl: null,
        active: true,
      },
    ]);
    const url = 'https://leadflow.example.com/v1/webhooks/monday/connection-1';
    const after = await webhooks.ensure([
      { event: 'create_item@1234567890', objectType: 'items', targetUrl: url },
      { event: 'change_status_column_value:status@1234567890', objectType: 'items', targetUrl: url },
      { event: 'item_deleted', objectType: 'items', targetUrl: url },
    ]);
    const creates = seen.filter((r) => r.operationName === 'CreateWebhook');
    expect(creates.map((r) => r.variables)).toEqual([
      { boardId: BOARD, url, event: 'item_deleted', config: null },
    ]);
    expect(after.map((s) => s.event)).toEqual([
      'create_item@1234567890',
      'change_status_column_value:status@1234567890',
      'item_deleted@1234567890',
    ]);
    await expect(webhooks.remove('300001')).resolves.toBeUndefined();
  });

  it('creates on the board the subscription names, with the column as config', async () => {
    const seen = fakeMonday((r) =>
      r.operationName === 'BoardWebhooks'
        ? { body: { data: { webhooks: [] } } }
        : {
            body: {
              data: {
                create_webhook: {
                  id: '1',
                  board_id: r.variables['boardId'],
                  event: r.variables['event'],
                  config: r.variables['config'],
                },
              },
            },
          },
    );
    const webhooks = client({}, { authType: 'oauth' }).client.webhooks!;
    expect(await webhooks.list()).toEqual([]);
    await webhooks.ensure([
      {
        event: 'change_status_column_value:status@555',
        objectType: 'items',
        targetUrl: 'https://x.example/h',
      },
    ]);
    expect(seen.find((r) => r.operationName === 'CreateWebhook')!.variables).toEqual({
      boardId: '555',
      url: 'https://x.example/h',
      event: 'change_status_column_value',
      config: '{"columnId":"status"}',
    });
  });

  it('refuses unknown events, other objects, missing or long URLs, naming each', async () => {
    fakeMonday(() => data('webhooks'));
    const webhooks = client(SETTINGS, { authType: 'oauth' }).client.webhooks!;
    const error = await failure(
      webhooks.ensure([
        { event: 'object.creation', objectType: 'items', targetUrl: 'https://x.example' },
        { event: 'create_item', objectType: 'contacts', targetUrl: null },
        { event: 'create_item', objectType: 'items', targetUrl: `https://x.example/${'a'.repeat(300)}` },
      ]),
    );
    expect(error.fields.map((f) => f.field)).toEqual([
      '0.event',
      '1.objectType',
      '1.targetUrl',
      '2.targetUrl',
    ]);
  });
});

describe('MondayCrmClient.sources', () => {
  it('lists boards of items with their counts', async () => {
    fakeMonday(() => data('boards'));
    expect(await client({}).client.sources.list()).toEqual([
      { id: '1234567890', name: 'Inbound leads', kind: 'board', itemCount: 1342 },
      { id: '1234567893', name: 'Partners', kind: 'board', itemCount: null },
    ]);
  });

  it('gives any board’s fields', async () => {
    const seen = fakeMonday(() => data('board-columns'));
    const fields = await client({}).client.sources.fields(BOARD);
    expect(seen[0]!.variables).toEqual({ boardId: BOARD });
    expect(fields.some((f) => f.name === 'person')).toBe(true);
  });

  it('checks a selection against the live board', async () => {
    fakeMonday((r) =>
      r.variables['boardId'] === BOARD ? data('board-columns') : { body: { data: { boards: [] } } },
    );
    const sources = client({}).client.sources;
    expect(
      await sources.checkSelection({ sourceId: BOARD, ownerField: 'person', statusField: 'status' }),
    ).toEqual([]);
    expect(
      await sources.checkSelection({ sourceId: BOARD, ownerField: 'email_mkx1', statusField: 'text_region' }),
    ).toEqual([
      { field: 'ownerField', message: 'column "Email" is a email column; the owner needs a People column' },
      { field: 'statusField', message: 'column "Region" is a text column; the status needs a Status column' },
    ]);
    expect(await sources.checkSelection({ sourceId: BOARD, ownerField: 'gone' })).toEqual([
      { field: 'ownerField', message: 'board "Inbound leads" has no column "gone"' },
    ]);
    expect(await sources.checkSelection({ sourceId: '42', ownerField: 'person' })).toEqual([
      { field: 'sourceId', message: 'board 42 does not exist or is not active' },
    ]);
    expect(await sources.checkSelection({ sourceId: 'x', ownerField: 'person' })).toEqual([
      { field: 'sourceId', message: '"x" is not a Monday board id' },
    ]);
  });
});
