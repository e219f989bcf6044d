import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { pageSchema, paginationQuerySchema } from '../http/pagination';
import { kpiNameSchema, tagsSchema } from './rep.dto';

export const poolStrategySchema = z
  .enum(['round_robin', 'weighted_round_robin', 'least_loaded', 'kpi_weighted'])
  .describe(
    'round_robin: strict rotation; weighted_round_robin: smooth rotation by member weight; least_loaded: fewest open leads; kpi_weighted: best KPI score (needs kpiWeights)',
  );

const poolMemberInputSchema = z
  .object({
    repId: z.uuid('must be a UUID').describe('A rep of this tenant'),
    weight: z
      .number()
      .optional()
      .describe('Share of leads in weighted_round_robin (default 1; must be greater than 0)'),
  })
  .strict();

export const fallbackSchema = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('pool'), poolId: z.uuid('must be a UUID') }).strict(),
    z.object({ type: z.literal('rep'), repId: z.uuid('must be a UUID') }).strict(),
  ])
  .describe('Where a lead goes when no member is eligible: another pool or a rep');

export const kpiWeightSchema = z
  .object({
    kpi: kpiNameSchema.describe('The KPI name as reps’ KPIs are recorded (conversion_rate)'),
    weight: z.number().describe('Share of the score; must be greater than 0'),
    direction: z.enum(['higher_is_better', 'lower_is_better']),
  })
  .strict();

const poolWritable = {
  name: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(200, 'must be at most 200 characters')
    .describe('Unique within the tenant'),
  strategy: poolStrategySchema,
  members: z
    .array(poolMemberInputSchema)
    .max(1000, 'must have at most 1000 members')
    .describe('The reps of the pool, in rotation and tie-break order; at least one'),
  requiredSkills: tagsSchema.describe('Skills every member must have to get a lead from this pool'),
  requiredTerritories: tagsSchema.describe('Territories every member must have to get a lead from this pool'),
  catchUp: z
    .boolean()
    .describe('Reps who missed turns while absent get them first when back (round robin strategies)'),
  fallback: fallbackSchema.nullable(),
  kpiWeights: z
    .array(kpiWeightSchema)
    .max(50, 'must have at most 50 entries')
    .describe('How KPIs make up the score of kpi_weighted pools; required for that strategy'),
};

export const createPoolSchema = z
  .object({
    name: poolWritable.name,
    strategy: poolWritable.strategy,
    members: poolWritable.members,
    requiredSkills: poolWritable.requiredSkills.default([]),
    requiredTerritories: poolWritable.requiredTerritories.default([]),
    catchUp: poolWritable.catchUp.default(false),
    fallback: poolWritable.fallback.default(null),
    kpiWeights: poolWritable.kpiWeights.default([]),
  })
  .strict();

export type CreatePoolInput = z.output<typeof createPoolSchema>;

export class CreatePoolDto extends createZodDto(createPoolSchema) {}

export const updatePoolSchema = z
  .object({
    name: poolWritable.name.optional(),
    strategy: poolWritable.strategy.optional(),
    members: poolWritable.members.optional().describe('Replaces the whole member list'),
    requiredSkills: poolWritable.requiredSkills.optional(),
    requiredTerritories: poolWritable.requiredTerritories.optional(),
    catchUp: poolWritable.catchUp.optional(),
    fallback: poolWritable.fallback.optional(),
    kpiWeights: poolWritable.kpiWeights.optional(),
  })
  .strict()
  .describe('Only the fields given change; lists are replaced as a whole');

export type UpdatePoolInput = z.output<typeof updatePoolSchema>;

export class UpdatePoolDto extends createZodDto(updatePoolSchema) {}

export const configWarningSchema = z.object({
  path: z.string().describe('The field, as in the request (body.catchUp)'),
  code: z.string(),
  message: z.string(),
});

export const poolSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  strategy: poolStrategySchema,
  members: z.array(
    z.object({
      repId: z.uuid(),
      weight: z.number(),
      position: z.number().int().describe('0-based rotation order'),
    }),
  ),
  requiredSkills: z.array(z.string()),
  requiredTerritories: z.array(z.string()),
  catchUp: z.boolean(),
  fallback: fallbackSchema.nullable(),
  kpiWeights: z.array(kpiWeightSchema),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export class PoolDto extends createZodDto(poolSchema) {}

export class PoolWriteResultDto extends createZodDto(
  poolSchema.extend({
    warnings: z
      .array(configWarningSchema)
      .describe('Settings that are accepted but have no effect (catchUp on least_loaded, …)'),
  }),
) {}

export class PoolPageDto extends createZodDto(pageSchema(poolSchema)) {}

export class PoolListQueryDto extends createZodDto(paginationQuerySchema) {}

export class PoolIdParamsDto extends createZodDto(z.object({ id: z.uuid('must be a UUID') })) {}
