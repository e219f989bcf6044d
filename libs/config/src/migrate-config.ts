import { z } from 'zod';
import { databaseUrl } from './env-fields';
import { parseEnv } from './config-parser';
import type { EnvSource } from './env-source';

const migrateEnvSchema = z.object({ DATABASE_URL: databaseUrl });

/** `npm run migrate` needs nothing but the database. */
export function parseMigrateConfig(env: EnvSource): { databaseUrl: string } {
  return { databaseUrl: parseEnv('leadflow-migrate', migrateEnvSchema, env).DATABASE_URL };
}
