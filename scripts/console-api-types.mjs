// Generates the console's API types (apps/console/src/api/openapi.d.ts) from docs/openapi.json, so
// the console can call only the public API and the compiler notices when it changes. `npm run
// openapi` runs this after regenerating the document; `--check` fails when the file is stale.
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import prettier from 'prettier';

const root = resolve(import.meta.dirname, '..');
const target = join(root, 'apps/console/src/api/openapi.d.ts');
const document = JSON.parse(await readFile(join(root, 'docs/openapi.json'), 'utf8'));

const header =
  '// Generated from docs/openapi.json by scripts/console-api-types.mjs (`npm run openapi`); do not edit.\n';
const source = header + astToString(await openapiTS(document, { alphabetize: false }));
const formatted = await prettier.format(source, {
  ...(await prettier.resolveConfig(target)),
  filepath: target,
});

if (process.argv.includes('--check')) {
  const current = await readFile(target, 'utf8').catch(() => '');
  if (current !== formatted) {
    console.error(
      'apps/console/src/api/openapi.d.ts is stale: run `npm run console:api-types` (or `npm run openapi`)',
    );
    process.exit(1);
  }
} else {
  await writeFile(target, formatted);
}
