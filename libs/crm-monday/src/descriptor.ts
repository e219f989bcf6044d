import { defineProviderDescriptor } from '@leadflow/crm';

/** The one object type Leadflow routes on Monday: the items of the board the admin chose. */
export const MONDAY_ITEMS = 'items';

/**
 * Monday.com, from docs/reference apis.md ("Monday.com") and Monday's rate-limit page.
 *
 * Auth: OAuth 2.1 (PKCE S256, JSON token endpoint on the auth host, expiring JWT access tokens with
 * rotating refresh tokens) or a personal API token. Scopes are all required: Leadflow cannot route
 * without reading boards and users, writing the owner column, and managing its webhooks.
 *
 * Capabilities: webhooks (per board, created by API with an OAuth token; docs/adr/0016), no search
 * API Leadflow relies on (changes are listed with `items_page` filters), no batch write (one
 * `change_multiple_column_values` per item), owner write through a People column.
 *
 * Rate limits: the shared limiter counts requests, so the descriptor holds the per-minute request
 * limit of the lowest plan (1,000; Pro 2,500, Enterprise 5,000). Monday's other budgets are not
 * counts the limiter could keep (docs/adr/0015): complexity points per query and per minute, 40+
 * concurrent requests, and a daily call cap that differs tenfold by plan. Their errors are parsed
 * into RATE_LIMITED with Monday's own `retry_in_seconds`, which the factory honours.
 */
export const mondayDescriptor = defineProviderDescriptor({
  name: 'monday',
  displayName: 'monday.com',
  authKinds: ['oauth', 'token'],
  oauth: {
    authorize: { base: 'auth', path: '/oauth2/authorize' },
    token: { base: 'auth', path: '/oauth_ms/oauth/token', bodyEncoding: 'json' },
    scopes: [
      'boards:read',
      'boards:write',
      'users:read',
      'webhooks:read',
      'webhooks:write',
      'me:read',
      'account:read',
    ],
    optionalScopes: [],
    scopeSeparator: ' ',
    pkce: true,
  },
  capabilities: { webhooks: true, search: false, batchWrite: false, ownerWrite: true },
  rateLimits: [
    {
      bucket: 'default',
      limit: 1_000,
      intervalMs: 60_000,
      note:
        'requests per minute per account and app: 1,000 (Pro 2,500, Enterprise 5,000); complexity, ' +
        'concurrency and the daily cap are honoured from Monday’s retry_in_seconds',
    },
  ],
  objects: [
    {
      type: MONDAY_ITEMS,
      displayName: 'Board items',
      readScopes: ['boards:read'],
      writeScopes: ['boards:write'],
    },
  ],
});
