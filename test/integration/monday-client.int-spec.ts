import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthKind, type CrmCallSpec, CrmError, type CrmRecord, type CrmTransport } from '@leadflow/crm';
import { validate } from '@leadflow/field-mapping';
import { MondayCrmClient, mondayAdapter, mondayDefaultMapping, mondayOAuth } from '@leadflow/crm-monday';
import { type MondaySandbox, mondaySandbox, startWebhookEndpoint } from './support/monday-sandbox';
import { type RunningSandbox, startSandbox } from './support/sandbox';

// The Monday adapter against the in-process sandbox, over real HTTP, with a transport that only
// hands over a fixed token: no retries, so every Monday answer reaches the adapter as it was sent.

let sandbox: RunningSandbox;
let monday: MondaySandbox;
let base: string;

/** Passes each call straight to the request with a fixed token and a signal that never aborts. */
function passThrough(accessToken: string): { transport: CrmTransport; calls: CrmCallSpec[] } {
  const calls: CrmCallSpec[] = [];
  const signal = new AbortController().signal;
  return {
    calls,
    transport: {
      call: (spec, request) => {
        calls.push(spec);
        return request({ accessToken, signal });
      },
    },
  };
}

function mondayClient(
  accessToken: string,
  options: { settings?: Record<string, unknown>; authType?: AuthKind; now?: () => number } = {},
) {
  const { transport, calls } = passThrough(accessToken);
  const client = new MondayCrmClient(
    {
      connection: {
        id: 'connection-1',
        tenantId: 'tenant-1',
        provider: 'monday',
        authType: options.authType ?? 'token',
        externalAccountId: '',
        settings: options.settings ?? {},
      },
      transport,
      endpoints: { apiBaseUrl: `${base}/v2`, authBaseUrl: base },
    },
    options.now === undefined ? {} : { now: options.now },
  );
  return { client, calls };
}

async function failure(promise: Promise<unknown>): Promise<CrmError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CrmError);
  return error as CrmError;
}

const LEADS_BOARD = {
  name: 'Inbound leads',
  groups: [{ id: 'new_leads', title: 'New leads' }],
  columns: [
    { id: 'person', title: 'Sales rep', type: 'people' },
    {
      id: 'status',
      title: 'Lead status',
      type: 'status',
      labels: [
        { label: 'Working on it', index: 0 },
        { label: 'Won', index: 1, isDone: true },
        { label: 'Lost', index: 2 },
        { label: 'New lead', index: 5 },
      ],
    },
    { id: 'email', title: 'Email', type: 'email' },
    { id: 'phone', title: 'Phone', type: 'phone' },
    { id: 'company', title: 'Company', type: 'text' },
    { id: 'budget', title: 'Budget', type: 'numbers' },
    { id: 'products', title: 'Products of interest', type: 'dropdown', options: ['Routing', 'Scoring'] },
  ],
};

interface Fixture {
  accountId: number;
  token: string;
  ownerUserId: number;
  reps: { id: number; name: string; enabled: boolean }[];
  boardId: string;
  otherBoardId: string;
  settings: Record<string, unknown>;
}

let fx: Fixture;

async function newAccount(name: string): Promise<Fixture> {
  const { accountId, personalToken, ownerUserId } = await monday.account({ name });
  const reps = await monday.users(accountId, [
    { name: 'Sam Rivera', email: `sam-${accountId}@acme.example` },
    { name: 'Ana Ruiz', email: `ana-${accountId}@acme.example` },
    { name: 'Former Rep', email: `former-${accountId}@acme.example`, enabled: false },
  ]);
  const board = await monday.board(accountId, LEADS_BOARD);
  const other = await monday.board(accountId, {
    name: 'Support',
    columns: [{ id: 'person', title: 'Agent', type: 'people' }],
  });
  const boardId = String(board.boardId);
  return {
    accountId,
    token: personalToken,
    ownerUserId,
    reps,
    boardId,
    otherBoardId: String(other.boardId),
    settings: { boardId, ownerColumnId: 'person', statusColumnId: 'status' },
  };
}

