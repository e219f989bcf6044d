/**
 * A whole Leadflow stack for benchmarks and fault scripts: the sandbox CRM, the API and the worker
 * as separate child processes from the built `dist/` (as production runs them), on free ports, with
 * their own database, queue prefix and encryption key, and a tenant provisioned through the public
 * API the way an admin would (lab/STACK_READY says how to use it).
 *
 *   const stack = await startStack({ id: 'e2e' });
 *   const [lead] = await stack.hubspot.createLeads(1);
 *   await stack.waitFor('owner written', async () => (await stack.hubspot.owners()).get(lead.id));
 *   await stack.stop();
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { Pool, type QueryResultRow } from 'pg';
import type { PropertyWrite } from '../apps/sandbox/src/hubspot/hubspot-portal';
import { freePort, REPO_ROOT } from '../libs/testing/src/processes';
import { connectMondayBoard, createMondayBoard, setUpRoundRobinTeam } from '../scripts/sandbox-setup.mjs';

export type { PropertyWrite };
export { freePort, REPO_ROOT };

export type ProcessName = 'sandbox' | 'api' | 'worker';
export const PROCESS_NAMES: readonly ProcessName[] = ['sandbox', 'api', 'worker'];

const ENTRY: Record<ProcessName, string> = {
  sandbox: 'dist/apps/sandbox/src/main.js',
  api: 'dist/apps/api/src/main.js',
  worker: 'dist/apps/worker/src/main.js',
};

export interface HubSpotRateLimits {
  tenSecondly?: number;
  searchPerSecond?: number;
  daily?: number;
}

export interface StackOptions {
  /** Names the database (`lf_lab_<id>`), queue prefix and log directory; random by default. */
  id?: string;
  /** Default `redis://127.0.0.1:6379`. */
  redisUrl?: string;
  /** Postgres server without a database; default `postgresql://postgres@127.0.0.1:5432`. */
  postgresServer?: string;
  /** Environment added to every process, then per process (these win). */
  env?: Record<string, string>;
  processEnv?: Partial<Record<ProcessName, Record<string, string>>>;
  /** Node flags per process, before the script (`--cpu-prof`, `--max-old-space-size=…`). */
  nodeArgs?: Partial<Record<ProcessName, string[]>>;
  /** Processes started at once (default all three); others can be started later with `start`. */
  processes?: readonly ProcessName[];
  /** Where each process's output goes (`<name>.log`); default a fresh directory under the OS temp dir. */
  logDir?: string;
  /** Skip `node scripts/build.mjs --if-stale`. */
  skipBuild?: boolean;
  hubspot?: {
    /** The portal's limits in the sandbox (default HubSpot's: 110 per 10 s, 5 searches/s). */
    rateLimits?: HubSpotRateLimits;
    /** Point the app's webhooks at the API (default true); off, only polling finds leads. */
    webhooks?: boolean;
    /** Sandbox webhook batching (default 250 ms) and concurrency (default 10). */
    webhookBatchWindowMs?: number;
    webhookMaxConcurrentRequests?: number;
    /** `PUT /v1/connections/{id}/polling` when given (the product's default is 60 s). */
    pollIntervalSeconds?: number;
  };
  /** Also create a Monday board connected by OAuth, with the same reps (default false). */
  monday?: boolean;
  /** Reps (one CRM owner each, in every CRM), one round-robin pool, one rule routing all to it. */
  reps?: number;
  /** Kill the children if this process exits without `stop()` (default true). */
  killOnExit?: boolean;
}

export interface ProcessMemory {
  /** Resident set now and its peak (VmHWM), in MiB. */
  rssMiB: number;
  peakRssMiB: number;
}

/** One app as a child process on a fixed port; can be stopped, killed and started again. */
export class ManagedProcess {
  child: ChildProcess | undefined;
  /** Exits nobody asked for (a crash), with their code or signal. */
  readonly unexpectedExits: (number | string)[] = [];
  private expectingExit = false;
  private exited: Promise<number | string> = Promise.resolve(0);

