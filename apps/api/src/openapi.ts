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
  return cleanupOpenApiDoc(SwaggerModule.createDocument(app, config), { version: '3.0' });
}

export function mountOpenApi(app: INestApplication, document: OpenAPIObject): void {
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs/openapi.json',
    customSiteTitle: 'Leadflow API',
  });
}
