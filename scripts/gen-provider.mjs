#!/usr/bin/env node
// npm run gen:provider <name> [-- --root <dir>]
//
// Starts a CRM provider the way every provider is shaped (style guide, practice 1): creates
// libs/crm-<name>/src/{index,descriptor,client,webhook,errors,mapping-defaults,settings,adapter}.ts with
// compiling stubs of the port, adds the `@leadflow/crm-<name>` path to tsconfig.json and the library to
// nest-cli.json, and prints the one registry line to add. `--root` points it at another checkout (tests).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

function fail(message) {
  process.stderr.write(`gen:provider: ${message}\n`);
  process.exit(1);
}

function parseArgs(argv) {
  let root = REPO_ROOT;
  const names = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--root') {
      if (argv[i + 1] === undefined) fail('--root needs a directory');
      root = resolve(argv[++i]);
    } else if (argv[i].startsWith('--root=')) {
      root = resolve(argv[i].slice('--root='.length));
    } else {
      names.push(argv[i]);
    }
  }
  if (names.length !== 1) fail('usage: npm run gen:provider <name> [-- --root <dir>]');
  return { name: names[0], root };
}

const words = (name) => name.split('-');
const capitalise = (word) => word.charAt(0).toUpperCase() + word.slice(1);

function identifiers(name) {
  const [first, ...rest] = words(name);
  const camel = first + rest.map(capitalise).join('');
  return {
    name,
    camel,
    pascal: capitalise(camel),
    display: words(name).map(capitalise).join(' '),
    lib: `crm-${name}`,
    alias: `@leadflow/crm-${name}`,
  };
}