  constructor(
    readonly name: ProcessName,
    readonly port: number,
    readonly env: Record<string, string>,
    readonly logFile: string,
    readonly nodeArgs: readonly string[] = [],
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.running ? this.child?.pid : undefined;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Spawns the app and resolves once `/health/ready` answers 200. */
  async start(timeoutMs = 90_000): Promise<void> {
    if (this.running) return;
    const log = openSync(this.logFile, 'a');
    const child = spawn(
      process.execPath,
      ['--enable-source-maps', ...this.nodeArgs, join(REPO_ROOT, ENTRY[this.name])],
      {
        cwd: REPO_ROOT,
        env: this.env,
        // Straight to a file: the harness never pumps the apps' logs through its own event loop.
        stdio: ['ignore', log, log],
      },
    );
    closeSync(log);
    this.child = child;
    this.expectingExit = false;
    this.exited = new Promise((done) =>
      child.once('exit', (code, signal) => {
        const how = code ?? signal ?? -1;
        if (!this.expectingExit) this.unexpectedExits.push(how);
        done(how);
      }),
    );
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      if (!this.running) {
        throw new Error(`${this.name} exited (${await this.exited}) while starting; see ${this.logFile}`);
      }
      try {
        const res = await fetch(`${this.url}/health/ready`);
        if (res.status === 200) return;
        last = `${res.status}`;
      } catch (error) {
        last = (error as Error).message;
      }
      await sleep(200);
    }
    throw new Error(`${this.name} was not ready within ${timeoutMs} ms (last: ${last}); see ${this.logFile}`);
  }

  /** SIGTERM (graceful: running jobs finish), SIGKILL after `timeoutMs`. */
  async stop(timeoutMs = 40_000): Promise<number | string> {
    return this.signal('SIGTERM', timeoutMs);
  }

  /** SIGKILL: no shutdown hooks, jobs in flight are left to BullMQ's stalled-job check. */
  async kill(): Promise<number | string> {
    return this.signal('SIGKILL', 10_000);
  }

  async restart(options: { kill?: boolean } = {}): Promise<void> {
    if (options.kill === true) await this.kill();
    else await this.stop();
    await this.start();
  }

  /** Resident memory from /proc (Linux); undefined when the process is not running. */
  memory(): ProcessMemory | undefined {
    const pid = this.pid;
    if (pid === undefined) return undefined;
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
      return { rssMiB: kb('VmRSS') / 1024, peakRssMiB: kb('VmHWM') / 1024 };
    } catch {
      return undefined;
    }
  }

  private async signal(signal: NodeJS.Signals, timeoutMs: number): Promise<number | string> {
    if (!this.running) return this.exited;
    this.expectingExit = true;
    this.child!.kill(signal);
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), timeoutMs);
    const how = await this.exited;
    clearTimeout(timer);
    return how;
  }
}

export interface CreatedLead {
  /** The lead's HubSpot id. */
  id: string;
  contactId: string;
  /** `createdate` as the sandbox stored it (epoch ms). */
  createdAt: number;
}

export interface SandboxObject {
  id: string;
  properties: Record<string, string | null>;
  createdAt: string;
  updatedAt: string;
}

/** A lead as stored, with its decision (one row per lead; decision fields null when undecided). */
export interface StoredLead extends QueryResultRow {
  id: string;
  connection_id: string;
  external_id: string;
  status: string;
  created_at: Date;
  decision_id: string | null;
  outcome: string | null;
  rep_id: string | null;
  crm_owner_id: string | null;
  decided_at: Date | null;
  writeback_status: string | null;
  writeback_attempts: number | null;
  writeback_error: string | null;
  written_back_at: Date | null;
}

export interface Rep {
  id: string;
  name: string;
  /** CRM owner id per connection id. */
  crmOwnerIds: Record<string, string>;
}

