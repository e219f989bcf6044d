import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client } from '@hubspot/api-client';
import { parseSandboxConfig } from '@leadflow/config';
import { SandboxModule } from '../src/sandbox.module';

/** What the Monday endpoint answered: status, headers and parsed body. */
export interface MondayResponse {
  status: number;
  headers: Headers;
  body: any;
}

/** A sandbox on a free port, driven over real HTTP. */
export interface RunningSandbox {
  app: INestApplication;
  base: string;
  control(method: string, path: string, body?: unknown): Promise<any>;
  /** The Monday control API (`/_sandbox/monday…`); fails the test on a non-2xx answer. */
  mondayControl(method: string, path: string, body?: unknown): Promise<any>;
  /** `POST /v2` as a Monday client sends it: `Authorization: <token>` (no Bearer), JSON body. */
  monday(
    token: string | undefined,
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<MondayResponse>;
  newPortal(
    body?: Record<string, unknown>,
  ): Promise<{ portalId: number; privateAppToken: string; client: Client }>;
  close(): Promise<void>;
}

export async function startSandbox(): Promise<RunningSandbox> {
  const app = await NestFactory.create(
    SandboxModule.forRoot(parseSandboxConfig({ PORT: '0', LOG_LEVEL: 'silent' })),
    { logger: false },
  );
  await app.listen(0, '127.0.0.1');
  const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const controlAt = (prefix: string) => async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}${prefix}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  };
  const control = controlAt('/_sandbox/hubspot');
  return {
    app,
    base,
    control,
    mondayControl: controlAt('/_sandbox/monday'),
    async monday(token, query, variables, headers = {}) {
      const res = await fetch(`${base}/v2`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'API-Version': '2026-10',
          ...(token === undefined ? {} : { Authorization: token }),
          ...headers,
        },
        body: JSON.stringify({ query, ...(variables ? { variables } : {}) }),
      });
      return { status: res.status, headers: res.headers, body: await res.json() };
    },
    async newPortal(body = {}) {
      const portal = await control('POST', '/portals', body);
      return { ...portal, client: new Client({ accessToken: portal.privateAppToken, basePath: base }) };
    },
    close: () => app.close(),
  };
}

/** The HTTP status and parsed body of a failed @hubspot/api-client call. */
export async function apiError(promise: Promise<unknown>): Promise<{ code: number; body: any }> {
  try {
    await promise;
  } catch (error: any) {
    return { code: error.code, body: typeof error.body === 'string' ? JSON.parse(error.body) : error.body };
  }
  throw new Error('expected the call to fail');
}

/** Polls until `check` returns a value (not undefined/false); fails with `what` after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export interface ReceivedRequest {
  method: string;
  /** The URI as a receiver reconstructs it for signature checks. */
  uri: string;
  headers: IncomingMessage['headers'];
  rawBody: string;
  /** HubSpot's event array. */
  events: any[];
  /** The parsed body, whatever its shape: Monday's `{event}` or `{challenge}`, say. */
  json: any;
}

/** A status, or a status with a JSON body (a Monday challenge echo, say). */
export type ReceiverAnswer = number | { status: number; body?: unknown } | 'hang';

/** A webhook endpoint: records every request and answers as `respond` says (status 200 by default). */
export interface Receiver {
  url: string;
  requests: ReceivedRequest[];
  inFlight: number;
  maxInFlight: number;
  respond: (req: ReceivedRequest, index: number) => ReceiverAnswer | Promise<ReceiverAnswer>;
  close(): Promise<void>;
}

