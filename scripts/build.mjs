// Compiles apps/ and libs/ to dist/ with SWC (type-checking is `npm run typecheck`'s job).
// `--if-stale` skips the work when no source file is newer than the last build.
import { spawnSync } from 'node:child_process';
import { transformFile } from '@swc/core';
import { mkdir, readdir, stat, writeFile, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const outRoot = join(root, 'dist');
const stampFile = join(outRoot, '.build-stamp');
const sourceRoots = ['apps', 'libs'];
const skip = /(\.spec|\.int-spec|\.e2e-spec|\.d)\.ts$/;

async function* walk(path) {
  const info = await stat(path).catch(() => undefined);
  if (!info) return;
  if (info.isFile()) {
    if (path.endsWith('.ts') && !skip.test(path)) yield path;
    return;
  }
  for (const entry of await readdir(path)) {
    if (entry === 'node_modules' || entry === 'dist' || entry === 'test' || entry === 'fixtures') continue;
    if (entry === 'console' && path.endsWith('apps')) continue; // the console is built by Vite
    if (entry === 'testing' && path.endsWith('libs')) continue; // test tooling never ships
    yield* walk(join(path, entry));
  }
}

const tsconfig = JSON.parse(await readFile(join(root, 'tsconfig.json'), 'utf8'));
const paths = tsconfig.compilerOptions.paths;

async function newestSourceMtime(files) {
  let newest = 0;
  for (const f of [...files, join(root, 'tsconfig.json'), join(root, 'prisma', 'schema.prisma')]) {
    const s = await stat(f).catch(() => undefined);
    if (s && s.mtimeMs > newest) newest = s.mtimeMs;
  }
  return newest;
}

const files = [];
for (const r of sourceRoots) for await (const f of walk(join(root, r))) files.push(f);

// The console (apps/console) is built by Vite into dist/console, with its own staleness check.
const consoleBuild = spawnSync(
  process.execPath,
  [join(root, 'scripts/build-console.mjs'), ...process.argv.filter((a) => a === '--if-stale')],
  { stdio: 'inherit' },
);
if (consoleBuild.status !== 0) process.exit(consoleBuild.status ?? 1);

if (process.argv.includes('--if-stale')) {
  const stamp = await stat(stampFile).catch(() => undefined);
  if (stamp && stamp.mtimeMs >= (await newestSourceMtime(files))) process.exit(0);
}

const started = Date.now();
await Promise.all(
  files.map(async (file) => {
    const output = await transformFile(file, {
      sourceMaps: true,
      swcrc: false,
      module: { type: 'commonjs', strict: true, noInterop: false },
      jsc: {
        target: 'es2022',
        baseUrl: root,
        paths,
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
        keepClassNames: true,
      },
    });
    const rel = relative(root, file).replace(/\.ts$/, '.js');
    const outFile = join(outRoot, rel);
    await mkdir(dirname(outFile), { recursive: true });
    await writeFile(outFile, `${output.code}\n//# sourceMappingURL=${rel.split('/').pop()}.map\n`);
    if (output.map) await writeFile(`${outFile}.map`, output.map);
  }),
);
await writeFile(stampFile, new Date().toISOString());
console.log(`build: ${files.length} files compiled to dist/ in ${Date.now() - started} ms`);
