import { loadConfigOrExit, parseMigrateConfig } from '@leadflow/config';
import { findMigrationsDir } from './migrations-dir';
import { prepareDatabase } from './migrator';

// `npm run migrate`: the same step every app runs at start-up, for operators who want it separately.
async function main(): Promise<void> {
  const config = loadConfigOrExit(parseMigrateConfig);
  const result = await prepareDatabase(config.databaseUrl, findMigrationsDir());
  process.stdout.write(
    result.applied.length
      ? `applied ${result.applied.length} migration(s): ${result.applied.join(', ')}\n`
      : `database is up to date (${result.alreadyApplied} migrations)\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`migrate: ${(error as Error).message}\n`);
  process.exit(1);
});
