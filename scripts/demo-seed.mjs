// Demo data for `npm start`: a HubSpot portal in the sandbox with owners and leads, connected to the
// demo tenant through the public API (a private-app token), plus an OAuth app so "Connect HubSpot"
// works against the sandbox too. Only the launcher knows it is talking to a sandbox.

import { callJson, connectMondayBoard, createMondayBoard, setUpRoundRobinTeam } from './sandbox-setup.mjs';

const OWNERS = [
  { email: 'ada@demo.example', firstName: 'Ada', lastName: 'Lovelace' },
  { email: 'grace@demo.example', firstName: 'Grace', lastName: 'Hopper' },
  { email: 'alan@demo.example', firstName: 'Alan', lastName: 'Turing' },
  { email: 'katherine@demo.example', firstName: 'Katherine', lastName: 'Johnson' },
];

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
  const control = (method, path, body) => callJson(method, `${sandboxUrl}/_sandbox/hubspot${path}`, { body });
  const portal = await control('POST', '/portals', { name: 'Leadflow demo portal' });
  await control('POST', `/portals/${portal.portalId}/owners`, { owners: OWNERS });
  await control('POST', `/portals/${portal.portalId}/objects/leads/generate`, { count: 25 });
  await control('POST', '/apps', { ...oauth, portalId: portal.portalId });
  const connection = await callJson('POST', `${apiUrl}/v1/connections`, {
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
  await callJson(
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
 * A Monday account with a leads board and some items already on it, connected by OAuth the way an
 * admin would; the board and its owner and status columns are chosen.
 */
async function seedMonday({ apiUrl, sandboxUrl, adminKey, oauth }) {
  const board = await createMondayBoard({
    sandboxUrl,
    account: { name: 'Leadflow demo' },
    users: OWNERS.map((o) => ({ name: `${o.firstName} ${o.lastName}`, email: o.email })),
  });
  await callJson(
    'POST',
    `${sandboxUrl}/_sandbox/monday/accounts/${board.accountId}/boards/${board.boardId}/items/generate`,
    { body: { count: 10, name: 'Demo lead' } },
  );
  const connectionId = await connectMondayBoard({
    apiUrl,
    sandboxUrl,
    adminKey,
    app: oauth,
    accountId: board.accountId,
    boardId: board.boardId,
  });
  return { ...board, connectionId };
}

/**
 * The demo team: one rep per owner (with their HubSpot owner id and Monday user id), one
 * round-robin pool, a rule set that routes everything to it, and each connection's suggested
 * mapping published — what an admin would do in the console.
 */
async function setUpRouting({ apiUrl, adminKey, hubspot, monday }) {
  const existing = await callJson('GET', `${apiUrl}/v1/pools?limit=200`, { key: adminKey });
  if (existing.items.some((p) => p.name === 'Demo team')) return; // set up on an earlier start
  await setUpRoundRobinTeam({
    apiUrl,
    adminKey,
    teamName: 'Demo team',
    reps: OWNERS.map((owner, i) => {
      const crmOwnerIds = {};
      if (hubspot.ownerIds[i]) crmOwnerIds[hubspot.connectionId] = hubspot.ownerIds[i];
      if (monday.ownerIds[i]) crmOwnerIds[monday.connectionId] = monday.ownerIds[i];
      return { name: `${owner.firstName} ${owner.lastName}`, email: owner.email, crmOwnerIds };
    }),
    connectionIds: [hubspot.connectionId, monday.connectionId],
  });
}
