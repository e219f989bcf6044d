import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { cleanupOpenApiDoc } from 'nestjs-zod';

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Leadflow API')
    .setDescription(
      'Lead routing for the CRMs sales teams already use. Every route needs an API key (`Authorization: Bearer lf_...`) unless marked public. Errors are RFC 9457 problem details.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key: lf_<prefix>_<secret>' })
    .build();
  return withNullableFlags(cleanupOpenApiDoc(SwaggerModule.createDocument(app, config), { version: '3.0' }));
}

/**
 * OpenAPI 3.0 has no `type: [T, "null"]` (that is 3.1); a few nested zod schemas still come out that
 * way, which 3.0 tooling reads as an array type. Rewrites them as `type: T, nullable: true`.
 */
export function withNullableFlags<T>(node: T): T {
  if (Array.isArray(node)) return node.map((item: unknown) => withNullableFlags(item)) as T;
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) out[key] = withNullableFlags(value);
  const type = out.type;
  if (Array.isArray(type) && type.includes('null')) {
    const rest = type.filter((t) => t !== 'null');
    if (rest.length === 1) {
      out.type = rest[0];
      out.nullable = true;
    }
  }
  return out as T;
}

export function mountOpenApi(app: INestApplication, document: OpenAPIObject): void {
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs/openapi.json',
    customSiteTitle: 'Leadflow API',
  });
}
