import { jwtVerify } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  mondayAppGrant,
  mondayEvents,
  mondayResponder,
  newMondayLeadsBoard,
  startReceiver,
  startSandbox,
  waitFor,
  type MondayFixture,
  type Receiver,
  type RunningSandbox,
} from './sandbox-harness';

let sandbox: RunningSandbox;
const receivers: Receiver[] = [];
let nextApp = 1;

beforeAll(async () => {
  sandbox = await startSandbox();
});

afterEach(async () => {
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

afterAll(async () => {
  await sandbox?.close();
});

async function receiver(respond = mondayResponder()): Promise<Receiver> {
  const r = await startReceiver('/hooks/monday?source=sandbox');
  r.respond = respond;
  receivers.push(r);
  return r;
}

const CREATE_WEBHOOK = `mutation($b: ID!, $url: String!, $event: WebhookEventType!, $config: JSON) {
  create_webhook(board_id: $b, url: $url, event: $event, config: $config) { id board_id event config }
}`;

async function createWebhook(token: string, f: MondayFixture, url: string, event: string, config?: unknown) {
  const res = await sandbox.monday(token, CREATE_WEBHOOK, {
    b: f.boardId,
    url,
    event,
    ...(config ? { config: JSON.stringify(config) } : {}),
  });
  return res;
}

/** An OAuth 2.1 app of the account and an access token from it. */
function appToken(f: MondayFixture) {
  return mondayAppGrant(sandbox, { clientId: `hooks-app-${nextApp++}`, accountId: f.accountId });
}

describe('Monday sandbox webhooks', () => {
  it('verifies the URL with a challenge, then sends unsigned create, change, rename and delete events', async () => {
    const f = await newMondayLeadsBoard(sandbox);
    const hooks = await receiver();
    const created = await Promise.all(
      ['create_item', 'change_column_value', 'change_name', 'item_deleted'].map((event) =>
        createWebhook(f.personalToken, f, hooks.url, event),
      ),
    );
    for (const res of created) expect(res.body.errors).toBeUndefined();
    const [createItem] = created.map((r) => r.body.data.create_webhook);
    expect(createItem).toEqual({
      id: expect.any(String),
      board_id: String(f.boardId),
      event: 'create_item',
      config: null,
    });
    const challenges = hooks.requests.filter((r) => r.json.challenge);
    expect(challenges).toHaveLength(4);
    expect(challenges[0]!.json).toEqual({ challenge: expect.stringMatching(/^[A-Za-z0-9_-]{40,}$/) });
    expect(challenges[0]!.headers.authorization).toBeUndefined();

    const listed = await sandbox.monday(f.personalToken, `{ webhooks(board_id: ${f.boardId}) { id event } }`);
    expect(listed.body.data.webhooks.map((w: any) => w.event).sort()).toEqual([
      'change_column_value',
      'change_name',
      'create_item',
      'item_deleted',
    ]);

    const item = (
      await sandbox.monday(
        f.personalToken,
        `mutation($v: JSON) { create_item(board_id: ${f.boardId}, item_name: "Webhook lead", column_values: $v) { id } }`,
        { v: JSON.stringify({ status: { label: 'New' } }) },
      )
    ).body.data.create_item;
    const create = await waitFor('the create_pulse event', () =>
      mondayEvents(hooks).find((e) => e.type === 'create_pulse'),
    );
    expect(create).toEqual({
      app: 'monday',
      type: 'create_pulse',
      triggerTime: expect.stringMatching(/Z$/),
      subscriptionId: Number(createItem.id),
      isRetry: false,
      userId: f.ownerUserId,
      originalTriggerUuid: null,
      boardId: f.boardId,
      pulseId: Number(item.id),
      pulseName: 'Webhook lead',
      groupId: 'topics',
      groupName: 'Group Title',
      groupColor: '#579bfc',
      isTopGroup: true,
      columnValues: {
        status: expect.objectContaining({ label: expect.objectContaining({ index: 0, text: 'New' }) }),
      },
      triggerUuid: expect.stringMatching(/^[0-9a-f]{32}$/),
    });

    await sandbox.monday(
      f.personalToken,
      `mutation($v: JSON!) { change_multiple_column_values(board_id: ${f.boardId}, item_id: ${item.id}, column_values: $v) { id } }`,
      {
        v: {
          owner: { personsAndTeams: [{ id: f.reps.ada, kind: 'person' }] },
          status: { label: 'Done' },
          name: 'Renamed lead',
        },
      },
    );
    const changes = await waitFor('owner, status and name events', () => {
      const found = mondayEvents(hooks).filter(
        (e) => e.type === 'update_column_value' || e.type === 'update_name',
      );
      return found.length === 3 && found;
    });
    const owner = changes.find((e: any) => e.columnId === 'owner');
    expect(owner).toMatchObject({
      columnType: 'multiple-person',
      columnTitle: 'Owner',
      pulseId: Number(item.id),
      value: { personsAndTeams: [{ id: f.reps.ada, kind: 'person' }] },
      previousValue: null,
    });
    expect(owner.changedAt).toEqual(expect.any(Number));
    const status = changes.find((e: any) => e.columnId === 'status');
    expect(status).toMatchObject({
      columnType: 'color',
      value: { label: { index: 2, text: 'Done', is_done: true }, post_id: null },
      previousValue: { label: { index: 0, text: 'New' } },
    });
    expect(changes.find((e: any) => e.type === 'update_name')).toMatchObject({
      value: { name: 'Renamed lead' },
      previousValue: { name: 'Webhook lead' },
    });

    await sandbox.mondayControl('DELETE', `/accounts/${f.accountId}/items/${item.id}`);
    const deleted = await waitFor('the delete_pulse event', () =>
      mondayEvents(hooks).find((e) => e.type === 'delete_pulse'),
    );
    expect(deleted).toMatchObject({ itemId: Number(item.id), itemName: 'Renamed lead', boardId: f.boardId });
    for (const request of hooks.requests) expect(request.headers['content-type']).toBe('application/json');

    const removed = await sandbox.monday(
      f.personalToken,
      `mutation { delete_webhook(id: ${createItem.id}) { id board_id } }`,
    );
    expect(removed.body.data.delete_webhook).toEqual({ id: createItem.id, board_id: String(f.boardId) });
  });

  it('fails create_webhook when the URL does not echo the challenge', async () => {
    const f = await newMondayLeadsBoard(sandbox);
    const silent = await receiver(() => 200);
    const res = await createWebhook(f.personalToken, f, silent.url, 'create_item');
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ create_webhook: null });
    expect(res.body.errors[0]).toMatchObject({
      message: 'Failed to communicate with URL provided.',
      path: ['create_webhook'],
      extensions: { code: 'InvalidArgumentException', status_code: 200, error_data: { url: silent.url } },
    });
    const broken = await receiver(() => 500);
    expect(
      (await createWebhook(f.personalToken, f, broken.url, 'create_item')).body.errors[0].extensions.code,
    ).toBe('InvalidArgumentException');
    const missingBoard = await sandbox.monday(f.personalToken, CREATE_WEBHOOK, {
      b: 1,
      url: silent.url,
      event: 'create_item',
    });
    expect(missingBoard.body.errors[0]).toMatchObject({
      message: 'Board not found',
      extensions: { code: 'InvalidArgumentException' },
    });
    expect((await sandbox.mondayControl('GET', `/accounts/${f.accountId}/webhooks`)).webhooks).toEqual([]);
    const log = await sandbox.mondayControl('GET', `/accounts/${f.accountId}/webhooks/deliveries`);
    expect(log.deliveries.map((d: any) => [d.kind, d.outcome, d.statusCode])).toEqual([
      ['challenge', 'failed', 200],
      ['challenge', 'failed', 500],
    ]);
  });

  it('signs app-token webhooks with a JWT (aud = URL) verifiable with the signing secret', async () => {
    const f = await newMondayLeadsBoard(sandbox);
    const hooks = await receiver();
    const { accessToken, signingSecret } = await appToken(f);
    const res = await createWebhook(accessToken, f, hooks.url, 'change_status_column_value', {
      columnId: 'status',
      columnValue: { $any$: true },
    });
    expect(res.body.data.create_webhook.config).toBe('{"columnId":"status","columnValue":{"$any$":true}}');
    const [lead] = (
      await sandbox.mondayControl('POST', `/accounts/${f.accountId}/boards/${f.boardId}/items`, {
        items: [{ name: 'Signed lead', column_values: { status: { label: 'New' } } }],
      })
    ).items;
    // A person changes the status in Monday; a text change does not match the subscription.
    await sandbox.mondayControl('PATCH', `/accounts/${f.accountId}/items/${lead.id}`, {
      userId: f.reps.alan,
      column_values: { company: 'Ignored', status: { label: 'Stuck' } },
    });
    const event = await waitFor('the status event', () => mondayEvents(hooks)[0]);
    expect(event).toMatchObject({
      type: 'update_column_value',
      columnId: 'status',
      columnType: 'color',
      userId: f.reps.alan,
    });

    const key = new TextEncoder().encode(signingSecret);
    for (const request of hooks.requests) {
      const jwt = String(request.headers.authorization);
      const { payload, protectedHeader } = await jwtVerify(jwt, key, {
        audience: hooks.url,
        algorithms: ['HS256'],
      });
      expect(protectedHeader.alg).toBe('HS256');
      expect(payload).toEqual({
        accountId: f.accountId,
        userId: request.json.event ? f.reps.alan : f.ownerUserId,
        aud: hooks.url,
        exp: expect.any(Number),
        iat: expect.any(Number),
        shortLivedToken: expect.any(String),
      });
      expect(payload.exp! - payload.iat!).toBe(300);
      // The short-lived token works against the API as the triggering user.
      const me = await sandbox.monday(payload.shortLivedToken as string, '{ me { id } }');
      expect(me.body.data.me.id).toBe(String(payload.userId));
      await expect(jwtVerify(jwt, new TextEncoder().encode('another-secret'))).rejects.toThrow();
    }
    expect(mondayEvents(hooks)).toHaveLength(1);
  });

  it('retries failed deliveries on the account’s schedule with isRetry, then gives up', async () => {
    const f = await newMondayLeadsBoard(sandbox, { webhookRetryDelaysMs: [20, 20, 20] });
    const hooks = await receiver();
    await createWebhook(f.personalToken, f, hooks.url, 'create_item');
    let failures = 2;
    hooks.respond = (req) => (req.json.event && failures-- > 0 ? 503 : 200);
    await sandbox.mondayControl('POST', `/accounts/${f.accountId}/boards/${f.boardId}/items`, {
      items: [{ name: 'Retried' }],
    });
    const attempts = await waitFor('three attempts', () => {
      const found = mondayEvents(hooks);
      return found.length === 3 && found;
    });
    expect(attempts.map((e: any) => e.isRetry)).toEqual([false, true, true]);
    expect(new Set(attempts.map((e: any) => e.triggerUuid)).size).toBe(1);
    const log = await waitFor('the delivered record', async () => {
      const l = await sandbox.mondayControl('GET', `/accounts/${f.accountId}/webhooks/deliveries`);
      return l.deliveries.some((d: any) => d.outcome === 'delivered' && d.kind === 'event') && l;
    });
    expect(
      log.deliveries
        .filter((d: any) => d.kind === 'event')
        .map((d: any) => [d.attempt, d.statusCode, d.outcome]),
    ).toEqual([
      [0, 503, 'retrying'],
      [1, 503, 'retrying'],
      [2, 200, 'delivered'],
    ]);

    // A receiver that never recovers gets the first attempt and every retry, then nothing more.
    hooks.respond = (req) => (req.json.event ? 500 : mondayResponder()(req, 0));
    await sandbox.mondayControl('POST', `/accounts/${f.accountId}/boards/${f.boardId}/items`, {
      items: [{ name: 'Lost' }],
    });
    const failed = await waitFor('the failed record', async () => {
      const l = await sandbox.mondayControl('GET', `/accounts/${f.accountId}/webhooks/deliveries`);
      return l.deliveries.find((d: any) => d.outcome === 'failed');
    });
    expect(failed).toMatchObject({ attempt: 3, statusCode: 500, kind: 'event' });
    expect(mondayEvents(hooks).filter((e) => e.pulseName === 'Lost')).toHaveLength(4);
  });

  it('drops and duplicates events under faults, reproducibly with a seed', async () => {
    const f = await newMondayLeadsBoard(sandbox);
    const hooks = await receiver();
    await createWebhook(f.personalToken, f, hooks.url, 'create_item');
    await sandbox.mondayControl('PUT', `/accounts/${f.accountId}/faults`, { webhookDropRate: 1, seed: 7 });
    await sandbox.mondayControl('POST', `/accounts/${f.accountId}/boards/${f.boardId}/items`, {
      items: [{ name: 'Dropped 1' }, { name: 'Dropped 2' }],
    });
    const log = await sandbox.mondayControl('GET', `/accounts/${f.accountId}/webhooks/deliveries`);
    expect(log.dropped).toEqual([
      { webhookId: expect.any(Number), type: 'create_pulse', triggerUuid: expect.any(String) },
      { webhookId: expect.any(Number), type: 'create_pulse', triggerUuid: expect.any(String) },
    ]);

    await sandbox.mondayControl('PUT', `/accounts/${f.accountId}/faults`, {
      webhookDropRate: 0,
      webhookDuplicateRate: 1,
    });
    await sandbox.mondayControl('POST', `/accounts/${f.accountId}/boards/${f.boardId}/items`, {
      items: [{ name: 'Twice' }],
    });
    const twice = await waitFor('the duplicate', () => {
      const found = mondayEvents(hooks).filter((e) => e.pulseName === 'Twice');
      return found.length === 2 && found;
    });
    expect(twice[0].triggerUuid).toBe(twice[1].triggerUuid);
    expect(mondayEvents(hooks).some((e) => String(e.pulseName).startsWith('Dropped'))).toBe(false);
  });

  it('streams items onto a board, each firing create_item', async () => {
    const f = await newMondayLeadsBoard(sandbox);
    const hooks = await receiver();
    await createWebhook(f.personalToken, f, hooks.url, 'create_item');
    const started = await sandbox.mondayControl(
      'POST',
      `/accounts/${f.accountId}/boards/${f.boardId}/item-stream`,
      {
        perSecond: 200,
        count: 5,
        column_values: { status: { label: 'New' } },
      },
    );
    expect(started).toMatchObject({ boardId: f.boardId, perSecond: 200, count: 5 });
    const events = await waitFor('five create events', () => {
      const found = mondayEvents(hooks);
      return found.length === 5 && found;
    });
    expect(
      events.every((e: any) => e.type === 'create_pulse' && e.columnValues.status.label.text === 'New'),
    ).toBe(true);
    expect(
      await sandbox.mondayControl('GET', `/accounts/${f.accountId}/boards/${f.boardId}/item-stream`),
    ).toMatchObject({
      running: false,
      created: 5,
    });
    const board = await sandbox.mondayControl('GET', `/accounts/${f.accountId}/boards/${f.boardId}`);
    expect(board.itemsCount).toBe(5);
  });
});
