import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RunningSandbox } from './sandbox';

/**
 * Helpers for the sandbox's Monday control API (`/_sandbox/monday…`), beside the HubSpot ones in
 * sandbox.ts: accounts with a personal token, users, boards with typed columns, items, OAuth apps,
 * read-back and the webhook delivery log. Test-only; Leadflow's code never calls these.
 */
export interface MondaySandbox {
  control<T = any>(method: string, path: string, body?: unknown): Promise<T>;
  account(
    input?: Record<string, unknown>,
  ): Promise<{ accountId: number; personalToken: string; ownerUserId: number }>;
  users(
    accountId: number,
    users: { name: string; email: string; enabled?: boolean }[],
  ): Promise<{ id: number; name: string; email: string; enabled: boolean }[]>;
  board(
    accountId: number,
    input: { name: string; columns: Record<string, unknown>[]; groups?: { id?: string; title: string }[] },
  ): Promise<{ boardId: number; columns: { id: string; title: string; type: string }[] }>;
  items(
    accountId: number,
    boardId: number,
    items: {
      name: string;
      column_values?: Record<string, unknown>;
      created_at?: string | number;
      updated_at?: string | number;
    }[],
  ): Promise<{ id: number; name: string }[]>;
  item(accountId: number, itemId: number | string): Promise<any>;
  /** Registers an OAuth 2.1 app installed in the account; returns its credentials. */
  oauthApp(
    accountId: number,
    input?: Record<string, unknown>,
  ): Promise<{ clientId: string; clientSecret: string; signingSecret: string }>;
}

let appCounter = 0;

export function mondaySandbox(sandbox: RunningSandbox): MondaySandbox {
  const control = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${sandbox.baseUrl}/_sandbox/monday${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} /_sandbox/monday${path} → ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  return {
    control,
    account: (input = {}) => control('POST', '/accounts', input),
    users: async (accountId, users) =>
      (await control<{ users: any[] }>('POST', `/accounts/${accountId}/users`, { users })).users,
    board: (accountId, input) => control('POST', `/accounts/${accountId}/boards`, input),
    items: async (accountId, boardId, items) =>
      (await control<{ items: any[] }>('POST', `/accounts/${accountId}/boards/${boardId}/items`, { items }))
        .items,
    item: (accountId, itemId) => control('GET', `/accounts/${accountId}/items/${itemId}`),
    async oauthApp(accountId, input = {}) {
      const n = ++appCounter;
      const app = {
        clientId: `monday-client-${n}-${Date.now()}`,
        clientSecret: `monday-client-secret-${n}-${Math.random().toString(36).slice(2)}`,
        signingSecret: `monday-signing-secret-${n}-${Math.random().toString(36).slice(2)}`,
        accountId,
        flow: 'oauth21',
        ...input,
      };
      await control('POST', '/apps', app);
      return { clientId: app.clientId, clientSecret: app.clientSecret, signingSecret: app.signingSecret };
    },
  };
}

/** One request a webhook endpoint received. */
export interface ReceivedWebhook {
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A webhook endpoint on a free port. `answer` decides the response (the Monday challenge echo, a
 * refusal…); every request is recorded.
 */
export async function startWebhookEndpoint(
  path: string,
  answer: (request: ReceivedWebhook) => Promise<{ status: number; body?: unknown }>,
): Promise<{ url: string; received: ReceivedWebhook[]; close(): Promise<void> }> {
  const received: ReceivedWebhook[] = [];
  let base = '';
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = {
        url: `${base}${req.url ?? ''}`,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      received.push(request);
      void answer(request).then(({ status, body }) => {
        const text = body === undefined ? '' : JSON.stringify(body);
        res.writeHead(status, text ? { 'content-type': 'application/json' } : {}).end(text);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${base}${path}`,
    received,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
