import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { fieldMappingShapeSchema } from '@leadflow/field-mapping';

const objectQuery = z
  .string()
  .trim()
  .min(1)
  .max(50)
  .optional()
  .describe(
    "The routed object type (HubSpot leads, contacts, deals; Monday items); defaults to the connection's",
  );

export class MappingObjectQueryDto extends createZodDto(z.object({ object: objectQuery })) {}

export class FieldsQueryDto extends createZodDto(
  z.object({
    object: objectQuery,
    refresh: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true')
      .describe('Ask the CRM again instead of using the cached fields'),
  }),
) {}

export class ConnectionParamsDto extends createZodDto(z.object({ id: z.uuid('must be a UUID') })) {}

export class MappingVersionParamsDto extends createZodDto(
  z.object({ id: z.uuid('must be a UUID'), version: z.coerce.number().int().min(1) }),
) {}

export class MappingDiffParamsDto extends createZodDto(
  z.object({
    id: z.uuid('must be a UUID'),
    version: z.coerce.number().int().min(1),
    other: z.coerce.number().int().min(1),
  }),
) {}

const optionSchema = z.object({ value: z.string(), label: z.string(), statusHint: z.string().optional() });

export const discoveredFieldSchema = z.object({
  object: z.string().describe('lead (the routed record), contact, company, deal, or column (Monday)'),
  name: z.string(),
  label: z.string(),
  type: z.string(),
  options: z.array(optionSchema).optional(),
  samples: z.array(z.string()).describe('Up to three distinct values from recent records'),
});

export class FieldsDto extends createZodDto(
  z.object({
    object: z.string(),
    fetchedAt: z.iso.datetime(),
    fields: z.array(discoveredFieldSchema),
  }),
) {}

const mappingJson = z.record(z.string(), z.unknown()).describe('A field mapping (docs/field-mapping.md)');

const problemSchema = z.object({
  code: z.string(),
  severity: z.enum(['error', 'warning']),
  path: z.string().describe('Into the mapping, e.g. fields[3].transforms[1]'),
  message: z.string(),
  missingOptions: z.array(z.string()).optional(),
});

export class SuggestionsDto extends createZodDto(
  z.object({
    object: z.string(),
    mapping: mappingJson,
    fields: z.array(
      z.object({
        target: z.string(),
        rule: z.record(z.string(), z.unknown()),
        confidence: z.number().min(0).max(1),
        reason: z.string(),
      }),
    ),
    statusParity: z.array(
      z.object({
        value: z.string(),
        label: z.string(),
        status: z.string(),
        confidence: z.number(),
        reason: z.string(),
      }),
    ),
  }),
) {}

export class MappingDraftDto extends createZodDto(
  z.object({
    object: z.string(),
    origin: z
      .enum(['draft', 'version', 'suggestion'])
      .describe(
        'draft: saved edits; version: the active version (no edits yet); suggestion: nothing published yet',
      ),
    basedOnVersion: z.number().int().nullable(),
    mapping: mappingJson,
    problems: z.array(problemSchema).describe('What publishing would refuse (errors) or warn about'),
    updatedAt: z.iso.datetime().nullable(),
  }),
) {}

export class PutDraftDto extends createZodDto(fieldMappingShapeSchema) {}

export class PreviewBodyDto extends createZodDto(
  z
    .object({
      limit: z.number().int().min(1).max(20).default(5).describe('How many recent records to normalize'),
      mapping: fieldMappingShapeSchema.optional().describe('Preview this mapping instead of the saved draft'),
    })
    .strict(),
) {}

const issueSchema = z.object({
  code: z.string(),
  target: z.string(),
  message: z.string(),
  source: z.string().optional(),
});

export class PreviewDto extends createZodDto(
  z.object({
    object: z.string(),
    records: z.array(
      z.object({
        externalId: z.string(),
        raw: z
          .record(z.string(), z.unknown())
          .describe('What the CRM returned: properties, associations, columns'),
        lead: z
          .record(z.string(), z.unknown())
          .nullable()
          .describe('The canonical lead, or null when a required field failed'),
        errors: z.array(issueSchema),
        warnings: z.array(issueSchema),
      }),
    ),
  }),
) {}

export const mappingVersionSchema = z.object({
  id: z.uuid(),
  object: z.string(),
  version: z.number().int(),
  active: z.boolean(),
  mapping: mappingJson,
  publishedBy: z.string(),
  createdAt: z.iso.datetime(),
});

export class MappingVersionDto extends createZodDto(mappingVersionSchema) {}

export class MappingVersionListDto extends createZodDto(
  z.object({ items: z.array(mappingVersionSchema.omit({ mapping: true })) }),
) {}

export class MappingDiffDto extends createZodDto(
  z
    .object({
      from: z.number().int(),
      to: z.number().int(),
      identical: z.boolean(),
      fields: z.record(z.string(), z.unknown()),
      customFields: z.record(z.string(), z.unknown()),
      statusParity: z.record(z.string(), z.unknown()),
    })
    .passthrough(),
) {}
