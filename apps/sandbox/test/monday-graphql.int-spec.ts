import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  newMondayLeadsBoard,
  startSandbox,
  type MondayFixture,
  type RunningSandbox,
} from './sandbox-harness';

let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startSandbox();
});

afterAll(async () => {
  await sandbox?.close();
});

const ITEM_FIELDS = `
  id name created_at updated_at state creator_id board { id name } group { id title }
  column_values {
    id type text value column { title }
    ... on StatusValue { label index is_done }
    ... on PeopleValue { persons_and_teams { id kind } }
    ... on EmailValue { email text }
    ... on PhoneValue { phone country_short_name }
    ... on NumbersValue { number }
    ... on DateValue { date time }
    ... on DropdownValue { values { id label } }
    ... on TextValue { text }
    ... on BoardRelationValue { linked_item_ids }
  }`;

async function seedItems(f: MondayFixture, items: unknown[]): Promise<any[]> {
  const res = await sandbox.mondayControl('POST', `/accounts/${f.accountId}/boards/${f.boardId}/items`, {
    items,
  });
  return res.items;
}

describe('Monday sandbox GraphQL API', () => {
  it('answers reads through Monday’s schema with Monday’s ids, headers and request id', async () => {
    const f = await newMondayLeadsBoard(sandbox, { plan: 'enterprise', name: 'Acme Sales' });
    const res = await sandbox.monday(
      f.personalToken,
      `query($board: [ID!]) {
        me { id name email enabled is_admin }
        account { id name slug tier }
        users(limit: 10) { id name email enabled }
        inactive: users(non_active: true) { name enabled }
        boards(ids: $board) { id name state items_count board_kind
          columns(types: [status, people]) { id title type settings_str archived } }
      }`,
      { board: [f.boardId] },
    );
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.extensions.request_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get('api-version')).toBe('2026-10');
    expect(res.headers.get('ratelimit-policy')).toBe(
      '"minuteRate";q=5000;w=60, "concurrency";q=250;qu="concurrent-requests", "complexityMinute";q=10000000;w=60;qu="content-bytes"',
    );
    expect(res.headers.get('ratelimit')).toMatch(
      /^"minuteRate";r=4999, "concurrency";r=249, "complexityMinute";r=\d+;t=\d+$/,
    );
    const { me, account, users, boards } = res.body.data;
    expect(me).toEqual({
      id: String(f.ownerUserId),
      name: 'Sandbox Admin',
      email: expect.any(String),
      enabled: true,
      is_admin: true,
    });
    expect(account).toEqual({
      id: String(f.accountId),
      name: 'Acme Sales',
      slug: 'acme-sales',
      tier: 'enterprise',
    });
    expect(users.map((u: any) => u.name)).toEqual(['Sandbox Admin', 'Ada Lovelace', 'Alan Turing']);
    expect(res.body.data.inactive).toEqual([{ name: 'Gone Rep', enabled: false }]);
    expect(boards).toEqual([
      {
        id: String(f.boardId),
        name: 'Leads',
        state: 'active',
        items_count: 0,
        board_kind: 'public',
        columns: [
          { id: 'owner', title: 'Owner', type: 'people', settings_str: '{}', archived: false },
          {
            id: 'status',
            title: 'Status',
            type: 'status',
            settings_str: expect.any(String),
            archived: false,
          },
        ],
      },
    ]);
    expect(JSON.parse(boards[0].columns[1].settings_str)).toMatchObject({
      labels: { '0': 'New', '1': 'Working on it', '2': 'Done', '3': 'Stuck' },
      done_colors: [2],
    });
  });

  it('refuses what the schema rejects, unparsable queries and malformed bodies in Monday’s error shape', async () => {
    const f = await newMondayLeadsBoard(sandbox);
    const invalid = await sandbox.monday(f.personalToken, '{ boards { id nonsense } }');
    expect(invalid.status).toBe(200);
    expect(invalid.body.data).toBeUndefined();
    expect(invalid.body.errors).toEqual([
      {
        message: expect.stringContaining('Cannot query field "nonsense" on type "Board"'),
        locations: [{ line: 1, column: 15 }],
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED', status_code: 200 },
      },
    ]);
    const unparsable = await sandbox.monday(f.personalToken, '{ boards { id ');
    expect(unparsable.body.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    // Variables sent as a JSON string have been refused since 2025-04.
    const res = await fetch(`${sandbox.base}/v2`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', Authorization: f.personalToken },
      body: JSON.stringify({
        query: 'query($id: [ID!]) { boards(ids: $id) { id } }',
        variables: '{"id":[1]}',
      }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).errors[0].extensions.code).toBe('BAD_REQUEST');
    // A root field of Monday's schema the sandbox does not serve says so instead of answering null.
    const unimplemented = await sandbox.monday(f.personalToken, '{ tags { id } }');
    expect(unimplemented.body.errors[0]).toMatchObject({
      path: ['tags'],
      extensions: { code: 'NOT_IMPLEMENTED_IN_SANDBOX' },
    });
  });

  it('authenticates with the token alone or with Bearer, and refuses anything else with 401 NOT_AUTHENTICATED', async () => {
    const f = await newMondayLeadsBoard(sandbox);
    expect((await sandbox.monday(`Bearer ${f.personalToken}`, '{ me { id } }')).body.data.me.id).toBe(
      String(f.ownerUserId),
    );
    for (const token of [undefined, 'not-a-token']) {
      const res = await sandbox.monday(token, '{ me { id } }');
      expect(res.status).toBe(401);
      expect(res.body.errors).toEqual([
        { message: 'Not authenticated', extensions: { code: 'NOT_AUTHENTICATED' } },
      ]);
    }
    // A deactivated user's token is known but not allowed to use the API.
    const { personalToken } = await sandbox.mondayControl(
      'POST',
      `/accounts/${f.accountId}/personal-tokens`,
      {
        userId: f.reps.gone,
      },
    );
    const denied = await sandbox.monday(personalToken, '{ me { id } }');
    expect(denied.status).toBe(403);
    expect(denied.body.errors[0].extensions.code).toBe('USER_ACCESS_DENIED');
  });

  it('serves the pinned API version, routes old versions to maintenance and refuses unknown ones', async () => {
    const f = await newMondayLeadsBoard(sandbox);
    const pinned = await sandbox.monday(f.personalToken, '{ version { value kind } }');
    expect(pinned.body.data.version).toEqual({ value: '2026-10', kind: 'current' });
    const old = await sandbox.monday(f.personalToken, '{ version { value kind } }', undefined, {
      'API-Version': '2025-04',
    });
    expect(old.body.data.version).toEqual({ value: '2026-07', kind: 'maintenance' });
    expect(old.headers.get('api-version')).toBe('2026-07');
    const unknown = await sandbox.monday(f.personalToken, '{ me { id } }', undefined, {
      'API-Version': '2031-13',
    });
    expect(unknown.status).toBe(200);
    expect(unknown.body.errors[0].extensions).toMatchObject({ code: 'InvalidVersionException' });
  });

  it('reads every column type through its typed ColumnValue implementation', async () => {
    const f = await newMondayLeadsBoard(sandbox);
    const [deal] = await seedItems(f, [{ name: 'Deal 1' }]);
    const [lead] = await seedItems(f, [
      {
        name: 'Grace Hopper',
        column_values: {
          owner: { personsAndTeams: [{ id: f.reps.ada, kind: 'person' }] },
          status: { label: 'Working on it' },
          email: { email: 'grace@navy.test', text: 'Grace' },
          phone: { phone: '+12025550169', countryShortName: 'US' },
          company: 'US Navy',
          score: '42.5',
          due: { date: '2026-11-02', time: '09:30:00' },
          source: { labels: ['Referral', 'Event'] },
          deal: { item_ids: [deal.id] },
        },
      },
    ]);
    const res = await sandbox.monday(
      f.personalToken,
      `query($ids: [ID!]) { items(ids: $ids) { ${ITEM_FIELDS} } }`,
      {
        ids: [lead.id],
      },
    );
    expect(res.body.errors).toBeUndefined();
    const [item] = res.body.data.items;
    expect(item).toMatchObject({
      id: String(lead.id),
      name: 'Grace Hopper',
      state: 'active',
      creator_id: String(f.ownerUserId),
      board: { id: String(f.boardId), name: 'Leads' },
      group: { id: 'topics', title: 'Group Title' },
    });
    expect(item.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    const byId = Object.fromEntries(item.column_values.map((c: any) => [c.id, c]));
    expect(byId.owner).toMatchObject({
      type: 'people',
      text: 'Ada Lovelace',
      persons_and_teams: [{ id: String(f.reps.ada), kind: 'person' }],
    });
    expect(JSON.parse(byId.owner.value)).toMatchObject({
      personsAndTeams: [{ id: f.reps.ada, kind: 'person' }],
    });
    expect(byId.status).toMatchObject({
      type: 'status',
      text: 'Working on it',
      label: 'Working on it',
      index: 1,
      is_done: false,
    });
    expect(JSON.parse(byId.status.value)).toMatchObject({ index: 1 });
    expect(byId.email).toMatchObject({ email: 'grace@navy.test', text: 'grace@navy.test' });
    expect(byId.phone).toMatchObject({ phone: '+12025550169', country_short_name: 'US' });
    expect(byId.company).toMatchObject({ type: 'text', text: 'US Navy', value: '"US Navy"' });
    expect(byId.score).toMatchObject({ type: 'numbers', number: 42.5, text: '42.5' });
    expect(byId.due).toMatchObject({ date: '2026-11-02', time: '09:30:00', text: '2026-11-02 09:30' });
    expect(byId.source).toMatchObject({
      text: 'Referral, Event',
      values: [
        { id: '2', label: 'Referral' },
        { id: '3', label: 'Event' },
      ],
    });
    // Since 2025-04 connect-boards columns answer value null: read linked_item_ids.
    expect(byId.deal).toMatchObject({
      type: 'board_relation',
      value: null,
      linked_item_ids: [String(deal.id)],
      text: 'Deal 1',
    });
    // column_values(ids) narrows to the named columns, in board order.
    const narrow = await sandbox.monday(
      f.personalToken,
      `{ items(ids: [${lead.id}]) { column_values(ids: ["status", "owner"]) { id } } }`,
    );
    expect(narrow.body.data.items[0].column_values).toEqual([{ id: 'owner' }, { id: 'status' }]);
  });

  it('pages items_page by cursor in creation order and refuses an expired cursor with CursorException', async () => {
    const f = await newMondayLeadsBoard(sandbox);
    const generated = await sandbox.mondayControl(
      'POST',
      `/accounts/${f.accountId}/boards/${f.boardId}/items/generate`,
      {
        count: 7,
        name: 'Lead',
      },
    );
    const first = await sandbox.monday(
      f.personalToken,
      `query($b: [ID!]) { boards(ids: $b) { items_page(limit: 3) { cursor items { id name } } } }`,
      { b: [f.boardId] },
    );
    const page1 = first.body.data.boards[0].items_page;
    expect(page1.items.map((i: any) => i.name)).toEqual(['Lead 1', 'Lead 2', 'Lead 3']);
    expect(page1.items[0].id).toBe(String(generated.firstId));
    expect(page1.cursor).toEqual(expect.any(String));
    const next = `query($c: String!) { next_items_page(cursor: $c, limit: 3) { cursor items { name } } }`;
    const page2 = (await sandbox.monday(f.personalToken, next, { c: page1.cursor })).body.data
      .next_items_page;
    expect(page2.items.map((i: any) => i.name)).toEqual(['Lead 4', 'Lead 5', 'Lead 6']);
    // A cursor can be presented again (a retried request gets the same page).
    const again = (await sandbox.monday(f.personalToken, next, { c: page1.cursor })).body.data
      .next_items_page;
    expect(again.items.map((i: any) => i.name)).toEqual(['Lead 4', 'Lead 5', 'Lead 6']);
    const page3 = (await sandbox.monday(f.personalToken, next, { c: page2.cursor })).body.data
      .next_items_page;
    expect(page3).toEqual({ cursor: null, items: [{ name: 'Lead 7' }] });

    expect(await sandbox.mondayControl('POST', `/accounts/${f.accountId}/expire-cursors`)).toEqual({
      expired: expect.any(Number),
    });
    const expired = await sandbox.monday(f.personalToken, next, { c: page2.cursor });
    expect(expired.status).toBe(200);
    expect(expired.body.data).toBeNull();
    expect(expired.body.errors).toEqual([
      {
        message:
          'CursorExpiredError: The cursor provided for pagination has expired. Please refresh your query and obtain a new cursor to continue fetching items',
        locations: [{ line: 1, column: next.indexOf('next_items_page') + 1 }],
        path: ['next_items_page'],
        extensions: { code: 'CursorException', status_code: 200 },
      },
    ]);
    const tooBig = await sandbox.monday(
      f.personalToken,
      `{ boards(ids: [${f.boardId}]) { items_page(limit: 501) { cursor } } }`,
    );
    expect(tooBig.body.errors[0]).toMatchObject({
      path: ['boards', 0, 'items_page'],
      extensions: { code: 'InvalidArgumentException' },
    });
  });

  it('filters items_page by creation and update time windows and column rules', async () => {
    const f = await newMondayLeadsBoard(sandbox);
    // 48 items, one an hour from 2026-01-01T00:00Z.
    await sandbox.mondayControl('POST', `/accounts/${f.accountId}/boards/${f.boardId}/items/generate`, {
      count: 48,
      name: 'Hourly',
      startAt: '2026-01-01T00:00:00Z',
      stepMs: 3_600_000,
      column_values: { status: { label: 'New' } },
    });
    const page = async (queryParams: unknown, limit = 100) => {
      const res = await sandbox.monday(
        f.personalToken,
        `query($b: [ID!], $q: ItemsQuery, $l: Int!) { boards(ids: $b) { items_page(limit: $l, query_params: $q) { cursor items { id name created_at updated_at } } } }`,
        { b: [f.boardId], q: queryParams, l: limit },
      );
      expect(res.body.errors).toBeUndefined();
      return res.body.data.boards[0].items_page.items as any[];
    };
    const fromDay2 = await page({
      rules: [
        {
          column_id: '__creation_log__',
          compare_value: ['EXACT', '2026-01-02'],
          operator: 'greater_than_or_equals',
          compare_attribute: 'CREATED_AT',
        },
      ],
    });
    expect(fromDay2).toHaveLength(24);
    expect(fromDay2[0].created_at).toBe('2026-01-02T00:00:00Z');
    const beforeDay2 = await page({
      rules: [
        {
          column_id: '__last_updated__',
          compare_value: ['EXACT', '2026-01-02'],
          operator: 'lower_than',
          compare_attribute: 'UPDATED_AT',
        },
      ],
    });
    expect(beforeDay2).toHaveLength(24);
    const window = await page({
      rules: [
        {
          column_id: '__last_updated__',
          compare_value: ['2026-01-01T06:00:00Z', '2026-01-01T08:00:00Z'],
          operator: 'between',
        },
      ],
      order_by: [{ column_id: '__creation_log__', direction: 'desc' }],
    });
    expect(window.map((i) => i.created_at)).toEqual([
      '2026-01-01T08:00:00Z',
      '2026-01-01T07:00:00Z',
      '2026-01-01T06:00:00Z',
    ]);

    // An item changed now moves into today's __last_updated__ window and nothing else does.
    const touched = fromDay2[5];
    await sandbox.mondayControl('PATCH', `/accounts/${f.accountId}/items/${touched.id}`, {
      column_values: { status: { label: 'Done' } },
    });
    const today = new Date().toISOString().slice(0, 10);
    const updatedToday = await page({
      rules: [
        {
          column_id: '__last_updated__',
          compare_value: ['EXACT', today],
          operator: 'greater_than_or_equals',
          compare_attribute: 'UPDATED_AT',
        },
      ],
    });
    expect(updatedToday.map((i) => i.id)).toEqual([touched.id]);
    // Status rules compare label indexes, as Monday's do; `or` joins rules.
    const doneOrHour4 = await page({
      operator: 'or',
      rules: [
        { column_id: 'status', compare_value: [2], operator: 'any_of' },
        { column_id: 'name', compare_value: 'Hourly 4', operator: 'contains_text' },
      ],
    });
    const hour4 = [4, 40, 41, 42, 43, 44, 45, 46, 47, 48].map((n) => `Hourly ${n}`);
    expect(touched.name).toBe('Hourly 30');
    expect(doneOrHour4.map((i) => i.name)).toEqual([...hour4.slice(0, 1), 'Hourly 30', ...hour4.slice(1)]);
    const unknownColumn = await sandbox.monday(
      f.personalToken,
      `{ boards(ids: [${f.boardId}]) { items_page(query_params: { rules: [{ column_id: "nope", compare_value: [1] }] }) { cursor } } }`,
    );
    expect(unknownColumn.body.errors[0].extensions.code).toBe('InvalidColumnIdException');
  });

  it('writes the owner and status with change_multiple_column_values and reads them back', async () => {
    const f = await newMondayLeadsBoard(sandbox);
    const [lead] = await seedItems(f, [
      { name: 'Lead to route', column_values: { status: { label: 'New' } } },
    ]);
    const write = `mutation($b: ID!, $i: ID!, $v: JSON!) {
      change_multiple_column_values(board_id: $b, item_id: $i, column_values: $v) {
        id column_values(ids: ["owner", "status"]) { id text ... on PeopleValue { persons_and_teams { id kind } } ... on StatusValue { index } }
      }
    }`;
    // The JSON argument as a string, as most Monday clients send it.
    const res = await sandbox.monday(f.personalToken, write, {
      b: f.boardId,
      i: lead.id,
      v: JSON.stringify({
        owner: { personsAndTeams: [{ id: f.reps.alan, kind: 'person' }] },
        status: { label: 'Working on it' },
      }),
    });
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.change_multiple_column_values).toEqual({
      id: String(lead.id),
      column_values: [
        {
          id: 'owner',
          text: 'Alan Turing',
          persons_and_teams: [{ id: String(f.reps.alan), kind: 'person' }],
        },
        { id: 'status', text: 'Working on it', index: 1 },
      ],
    });
    // ... or as an object; status by index.
    await sandbox.monday(f.personalToken, write, { b: f.boardId, i: lead.id, v: { status: { index: 2 } } });
    const stored = await sandbox.mondayControl('GET', `/accounts/${f.accountId}/items/${lead.id}`);
    expect(stored.column_values.owner).toMatchObject({
      text: 'Alan Turing',
      value: { personsAndTeams: [{ id: f.reps.alan, kind: 'person' }] },
    });
    expect(stored.column_values.status).toMatchObject({ text: 'Done', value: { index: 2 } });
    expect(Date.parse(stored.updatedAt)).toBeGreaterThanOrEqual(Date.parse(stored.createdAt));
  });

  it('refuses bad writes as Monday does, all or nothing', async () => {
    const f = await newMondayLeadsBoard(sandbox);
    const [lead] = await seedItems(f, [
      { name: 'Lead', column_values: { status: { label: 'New' }, company: 'Before' } },
    ]);
    const mutation = (extra = '') =>
      `mutation($b: ID!, $i: ID!, $v: JSON!) { change_multiple_column_values(board_id: $b, item_id: $i, column_values: $v${extra}) { id } }`;
    const write = (values: unknown, extra = '') =>
      sandbox.monday(f.personalToken, mutation(extra), { b: f.boardId, i: lead.id, v: values });
    const unknownColumn = await write({ company: 'After', nope: 'x' });
    expect(unknownColumn.status).toBe(200);
    expect(unknownColumn.body.data).toEqual({ change_multiple_column_values: null });
    expect(unknownColumn.body.errors).toEqual([
      {
        message: "This column ID doesn't exist for the board",
        locations: [{ line: 1, column: mutation().indexOf('change_multiple_column_values') + 1 }],
        path: ['change_multiple_column_values'],
        extensions: {
          code: 'InvalidColumnIdException',
          status_code: 200,
          error_data: { column_id: 'nope', board_id: f.boardId },
        },
      },
    ]);
    const unknownLabel = await write({ company: 'After', status: { label: 'Qualified' } });
    expect(unknownLabel.body.errors[0].extensions).toEqual({
      code: 'ColumnValueException',
      status_code: 200,
      error_data: { column_value: '{"label":"Qualified"}', column_type: 'color' },
    });
    expect(unknownLabel.body.errors[0].message).toMatch(/^invalid value - label does not exist in column/);
    const noKind = await write({ owner: { personsAndTeams: [{ id: f.reps.ada }] } });
    expect(noKind.body.errors[0].extensions.code).toBe('ColumnValueException');
    const stranger = await write({ owner: { personsAndTeams: [{ id: 99_999, kind: 'person' }] } });
    expect(stranger.body.errors[0].extensions).toMatchObject({
      code: 'InvalidUserIdException',
      error_data: { user_id: 99_999 },
    });
    const deactivated = await write({ owner: { personsAndTeams: [{ id: f.reps.gone, kind: 'person' }] } });
    expect(deactivated.body.errors[0].extensions.code).toBe('InvalidUserIdException');
    const badJson = await write('{"company": ');
    expect(badJson.status).toBe(400);
    expect(badJson.body.errors[0].extensions).toMatchObject({ code: 'JsonParseException', status_code: 400 });

    // Nothing of the refused writes landed.
    const stored = await sandbox.mondayControl('GET', `/accounts/${f.accountId}/items/${lead.id}`);
    expect(stored.column_values.company.text).toBe('Before');
    expect(stored.column_values.status.text).toBe('New');
    expect(stored.column_values.owner.value).toBeNull();

    // create_labels_if_missing adds the label instead.
    const created = await write({ status: { label: 'Qualified' } }, ', create_labels_if_missing: true');
    expect(created.body.errors).toBeUndefined();
    const board = await sandbox.mondayControl('GET', `/accounts/${f.accountId}/boards/${f.boardId}`);
    const status = board.columns.find((c: any) => c.id === 'status');
    expect(JSON.parse(status.settings_str).labels).toMatchObject({ '4': 'Qualified' });
  });

  it('creates items with values in a group, deletes them, and caps items(ids) at 100', async () => {
    const f = await newMondayLeadsBoard(sandbox);
    const res = await sandbox.monday(
      f.personalToken,
      `mutation($b: ID!, $v: JSON) { create_item(board_id: $b, item_name: "New lead", group_id: "topics", column_values: $v) { id name group { id } column_values(ids: ["email"]) { text } } }`,
      { b: f.boardId, v: JSON.stringify({ email: { email: 'new@lead.test', text: 'New lead' } }) },
    );
    const item = res.body.data.create_item;
    expect(item).toEqual({
      id: expect.any(String),
      name: 'New lead',
      group: { id: 'topics' },
      column_values: [{ text: 'new@lead.test' }],
    });
    const badGroup = await sandbox.monday(
      f.personalToken,
      `mutation { create_item(board_id: ${f.boardId}, item_name: "x", group_id: "nope") { id } }`,
    );
    expect(badGroup.body.errors[0].extensions.code).toBe('InvalidGroupIdException');
    const deleted = await sandbox.monday(
      f.personalToken,
      `mutation { delete_item(item_id: ${item.id}) { id state } }`,
    );
    expect(deleted.body.data.delete_item).toEqual({ id: item.id, state: 'deleted' });
    const read = await sandbox.monday(f.personalToken, `{ items(ids: [${item.id}]) { id } }`);
    expect(read.body.data.items).toEqual([]);
    const many = Array.from({ length: 101 }, (_, i) => i + 1);
    const capped = await sandbox.monday(f.personalToken, 'query($ids: [ID!]) { items(ids: $ids) { id } }', {
      ids: many,
    });
    expect(capped.body.errors[0].extensions.code).toBe('InvalidArgumentException');
  });
});