beforeAll(async () => {
  sandbox = await startSandbox();
  monday = mondaySandbox(sandbox);
  base = sandbox.baseUrl;
  fx = await newAccount('Acme Robotics');
});

afterAll(async () => {
  await sandbox?.close();
});

describe('MondayCrmClient against the sandbox: reading', () => {
  it('reads the account of a personal token', async () => {
    const { client, calls } = mondayClient(fx.token);
    expect(await client.getAccount()).toEqual({
      externalAccountId: String(fx.accountId),
      name: 'Acme Robotics',
      scopes: [],
    });
    expect(calls).toEqual([{ operation: 'account.read', family: 'metadata', bucket: 'default' }]);
  });

  it('lists every user as an owner, deactivated ones flagged', async () => {
    const owners = await mondayClient(fx.token).client.listOwners();
    const byId = new Map(owners.map((o) => [o.id, o]));
    expect(byId.get(String(fx.ownerUserId))?.active).toBe(true);
    expect(byId.get(String(fx.reps[0]!.id))).toMatchObject({
      firstName: 'Sam',
      lastName: 'Rivera',
      active: true,
    });
    expect(byId.get(String(fx.reps[2]!.id))).toMatchObject({ active: false });
  });

  it('lists boards as sources, gives their fields and checks a selection', async () => {
    const { client } = mondayClient(fx.token);
    const sources = await client.sources.list();
    expect(sources).toEqual(
      expect.arrayContaining([
        { id: fx.boardId, name: 'Inbound leads', kind: 'board', itemCount: expect.any(Number) as number },
      ]),
    );
    const fields = await client.sources.fields(fx.boardId);
    expect(fields.find((f) => f.name === 'person')).toMatchObject({ object: 'column', type: 'people' });
    expect(
      await client.sources.checkSelection({
        sourceId: fx.boardId,
        ownerField: 'person',
        statusField: 'status',
      }),
    ).toEqual([]);
    const problems = await client.sources.checkSelection({
      sourceId: fx.boardId,
      ownerField: 'email',
      statusField: 'company',
    });
    expect(problems.map((p) => p.field)).toEqual(['ownerField', 'statusField']);
    expect(await client.sources.checkSelection({ sourceId: '999999999', ownerField: 'person' })).toEqual([
      { field: 'sourceId', message: 'board 999999999 does not exist or is not active' },
    ]);
  });

  it('discovers the board’s columns with status labels, and the default mapping validates against them', async () => {
    const fields = await mondayClient(fx.token, { settings: fx.settings }).client.listFields('items');
    const status = fields.find((f) => f.name === 'status');
    expect(status?.options).toEqual(
      expect.arrayContaining([
        { value: 'Won', label: 'Won', statusHint: 'won' },
        { value: 'New lead', label: 'New lead' },
      ]),
    );
    expect(fields.find((f) => f.name === 'products')?.options?.map((o) => o.value)).toEqual([
      'Routing',
      'Scoring',
    ]);
    const mapping = mondayDefaultMapping(fields);
    expect(validate(mapping, fields).filter((p) => p.severity === 'error')).toEqual([]);
    expect(mondayAdapter.defaultMapping('items', fields)).toEqual(mapping);
  });

  it('fetches items by id: other boards, deleted and unknown ids are missing', async () => {
    const [lead, deleted] = await monday.items(fx.accountId, Number(fx.boardId), [
      {
        name: 'Jane Cooper',
        column_values: {
          email: { email: 'jane@acme.example', text: 'jane@acme.example' },
          phone: { phone: '4155552671', countryShortName: 'US' },
          company: 'Acme Robotics',
          budget: '25000',
          status: { label: 'New lead' },
          person: { personsAndTeams: [{ id: fx.reps[0]!.id, kind: 'person' }] },
        },
      },
      { name: 'Removed' },
    ]);
    const [elsewhere] = await monday.items(fx.accountId, Number(fx.otherBoardId), [{ name: 'Ticket' }]);
    await monday.control('DELETE', `/accounts/${fx.accountId}/items/${deleted!.id}`);

    const { client, calls } = mondayClient(fx.token, { settings: fx.settings });
    const ids = [String(lead!.id), String(deleted!.id), String(elsewhere!.id), '999999999'];
    const { records, missing } = await client.fetchLeads('items', ids);
    expect(records.map((r) => r.externalId)).toEqual([String(lead!.id)]);
    expect(missing).toEqual([String(deleted!.id), String(elsewhere!.id), '999999999']);
    expect(calls).toEqual([{ operation: 'items.read', family: 'read', bucket: 'default' }]);
    const jane = records[0]!;
    expect(jane).toMatchObject({
      object: 'item',
      properties: { name: 'Jane Cooper', group: 'New leads' },
      ownerId: String(fx.reps[0]!.id),
    });
    expect(jane.columns?.['status']?.text).toBe('New lead');
    expect(jane.columns?.['email']?.type).toBe('email');
    expect(jane.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('samples the newest items of the board', async () => {
    const sample = await mondayClient(fx.token, { settings: fx.settings }).client.sampleLeads('items', 2);
    expect(sample.length).toBeGreaterThan(0);
    const created = sample.map((r) => r.createdAt ?? '');
    expect([...created].sort().reverse()).toEqual(created);
  });
});

describe('MondayCrmClient against the sandbox: listing changes', () => {
  let account: Fixture;
  const start = Date.parse('2026-11-20T09:00:00Z');

  beforeAll(async () => {
    account = await newAccount('Changes');
    // 7 items one minute apart from 09:00; the window [09:01, 09:06) holds five of them.
    await monday.control('POST', `/accounts/${account.accountId}/boards/${account.boardId}/items/generate`, {
      count: 7,
      name: 'Lead',
      startAt: start,
      stepMs: 60_000,
    });
  });

  const window = {
    objectType: 'items',
    since: new Date(start + 60_000),
    until: new Date(start + 6 * 60_000),
  };

  async function listAll(
    client: MondayCrmClient,
    limit: number,
    between?: () => Promise<void>,
  ): Promise<CrmRecord[]> {
    const records: CrmRecord[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 20; page++) {
      const result = await client.listChangedLeads({
        ...window,
        limit,
        ...(cursor === undefined ? {} : { cursor }),
      });
      records.push(...result.items);
      if (result.nextCursor === null) return records;
      cursor = result.nextCursor;
      await between?.();
    }
    throw new Error('the listing did not end');
  }

  it('pages through exactly the window, oldest first', async () => {
    const { client } = mondayClient(account.token, { settings: account.settings });
    const records = await listAll(client, 2);
    expect(records.map((r) => r.properties['name'])).toEqual([
      'Lead 2',
      'Lead 3',
      'Lead 4',
      'Lead 5',
      'Lead 6',
    ]);
  });

  it('restarts the window when Monday’s cursor expires: nothing is lost, duplicates are allowed', async () => {
    const { client } = mondayClient(account.token, { settings: account.settings });
    const records = await listAll(client, 2, () =>
      monday.control('POST', `/accounts/${account.accountId}/expire-cursors`).then(() => undefined),
    );
    const names = new Set(records.map((r) => r.properties['name']));
    expect([...names].sort()).toEqual(['Lead 2', 'Lead 3', 'Lead 4', 'Lead 5', 'Lead 6']);
  });
});

describe('MondayCrmClient against the sandbox: writing owners', () => {
  it('writes the owner (and the status label) per item, reporting each outcome', async () => {
    const [first, second, gone] = await monday.items(fx.accountId, Number(fx.boardId), [
      { name: 'Lead A', column_values: { status: { label: 'New lead' } } },
      { name: 'Lead B' },
      { name: 'Lead C' },
    ]);
    await monday.control('DELETE', `/accounts/${fx.accountId}/items/${gone!.id}`);
    const settings = { ...fx.settings, statusLabelOnAssign: 'Working on it' };
    const { client, calls } = mondayClient(fx.token, { settings });
    const outcomes = await client.assignOwners('items', [
      { externalId: String(first!.id), ownerId: String(fx.reps[0]!.id) },
      { externalId: String(second!.id), ownerId: '987654321' },
      { externalId: String(gone!.id), ownerId: String(fx.reps[1]!.id) },
    ]);
    expect(outcomes.map((o) => (o.ok ? 'ok' : o.code))).toEqual(['ok', 'INVALID_REQUEST', 'NOT_FOUND']);
    const unknownUser = outcomes[1]!;
    expect(!unknownUser.ok && unknownUser.message).toContain('user 987654321');
    expect(calls.every((c) => c.family === 'write')).toBe(true);

    const written = await monday.item(fx.accountId, first!.id);
    expect(written.column_values.person.value.personsAndTeams).toEqual([
      { id: fx.reps[0]!.id, kind: 'person' },
    ]);
    expect(written.column_values.status.text).toBe('Working on it');
    const read = await client.fetchLeads('items', [String(first!.id)]);
    expect(read.records[0]!.ownerId).toBe(String(fx.reps[0]!.id));
  });

  it('a deleted owner column is a non-retried INVALID_REQUEST naming the setting', async () => {
    const [item] = await monday.items(fx.accountId, Number(fx.boardId), [{ name: 'Lead D' }]);
    const { client } = mondayClient(fx.token, {
      settings: { ...fx.settings, ownerColumnId: 'no_such_column' },
    });
    const error = await failure(
      client.assignOwner('items', { externalId: String(item!.id), ownerId: String(fx.reps[0]!.id) }),
    );
    expect(error.code).toBe('INVALID_REQUEST');
    expect(error.retryable).toBe(false);
    expect(error.fields[0]?.field).toBe('ownerColumnId');
    expect(error.message).toContain('no_such_column');
  });
});

describe('Monday OAuth 2.1 against the sandbox', () => {
  it('runs authorize with PKCE, exchange, rotating refresh and a refused reused refresh token', async () => {
    const account = await newAccount('OAuth Co');
    const app = await monday.oauthApp(account.accountId);
    const endpoints = { apiBaseUrl: `${base}/v2`, authBaseUrl: base };
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const redirectUri = 'http://localhost:9999/v1/oauth/monday/callback';
    const consent = await fetch(
      mondayOAuth.authorizeUrl({
        endpoints,
        clientId: app.clientId,
        redirectUri,
        state: 'xyz',
        codeChallenge: challenge,
      }),
      { redirect: 'manual' },
    );
    expect(consent.status).toBe(302);
    const callback = new URL(consent.headers.get('location')!);
    expect(callback.searchParams.get('state')).toBe('xyz');
    const code = callback.searchParams.get('code');
    expect(code).not.toBeNull();

    const client = { clientId: app.clientId, clientSecret: app.clientSecret };
    const tokens = await mondayOAuth.exchangeCode({
      endpoints,
      client,
      code: code!,
      redirectUri,
      codeVerifier: verifier,
    });
    expect(tokens.refreshToken).toEqual(expect.any(String));
    expect(tokens.expiresAt!.getTime()).toBeGreaterThan(Date.now());
    expect(tokens.externalAccountId).toBe(String(account.accountId));
    expect(tokens.scopes).toEqual(expect.arrayContaining(['boards:read', 'boards:write', 'webhooks:write']));

    const oauthClient = mondayClient(tokens.accessToken, { authType: 'oauth' }).client;
    expect((await oauthClient.getAccount()).externalAccountId).toBe(String(account.accountId));

    const refreshed = await mondayOAuth.refresh({ endpoints, client, refreshToken: tokens.refreshToken! });
    expect(refreshed.refreshToken).not.toBe(tokens.refreshToken);
    expect(refreshed.accessToken).not.toBe(tokens.accessToken);
    const reused = await failure(
      mondayOAuth.refresh({ endpoints, client, refreshToken: tokens.refreshToken! }),
    );
    expect(reused.code).toBe('AUTH_REVOKED');
    expect(reused.message).not.toContain(tokens.refreshToken!);
    expect(reused.message).not.toContain(app.clientSecret);
  });

  it('an expired access token is AUTH_EXPIRED (refresh once); a personal token that stops working is AUTH_REVOKED', async () => {
    const account = await newAccount('Expiry Co');
    const app = await monday.oauthApp(account.accountId);
    const tokens = await authorize(app);
    await monday.control('POST', `/accounts/${account.accountId}/expire-access-tokens`);
    expect(
      (await failure(mondayClient(tokens.accessToken, { authType: 'oauth' }).client.listOwners())).code,
    ).toBe('AUTH_EXPIRED');
    expect((await failure(mondayClient('not-a-token').client.getAccount())).code).toBe('AUTH_REVOKED');
  });
});

describe('Monday limits and faults against the sandbox', () => {
  it('a minute-limit storm is RATE_LIMITED with Monday’s wait; an outage TEMPORARY', async () => {
    const account = await newAccount('Busy Co');
    const { client } = mondayClient(account.token, { settings: account.settings });
    await monday.control('PUT', `/accounts/${account.accountId}/faults`, { rateLimitStormMs: 30_000 });
    const limited = await failure(client.listOwners());
    expect(limited.code).toBe('RATE_LIMITED');
    expect(limited.retryAfterMs).toBeGreaterThan(0);
    expect(limited.retryAfterMs).toBeLessThanOrEqual(30_000);
    await monday.control('PUT', `/accounts/${account.accountId}/faults`, {
      rateLimitStormMs: 0,
      complexityStormMs: 20_000,
    });
    const complexity = await failure(client.fetchLeads('items', ['1']));
    expect(complexity.details).toMatchObject({ code: 'RATE_LIMITED', policy: 'complexity' });
    await monday.control('DELETE', `/accounts/${account.accountId}/faults`);
    await monday.control('PUT', `/accounts/${account.accountId}/faults`, { outage: { durationMs: 30_000 } });
    expect((await failure(client.getAccount())).code).toBe('TEMPORARY');
    await monday.control('DELETE', `/accounts/${account.accountId}/faults`);
    await expect(client.getAccount()).resolves.toMatchObject({
      externalAccountId: String(account.accountId),
    });
  });
});

describe('Monday webhooks against the sandbox', () => {
  it('subscribes the board with the OAuth token, answers the challenge, and verifies signed events', async () => {
    const account = await newAccount('Hooks Co');
    const app = await monday.oauthApp(account.accountId);
    const tokens = await authorize(app);
    const verdicts: Awaited<ReturnType<NonNullable<typeof mondayAdapter.webhookReceiver>['receive']>>[] = [];
    const endpoint = await startWebhookEndpoint('/v1/webhooks/monday/connection-1', async (request) => {
      const verdict = await mondayAdapter.webhookReceiver!.receive(
        {
          method: 'POST',
          url: request.url,
          headers: Object.fromEntries(
            Object.entries(request.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]),
          ),
          body: request.body,
          receivedAt: new Date(),
        },
        {
          secret: app.signingSecret,
          connection: {
            id: 'connection-1',
            tenantId: 't',
            provider: 'monday',
            authType: 'oauth',
            externalAccountId: String(account.accountId),
            settings: account.settings,
          },
        },
      );
      verdicts.push(verdict);
      if (verdict.kind === 'challenge') return { status: 200, body: verdict.response };
      return verdict.kind === 'events'
        ? { status: 200 }
        : { status: verdict.status, body: { reason: verdict.reason } };
    });
    try {
      const { client } = mondayClient(tokens.accessToken, { authType: 'oauth', settings: account.settings });
      const wanted = mondayAdapter.webhookSubscriptions!(account.settings, endpoint.url);
      const subscribed = await client.webhooks!.ensure(wanted);
      expect(subscribed.map((s) => s.event).sort()).toEqual(
        [`change_status_column_value:status@${account.boardId}`, `create_item@${account.boardId}`].sort(),
      );
      expect(verdicts.filter((v) => v.kind === 'challenge')).toHaveLength(2);
      // Idempotent: nothing new is created.
      expect(await client.webhooks!.ensure(wanted)).toHaveLength(2);
      expect(verdicts.filter((v) => v.kind === 'challenge')).toHaveLength(2);
      expect((await client.webhooks!.list()).map((s) => s.event).sort()).toEqual(
        subscribed.map((s) => s.event).sort(),
      );

      const [item] = await monday.items(account.accountId, Number(account.boardId), [
        { name: 'Webhook lead' },
      ]);
      await monday.control('PATCH', `/accounts/${account.accountId}/items/${item!.id}`, {
        column_values: { status: { label: 'Won' } },
      });
      const events = await waitFor(() => {
        const all = verdicts.flatMap((v) => (v.kind === 'events' ? v.events : []));
        return all.length >= 2 ? all : undefined;
      });
      expect(events.map((e) => [e.type, e.externalId, e.externalAccountId])).toEqual([
        ['created', String(item!.id), String(account.accountId)],
        ['status_changed', String(item!.id), String(account.accountId)],
      ]);
      expect(verdicts.some((v) => v.kind === 'rejected')).toBe(false);

      for (const subscription of await client.webhooks!.list())
        await client.webhooks!.remove(subscription.id);
      expect(await client.webhooks!.list()).toEqual([]);
      await expect(client.webhooks!.remove(subscribed[0]!.id)).resolves.toBeUndefined();
    } finally {
      await endpoint.close();
    }
  });

  it('refuses a delivery signed with another secret', async () => {
    const account = await newAccount('Forged Co');
    const app = await monday.oauthApp(account.accountId);
    const tokens = await authorize(app);
    const refusals: string[] = [];
    const endpoint = await startWebhookEndpoint('/hook', async (request) => {
      const verdict = await mondayAdapter.webhookReceiver!.receive(
        {
          method: 'POST',
          url: request.url,
          headers: { authorization: request.headers.authorization },
          body: request.body,
          receivedAt: new Date(),
        },
        { secret: 'not-the-signing-secret', connection: null },
      );
      if (verdict.kind === 'challenge') return { status: 200, body: verdict.response };
      if (verdict.kind === 'rejected') refusals.push(verdict.reason);
      return { status: verdict.kind === 'rejected' ? verdict.status : 200 };
    });
    try {
      const { client } = mondayClient(tokens.accessToken, { authType: 'oauth', settings: account.settings });
      await client.webhooks!.ensure([
        { event: `create_item@${account.boardId}`, objectType: 'items', targetUrl: endpoint.url },
      ]);
      await monday.items(account.accountId, Number(account.boardId), [{ name: 'Forged?' }]);
      expect(await waitFor(() => (refusals.length > 0 ? refusals : undefined))).toEqual([
        'monday webhook JWT: bad_signature',
      ]);
    } finally {
      await endpoint.close();
    }
  });
});

/** A fresh OAuth grant for `app` (the sandbox consents automatically). */
async function authorize(app: { clientId: string; clientSecret: string }) {
  const endpoints = { apiBaseUrl: `${base}/v2`, authBaseUrl: base };
  const verifier = randomBytes(32).toString('base64url');
  const redirectUri = 'http://localhost:9999/cb';
  const consent = await fetch(
    mondayOAuth.authorizeUrl({
      endpoints,
      clientId: app.clientId,
      redirectUri,
      state: 's',
      codeChallenge: createHash('sha256').update(verifier).digest('base64url'),
    }),
    { redirect: 'manual' },
  );
  const code = new URL(consent.headers.get('location')!).searchParams.get('code')!;
  return mondayOAuth.exchangeCode({
    endpoints,
    client: { clientId: app.clientId, clientSecret: app.clientSecret },
    code,
    redirectUri,
    codeVerifier: verifier,
  });
}

async function waitFor<T>(check: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
