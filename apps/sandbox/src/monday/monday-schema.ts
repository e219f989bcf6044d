import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildSchema, type GraphQLSchema } from 'graphql';

/** Where Monday's public schema lives in the repository (see its README there). */
export const SCHEMA_PATH = join('libs', 'crm-monday', 'schema', 'schema.graphql');

/**
 * The repository root holding the schema, found by walking up from this file: works from
 * `apps/sandbox/src/monday` (tests, tsx) and from `dist/apps/sandbox/src/monday` (the build).
 */
export function findMondaySchemaFile(start = __dirname): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const candidate = join(dir, SCHEMA_PATH);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) {
      throw new Error(`Monday GraphQL schema not found: no ${SCHEMA_PATH} above ${start}`);
    }
  }
}

let cached: GraphQLSchema | undefined;

/** Monday's schema, built once (it is large: about 8,500 lines) on first use. */
export function mondaySchema(): GraphQLSchema {
  cached ??= buildSchema(readFileSync(findMondaySchemaFile(), 'utf8'));
  return cached;
}
