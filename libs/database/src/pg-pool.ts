import { Pool } from 'pg';

export type { Pool as PgPool } from 'pg';

export interface PgPoolOptions {
  databaseUrl: string;
  size?: number;
  applicationName?: string;
  /**
   * Called when an idle connection fails (Postgres restarted, connection killed). The pool drops
   * that connection and opens another on demand; without a listener, node-postgres would crash
   * the process instead.
   */
  onIdleError?: (error: Error) => void;
}

/** A node-postgres pool for the few hot paths that run SQL without Prisma (docs/adr/0008). */
export function createPgPool(options: PgPoolOptions): Pool {
  const pool = new Pool({
    connectionString: options.databaseUrl,
    max: options.size ?? 10,
    application_name: options.applicationName ?? 'leadflow',
  });
  pool.on(
    'error',
    options.onIdleError ??
      ((error: Error) =>
        process.stderr.write(`postgres: idle connection failed and was replaced: ${error.message}\n`)),
  );
  return pool;
}
