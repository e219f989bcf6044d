// Demo data for `npm start`: a HubSpot portal in the sandbox with owners and leads, connected to the
// demo tenant through the public API (a private-app token), plus an OAuth app so "Connect HubSpot"
// works against the sandbox too. Only the launcher knows it is talking to a sandbox.

const OWNERS = [
  { email: 'ada@demo.example', firstName: 'Ada', lastName: 'Lovelace' },
  { email: 'grace@demo.example', firstName: 'Grace', lastName: 'Hopper' },
  { email: 'alan@demo.example', firstName: 'Alan', lastName: 'Turing' },
  { email: 'katherine@demo.example', firstName: 'Katherine', lastName: 'Johnson' },
];

async function call(method, url, { body, key } = {}) {
  const res = await fetch(url, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(key ? { authorization: `Bearer ${key}` } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${new URL(url).pathname} → ${res.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : undefined;
}

async function untilReady(url, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Seeds the sandbox and connects it. Returns lines for the banner. `oauth` is the client the API
 * was started with, registered in the sandbox so the OAuth flow works end to end.
 */
export async function seedDemo({ apiUrl, sandboxUrl, adminKey, oauth, mondayOAuth }) {
  await untilReady(`${sandboxUrl}/health/ready`);
  const control = (method, path, body) => call(method, `${sandboxUrl}/_sandbox/hubspot${path}`, { body });
  const portal = await control('POST', '/portals', { name: 'Leadflow demo portal' });
  await control('POST', `/portals/${portal.portalId}/owners`, { owners: OWNERS });
  await control('POST', `/portals/${portal.portalId}/objects/leads/generate`, { count: 25 });
  await control('POST', '/apps', { ...oauth, portalId: portal.portalId });
  const connection = await call('POST', `${apiUrl}/v1/connections`, {
    key: adminKey,
    body: {
      provider: 'hubspot',
      authType: 'token',
      token: portal.privateAppToken,
      name: 'Demo HubSpot (sandbox)',
    },
  });
  const monday = await seedMonday({ apiUrl, sandboxUrl, adminKey, oauth: mondayOAuth });

  // HubSpot pushes new leads, and their stage changes (won/lost feed rep KPIs), to the app's one
  // webhook URL, signed with the app's client secret.
  await control('PUT', `/apps/${oauth.clientId}/webhooks`, {
    targetUrl: `${apiUrl}/v1/webhooks/hubspot`,
    subscriptions: [
      { eventType: 'object.creation', objectTypeId: '0-136' },
      { eventType: 'object.propertyChange', objectTypeId: '0-136', propertyName: 'hs_pipeline_stage' },
    ],
  });
  const owners = (await control('GET', `/portals/${portal.portalId}`)).owners ?? [];
  await setUpRouting({
    apiUrl,
    adminKey,
    hubspot: { connectionId: connection.id, ownerIds: owners.map((o) => String(o.id)) },
    monday: { connectionId: monday.connectionId, ownerIds: monday.userIds },
  });
  // New leads keep arriving, in both CRMs, and are routed as they come.
  await control('POST', `/portals/${portal.portalId}/lead-stream`, { perSecond: 0.2 });
  await call(
    'POST',
    `${sandboxUrl}/_sandbox/monday/accounts/${monday.accountId}/boards/${monday.boardId}/item-stream`,
    {
      body: { perSecond: 0.2 },
    },
  );
  return [
    `  HubSpot:     sandbox portal ${portal.portalId} connected as ${connection.id}`,
    `               health: ${apiUrl}/v1/connections/${connection.id}/health (with the admin key)`,
    `  Monday:      sandbox board ${monday.boardId} (account ${monday.accountId}) connected as ${monday.connectionId}`,
    `  Routing:     a new lead every 5 s in each CRM; watch ${apiUrl}/v1/leads (with the admin key)`,
  ];
}

/**
 * A Monday account with a leads board, connected by OAuth the way an admin would (the sandbox
 * consents by itself), so its webhooks are signed; then the board and its columns are chosen.
 */
async function seedMonday({ apiUrl, sandboxUrl, adminKey, oauth }) {
  const control = (method, path, body) => call(method, `${sandboxUrl}/_sandbox/monday${path}`, { body });
  const account = await control('POST', '/accounts', { name: 'Leadflow demo', plan: 'pro' });
  const { users } = await control('POST', `/accounts/${account.accountId}/users`, {
    users: OWNERS.map((o) => ({ name: `${o.firstName} ${o.lastName}`, email: o.email })),
  });
  const board = await control('POST', `/accounts/${account.accountId}/boards`, {
    name: 'Inbound leads',
    columns: [
      { id: 'person', title: 'Owner', type: 'people' },
      { id: 'status', title: 'Lead status', type: 'status' },
      { id: 'email', title: 'Email', type: 'email' },
      { id: 'phone', title: 'Phone', type: 'phone' },
      { id: 'company', title: 'Company', type: 'text' },
    ],
  });
  await control('POST', `/accounts/${account.accountId}/boards/${board.boardId}/items/generate`, {
    count: 10,
    name: 'Demo lead',
  });
  await control('POST', '/apps', { ...oauth, accountId: account.accountId, flow: 'oauth21' });
  const start = await call('POST', `${apiUrl}/v1/connections/monday/oauth/start`, {
    key: adminKey,
    body: {},
  });
  const consent = await fetch(start.authorizeUrl, { redirect: 'manual' });
  const callback = new URL(consent.headers.get('location'));
  const landed = await fetch(`${apiUrl}${callback.pathname}${callback.search}`, { redirect: 'manual' });
  const target = new URL(landed.headers.get('location'));
  const connectionId = target.pathname.split('/').at(-1);
  if (target.searchParams.get('connected') !== '1') {
    throw new Error(`Monday OAuth did not complete: ${target.searchParams.get('error_description')}`);
  }
  await call('PUT', `${apiUrl}/v1/connections/${connectionId}/source`, {
    key: adminKey,
    body: { sourceId: String(board.boardId), ownerField: 'person', statusField: 'status' },
  });
  return {
    accountId: account.accountId,
    boardId: board.boardId,
    connectionId,
    userIds: users.map((u) => String(u.id)),
  };
}

/**
 * The demo team: one rep per owner (with their HubSpot owner id and Monday user id), one
 * round-robin pool, a rule set that routes everything to it, and each connection's suggested
 * mapping published — what an admin would do in the console.
 */
async function setUpRouting({ apiUrl, adminKey, hubspot, monday }) {
  const api = (method, path, body) => call(method, `${apiUrl}${path}`, { key: adminKey, body });
  const existing = await api('GET', '/v1/pools?limit=200');
  if (existing.items.some((p) => p.name === 'Demo team')) return; // set up on an earlier start
  const reps = [];
  for (const [i, owner] of OWNERS.entries()) {
    const crmOwnerIds = {};
    if (hubspot.ownerIds[i]) crmOwnerIds[hubspot.connectionId] = hubspot.ownerIds[i];
    if (monday.ownerIds[i]) crmOwnerIds[monday.connectionId] = monday.ownerIds[i];
    reps.push(
      await api('POST', '/v1/reps', {
        name: `${owner.firstName} ${owner.lastName}`,
        email: owner.email,
        crmOwnerIds,
      }),
    );
  }
  const pool = await api('POST', '/v1/pools', {
    name: 'Demo team',
    strategy: 'round_robin',
    members: reps.map((r) => ({ repId: r.id })),
  });
  await api('PUT', '/v1/rule-sets/draft', {
    rules: [
      {
        id: 'everyone',
        name: 'Everyone to the demo team',
        action: { type: 'route_to_pool', poolId: pool.id },
        ownerPolicy: 'override',
      },
    ],
  });
  await api('POST', '/v1/rule-sets/draft/publish');
  for (const connectionId of [hubspot.connectionId, monday.connectionId]) {
    const draft = await api('GET', `/v1/connections/${connectionId}/mapping/draft`);
    await api('PUT', `/v1/connections/${connectionId}/mapping/draft`, draft.mapping);
    await api('POST', `/v1/connections/${connectionId}/mapping/publish`);
  }
}
