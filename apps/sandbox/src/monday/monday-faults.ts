import { z } from 'zod';

/** Faults injected into one sandbox Monday account (control API `PUT .../faults`). */
export interface MondayFaults {
  /** Share of API requests (0–1) answered with `errorStatus`. */
  errorRate: number;
  errorStatus: number;
  latencyMs: number;
  /** Until then (epoch ms) every API request gets the per-minute 429. */
  rateLimitStormUntil: number;
  /** Until then every API request gets COMPLEXITY_BUDGET_EXHAUSTED. */
  complexityStormUntil: number;
  /** Share of webhook events (0–1) never delivered. */
  webhookDropRate: number;
  /** Share of webhook events (0–1) delivered twice. */
  webhookDuplicateRate: number;
  /** During [outageFrom, outageUntil) every API request answers 503. */
  outageFrom: number;
  outageUntil: number;
  seed: number | null;
}

export function noFaults(): MondayFaults {
  return {
    errorRate: 0,
    errorStatus: 500,
    latencyMs: 0,
    rateLimitStormUntil: 0,
    complexityStormUntil: 0,
    webhookDropRate: 0,
    webhookDuplicateRate: 0,
    outageFrom: 0,
    outageUntil: 0,
    seed: null,
  };
}

const rate = z.number().min(0).max(1);

export const faultsBody = z
  .object({
    errorRate: rate.optional(),
    errorStatus: z.number().int().min(500).max(599).optional(),
    latencyMs: z.number().int().min(0).max(60_000).optional(),
    rateLimitStormMs: z.number().int().min(0).optional(),
    complexityStormMs: z.number().int().min(0).optional(),
    webhookDropRate: rate.optional(),
    webhookDuplicateRate: rate.optional(),
    outage: z
      .object({ startsInMs: z.number().int().min(0).default(0), durationMs: z.number().int().min(0) })
      .optional(),
    outageUntil: z.number().int().min(0).optional(),
    seed: z.number().int().nullable().optional(),
  })
  .refine((f) => f.outage === undefined || f.outageUntil === undefined, {
    message: 'give outage or outageUntil, not both',
  });

export type FaultsInput = z.infer<typeof faultsBody>;

/** Merged, as the HubSpot simulator's: what a body leaves out stays as it was. */
export function mergeFaults(current: MondayFaults, input: FaultsInput, now: number): MondayFaults {
  const until = (ms: number | undefined, previous: number) => (ms === undefined ? previous : now + ms);
  const outage = input.outage
    ? {
        outageFrom: now + input.outage.startsInMs,
        outageUntil: now + input.outage.startsInMs + input.outage.durationMs,
      }
    : input.outageUntil !== undefined
      ? { outageFrom: now, outageUntil: input.outageUntil }
      : { outageFrom: current.outageFrom, outageUntil: current.outageUntil };
  return {
    errorRate: input.errorRate ?? current.errorRate,
    errorStatus: input.errorStatus ?? current.errorStatus,
    latencyMs: input.latencyMs ?? current.latencyMs,
    rateLimitStormUntil: until(input.rateLimitStormMs, current.rateLimitStormUntil),
    complexityStormUntil: until(input.complexityStormMs, current.complexityStormUntil),
    webhookDropRate: input.webhookDropRate ?? current.webhookDropRate,
    webhookDuplicateRate: input.webhookDuplicateRate ?? current.webhookDuplicateRate,
    ...outage,
    seed: input.seed === undefined ? current.seed : input.seed,
  };
}
