import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { pageSchema, paginationQuerySchema } from '../http/pagination';

const providerSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(50, 'must be at most 50 characters')
  .describe('Provider name from GET /v1/providers (hubspot, monday)');

const settingsSchema = z
  .record(z.string(), z.unknown())
  .describe(
    'Provider-specific settings (HubSpot: primaryObject, leadStageOnAssign, allowLegacyWebhookSignatures)',
  );

export const createConnectionSchema = z
  .object({
    provider: providerSchema,
    authType: z
      .literal('token')
      .describe('Static tokens only; OAuth connections start at /v1/connections/{provider}/oauth/start'),
    token: z
      .string()
      .trim()
      .min(8, 'must be a CRM access token')
      .max(4096, 'must be at most 4096 characters')
      .describe(
        'A HubSpot private-app token or Monday personal API token; checked with a real call, never returned',
      ),
    name: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters').optional(),
    settings: settingsSchema.default({}),
  })
  .strict();

export type CreateConnectionInput = z.output<typeof createConnectionSchema>;

export class CreateConnectionDto extends createZodDto(createConnectionSchema) {}

export const connectionStatusSchema = z
  .enum(['active', 'needs_reauth', 'paused', 'disconnected'])
  .describe(
    'active: routing; needs_reauth: the CRM rejected our credentials, reconnect; paused: by an admin; disconnected: deleted, credentials erased',
  );

export const connectionSchema = z.object({
  id: z.uuid(),
  provider: z.string(),
  authType: z.enum(['oauth', 'token']),
  externalAccountId: z.string().describe('HubSpot portal id, Monday account id'),
  name: z.string(),
  status: connectionStatusSchema,
  statusReason: z.string().nullable(),
  scopes: z.array(z.string()).describe('Scopes the credentials carry'),
  settings: z.record(z.string(), z.unknown()),
  pollIntervalSeconds: z.number().int().describe('How often the connection is polled (PUT …/polling)'),
  tokenExpiresAt: z.iso
    .datetime()
    .nullable()
    .describe('When the access token expires; null for static tokens'),
  lastRefreshedAt: z.iso.datetime().nullable(),
  connectedAt: z.iso.datetime(),
  disconnectedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export class ConnectionDto extends createZodDto(connectionSchema) {}

export class ConnectionPageDto extends createZodDto(pageSchema(connectionSchema)) {}

export class ConnectionListQueryDto extends createZodDto(
  paginationQuerySchema.extend({
    status: connectionStatusSchema.optional().describe('Only connections with this status'),
  }),
) {}

export class ConnectionIdParamsDto extends createZodDto(z.object({ id: z.uuid('must be a UUID') })) {}

export class ProviderParamsDto extends createZodDto(z.object({ provider: providerSchema })) {}

export const oauthStartSchema = z.object({ settings: settingsSchema.default({}) }).strict();

export class OAuthStartDto extends createZodDto(oauthStartSchema) {}

export class OAuthStartResultDto extends createZodDto(
  z.object({
    authorizeUrl: z.url().describe('Send the admin’s browser here to consent'),
    expiresAt: z.iso.datetime().describe('The authorization must complete before this time (10 minutes)'),
  }),
) {}

export const oauthCompleteSchema = z
  .object({
    code: z.string().min(1, 'must not be empty').max(2048),
    state: z.string().min(1, 'must not be empty').max(512),
  })
  .strict();

export class OAuthCompleteDto extends createZodDto(oauthCompleteSchema) {}

export class OAuthCallbackQueryDto extends createZodDto(
  z.object({
    code: z.string().max(2048).optional(),
    state: z.string().max(512).optional(),
    error: z.string().max(200).optional(),
    error_description: z.string().max(1000).optional(),
  }),
) {}

const eventSchema = z.object({
  id: z.uuid(),
  kind: z.string(),
  message: z.string(),
  details: z.record(z.string(), z.unknown()),
  createdAt: z.iso.datetime(),
});

export class ConnectionHealthDto extends createZodDto(
  z.object({
    id: z.uuid(),
    provider: z.string(),
    status: connectionStatusSchema,
    statusReason: z.string().nullable(),
    tokenExpiresAt: z.iso.datetime().nullable(),
    breakers: z
      .array(
        z.object({
          family: z.string().describe('read, write, search or metadata'),
          state: z.enum(['closed', 'open', 'half-open']),
          since: z.iso.datetime(),
          process: z.string(),
        }),
      )
      .describe('Circuit breakers as the worker processes last reported them'),
    rateLimits: z
      .array(
        z.object({ bucket: z.string(), limit: z.number(), intervalMs: z.number(), remaining: z.number() }),
      )
      .describe('Each budget of the connection and the requests left in its current window'),
    recentEvents: z.array(eventSchema),
  }),
) {}

export class ConnectionEventPageDto extends createZodDto(pageSchema(eventSchema)) {}

export class ProviderListDto extends createZodDto(
  z.object({
    items: z.array(
      z.object({
        name: z.string(),
        displayName: z.string(),
        authKinds: z.array(z.enum(['oauth', 'token'])),
        oauthConfigured: z
          .boolean()
          .describe('Whether this deployment has the provider’s OAuth client id and secret'),
        capabilities: z.record(z.string(), z.boolean()),
        objects: z.array(z.object({ type: z.string(), displayName: z.string() })),
        rateLimits: z.array(
          z.object({
            bucket: z.string(),
            limit: z.number(),
            intervalMs: z.number(),
            authKind: z.enum(['oauth', 'token']).nullable(),
            note: z.string().nullable(),
          }),
        ),
      }),
    ),
  }),
) {}

export const sourceSelectionSchema = z
  .object({
    sourceId: z.string().trim().min(1, 'must not be empty').max(100).describe('Monday: the board id'),
    ownerField: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(100)
      .describe('Monday: the People column the owner is written to'),
    statusField: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(100)
      .optional()
      .describe('Monday: the Status column read for won/lost/excluded (and optionally written)'),
  })
  .strict();

export class SourceSelectionDto extends createZodDto(sourceSelectionSchema) {}

export class SourceListDto extends createZodDto(
  z.object({
    items: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        kind: z.string(),
        itemCount: z.number().int().nullable(),
      }),
    ),
  }),
) {}

