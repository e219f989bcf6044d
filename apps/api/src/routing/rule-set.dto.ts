import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { OPERATORS, type Operator } from '@leadflow/routing-engine';
import { paginationQuerySchema } from '../http/pagination';

/**
 * Rule sets as the API reads and writes them. These schemas check the *shape* of a rule (types,
 * operator names, action types, owner policies); whether a rule makes sense against the tenant's
 * fields, pools and reps is the routing engine's `validateRuleSet`, run when the draft is published.
 */

export const MAX_RULES = 500;
const MAX_CONDITIONS = 100;

const idSchema = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');

const tagListSchema = z
  .array(z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'))
  .max(100, 'must have at most 100 entries');

const scalarSchema = z.union([
  z.string().max(1000, 'must be at most 1000 characters'),
  z.number(),
  z.boolean(),
]);

export const conditionSchema = z
  .object({
    field: z
      .string()
      .min(1, 'must not be empty')
      .max(200, 'must be at most 200 characters')
      .describe('A canonical lead field (country) or a declared custom field (custom.employees)'),
    operator: z
      .enum(OPERATORS as readonly [Operator, ...Operator[]])
      .describe('See docs/routing.md for which types each applies to'),
    value: z
      .union([scalarSchema, z.array(scalarSchema).max(1000, 'must have at most 1000 values'), z.null()])
      .optional()
      .describe('Omitted for exists/not_exists; [low, high] for between; a list for in/not_in'),
  })
  .strict();

const combinatorSchema = z.enum(['all', 'any']);

export const conditionGroupSchema = z
  .object({
    combinator: combinatorSchema,
    conditions: z
      .array(conditionSchema)
      .max(MAX_CONDITIONS, `must have at most ${MAX_CONDITIONS} conditions`),
  })
  .strict();

export const ruleConditionsSchema = z
  .object({
    combinator: combinatorSchema.describe('How the groups combine'),
    groups: z.array(conditionGroupSchema).max(MAX_CONDITIONS, `must have at most ${MAX_CONDITIONS} groups`),
  })
  .strict();

const fallbackTargetSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('pool'), poolId: idSchema }).strict(),
  z.object({ type: z.literal('rep'), repId: idSchema }).strict(),
]);

export const ruleActionSchema = z
  .discriminatedUnion('type', [
    z
      .object({ type: z.literal('route_to_pool'), poolId: idSchema.describe('A pool of this tenant') })
      .strict(),
    z
      .object({
        type: z.literal('assign_rep'),
        repId: idSchema.describe('A rep of this tenant'),
        fallback: fallbackTargetSchema
          .nullable()
          .optional()
          .describe('Where the lead goes if the rep is not eligible'),
      })
      .strict(),
    z.object({ type: z.literal('keep_existing_owner') }).strict(),
    z.object({ type: z.literal('leave_unrouted') }).strict(),
    z.object({ type: z.literal('exclude') }).strict(),
  ])
  .describe('What happens to a lead the rule matches');

export const ownerPolicySchema = z
  .enum(['keep_if_active_rep', 'override', 'keep_if_available'])
  .describe(
    'When the lead already has a CRM owner: keep_if_active_rep keeps it if the owner is an active rep; keep_if_available only if that rep is eligible now; override always routes',
  );

export const routingRuleSchema = z
  .object({
    id: idSchema.describe('Unique within the rule set; diffs and decisions name rules by id'),
    name: z.string().max(200, 'must be at most 200 characters').optional(),
    conditions: ruleConditionsSchema
      .nullable()
      .optional()
      .describe(
        'Absent, null or no groups: the rule matches every lead (the default rule, which must come last)',
      ),
    action: ruleActionSchema,
    ownerPolicy: ownerPolicySchema,
    requiredSkills: tagListSchema.optional().describe('Skills every chosen rep must have'),
    requiredTerritories: tagListSchema.optional().describe('Territories every chosen rep must have'),
  })
  .strict();

export const rulesSchema = z.array(routingRuleSchema).max(MAX_RULES, `must have at most ${MAX_RULES} rules`);

// ---------------------------------------------------------------------------------------------
// Draft

