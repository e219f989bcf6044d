// Proves the module-boundary rules bite: a fixture repo with forbidden imports must fail
// dependency-cruiser with each expected rule. Run by `npm run arch` after the real check.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'leadflow-arch-'));
const files = {
  'libs/alpha/src/index.ts': "export { secret } from './internal';\n",
  'libs/alpha/src/internal.ts': 'export const secret = 1;\n',
  // Deep import of another lib's internals.
  'libs/beta/src/index.ts': "import { secret } from '../../alpha/src/internal';\nexport const b = secret;\n",
  // The routing engine importing another lib.
  'libs/routing-engine/src/index.ts':
    "import { secret } from '../../alpha/src/index';\nexport const r = secret;\n",
  // One adapter importing another.
  'libs/crm-one/src/index.ts': 'export const one = 1;\n',
  'libs/crm-two/src/index.ts': "import { one } from '../../crm-one/src/index';\nexport const two = one;\n",
  // A lib importing an app.
  'apps/app/src/main.ts': 'export const main = 1;\n',
  'libs/gamma/src/index.ts': "import { main } from '../../../apps/app/src/main';\nexport const g = main;\n",
  'tsconfig.json': JSON.stringify({
    compilerOptions: { baseUrl: '.', module: 'commonjs', moduleResolution: 'node10' },
  }),
};
try {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(work, path)), { recursive: true });
    writeFileSync(join(work, path), text);
  }
  cpSync(join(root, '.dependency-cruiser.cjs'), join(work, '.dependency-cruiser.cjs'));
  const result = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs'),
      'apps',
      'libs',
      '--config',
      '.dependency-cruiser.cjs',
      '--output-type',
      'err',
    ],
    {
      cwd: work,
      encoding: 'utf8',
    },
  );
  const output = `${result.stdout}${result.stderr}`;
  const expected = [
    'lib-internals-only-through-index',
    'routing-engine-is-pure',
    'adapters-never-import-each-other',
    'libs-never-import-apps',
  ];
  const missing = expected.filter((rule) => !output.includes(rule));
  if (result.status === 0 || missing.length) {
    process.stderr.write(
      `arch: the boundary rules did not bite on the fixture (missing: ${missing.join(', ') || 'non-zero exit'})\n${output}\n`,
    );
    process.exit(1);
  }
  process.stdout.write(
    `arch: the boundary rules reject the fixture's ${expected.length} forbidden imports\n`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
