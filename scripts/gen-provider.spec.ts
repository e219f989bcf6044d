import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO = resolve(__dirname, '..');
const SCRIPT = join(REPO, 'scripts', 'gen-provider.mjs');
const FILES = [
  'index',
  'descriptor',
  'client',
  'webhook',
  'errors',
  'mapping-defaults',
  'settings',
  'adapter',
];

let root: string;

function generate(...args: string[]) {
  return spawnSync(process.execPath, [SCRIPT, ...args, '--root', root], { encoding: 'utf8' });
}

const json = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'gen-provider-'));
  copyFileSync(join(REPO, 'tsconfig.json'), join(root, 'tsconfig.json'));
  copyFileSync(join(REPO, 'nest-cli.json'), join(root, 'nest-cli.json'));
  // The generated files import zod and friends, resolved from the repository's packages.
  symlinkSync(join(REPO, 'node_modules'), join(root, 'node_modules'), 'dir');
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('npm run gen:provider', () => {
  it('creates the provider skeleton, registers its path and project, and prints the registry line', () => {
    const run = generate('acme-crm');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    for (const file of FILES)
      expect(existsSync(join(root, 'libs/crm-acme-crm/src', `${file}.ts`))).toBe(true);
    expect(existsSync(join(root, 'libs/crm-acme-crm/test/fixtures/.gitkeep'))).toBe(true);
    expect(run.stdout).toContain(
      "acmeCrmAdapter, // import { acmeCrmAdapter } from '@leadflow/crm-acme-crm';",
    );

    const tsconfig = json(join(root, 'tsconfig.json'));
    const original = json(join(REPO, 'tsconfig.json'));
    expect(tsconfig.compilerOptions.paths['@leadflow/crm-acme-crm']).toEqual([
      'libs/crm-acme-crm/src/index.ts',
    ]);
    delete tsconfig.compilerOptions.paths['@leadflow/crm-acme-crm'];
    expect(tsconfig).toEqual(original);

    const nestCli = json(join(root, 'nest-cli.json'));
    expect(nestCli.projects['crm-acme-crm']).toEqual({
      type: 'library',
      root: 'libs/crm-acme-crm',
      entryFile: 'index',
      sourceRoot: 'libs/crm-acme-crm/src',
    });
    expect(Object.keys(nestCli.projects)).toEqual(
      expect.arrayContaining([...Object.keys(json(join(REPO, 'nest-cli.json')).projects), 'crm-acme-crm']),
    );

    const descriptor = readFileSync(join(root, 'libs/crm-acme-crm/src/descriptor.ts'), 'utf8');
    expect(descriptor).toContain('defineProviderDescriptor');
    expect(descriptor).toContain("name: 'acme-crm'");
    const client = readFileSync(join(root, 'libs/crm-acme-crm/src/client.ts'), 'utf8');
    expect(client).toContain('export class AcmeCrmCrmClient implements ICrmClient');
  });

  it('generates code that compiles against the port', () => {
    const { config } = ts.readConfigFile(join(REPO, 'tsconfig.json'), (p) => ts.sys.readFile(p));
    const parsed = ts.parseJsonConfigFileContent(config, ts.sys, REPO);
    const entry = join(root, 'libs/crm-acme-crm/src/index.ts');
    const program = ts.createProgram(
      [entry, ...FILES.map((f) => join(root, 'libs/crm-acme-crm/src', `${f}.ts`))],
      {
        ...parsed.options,
        noEmit: true,
        paths: { ...parsed.options.paths, '@leadflow/crm-acme-crm': [entry] },
      },
    );
    const problems = ts
      .getPreEmitDiagnostics(program)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(problems).toEqual([]);
  }, 60_000);

  it('refuses an existing provider and leaves the configuration alone', () => {
    const before = readFileSync(join(root, 'tsconfig.json'), 'utf8');
    const again = generate('acme-crm');
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/already exists/);
    expect(readFileSync(join(root, 'tsconfig.json'), 'utf8')).toBe(before);
    const hubspot = generate('hubspot');
    expect(hubspot.status).toBe(1);
    expect(hubspot.stderr).toMatch(/already maps @leadflow\/crm-hubspot/);
  });

  it('refuses invalid names', () => {
    for (const name of ['Acme', 'acme_crm', '1acme', 'acme-', '-acme', 'ac--me', '../evil']) {
      const run = generate(name);
      expect(run.status, name).toBe(1);
      expect(run.stderr).toMatch(/not a valid provider name/);
    }
    expect(existsSync(join(root, 'libs/crm-Acme'))).toBe(false);
  });

  it('needs exactly one name', () => {
    const none = generate();
    expect(none.status).toBe(1);
    expect(none.stderr).toMatch(/usage: npm run gen:provider <name>/);
    expect(generate('one', 'two').status).toBe(1);
  });
});
