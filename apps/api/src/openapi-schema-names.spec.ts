import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every `*.ts` file under a folder, recursively. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('OpenAPI schema names', () => {
  it('are unique: two DTO classes with one name would share (and corrupt) one schema', () => {
    const seen = new Map<string, string>();
    const duplicates: string[] = [];
    for (const file of sources(__dirname)) {
      for (const match of readFileSync(file, 'utf8').matchAll(
        /export class (\w+Dto) extends createZodDto/g,
      )) {
        const name = match[1]!;
        if (seen.has(name)) duplicates.push(`${name} (${seen.get(name)} and ${file})`);
        else seen.set(name, file);
      }
    }
    expect(seen.size).toBeGreaterThan(50);
    expect(duplicates).toEqual([]);
  });
});