export async function startReceiver(path = '/hooks/hubspot?source=sandbox'): Promise<Receiver> {
  const hanging: ServerResponse[] = [];
  const receiver: Receiver = {
    url: '',
    requests: [],
    inFlight: 0,
    maxInFlight: 0,
    respond: () => 200,
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const json = JSON.parse(rawBody);
      const received: ReceivedRequest = {
        method: req.method ?? '',
        uri: `http://${req.headers.host}${req.url}`,
        headers: req.headers,
        rawBody,
        events: json,
        json,
      };
      const index = receiver.requests.push(received) - 1;
      receiver.inFlight++;
      receiver.maxInFlight = Math.max(receiver.maxInFlight, receiver.inFlight);
      void Promise.resolve(receiver.respond(received, index)).then((answer) => {
        if (answer === 'hang') {
          hanging.push(res);
          res.on('close', () => receiver.inFlight--);
          return;
        }
        receiver.inFlight--;
        if (typeof answer === 'number') {
          res.writeHead(answer).end();
          return;
        }
        const body = answer.body === undefined ? '' : JSON.stringify(answer.body);
        res.writeHead(answer.status, body ? { 'content-type': 'application/json' } : {}).end(body);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
  return receiver;
}

/** All events a receiver got, flattened, in arrival order. */
export function receivedEvents(receiver: Receiver): any[] {
  return receiver.requests.flatMap((r) => r.events);
}

/** A receiver answer that passes Monday's URL verification and answers `status` to every event. */
export function mondayResponder(status = 200): Receiver['respond'] {
  return (req) =>
    typeof req.json?.challenge === 'string'
      ? { status: 200, body: { challenge: req.json.challenge } }
      : status;
}

/** Monday webhook requests that carry an event (challenges left out), in arrival order. */
export function mondayEvents(receiver: Receiver): any[] {
  return receiver.requests.filter((r) => r.json?.event).map((r) => r.json.event);
}

export interface MondayFixture {
  accountId: number;
  personalToken: string;
  ownerUserId: number;
  /** Two active reps and a deactivated one. */
  reps: { ada: number; alan: number; gone: number };
  boardId: number;
}

/**
 * A Monday account with three users and a "Leads" board: `owner` (people), `status` (New,
 * Working on it, Done, Stuck), `email`, `phone`, `company` (text), `score` (numbers),
 * `due` (date), `source` (dropdown: Web, Referral, Event), `deal` (board_relation).
 */
export async function newMondayLeadsBoard(
  sandbox: RunningSandbox,
  account: Record<string, unknown> = {},
): Promise<MondayFixture> {
  const created = await sandbox.mondayControl('POST', '/accounts', account);
  const { users } = await sandbox.mondayControl('POST', `/accounts/${created.accountId}/users`, {
    users: [
      { name: 'Ada Lovelace', email: 'ada@leads.test' },
      { name: 'Alan Turing', email: 'alan@leads.test' },
      { name: 'Gone Rep', email: 'gone@leads.test', enabled: false },
    ],
  });
  const board = await sandbox.mondayControl('POST', `/accounts/${created.accountId}/boards`, {
    name: 'Leads',
    columns: [
      { id: 'owner', title: 'Owner', type: 'people' },
      { id: 'status', title: 'Status', type: 'status', labels: ['New', 'Working on it', 'Done', 'Stuck'] },
      { id: 'email', title: 'Email', type: 'email' },
      { id: 'phone', title: 'Phone', type: 'phone' },
      { id: 'company', title: 'Company', type: 'text' },
      { id: 'score', title: 'Score', type: 'numbers' },
      { id: 'due', title: 'Due', type: 'date' },
      { id: 'source', title: 'Source', type: 'dropdown', options: ['Web', 'Referral', 'Event'] },
      { id: 'deal', title: 'Deal', type: 'board_relation' },
    ],
  });
  return {
    accountId: created.accountId,
    personalToken: created.personalToken,
    ownerUserId: created.ownerUserId,
    reps: { ada: users[0].id, alan: users[1].id, gone: users[2].id },
    boardId: board.boardId,
  };
}

/**
 * Registers an OAuth 2.1 app installed in the account and runs consent and the PKCE code exchange:
 * the app's first access and refresh tokens.
 */
export async function mondayAppGrant(
  sandbox: RunningSandbox,
  app: {
    clientId: string;
    accountId: number;
    clientSecret?: string;
    signingSecret?: string;
    scopes?: string[];
  },
): Promise<{ accessToken: string; refreshToken: string; clientSecret: string; signingSecret: string }> {
  const clientSecret = app.clientSecret ?? `secret-${app.clientId}`;
  const signingSecret = app.signingSecret ?? `signing-${randomBytes(8).toString('hex')}`;
  await sandbox.mondayControl('POST', '/apps', { ...app, clientSecret, signingSecret });
  const verifier = randomBytes(32).toString('base64url');
  const consent = new URLSearchParams({
    client_id: app.clientId,
    redirect_uri: 'https://leadflow.test/oauth/monday/callback',
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  });
  const redirect = await fetch(`${sandbox.base}/oauth2/authorize?${consent.toString()}`, {
    redirect: 'manual',
  });
  const code = new URL(redirect.headers.get('location')!).searchParams.get('code');
  const res = await fetch(`${sandbox.base}/oauth_ms/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      grant_type: 'authorization_code',
      client_id: app.clientId,
      client_secret: clientSecret,
      code,
      code_verifier: verifier,
    }),
  });
  const grant = (await res.json()) as { access_token: string; refresh_token: string };
  return { accessToken: grant.access_token, refreshToken: grant.refresh_token, clientSecret, signingSecret };
}
