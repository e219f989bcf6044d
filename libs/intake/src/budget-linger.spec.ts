import { describe, expect, it } from 'vitest';
import { budgetLinger, MAX_BATCH_LINGER_MS } from './budget-linger';

describe('budgetLinger', () => {
  const lingerAt = (used: number) =>
    budgetLinger({ budgetUsed: () => Promise.resolve(used) })({ connectionId: 'c1' });

  it('adds no wait while at most half of the budget is spent', async () => {
    expect(await lingerAt(0)).toBe(0);
    expect(await lingerAt(0.5)).toBe(0);
  });

  it('waits longer as the budget runs out, up to the maximum', async () => {
    expect(await lingerAt(0.75)).toBe(MAX_BATCH_LINGER_MS / 2);
    expect(await lingerAt(1)).toBe(MAX_BATCH_LINGER_MS);
  });
});
