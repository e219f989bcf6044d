// Setting Leadflow up against the sandbox through the public API, the way an admin would: shared by
// the `npm start` demo (demo-seed.mjs), the lab harness (lab/stack.ts) and the end-to-end tests, so
// the three cannot drift apart. Plain ESM so `npm start` needs no TypeScript; types in the .d.mts.

/** A JSON call; throws with the method, path, status and the start of the body on a non-2xx. */
export async function callJson(method, url, { body, key } = {}) {
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

/** The board every setup uses: People column for the owner, Status column for status parity. */
export const LEADS_BOARD_COLUMNS = [
  { id: 'person', title: 'Owner', type: 'people' },
  { id: 'status', title: 'Lead status', type: 'status' },
  { id: 'email', title: 'Email', type: 'email' },
  { id: 'phone', title: 'Phone', type: 'phone' },
  { id: 'company', title: 'Company', type: 'text' },
];

/** A Monday account in the sandbox with the given users and a leads board. */
export async function createMondayBoard({ sandboxUrl, account, users }) {
  const control = (method, path, body) => callJson(method, `${sandboxUrl}/_sandbox/monday${path}`, { body });
  const created = await control('POST', '/accounts', { plan: 'pro', ...account });
  const { users: made } = await control('POST', `/accounts/${created.accountId}/users`, { users });
  const board = await control('POST', `/accounts/${created.accountId}/boards`, {
    name: 'Inbound leads',
    columns: LEADS_BOARD_COLUMNS,
  });
  return {
    accountId: created.accountId,
    ownerUserId: String(created.ownerUserId),
    boardId: board.boardId,
    userIds: made.map((u) => String(u.id)),
  };
}

/**
 * Connects a sandbox Monday board by OAuth (the sandbox consents by itself, so its webhooks are
 * signed), then chooses the board and its owner and status columns, which subscribes the webhooks.
 * `app` is the OAuth client the API was started with; it is registered in the sandbox first.
 */
export async function connectMondayBoard({ apiUrl, sandboxUrl, adminKey, app, accountId, boardId }) {
  await callJson('POST', `${sandboxUrl}/_sandbox/monday/apps`, {
    body: { ...app, accountId, flow: 'oauth21' },
  });
  const start = await callJson('POST', `${apiUrl}/v1/connections/monday/oauth/start`, {
    key: adminKey,
    body: {},
  });
  const consent = await fetch(start.authorizeUrl, { redirect: 'manual' });
  const callback = new URL(consent.headers.get('location') ?? '');
  const landed = await fetch(`${apiUrl}${callback.pathname}${callback.search}`, { redirect: 'manual' });
  const target = new URL(landed.headers.get('location') ?? '', apiUrl);
  if (target.searchParams.get('connected') !== '1') {
    throw new Error(`Monday OAuth did not complete: ${target.searchParams.get('error_description')}`);
  }
  const connectionId = target.pathname.split('/').at(-1) ?? '';
  await callJson('PUT', `${apiUrl}/v1/connections/${connectionId}/source`, {
    key: adminKey,
    body: { sourceId: String(boardId), ownerField: 'person', statusField: 'status' },
  });
  return connectionId;
}

/**
 * A team that takes every lead: the reps, one round-robin pool of them, a published rule set that
 * routes everything to it, and each connection's suggested mapping published.
 */
export async function setUpRoundRobinTeam({ apiUrl, adminKey, teamName, reps, connectionIds }) {
  const api = (method, path, body) => callJson(method, `${apiUrl}${path}`, { key: adminKey, body });
  const repIds = [];
  for (const rep of reps) repIds.push((await api('POST', '/v1/reps', rep)).id);
  const pool = await api('POST', '/v1/pools', {
    name: teamName,
    strategy: 'round_robin',
    members: repIds.map((repId) => ({ repId })),
  });
  await api('PUT', '/v1/rule-sets/draft', {
    rules: [
      {
        id: 'everyone',
        name: `Everyone to ${teamName}`,
        action: { type: 'route_to_pool', poolId: pool.id },
        ownerPolicy: 'override',
      },
    ],
  });
  await api('POST', '/v1/rule-sets/draft/publish');
  for (const connectionId of connectionIds) {
    const draft = await api('GET', `/v1/connections/${connectionId}/mapping/draft`);
    await api('PUT', `/v1/connections/${connectionId}/mapping/draft`, draft.mapping);
    await api('POST', `/v1/connections/${connectionId}/mapping/publish`);
  }
  return { repIds, poolId: pool.id };
}