export interface HubSpotSide {
  portalId: number;
  connectionId: string;
  ownerIds: string[];
  /** The app the webhooks are signed for; the secret is the API's HUBSPOT_CLIENT_SECRET. */
  app: { clientId: string; clientSecret: string; appId: number };
  webhookUrl: string;
  /** `{objects: [...]}` bodies through the control API: contacts, then leads with their primary contact. */
  createLeads(
    count: number,
    options?: { properties?: Record<string, string>; chunk?: number },
  ): Promise<CreatedLead[]>;
  startLeadStream(input: { perSecond: number; count?: number; durationMs?: number }): Promise<unknown>;
  leadStream(): Promise<{ running: boolean; created: number }>;
  /** Every object of a type with the named properties (control API, no rate limit). */
  listObjects(objectType: string, properties?: readonly string[]): Promise<SandboxObject[]>;
  /** Lead id → owner id, for leads that have one. */
  owners(): Promise<Map<string, string>>;
  /** Writes through the CRM API (the write log), of `hubspot_owner_id` unless told otherwise. */
  writes(options?: {
    property?: string | null;
    objectType?: string;
    after?: number;
  }): Promise<PropertyWrite[]>;
  setFaults(faults: Record<string, unknown>): Promise<unknown>;
  clearFaults(): Promise<void>;
  /** The sandbox's record of webhook batches it sent (outcome per batch). */
  webhookDeliveries(): Promise<unknown>;
  /** Any `/_sandbox/hubspot` control call. */
  control<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
}

export interface MondaySide {
  accountId: number;
  boardId: number;
  connectionId: string;
  userIds: string[];
  createItems(count: number, name?: string): Promise<unknown>;
  control<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
}

