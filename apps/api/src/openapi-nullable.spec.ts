import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withNullableFlags } from './openapi';

function typeArrays(node: unknown, path = '$'): string[] {
  if (Array.isArray(node)) return node.flatMap((item, i) => typeArrays(item, `${path}[${i}]`));
  if (node === null || typeof node !== 'object') return [];
  const found = Array.isArray((node as { type?: unknown }).type) ? [path] : [];
  return [...found, ...Object.entries(node).flatMap(([key, value]) => typeArrays(value, `${path}.${key}`))];
}

describe('OpenAPI 3.0 nullability', () => {
  it('rewrites a 3.1-style nullable type as a 3.0 nullable flag, however deep', () => {
    expect(
      withNullableFlags({
        properties: {
          nextCursor: { type: ['string', 'null'] },
          items: { type: 'array', items: { type: ['integer', 'null'] } },
        },
      }),
    ).toEqual({
      properties: {
        nextCursor: { type: 'string', nullable: true },
        items: { type: 'array', items: { type: 'integer', nullable: true } },
      },
    });
  });

  it('leaves no type arrays in the published document (docs/openapi.json is OpenAPI 3.0)', () => {
    const document = JSON.parse(readFileSync(join(__dirname, '../../../docs/openapi.json'), 'utf8')) as {
      openapi: string;
    };
    expect(document.openapi).toMatch(/^3\.0\./);
    expect(typeArrays(document)).toEqual([]);
  });
});
