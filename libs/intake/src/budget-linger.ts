import type { CrmIntegrationFactory } from '@leadflow/crm';

/** Below this share of the budget spent, batches leave at once (no added latency). */
const LINGER_FROM_USE = 0.5;
/** The longest a batch waits for more items, when the budget is all but spent. */
export const MAX_BATCH_LINGER_MS = 1_000;

/**
 * How long a connection's next CRM batch may wait to fill up: nothing while at most half of its
 * request budget is spent, then rising linearly to {@link MAX_BATCH_LINGER_MS} as the budget runs
 * out. With calls scarce, fuller batches mean more leads per call; with calls plentiful, waiting
 * would only add latency (ADR 0018).
 */
export function budgetLinger<S extends { connectionId: string }>(
  factory: Pick<CrmIntegrationFactory, 'budgetUsed'>,
  maxMs = MAX_BATCH_LINGER_MS,
): (scope: S) => Promise<number> {
  return async ({ connectionId }) => {
    const used = await factory.budgetUsed(connectionId);
    if (used <= LINGER_FROM_USE) return 0;
    return Math.round((maxMs * (used - LINGER_FROM_USE)) / (1 - LINGER_FROM_USE));
  };
}