export interface Stack {
  id: string;
  databaseName: string;
  databaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
  logDir: string;
  processes: Record<ProcessName, ManagedProcess>;
  urls: Record<ProcessName, string>;
  tenantId: string;
  reps: Rep[];
  poolId: string;
  hubspot: HubSpotSide;
  monday: MondaySide | undefined;
  /** Postgres of this stack (the harness's own small pool). */
  db: Pool;
  /** The admin API with the tenant's admin key (never printed). */
  api<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  /** Every page of a list endpoint (`/v1/leads?status=routed`, say). */
  apiList<T = unknown>(path: string): Promise<T[]>;
  leads(connectionId?: string): Promise<StoredLead[]>;
  sql<R extends QueryResultRow = QueryResultRow>(text: string, params?: unknown[]): Promise<R[]>;
  /** `/metrics` text of the api or worker. */
  metrics(name: 'api' | 'worker'): Promise<string>;
  memory(name: ProcessName): ProcessMemory | undefined;
  start(name: ProcessName): Promise<void>;
  restart(name: ProcessName, options?: { kill?: boolean }): Promise<void>;
  /** SIGKILL one process (it stays down until `start`). */
  kill(name: ProcessName): Promise<void>;
  waitFor<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs?: number): Promise<T>;
  /** Stops every process, drops the database and deletes the queue prefix's Redis keys. */
  stop(options?: { keepDatabase?: boolean }): Promise<void>;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  timeoutMs = 60_000,
  intervalMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(intervalMs);
  }
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function call<T>(
  method: string,
  url: string,
  options: { body?: unknown; key?: string } = {},
): Promise<T> {
  const res = await fetch(url, {
    method,
    headers: {
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(options.key === undefined ? {} : { authorization: `Bearer ${options.key}` }),
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await res.text();
  if (!res.ok) {
    // Only the path: query strings here never carry secrets, but bodies might.
    throw new HttpError(
      res.status,
      `${method} ${new URL(url).pathname} → ${res.status} ${text.slice(0, 400)}`,
    );
  }
  return (text === '' ? undefined : JSON.parse(text)) as T;
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Runs `node scripts/build.mjs --if-stale` (a no-op when dist/ is newer than every source). */
export function buildIfStale(): void {
  const build = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts/build.mjs'), '--if-stale'], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('the build failed (see above)');
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  if (options.skipBuild !== true) buildIfStale();
  const id = (options.id ?? randomBytes(4).toString('hex')).toLowerCase().replace(/[^a-z0-9_]/g, '_');
  const redisUrl = options.redisUrl ?? 'redis://127.0.0.1:6379';
  const server = (options.postgresServer ?? 'postgresql://postgres@127.0.0.1:5432').replace(/\/+$/, '');
  const databaseName = `lf_lab_${id}`;
  const databaseUrl = `${server}/${databaseName}`;
  const queuePrefix = `lf-lab-${id}`;
  const logDir = options.logDir ?? join(tmpdir(), `leadflow-lab-${id}-${Date.now().toString(36)}`);
  mkdirSync(logDir, { recursive: true });

  const admin = new Pool({ connectionString: `${server}/postgres`, max: 1 });
  try {
    // A leftover of a crashed run with the same id would mix old rows into the figures.
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(databaseName)} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
  await deleteRedisKeys(redisUrl, queuePrefix);

  const ports = { sandbox: await freePort(), api: await freePort(), worker: await freePort() };
  const urls = {
    sandbox: `http://127.0.0.1:${ports.sandbox}`,
    api: `http://127.0.0.1:${ports.api}`,
    worker: `http://127.0.0.1:${ports.worker}`,
  };
  const secret = () => randomBytes(24).toString('base64url');
  const hubspotApp = { clientId: `lab-${id}`, clientSecret: secret(), appId: 4242 };
  const mondayApp = { clientId: `lab-${id}-monday`, clientSecret: secret(), signingSecret: secret() };
  const bootstrapToken = secret() + secret();
  const common: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? tmpdir(),
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: queuePrefix,
    TOKEN_ENCRYPTION_KEYS: `lab1:${randomBytes(32).toString('base64')}`,
    LOG_LEVEL: 'info',
    OTEL_SDK_DISABLED: 'true',
    HUBSPOT_API_BASE_URL: urls.sandbox,
    HUBSPOT_AUTH_BASE_URL: urls.sandbox,
    HUBSPOT_CLIENT_ID: hubspotApp.clientId,
    HUBSPOT_CLIENT_SECRET: hubspotApp.clientSecret,
    HUBSPOT_APP_ID: String(hubspotApp.appId),
    MONDAY_API_URL: `${urls.sandbox}/v2`,
    MONDAY_AUTH_BASE_URL: urls.sandbox,
    MONDAY_CLIENT_ID: mondayApp.clientId,
    MONDAY_CLIENT_SECRET: mondayApp.clientSecret,
    MONDAY_SIGNING_SECRET: mondayApp.signingSecret,
    ...options.env,
  };
  const perProcess: Record<ProcessName, Record<string, string>> = {
    sandbox: { PORT: String(ports.sandbox), PUBLIC_BASE_URL: urls.sandbox },
    api: {
      PORT: String(ports.api),
      PUBLIC_BASE_URL: urls.api,
      ADMIN_BOOTSTRAP_TOKEN: bootstrapToken,
      LEADFLOW_STATE_DIR: join(logDir, 'state'),
    },
    worker: { WORKER_HEALTH_PORT: String(ports.worker) },
  };
  const processes = Object.fromEntries(
    PROCESS_NAMES.map((name) => [
      name,
      new ManagedProcess(
        name,
        ports[name],
        { ...common, ...perProcess[name], ...options.processEnv?.[name] },
        join(logDir, `${name}.log`),
        options.nodeArgs?.[name],
      ),
    ]),
  ) as Record<ProcessName, ManagedProcess>;

  const killAll = () => {
    for (const p of Object.values(processes)) if (p.running) p.child?.kill('SIGKILL');
  };
  if (options.killOnExit !== false) process.once('exit', killAll);

  const db = new Pool({ connectionString: databaseUrl, max: 4 });
  let stopped = false;
  const stop = async (stopOptions: { keepDatabase?: boolean } = {}) => {
    if (stopped) return;
    stopped = true;
    await Promise.all(Object.values(processes).map((p) => p.stop(20_000)));
    await db.end().catch(() => undefined);
    if (stopOptions.keepDatabase !== true) {
      const drop = new Pool({ connectionString: `${server}/postgres`, max: 1 });
      await drop
        .query(`DROP DATABASE IF EXISTS ${quoteIdent(databaseName)} WITH (FORCE)`)
        .catch(() => undefined);
      await drop.end();
    }
    await deleteRedisKeys(redisUrl, queuePrefix).catch(() => undefined);
    process.removeListener('exit', killAll);
  };

  try {
    const wanted = options.processes ?? PROCESS_NAMES;
    // The sandbox first (the others call it); api and worker race to migrate under an advisory lock.
    if (wanted.includes('sandbox')) await processes.sandbox.start();
    await Promise.all(wanted.filter((n) => n !== 'sandbox').map((n) => processes[n].start()));
    if (!processes.api.running || !processes.sandbox.running) {
      throw new Error('provisioning needs the sandbox and the api; start them or leave `processes` unset');
    }

    const created = await call<{ tenant: { id: string }; apiKey: { key: string } }>(
      'POST',
      `${urls.api}/v1/tenants`,
      { key: bootstrapToken, body: { name: `Lab ${id}` } },
    );
    const adminKey = created.apiKey.key;
    const api = <T>(method: string, path: string, body?: unknown) =>
      call<T>(method, `${urls.api}${path}`, { key: adminKey, body });
    const hsControl = <T>(method: string, path: string, body?: unknown) =>
      call<T>(method, `${urls.sandbox}/_sandbox/hubspot${path}`, { body });
    const mondayControl = <T>(method: string, path: string, body?: unknown) =>
      call<T>(method, `${urls.sandbox}/_sandbox/monday${path}`, { body });

    const repCount = options.reps ?? 4;
    const portal = await hsControl<{ portalId: number; privateAppToken: string }>('POST', '/portals', {
      name: `Lab ${id}`,
      ...(options.hubspot?.rateLimits === undefined ? {} : { rateLimits: options.hubspot.rateLimits }),
    });
    const { owners } = await hsControl<{ owners: { id: string }[] }>(
      'POST',
      `/portals/${portal.portalId}/owners`,
      {
        owners: Array.from({ length: repCount }, (_, i) => ({
          email: `rep${i + 1}@lab.leadflow.test`,
          firstName: 'Rep',
          lastName: String(i + 1),
        })),
      },
    );
    await hsControl('POST', '/apps', { ...hubspotApp, portalId: portal.portalId });
    const connection = await api<{ id: string }>('POST', '/v1/connections', {
      provider: 'hubspot',
      authType: 'token',
      token: portal.privateAppToken,
      name: 'Lab HubSpot (sandbox)',
    });
    const webhookUrl = `${urls.api}/v1/webhooks/hubspot`;
    if (options.hubspot?.webhooks !== false) {
      await hsControl('PUT', `/apps/${hubspotApp.clientId}/webhooks`, {
        targetUrl: webhookUrl,
        subscriptions: [{ eventType: 'object.creation', objectTypeId: '0-136' }],
        ...(options.hubspot?.webhookBatchWindowMs === undefined
          ? {}
          : { batchWindowMs: options.hubspot.webhookBatchWindowMs }),
        ...(options.hubspot?.webhookMaxConcurrentRequests === undefined
          ? {}
          : { maxConcurrentRequests: options.hubspot.webhookMaxConcurrentRequests }),
      });
    }
    if (options.hubspot?.pollIntervalSeconds !== undefined) {
      await api('PUT', `/v1/connections/${connection.id}/polling`, {
        intervalSeconds: options.hubspot.pollIntervalSeconds,
      });
    }

    const monday =
      options.monday === true
        ? await connectMonday({
            apiUrl: urls.api,
            sandboxUrl: urls.sandbox,
            adminKey,
            mondayControl,
            app: mondayApp,
            reps: repCount,
            id,
          })
        : undefined;

    const repSpecs = Array.from({ length: repCount }, (_, i) => {
      const crmOwnerIds: Record<string, string> = { [connection.id]: owners[i]!.id };
      const mondayUser = monday?.userIds[i];
      if (monday !== undefined && mondayUser !== undefined) crmOwnerIds[monday.connectionId] = mondayUser;
      return { name: `Rep ${i + 1}`, email: `rep${i + 1}@lab.leadflow.test`, crmOwnerIds };
    });
    const team = await setUpRoundRobinTeam({
      apiUrl: urls.api,
      adminKey,
      teamName: 'Lab team',
      reps: repSpecs,
      connectionIds: [connection.id, ...(monday === undefined ? [] : [monday.connectionId])],
    });
    const reps: Rep[] = repSpecs.map((spec, i) => ({
      id: team.repIds[i]!,
      name: spec.name,
      crmOwnerIds: spec.crmOwnerIds,
    }));

    const portalPath = `/portals/${portal.portalId}`;
    const listObjects = async (objectType: string, properties: readonly string[] = []) => {
      const out: SandboxObject[] = [];
      let after: string | null = null;
      do {
        const query = new URLSearchParams({ limit: '5000', properties: properties.join(',') });
        if (after !== null) query.set('after', after);
        const page: { results: SandboxObject[]; next: string | null } = await hsControl(
          'GET',
          `${portalPath}/objects/${objectType}?${query.toString()}`,
        );
        out.push(...page.results);
        after = page.next;
      } while (after !== null);
      return out;
    };
    const hubspot: HubSpotSide = {
      portalId: portal.portalId,
      connectionId: connection.id,
      ownerIds: owners.map((o) => o.id),
      app: hubspotApp,
      webhookUrl,
      async createLeads(count, createOptions = {}) {
        const chunk = createOptions.chunk ?? 200;
        const createdLeads: CreatedLead[] = [];
        for (let done = 0; done < count; done += chunk) {
          const n = Math.min(chunk, count - done);
          const contacts = await hsControl<{ objects: { id: string }[] }>(
            'POST',
            `${portalPath}/objects/contacts`,
            {
              objects: Array.from({ length: n }, (_, i) => ({
                properties: {
                  firstname: 'Lab',
                  lastname: `Lead ${done + i}`,
                  email: `lead-${id}-${done + i}-${Date.now()}@lab.leadflow.test`,
                },
              })),
            },
          );
          const leads = await hsControl<{ objects: { id: string; properties: Record<string, string> }[] }>(
            'POST',
            `${portalPath}/objects/leads`,
            {
              objects: contacts.objects.map((c, i) => ({
                properties: { hs_lead_name: `Lab Lead ${done + i}`, ...createOptions.properties },
                associations: [{ toObjectType: 'contacts', toObjectId: c.id, primary: true }],
              })),
            },
          );
          leads.objects.forEach((l, i) =>
            createdLeads.push({
              id: l.id,
              contactId: contacts.objects[i]!.id,
              createdAt: Date.parse(l.properties.createdate ?? ''),
            }),
          );
        }
        return createdLeads;
      },
      startLeadStream: (input) => hsControl('POST', `${portalPath}/lead-stream`, input),
      leadStream: () => hsControl('GET', `${portalPath}/lead-stream`),
      listObjects,
      async owners() {
        const leads = await listObjects('leads', ['hubspot_owner_id']);
        return new Map(
          leads.flatMap((l) =>
            l.properties.hubspot_owner_id ? [[l.id, l.properties.hubspot_owner_id] as const] : [],
          ),
        );
      },
      async writes(writeOptions = {}) {
        const out: PropertyWrite[] = [];
        let after = writeOptions.after ?? 0;
        for (;;) {
          const query = new URLSearchParams({ after: String(after), limit: '10000' });
          const property = writeOptions.property === undefined ? 'hubspot_owner_id' : writeOptions.property;
          if (property !== null) query.set('property', property);
          if (writeOptions.objectType !== undefined) query.set('objectType', writeOptions.objectType);
          const page = await hsControl<{ writes: PropertyWrite[]; next: number }>(
            'GET',
            `${portalPath}/writes?${query.toString()}`,
          );
          out.push(...page.writes);
          if (page.writes.length < 10_000 || page.next === after) return out;
          after = page.next;
        }
      },
      setFaults: (faults) => hsControl('PUT', `${portalPath}/faults`, faults),
      clearFaults: async () => void (await hsControl('DELETE', `${portalPath}/faults`)),
      webhookDeliveries: () => hsControl('GET', `/apps/${hubspotApp.clientId}/webhooks/deliveries`),
      control: hsControl,
    };

    const stack: Stack = {
      id,
      databaseName,
      databaseUrl,
      redisUrl,
      queuePrefix,
      logDir,
      processes,
      urls,
      tenantId: created.tenant.id,
      reps,
      poolId: team.poolId,
      hubspot,
      monday,
      db,
      api,
      async apiList<T>(path: string) {
        const items: T[] = [];
        let cursor: string | null = null;
        do {
          const sep = path.includes('?') ? '&' : '?';
          const page: { items: T[]; nextCursor: string | null } = await api(
            'GET',
            `${path}${sep}limit=200${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`,
          );
          items.push(...page.items);
          cursor = page.nextCursor;
        } while (cursor !== null);
        return items;
      },
      async leads(connectionId) {
        const rows = await db.query<StoredLead>(
          `SELECT l.id, l.connection_id, l.external_id, l.status, l.created_at,
                  d.id AS decision_id, d.outcome, d.rep_id, d.crm_owner_id, d.created_at AS decided_at,
                  d.writeback_status, d.writeback_attempts, d.writeback_error, d.written_back_at
           FROM lead l LEFT JOIN routing_decision d ON d.lead_id = l.id
           WHERE ($1::text IS NULL OR l.connection_id = $1)
           ORDER BY l.created_at`,
          [connectionId ?? null],
        );
        return rows.rows;
      },
      async sql<R extends QueryResultRow>(text: string, params: unknown[] = []) {
        return (await db.query<R>(text, params)).rows;
      },
      async metrics(name) {
        const res = await fetch(`${urls[name]}/metrics`);
        return res.text();
      },
      memory: (name) => processes[name].memory(),
      start: (name) => processes[name].start(),
      restart: (name, restartOptions) => processes[name].restart(restartOptions),
      kill: async (name) => void (await processes[name].kill()),
      waitFor: (what, check, timeoutMs) => waitFor(what, check, timeoutMs),
      stop,
    };
    return stack;
  } catch (error) {
    await stop({ keepDatabase: false }).catch(() => undefined);
    throw error;
  }
}

/** A Monday account and board, connected by OAuth as an admin would (the sandbox consents by itself). */
async function connectMonday(input: {
  apiUrl: string;
  sandboxUrl: string;
  adminKey: string;
  mondayControl: <T>(method: string, path: string, body?: unknown) => Promise<T>;
  app: { clientId: string; clientSecret: string; signingSecret: string };
  reps: number;
  id: string;
}): Promise<MondaySide> {
  const board = await createMondayBoard({
    sandboxUrl: input.sandboxUrl,
    account: { name: `Lab ${input.id}` },
    users: Array.from({ length: input.reps }, (_, i) => ({
      name: `Rep ${i + 1}`,
      email: `rep${i + 1}@lab.leadflow.test`,
    })),
  });
  const connectionId = await connectMondayBoard({ ...input, ...board });
  const boardPath = `/accounts/${board.accountId}/boards/${board.boardId}`;
  return {
    accountId: board.accountId,
    boardId: board.boardId,
    connectionId,
    userIds: board.userIds,
    createItems: (count, name = 'Lab lead') =>
      input.mondayControl('POST', `${boardPath}/items/generate`, { count, name }),
    control: input.mondayControl,
  };
}

/** Deletes the stack's Redis keys (queues, limiter, breakers): everything under its prefix. */
async function deleteRedisKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 2, lazyConnect: true });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
