import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { connectionStatusSchema } from '../connections/connection.dto';

const circuitStateSchema = z.enum(['closed', 'half-open', 'open']);

const errorRateSchema = z.object({
  calls: z.number().int().describe('CRM calls made in the window (final outcomes, after retries)'),
  errors: z.number().int().describe('Calls that failed with any code but NOT_FOUND'),
  ratio: z.number().describe('errors / calls; 0 without calls'),
});

export const providerHealthSchema = z.object({
  id: z.uuid(),
  provider: z.string(),
  name: z.string(),
  status: connectionStatusSchema,
  statusReason: z.string().nullable(),
  healthy: z.boolean(),
  problems: z.array(z.string()).describe('Why the connection is unhealthy, one sentence each'),
  circuit: circuitStateSchema.describe('The worst state of its circuit breakers'),
  breakers: z
    .array(z.object({ family: z.string(), state: circuitStateSchema, since: z.iso.datetime() }))
    .describe('Each call family’s breaker as the workers last published it'),
  rateLimits: z
    .array(
      z.object({
        bucket: z.string(),
        limit: z.number().int(),
        intervalMs: z.number().int(),
        remaining: z.number().int(),
        headroom: z.number().describe('remaining / limit: 1 idle, 0 exhausted'),
      }),
    )
    .describe('Each rate-limit budget and what is left of it in the current window'),
  tokenExpiresAt: z.iso.datetime().nullable().describe('Access token expiry; null for static tokens'),
  tokenExpiresInSeconds: z
    .number()
    .int()
    .nullable()
    .describe('Negative once expired: an OAuth token is refreshed on its next use'),
  lastSuccessfulCallAt: z.iso.datetime().nullable(),
  lastErrorAt: z.iso.datetime().nullable(),
  lastErrorCode: z.string().nullable(),
  lastWebhookAt: z.iso.datetime().nullable().describe('Last accepted webhook delivery for the connection'),
  lastPollAt: z.iso.datetime().nullable(),
  pollingLagSeconds: z
    .number()
    .int()
    .nullable()
    .describe('How far behind now the oldest poll cursor is; null before the first poll'),
  errorRate: z.object({ last5m: errorRateSchema, last60m: errorRateSchema }),
});

export class ProviderHealthListDto extends createZodDto(
  z.object({
    healthy: z.boolean().describe('False when any connection is unhealthy'),
    unhealthy: z.array(z.uuid()).describe('Ids of the unhealthy connections'),
    checkedAt: z.iso.datetime(),
    connections: z.array(providerHealthSchema),
  }),
) {}
