// `npm start`: builds if needed, then runs the sandbox CRM, the API (in demo mode, which creates a
// demo tenant and prints its admin key) and the worker in one terminal. Ctrl-C stops all three,
// letting running jobs finish.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { seedDemo } from './demo-seed.mjs';

const root = resolve(import.meta.dirname, '..');
const env = process.env;
const stateDir = resolve(root, env.LEADFLOW_STATE_DIR ?? '.leadflow');
const ports = {
  api: Number(env.PORT ?? 3000),
  worker: Number(env.WORKER_HEALTH_PORT ?? 3001),
  sandbox: Number(env.SANDBOX_PORT ?? 3002),
};

function fail(message) {
  process.stderr.write(`\nnpm start: ${message}\n`);
  process.exit(1);
}

const build = spawnSync(process.execPath, [join(root, 'scripts/build.mjs'), '--if-stale'], {
  stdio: 'inherit',
});
if (build.status !== 0) fail('the build failed (see above)');

// A dev encryption key for the demo, generated once and kept with the other local state.
mkdirSync(stateDir, { recursive: true });
const keyFile = join(stateDir, 'dev-encryption-keys');
if (!env.TOKEN_ENCRYPTION_KEYS && !existsSync(keyFile)) {
  writeFileSync(keyFile, `dev1:${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
}
const encryptionKeys = env.TOKEN_ENCRYPTION_KEYS ?? readFileSync(keyFile, 'utf8').trim();

function reachable(url, fallbackPort) {
  const { hostname, port } = new URL(url);
  return new Promise((done) => {
    const socket = createConnection({ host: hostname || '127.0.0.1', port: Number(port || fallbackPort) });
    socket.setTimeout(2000);
    socket.once('connect', () => (socket.destroy(), done(true)));
    socket.once('timeout', () => (socket.destroy(), done(false)));
    socket.once('error', () => done(false));
  });
}
const databaseUrl = env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/leadflow';
const redisUrl = env.REDIS_URL ?? 'redis://127.0.0.1:6379';
if (!(await reachable(databaseUrl, 5432)))
  fail(`Postgres does not answer at ${new URL(databaseUrl).host}; start it (see README.md, "Requirements").`);
if (!(await reachable(redisUrl, 6379)))
  fail(`Redis does not answer at ${new URL(redisUrl).host}; start it (see README.md, "Requirements").`);

// The demo's OAuth app, registered in the sandbox once it is up; the secret stays in the state dir.
const oauthFile = join(stateDir, 'demo-oauth-client');
if (!existsSync(oauthFile)) writeFileSync(oauthFile, randomBytes(24).toString('base64url'), { mode: 0o600 });
const demoOAuth = {
  clientId: 'leadflow-demo',
  clientSecret: readFileSync(oauthFile, 'utf8').trim(),
  appId: 4242,
};
const demoMondayOAuth = {
  clientId: 'leadflow-demo-monday',
  clientSecret: `${demoOAuth.clientSecret}-monday`,
  signingSecret: `${demoOAuth.clientSecret}-monday-signing`,
};
const sandboxUrl = `http://127.0.0.1:${ports.sandbox}`;
const apiUrl = `http://127.0.0.1:${ports.api}`;

const common = {
  ...env,
  DATABASE_URL: databaseUrl,
  REDIS_URL: redisUrl,
  TOKEN_ENCRYPTION_KEYS: encryptionKeys,
  LEADFLOW_STATE_DIR: stateDir,
  HUBSPOT_API_BASE_URL: env.HUBSPOT_API_BASE_URL ?? sandboxUrl,
  HUBSPOT_AUTH_BASE_URL: env.HUBSPOT_AUTH_BASE_URL ?? sandboxUrl,
  HUBSPOT_CLIENT_ID: env.HUBSPOT_CLIENT_ID ?? demoOAuth.clientId,
  HUBSPOT_CLIENT_SECRET: env.HUBSPOT_CLIENT_SECRET ?? demoOAuth.clientSecret,
  HUBSPOT_APP_ID: env.HUBSPOT_APP_ID ?? String(demoOAuth.appId),
  MONDAY_API_URL: env.MONDAY_API_URL ?? `${sandboxUrl}/v2`,
  MONDAY_AUTH_BASE_URL: env.MONDAY_AUTH_BASE_URL ?? sandboxUrl,
  MONDAY_CLIENT_ID: env.MONDAY_CLIENT_ID ?? demoMondayOAuth.clientId,
  MONDAY_CLIENT_SECRET: env.MONDAY_CLIENT_SECRET ?? demoMondayOAuth.clientSecret,
  MONDAY_SIGNING_SECRET: env.MONDAY_SIGNING_SECRET ?? demoMondayOAuth.signingSecret,
};
const services = [
  { name: 'sandbox', main: 'dist/apps/sandbox/src/main.js', env: { PORT: String(ports.sandbox) } },
  {
    name: 'api',
    main: 'dist/apps/api/src/main.js',
    env: { PORT: String(ports.api), LEADFLOW_DEMO: 'true' },
  },
  { name: 'worker', main: 'dist/apps/worker/src/main.js', env: { WORKER_HEALTH_PORT: String(ports.worker) } },
];

const colours = { sandbox: 35, api: 36, worker: 33, demo: 32 };
/** JSON log lines become `[api] info  message`; anything else is passed through. */
function show(name, line) {
  let text = line;
  try {
    const entry = JSON.parse(line);
    if (entry && typeof entry.msg === 'string') {
      const extra = entry.err?.message
        ? ` (${entry.err.message})`
        : entry.req
          ? ` ${entry.req.method} ${entry.req.url} → ${entry.res?.statusCode ?? ''}`
          : '';
      text = `${String(entry.level).padEnd(5)} ${entry.msg}${extra}`;
    }
  } catch {
    // not JSON: the demo banner and anything a library prints
  }
  process.stdout.write(`\x1b[${colours[name]}m[${name}]\x1b[0m ${text}\n`);
}

let stopping = false;
const children = services.map((service) => {
  const child = spawn(process.execPath, ['--enable-source-maps', join(root, service.main)], {
    cwd: root,
    env: { ...common, ...service.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  createInterface({ input: child.stdout }).on('line', (l) => {
    show(service.name, l);
    const adminKey = service.name === 'api' ? /Admin key:\s+(lf_\S+)/.exec(l)?.[1] : undefined;
    if (adminKey) void connectDemoCrm(adminKey);
  });
  createInterface({ input: child.stderr }).on('line', (l) => show(service.name, l));
  child.on('exit', (code, signal) => {
    child.exited = true;
    if (!stopping) {
      show(service.name, `exited (${signal ?? code}); stopping the others`);
      void stopAll(1);
    } else if (children.every((c) => c.exited)) {
      process.exit(process.exitCode ?? 0);
    }
  });
  return child;
});

async function connectDemoCrm(adminKey) {
  try {
    const lines = await seedDemo({
      apiUrl,
      sandboxUrl,
      adminKey,
      oauth: demoOAuth,
      mondayOAuth: demoMondayOAuth,
    });
    for (const line of lines) show('demo', line);
  } catch (error) {
    show('demo', `could not connect the demo CRM: ${error.message}`);
  }
}

async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  process.exitCode = code;
  for (const child of children) if (!child.exited) child.kill('SIGTERM');
  setTimeout(() => {
    for (const child of children) if (!child.exited) child.kill('SIGKILL');
    process.exit(code || 1);
  }, 40_000).unref();
}

process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));