export class SaveDraftDto extends createZodDto(
  z
    .object({
      rules: rulesSchema.describe('The whole rule list, in evaluation order; it replaces the draft'),
    })
    .strict()
    .describe(
      'Saving checks only the shape of the rules; publishing checks them against pools, reps and fields',
    ),
) {}

export class DraftDto extends createZodDto(
  z.object({
    rules: rulesSchema,
    updatedAt: z.iso.datetime().nullable().describe('Null when the draft was never saved'),
    basedOnVersion: z
      .number()
      .int()
      .nullable()
      .describe('The published version in force when the draft was last saved or published (null: none)'),
  }),
) {}

// ---------------------------------------------------------------------------------------------
// Versions

export const ruleSetIssueSchema = z.object({
  path: z
    .string()
    .describe(
      'Where the problem is: draft.rules[2].action.poolId when publishing or simulating the draft, version.rules[...] when rolling back or simulating a version, pools["<poolId>"]... for a pool the rules reach',
    ),
  code: z.string(),
  message: z.string(),
});

const versionFields = {
  version: z.number().int().min(1),
  publishedAt: z.iso.datetime(),
  publishedBy: z.string().nullable().describe('The API key (lf_<prefix>) that published it'),
  restoredFrom: z
    .number()
    .int()
    .nullable()
    .describe('Set when this version republished an older one (rollback)'),
};

export const ruleSetVersionSchema = z.object({ ...versionFields, rules: rulesSchema });

export class RuleSetVersionDto extends createZodDto(ruleSetVersionSchema) {}

export class PublishedRuleSetVersionDto extends createZodDto(
  ruleSetVersionSchema.extend({
    warnings: z
      .array(ruleSetIssueSchema)
      .describe('Accepted problems (unreachable rules, unknown enum values); paths as for errors'),
  }),
) {}

export const ruleSetVersionSummarySchema = z.object({
  ...versionFields,
  ruleCount: z.number().int(),
});

export class RuleSetVersionPageDto extends createZodDto(
  z.object({
    items: z
      .array(ruleSetVersionSummarySchema)
      .describe('Newest first, without the rules (GET one version for them)'),
    nextCursor: z.string().nullable(),
  }),
) {}

export class RuleSetVersionListQueryDto extends createZodDto(paginationQuerySchema) {}

const versionParam = z
  .string()
  .regex(/^[1-9][0-9]{0,8}$/, 'must be a positive integer')
  .transform(Number);

export class VersionParamsDto extends createZodDto(z.object({ v: versionParam })) {}

export class DiffParamsDto extends createZodDto(z.object({ v: versionParam, w: versionParam })) {}

// ---------------------------------------------------------------------------------------------
// Diff

const ruleRefSchema = z.object({ ruleId: z.string(), index: z.number().int().describe('0-based position') });

export const ruleChangePartSchema = z.enum([
  'name',
  'conditions',
  'action',
  'ownerPolicy',
  'skills',
  'order',
]);

export class RuleSetDiffDto extends createZodDto(
  z.object({
    from: z.number().int(),
    to: z.number().int(),
    added: z.array(ruleRefSchema.extend({ rule: routingRuleSchema })).describe('Rules only in `to`'),
    removed: z.array(ruleRefSchema.extend({ rule: routingRuleSchema })).describe('Rules only in `from`'),
    changed: z
      .array(
        z.object({
          ruleId: z.string(),
          fromIndex: z.number().int(),
          toIndex: z.number().int(),
          parts: z
            .array(ruleChangePartSchema)
            .describe('skills covers requiredSkills and requiredTerritories; order: it also moved'),
          before: routingRuleSchema,
          after: routingRuleSchema,
        }),
      )
      .describe('Rules in both whose content differs'),
    moved: z
      .array(z.object({ ruleId: z.string(), fromIndex: z.number().int(), toIndex: z.number().int() }))
      .describe('Rules in both, unchanged, whose order relative to the other common rules changed'),
    unchanged: z.number().int().describe('How many rules are identical and in the same relative order'),
  }),
) {}

// ---------------------------------------------------------------------------------------------
// Simulation