function templates(id) {
  const { name, camel, pascal, display } = id;
  return {
    'index.ts': `export { ${camel}Adapter } from './adapter';
export { ${pascal}CrmClient } from './client';
export { ${camel}Descriptor } from './descriptor';
export { networkError, notImplemented, parse${pascal}Error, type ${pascal}ErrorResponse } from './errors';
export { ${camel}DefaultMapping } from './mapping-defaults';
export { parse${pascal}Settings, ${camel}SettingsSchema, type ${pascal}Settings } from './settings';
export { verify${pascal}Webhook, type ${pascal}WebhookInput, type ${pascal}WebhookVerification } from './webhook';
`,
    'descriptor.ts': `import { defineProviderDescriptor } from '@leadflow/crm';

/**
 * ${display}, as data. Every figure here is a placeholder from the provider generator: replace each
 * with the provider's documented value (docs/reference) before registering the adapter.
 */
export const ${camel}Descriptor = defineProviderDescriptor({
  name: '${name}',
  displayName: '${display}',
  authKinds: ['token'],
  capabilities: { webhooks: false, search: false, batchWrite: false, ownerWrite: true },
  rateLimits: [
    {
      bucket: 'default',
      limit: 10,
      intervalMs: 1_000,
      note: 'placeholder from the provider generator: use the documented limit',
    },
  ],
  objects: [{ type: 'leads', displayName: 'Leads', readScopes: [], writeScopes: [] }],
});
`,
    'errors.ts': `import { CrmError, crmNetworkError } from '@leadflow/crm';

const PROVIDER = '${name}';

export interface ${pascal}ErrorResponse {
  status: number;
  /** Parsed JSON or raw text. */
  body: unknown;
  /** What we were doing, e.g. \`leads.batchRead\`. */
  operation: string;
  /** From \`Retry-After\` or the provider's own field, when the response says. */
  retryAfterMs?: number;
}

/**
 * Maps a ${display} error response to a {@link CrmError} by HTTP status alone: a starting point. Refine
 * it with the provider's error bodies (scopes, field problems, rate-limit policies), tested on recorded
 * payloads under test/fixtures.
 */
export function parse${pascal}Error(response: ${pascal}ErrorResponse): CrmError {
  const common = { provider: PROVIDER, operation: response.operation, status: response.status };
  const { status } = response;
  if (status === 429) {
    return new CrmError({ ...common, code: 'RATE_LIMITED', retryAfterMs: response.retryAfterMs ?? 60_000 });
  }
  if (status === 401) return new CrmError({ ...common, code: 'AUTH_EXPIRED' });
  if (status === 403) return new CrmError({ ...common, code: 'INSUFFICIENT_SCOPE', missingScopes: [] });
  if (status === 404) return new CrmError({ ...common, code: 'NOT_FOUND' });
  if (status === 408 || status >= 500) return new CrmError({ ...common, code: 'TEMPORARY' });
  if (status >= 400) return new CrmError({ ...common, code: 'INVALID_REQUEST', fields: [] });
  return new CrmError({ ...common, code: 'UNKNOWN' });
}

/** A call that produced no response: TEMPORARY for transport failures, UNKNOWN otherwise. */
export function networkError(err: unknown, context: { operation: string }): CrmError {
  return crmNetworkError(err, { provider: PROVIDER, operation: context.operation });
}

/** What a port method the adapter does not implement yet throws. */
export function notImplemented(operation: string): CrmError {
  return new CrmError({
    code: 'UNKNOWN',
    provider: PROVIDER,
    operation,
    providerMessage: \`\${operation} is not implemented for ${display} yet\`,
  });
}
`,
    'client.ts': `import type {
  AssignmentOutcome,
  ChangedLeadsQuery,
  CrmAccount,
  CrmAdapterContext,
  CrmOwner,
  CrmPage,
  CrmRecord,
  FetchLeadsResult,
  ICrmClient,
  OwnerAssignment,
  RecordReadOptions,
} from '@leadflow/crm';
import type { DiscoveredField } from '@leadflow/field-mapping';
import { notImplemented } from './errors';

/**
 * {@link ICrmClient} for one ${display} connection. Every HTTP request goes through
 * \`context.transport.call({ operation, family, bucket }, ...)\`, one call per request, mapping failures
 * with \`parse${pascal}Error\` / \`networkError\`; the adapter never retries, sleeps or reads the
 * environment. Each method rejects with a "not implemented" CrmError until it is written.
 */
export class ${pascal}CrmClient implements ICrmClient {
  readonly provider = '${name}';

  constructor(protected readonly context: CrmAdapterContext) {}

  getAccount(): Promise<CrmAccount> {
    return Promise.reject(notImplemented('getAccount'));
  }

  listOwners(): Promise<CrmOwner[]> {
    return Promise.reject(notImplemented('listOwners'));
  }

  listFields(_objectType: string): Promise<DiscoveredField[]> {
    return Promise.reject(notImplemented('listFields'));
  }

  fetchLeads(
    _objectType: string,
    _ids: readonly string[],
    _options?: RecordReadOptions,
  ): Promise<FetchLeadsResult> {
    return Promise.reject(notImplemented('fetchLeads'));
  }

  listChangedLeads(_query: ChangedLeadsQuery, _options?: RecordReadOptions): Promise<CrmPage<CrmRecord>> {
    return Promise.reject(notImplemented('listChangedLeads'));
  }

  sampleLeads(_objectType: string, _limit: number, _options?: RecordReadOptions): Promise<CrmRecord[]> {
    return Promise.reject(notImplemented('sampleLeads'));
  }

  assignOwner(_objectType: string, _assignment: OwnerAssignment): Promise<void> {
    return Promise.reject(notImplemented('assignOwner'));
  }

  assignOwners(_objectType: string, _assignments: readonly OwnerAssignment[]): Promise<AssignmentOutcome[]> {
    return Promise.reject(notImplemented('assignOwners'));
  }
}
`,
    'webhook.ts': `/** A delivery as received: headers (lower-case names) and the raw body, never re-serialised. */
export interface ${pascal}WebhookInput {
  headers: Readonly<Record<string, string | undefined>>;
  rawBody: string;
  /** Epoch ms, for timestamp checks. */
  now: number;
}

export type ${pascal}WebhookVerification = { ok: true } | { ok: false; reason: string };

/**
 * Verifies a ${display} webhook delivery (signature or token, compared in constant time). Refuses
 * everything until written, so nothing unverified is ever accepted.
 */
export function verify${pascal}Webhook(_input: ${pascal}WebhookInput): ${pascal}WebhookVerification {
  return { ok: false, reason: 'not_implemented' };
}
`,
    'mapping-defaults.ts': `import { type FieldMapping, fieldMappingSchema } from '@leadflow/field-mapping';

/**
 * The mapping the wizard starts from for a new ${display} connection: the record id only, every
 * lead open, until the provider's fields are known. Parsed when the module loads, so a broken default
 * fails at start-up.
 */
export const ${camel}DefaultMapping: FieldMapping = fieldMappingSchema.parse({
  fields: [{ target: 'externalId', sources: [{ kind: 'record', field: 'externalId' }], required: true }],
  statusParity: { entries: [], default: 'open' },
});
`,
    'settings.ts': `import type { SettingsProblem } from '@leadflow/crm';
import { z } from 'zod';

/** What an admin chooses for a ${display} connection; none yet. */
export const ${camel}SettingsSchema = z.strictObject({});

export type ${pascal}Settings = z.output<typeof ${camel}SettingsSchema>;

/** Settings with defaults filled in, or every problem with its field. Absent input means defaults. */
export function parse${pascal}Settings(
  input: unknown,
): { settings: ${pascal}Settings } | { problems: SettingsProblem[] } {
  const parsed = ${camel}SettingsSchema.safeParse(input ?? {});
  if (parsed.success) return { settings: parsed.data };
  return {
    problems: parsed.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issue.message,
    })),
  };
}
`,
    'adapter.ts': `import type { CrmProviderAdapter } from '@leadflow/crm';
import { ${pascal}CrmClient } from './client';
import { ${camel}Descriptor } from './descriptor';
import { ${camel}DefaultMapping } from './mapping-defaults';
import { parse${pascal}Settings } from './settings';

/** Everything the CRM integration factory needs from the ${display} package; registered once. */
export const ${camel}Adapter: CrmProviderAdapter = {
  descriptor: ${camel}Descriptor,
  createClient: (context) => new ${pascal}CrmClient(context),
  parseSettings: (input) => parse${pascal}Settings(input),
  defaultMapping: () => ${camel}DefaultMapping,
};
`,
  };
}

