import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Finds prisma/migrations above this file, so the same code works from src/ (tests) and dist/. */
export function findMigrationsDir(from: string = __dirname): string {
  let dir = from;
  for (;;) {
    const candidate = join(dir, 'prisma', 'migrations');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`prisma/migrations not found above ${from}`);
    dir = parent;
  }
}
