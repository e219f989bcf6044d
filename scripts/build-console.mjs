// Builds the web console (apps/console, React + Vite) into dist/console, which the API serves at `/`.
// Run by `npm run build` (scripts/build.mjs) and after `npm install`; `--if-stale` skips the work
// when no console source is newer than the last console build. Skips quietly where the console's
// sources or Vite are absent (the Docker image installs dependencies before copying the sources).
import { existsSync } from 'node:fs';
import { readdir, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const consoleRoot = join(root, 'apps/console');
const outDir = join(root, 'dist/console');
const stampFile = join(outDir, '.build-stamp');

if (!existsSync(join(consoleRoot, 'index.html'))) process.exit(0);
if (!existsSync(join(root, 'node_modules/vite/package.json'))) {
  console.log('build-console: Vite is not installed; the console is not built');
  process.exit(0);
}

async function newestMtime(path) {
  const info = await stat(path);
  if (info.isFile()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of await readdir(path)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    newest = Math.max(newest, await newestMtime(join(path, entry)));
  }
  return newest;
}

if (process.argv.includes('--if-stale')) {
  const stamp = await stat(stampFile).catch(() => undefined);
  if (stamp && stamp.mtimeMs >= (await newestMtime(consoleRoot))) process.exit(0);
}

const started = Date.now();
const { build } = await import('vite');
await build({ configFile: join(consoleRoot, 'vite.config.mts'), logLevel: 'warn' });
await writeFile(stampFile, new Date().toISOString());
console.log(`build-console: console built to dist/console in ${Date.now() - started} ms`);
