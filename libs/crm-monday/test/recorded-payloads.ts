import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** `test/fixtures/<dir>`. */
export function fixturesDir(dir: string): string {
  return join(__dirname, 'fixtures', dir);
}

/** A recorded Monday error response: `fixtures/errors/<name>.json` holds `{ _source, status, headers, body }`. */
export function errorFixture(name: string): {
  status: number;
  headers: Record<string, string>;
  body: unknown;
} {
  const file = JSON.parse(readFileSync(join(fixturesDir('errors'), `${name}.json`), 'utf8')) as {
    status: number;
    headers: Record<string, string>;
    body: unknown;
  };
  return { status: file.status, headers: file.headers, body: file.body };
}

/** A recorded Monday GraphQL answer: `fixtures/<name>.json` holds `{ _recorded, data }`. */
export function recorded<T>(name: string): T {
  const file = JSON.parse(readFileSync(join(__dirname, 'fixtures', `${name}.json`), 'utf8')) as { data: T };
  return file.data;
}

/** A recorded webhook body: `fixtures/webhooks/<name>.json` holds `{ _recorded, body }`. */
export function webhookFixture(name: string): unknown {
  const file = JSON.parse(readFileSync(join(fixturesDir('webhooks'), `${name}.json`), 'utf8')) as {
    body: unknown;
  };
  return file.body;
}

/** A webhook JWT with what it was made for: the URL, the signing secret (a test one) and the time. */
export function jwtFixture(name: string): {
  signingSecret: string;
  url: string;
  now: string;
  authorization: string;
} {
  return JSON.parse(readFileSync(join(fixturesDir('webhooks'), `${name}.json`), 'utf8')) as {
    signingSecret: string;
    url: string;
    now: string;
    authorization: string;
  };
}