const textField = z.string().max(10_000).nullable().optional();

export const simulationLeadSchema = z
  .object({
    externalId: z.string().min(1, 'must not be empty').max(500),
    connectionId: z
      .string()
      .min(1, 'must not be empty')
      .max(200)
      .describe('The CRM connection the lead came from'),
    email: textField,
    firstName: textField,
    lastName: textField,
    fullName: textField,
    phone: textField,
    company: textField,
    domain: textField,
    country: textField,
    region: textField,
    industry: textField,
    source: textField,
    amount: z.number().nullable().optional(),
    status: z.enum(['open', 'won', 'lost', 'excluded']).nullable().optional(),
    existingOwnerId: textField,
    createdAt: z.string().max(100).nullable().optional().describe('ISO 8601 instant'),
    custom: z
      .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string()), z.null()]))
      .optional(),
  })
  .strict();

export class SimulateDto extends createZodDto(
  z
    .object({
      leads: z
        .array(simulationLeadSchema)
        .min(1, 'must have at least one lead')
        .max(1000, 'must have at most 1000 leads')
        .optional()
        .describe('Leads to route, in order (normalized, plus their connectionId)'),
      lastN: z
        .number()
        .int()
        .min(1)
        .max(1000)
        .optional()
        .describe('Instead of leads: the tenant’s latest N stored leads, routed oldest first'),
      ruleSet: z
        .union([z.literal('draft'), z.number().int().min(1)])
        .optional()
        .describe('"draft", or a published version number; default: the latest published version'),
    })
    .strict()
    .superRefine((body, ctx) => {
      if ((body.leads === undefined) === (body.lastN === undefined)) {
        ctx.addIssue({
          code: 'custom',
          path: body.leads === undefined ? [] : ['lastN'],
          message: 'give exactly one of leads or lastN',
        });
      }
    })
    .describe('Routes leads against current pools, reps and routing state without writing anything'),
) {}

const looseJson = z.record(z.string(), z.unknown());

export class SimulationResultDto extends createZodDto(
  z.object({
    ruleSet: z.union([z.literal('draft'), z.number().int()]).describe('What was simulated'),
    decisions: z.array(
      z.object({
        externalId: z.string(),
        outcome: z.enum(['assigned', 'kept_existing_owner', 'unrouted', 'excluded']),
        repId: z.string().nullable(),
        poolId: z.string().nullable(),
        ruleId: z.string().nullable(),
        crmOwnerId: z.string().nullable(),
        unroutedReason: z.string().nullable(),
        trail: looseJson.describe('Rules evaluated, owner check, pools and reps tried (see docs/routing.md)'),
      }),
    ),
    distribution: z
      .array(z.object({ repId: z.string(), assigned: z.number().int(), keptExisting: z.number().int() }))
      .describe('Every rep, in configuration order, including those who got nothing'),
    outcomes: z.object({
      assigned: z.number().int(),
      kept_existing_owner: z.number().int(),
      unrouted: z.number().int(),
      excluded: z.number().int(),
    }),
    issues: z
      .array(ruleSetIssueSchema.extend({ severity: z.enum(['error', 'warning']) }))
      .describe(
        'What validation finds in the simulated rule set: warnings for the draft (errors refuse the simulation with 400); for a published version, errors too (it is simulated as production routes with it: a deleted pool leaves its leads unrouted)',
      ),
  }),
) {}

// ---------------------------------------------------------------------------------------------
// Decisions

export class LeadIdParamsDto extends createZodDto(z.object({ id: z.uuid('must be a UUID') })) {}

export class StoredDecisionDto extends createZodDto(
  z.object({
    id: z.uuid(),
    leadId: z.uuid(),
    ruleSetVersion: z.number().int(),
    ruleId: z.string().nullable(),
    outcome: z.enum(['assigned', 'kept_existing_owner', 'unrouted', 'excluded']),
    repId: z.string().nullable(),
    poolId: z.string().nullable(),
    crmOwnerId: z.string().nullable(),
    traceId: z.string().nullable(),
    decidedAt: z.iso.datetime(),
    decision: looseJson.describe('The engine’s full decision, with its trail'),
  }),
) {}
