import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A recorded HubSpot response: `test/fixtures/<name>.json` holds `{ _recorded, status, body }`. */
export function recorded<T>(name: string): { status: number; body: T } {
  const file = JSON.parse(readFileSync(join(__dirname, 'fixtures', `${name}.json`), 'utf8')) as {
    status: number;
    body: T;
  };
  return { status: file.status, body: file.body };
}
