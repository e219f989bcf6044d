import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import {
  applyMigrations,
  ensureDatabaseExists,
  findMigrationsDir,
  quoteIdentifier,
} from '@leadflow/database';

/**
 * Each test run migrates one template database, and each test file clones its own database from
 * it (CREATE DATABASE ... TEMPLATE is a file copy: fast). Runs and parallel workers never share
 * data, and nothing depends on a database someone made by hand (docs/adr/0005).
 */
export const TEST_SERVER_URL =
  process.env.LEADFLOW_TEST_DATABASE_SERVER ?? 'postgresql://postgres@127.0.0.1:5432';
export const TEST_REDIS_URL = process.env.LEADFLOW_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export function databaseUrl(name: string): string {
  const url = new URL(TEST_SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withAdmin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: databaseUrl('postgres') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export function templateName(runId: string): string {
  return `lf_test_${runId}_template`;
}

export async function createTemplateDatabase(runId: string): Promise<void> {
  const url = databaseUrl(templateName(runId));
  await ensureDatabaseExists(url);
  await applyMigrations(url, findMigrationsDir());
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

export async function cloneTestDatabase(runId: string): Promise<TestDatabase> {
  const name = `lf_test_${runId}_${randomBytes(4).toString('hex')}`;
  await withAdmin(async (client) => {
    // Two clones of one template at the same instant can collide on the template's lock; retry.
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(
          `CREATE DATABASE ${quoteIdentifier(name)} TEMPLATE ${quoteIdentifier(templateName(runId))}`,
        );
        return;
      } catch (error) {
        if (attempt >= 20 || !/being accessed by other users/.test((error as Error).message)) throw error;
        await new Promise((r) => setTimeout(r, 100 * attempt));
      }
    }
  });
  return {
    name,
    url: databaseUrl(name),
    drop: () =>
      withAdmin(
        async (client) =>
          void (await client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`)),
      ),
  };
}

export async function dropRunDatabases(runId: string): Promise<void> {
  await withAdmin(async (client) => {
    const rows = await client.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE datname LIKE $1',
      [`lf_test_${runId}_%`],
    );
    for (const { datname } of rows.rows)
      await client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(datname)} WITH (FORCE)`);
  });
}

/** Databases left by runs that crashed before their teardown (older than a day). */
export async function dropStaleTestDatabases(): Promise<void> {
  await withAdmin(async (client) => {
    const rows = await client
      .query<{ datname: string }>(
        `SELECT datname FROM pg_database WHERE datname LIKE 'lf_test_%'
         AND (pg_stat_file('base/' || oid || '/PG_VERSION')).modification < now() - interval '1 day'`,
      )
      .catch(() => ({ rows: [] as { datname: string }[] }));
    for (const { datname } of rows.rows)
      await client
        .query(`DROP DATABASE IF EXISTS ${quoteIdentifier(datname)} WITH (FORCE)`)
        .catch(() => undefined);
  });
}