/** `entries` with `[key, value]` placed after the last key matching `after` (or at the end). */
function insertAfter(object, key, value, after) {
  const entries = Object.entries(object);
  let at = entries.length;
  entries.forEach(([k], i) => {
    if (after(k)) at = i + 1;
  });
  entries.splice(at, 0, [key, value]);
  return Object.fromEntries(entries);
}

async function formatter() {
  try {
    const prettier = await import('prettier');
    const options = (await prettier.resolveConfig(join(REPO_ROOT, 'package.json'))) ?? {};
    return (text, filepath) => prettier.format(text, { ...options, filepath });
  } catch {
    // Without prettier (a production install) the files are written as templated.
    return (text) => text;
  }
}

async function main() {
  const { name, root } = parseArgs(process.argv.slice(2));
  if (!NAME.test(name)) {
    fail(
      `"${name}" is not a valid provider name: lower-case letters and digits, words joined by "-", starting with a letter`,
    );
  }
  const id = identifiers(name);
  const libDir = join(root, 'libs', id.lib);
  const tsconfigPath = join(root, 'tsconfig.json');
  const nestCliPath = join(root, 'nest-cli.json');
  for (const file of [tsconfigPath, nestCliPath]) {
    if (!existsSync(file)) fail(`${file} not found (is --root a Leadflow checkout?)`);
  }
  const tsconfig = JSON.parse(readFileSync(tsconfigPath, 'utf8'));
  const nestCli = JSON.parse(readFileSync(nestCliPath, 'utf8'));
  const paths = tsconfig.compilerOptions?.paths;
  if (paths === undefined || nestCli.projects === undefined)
    fail('tsconfig.json paths or nest-cli.json projects missing');
  if (existsSync(libDir)) fail(`libs/${id.lib} already exists`);
  if (id.alias in paths) fail(`tsconfig.json already maps ${id.alias}`);
  if (id.lib in nestCli.projects) fail(`nest-cli.json already has a "${id.lib}" project`);

  const format = await formatter();
  const created = [];
  mkdirSync(join(libDir, 'src'), { recursive: true });
  for (const [file, text] of Object.entries(templates(id))) {
    const path = join(libDir, 'src', file);
    writeFileSync(path, await format(text, path));
    created.push(path);
  }
  mkdirSync(join(libDir, 'test', 'fixtures'), { recursive: true });
  writeFileSync(join(libDir, 'test', 'fixtures', '.gitkeep'), '');
  created.push(join(libDir, 'test', 'fixtures', '.gitkeep'));

  tsconfig.compilerOptions.paths = insertAfter(paths, id.alias, [`libs/${id.lib}/src/index.ts`], (k) =>
    k.startsWith('@leadflow/crm'),
  );
  nestCli.projects = insertAfter(
    nestCli.projects,
    id.lib,
    { type: 'library', root: `libs/${id.lib}`, entryFile: 'index', sourceRoot: `libs/${id.lib}/src` },
    (k) => k === 'crm' || k.startsWith('crm-'),
  );
  writeFileSync(tsconfigPath, await format(`${JSON.stringify(tsconfig, null, 2)}\n`, tsconfigPath));
  writeFileSync(nestCliPath, await format(`${JSON.stringify(nestCli, null, 2)}\n`, nestCliPath));

  const shown = (path) => relative(root, path);
  process.stdout.write(
    [
      `Created ${id.display} provider in libs/${id.lib}:`,
      ...created.map((path) => `  ${shown(path)}`),
      `Added ${id.alias} to tsconfig.json paths and "${id.lib}" to nest-cli.json projects.`,
      '',
      'Register it with one line in the adapter list of createCrmAdapterRegistry()',
      '(libs/connections/src/crm-runtime.ts), importing it from its package:',
      `  ${id.camel}Adapter, // import { ${id.camel}Adapter } from '${id.alias}';`,
      '',
    ].join('\n'),
  );
}

await main();
