import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findMondaySchemaFile, mondaySchema, SCHEMA_PATH } from './monday-schema';

const repoRoot = resolve(__dirname, '../../../..');

describe('Monday schema location', () => {
  it('is found from the sources and from the build output alike', () => {
    const expected = join(repoRoot, SCHEMA_PATH);
    expect(findMondaySchemaFile(__dirname)).toBe(expected);
    expect(findMondaySchemaFile(join(repoRoot, 'dist', 'apps', 'sandbox', 'src', 'monday'))).toBe(expected);
    expect(() => findMondaySchemaFile('/')).toThrow(/Monday GraphQL schema not found/);
  });

  it('builds the 2026-10 schema with the root fields the simulator serves', () => {
    const fields = mondaySchema().getQueryType()!.getFields();
    expect(Object.keys(fields)).toEqual(
      expect.arrayContaining(['me', 'boards', 'items', 'next_items_page', 'complexity']),
    );
  });
});
