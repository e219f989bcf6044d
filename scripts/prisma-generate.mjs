// Generates the Prisma client. The client is pure TypeScript + WASM (no native engine), but the
// Prisma CLI still tries to download its native schema engine on start even though `generate`
// does not use it; pointing PRISMA_SCHEMA_ENGINE_BINARY at a stub skips that download, which is
// what lets installs work on machines without access to Prisma's binary host. See docs/adr/0002.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const result = spawnSync(
  process.execPath,
  [resolve(root, 'node_modules/prisma/build/index.js'), 'generate'],
  {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? '/bin/false',
      PRISMA_HIDE_UPDATE_MESSAGE: '1',
    },
  },
);
process.exit(result.status ?? 1);