export const webhookDeliveryStatusSchema = z.enum([
  'received',
  'rejected',
  'challenge',
  'queued',
  'processed',
  'failed',
]);

export class WebhookDeliveryListQueryDto extends createZodDto(
  paginationQuerySchema.extend({ status: webhookDeliveryStatusSchema.optional() }),
) {}

export class WebhookDeliveryPageDto extends createZodDto(
  pageSchema(
    z.object({
      id: z.uuid(),
      status: webhookDeliveryStatusSchema,
      reason: z.string().nullable().describe('Why it was refused (signature, expiry, audience, payload)'),
      headers: z.record(z.string(), z.string()).describe('As received, without credentials'),
      body: z.string().describe('The raw body, as signed'),
      eventCount: z.number().int(),
      receivedAt: z.iso.datetime(),
      processedAt: z.iso.datetime().nullable(),
    }),
  ),
) {}

export class PollingSettingsDto extends createZodDto(
  z
    .object({
      intervalSeconds: z
        .number()
        .int('must be a whole number of seconds')
        .min(1, 'must be at least 1')
        .max(86_400, 'must be at most 86400 (a day)')
        .describe('How often the connection is polled for changed records (default 60)'),
    })
    .strict(),
) {}

export class SyncRunPageDto extends createZodDto(
  pageSchema(
    z.object({
      id: z.uuid(),
      objectType: z.string(),
      windowStart: z.iso.datetime(),
      windowEnd: z.iso.datetime(),
      itemsSeen: z.number().int(),
      itemsNew: z.number().int().describe('Records without a decision, sent to intake'),
      pages: z.number().int(),
      durationMs: z.number().int(),
      error: z.string().nullable(),
      createdAt: z.iso.datetime(),
    }),
  ),
) {}

export class SyncRunListQueryDto extends createZodDto(paginationQuerySchema) {}
