import { z } from 'zod';
import { resolveObjectType } from './hubspot-schema';

/**
 * HubSpot retries a failed batch up to 10 times spread over about 24 hours. The exact delays are
 * not published; these grow the way HubSpot's are described (minutes first, then hours) and add up
 * to just under a day.
 */
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [
  60_000,
  5 * 60_000,
  15 * 60_000,
  30 * 60_000,
  60 * 60_000,
  2 * 3_600_000,
  3 * 3_600_000,
  4 * 3_600_000,
  6 * 3_600_000,
  7 * 3_600_000,
];

/** HubSpot gives a receiver 5 s to answer a batch. */
export const DEFAULT_TIMEOUT_MS = 5_000;
/** How long events gather before a batch goes out; HubSpot batches too but publishes no window. */
export const DEFAULT_BATCH_WINDOW_MS = 250;
export const DEFAULT_MAX_CONCURRENT_REQUESTS = 10;
/** HubSpot sends at most 100 events per request. */
export const MAX_EVENTS_PER_BATCH = 100;

export const WEBHOOK_EVENT_TYPES = [
  'object.creation',
  'object.propertyChange',
  'object.deletion',
  'contact.creation',
  'contact.propertyChange',
  'contact.deletion',
  'company.creation',
  'company.propertyChange',
  'company.deletion',
  'deal.creation',
  'deal.propertyChange',
  'deal.deletion',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const webhookSettingsBody = z
  .object({
    targetUrl: z.url({ protocol: /^https?$/ }),
    subscriptions: z.array(
      z.object({
        eventType: z.enum(WEBHOOK_EVENT_TYPES),
        objectTypeId: z.string().optional(),
        propertyName: z.string().min(1).optional(),
        active: z.boolean().default(true),
      }),
    ),
    maxConcurrentRequests: z.number().int().min(1).max(100).default(DEFAULT_MAX_CONCURRENT_REQUESTS),
    retryDelaysMs: z
      .array(z.number().int().min(0))
      .max(20)
      .default([...DEFAULT_RETRY_DELAYS_MS]),
    batchWindowMs: z.number().int().min(0).max(60_000).default(DEFAULT_BATCH_WINDOW_MS),
    timeoutMs: z.number().int().min(1).max(60_000).default(DEFAULT_TIMEOUT_MS),
  })
  .superRefine((body, ctx) => {
    body.subscriptions.forEach((s, i) => {
      const generic = s.eventType.startsWith('object.');
      if (generic && (!s.objectTypeId || !resolveObjectType(s.objectTypeId))) {
        ctx.addIssue({
          code: 'custom',
          path: ['subscriptions', i, 'objectTypeId'],
          message: 'object.* subscriptions need a known objectTypeId (0-1, 0-2, 0-3, 0-136)',
        });
      }
      if (s.eventType.endsWith('.propertyChange') && !s.propertyName) {
        ctx.addIssue({
          code: 'custom',
          path: ['subscriptions', i, 'propertyName'],
          message: 'propertyChange subscriptions need a propertyName',
        });
      }
    });
  });

export type WebhookSettingsInput = z.infer<typeof webhookSettingsBody>;

export interface WebhookSubscription {
  id: number;
  eventType: WebhookEventType;
  /** Generic (`object.*`) subscriptions only, normalised to the id form (`0-136`). */
  objectTypeId?: string;
  propertyName?: string;
  active: boolean;
  createdAt: string;
}

export interface WebhookSettings {
  targetUrl: string;
  subscriptions: WebhookSubscription[];
  maxConcurrentRequests: number;
  retryDelaysMs: number[];
  batchWindowMs: number;
  timeoutMs: number;
}

/** Gives each subscription an id and the object type its id form. */
export function webhookSettings(input: WebhookSettingsInput, nextId: () => number): WebhookSettings {
  const createdAt = new Date().toISOString();
  return {
    ...input,
    subscriptions: input.subscriptions.map((s) => ({
      id: nextId(),
      eventType: s.eventType,
      ...(s.eventType.startsWith('object.') && s.objectTypeId
        ? { objectTypeId: resolveObjectType(s.objectTypeId)!.id }
        : {}),
      ...(s.propertyName ? { propertyName: s.propertyName } : {}),
      active: s.active,
      createdAt,
    })),
  };
}
