import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from 'pg';

/**
 * Applies the committed migrations in prisma/migrations. Prisma's own `migrate deploy` needs a
 * native schema engine that cannot be installed everywhere we run (docs/adr/0002), so this runner
 * applies the same files and records them in Prisma's `_prisma_migrations` table in the same
 * format, which keeps the two interchangeable.
 */

export interface MigrationResult {
  applied: string[];
  alreadyApplied: number;
}

export class MigrationError extends Error {
  constructor(
    message: string,
    readonly migration?: string,
  ) {
    super(message);
    this.name = 'MigrationError';
  }
}

const MIGRATION_LOCK_KEY = 72_641_993; // arbitrary, constant: serialises concurrent starts
const DATABASE_CREATE_LOCK_KEY = 72_641_994;

/** Creates the database named in `databaseUrl` when it does not exist yet. */
export async function ensureDatabaseExists(databaseUrl: string): Promise<boolean> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!name) throw new MigrationError('DATABASE_URL names no database');
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    // API and worker start together on a fresh machine; without the lock both see "missing" and
    // the loser's CREATE fails on pg_database's unique index (23505), not with 42P04.
    await client.query('SELECT pg_advisory_lock($1)', [DATABASE_CREATE_LOCK_KEY]);
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount) return false;
    try {
      await client.query(`CREATE DATABASE ${quoteIdentifier(name)}`);
    } catch (error) {
      // Another process outside our lock (an older release, a person) created it meanwhile.
      const code = (error as { code?: string }).code;
      if (code !== '42P04' && code !== '23505') throw error;
      return false;
    }
    return true;
  } finally {
    await client.end();
  }
}

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export async function listMigrations(
  migrationsDir: string,
): Promise<{ name: string; sql: string; checksum: string }[]> {
  const entries = (await readdir(migrationsDir, { withFileTypes: true }))
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return Promise.all(
    entries.map(async (name) => {
      const sql = await readFile(join(migrationsDir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    }),
  );
}

export async function applyMigrations(databaseUrl: string, migrationsDir: string): Promise<MigrationResult> {
  const migrations = await listMigrations(migrationsDir);
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0
    )`);
    const done = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      'SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL',
    );
    const byName = new Map(done.rows.map((r) => [r.migration_name, r]));
    const known = new Set(migrations.map((m) => m.name));
    for (const row of done.rows) {
      if (!known.has(row.migration_name)) {
        throw new MigrationError(
          `the database has migration ${row.migration_name}, which this build does not know: is an older build running against a newer database?`,
          row.migration_name,
        );
      }
    }
    const applied: string[] = [];
    for (const migration of migrations) {
      const previous = byName.get(migration.name);
      if (previous) {
        if (!previous.finished_at) {
          throw new MigrationError(
            `migration ${migration.name} started earlier and did not finish; fix the database by hand (see docs/runbooks/failed-migration.md)`,
            migration.name,
          );
        }
        if (previous.checksum !== migration.checksum) {
          throw new MigrationError(
            `migration ${migration.name} was changed after it was applied; add a new migration instead of editing an applied one`,
            migration.name,
          );
        }
        continue;
      }
      const id = randomUUID();
      await client.query('BEGIN');
      try {
        await client.query(
          'INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())',
          [id, migration.checksum, migration.name],
        );
        await client.query(migration.sql);
        await client.query(
          'UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1',
          [id],
        );
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new MigrationError(
          `migration ${migration.name} failed: ${(error as Error).message}`,
          migration.name,
        );
      }
      applied.push(migration.name);
    }
    return { applied, alreadyApplied: migrations.length - applied.length };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}

/** What every app does at start-up: create the database if needed, then apply pending migrations. */
export async function prepareDatabase(databaseUrl: string, migrationsDir: string): Promise<MigrationResult> {
  await ensureDatabaseExists(databaseUrl);
  return applyMigrations(databaseUrl, migrationsDir);
}
