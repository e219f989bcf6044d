import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, type DefinitionNode, type DocumentNode, Kind, parse, print, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import * as generated from './generated/graphql';

// What the adapter sends is what `npm run gen:monday` generated from src/operations, and all of it is
// valid against Monday's schema for the pinned version. A document the schema does not allow, or a
// generated file older than its .graphql sources, fails here (and `npm run gen:monday -- --check`).

const schema = buildSchema(readFileSync(join(__dirname, '..', 'schema', 'schema.graphql'), 'utf8'));
const operationsDir = join(__dirname, 'operations');
const sources = parse(
  readdirSync(operationsDir)
    .filter((f) => f.endsWith('.graphql'))
    .map((f) => readFileSync(join(operationsDir, f), 'utf8'))
    .join('\n'),
);

function nameOf(definition: DefinitionNode): string | undefined {
  return definition.kind === Kind.OPERATION_DEFINITION || definition.kind === Kind.FRAGMENT_DEFINITION
    ? definition.name?.value
    : undefined;
}

const generatedDocuments = Object.entries(generated).filter(
  (entry): entry is [string, DocumentNode] =>
    entry[0].endsWith('Document') &&
    typeof entry[1] === 'object' &&
    (entry[1] as { kind?: unknown }).kind === Kind.DOCUMENT,
);

describe('Monday operations', () => {
  it('are valid against the schema of the pinned API version', () => {
    expect(validate(schema, sources).map((e) => e.message)).toEqual([]);
    for (const [name, document] of generatedDocuments) {
      expect(
        validate(schema, document).map((e) => e.message),
        name,
      ).toEqual([]);
    }
  });

  it('are all generated, each from its current source', () => {
    const sourceDefinitions = new Map(sources.definitions.map((d) => [nameOf(d), print(d)]));
    const operations = sources.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION).map(nameOf);
    expect(generatedDocuments.map(([name]) => name.replace(/Document$/, '')).sort()).toEqual(
      [...operations].sort(),
    );
    for (const [name, document] of generatedDocuments) {
      for (const definition of document.definitions) {
        expect(print(definition), `${name}: ${nameOf(definition)} differs from its .graphql source`).toBe(
          sourceDefinitions.get(nameOf(definition)),
        );
      }
    }
  });

  it('name every operation, so Monday’s logs and our spans can tell them apart', () => {
    for (const definition of sources.definitions) {
      if (definition.kind === Kind.OPERATION_DEFINITION) expect(definition.name?.value).toBeDefined();
    }
  });
});
