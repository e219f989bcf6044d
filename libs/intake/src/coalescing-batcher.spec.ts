import { describe, expect, it } from 'vitest';
import { CoalescingBatcher } from './coalescing-batcher';

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('CoalescingBatcher', () => {
  it('sends items submitted together as one batch, per group', async () => {
    const calls: [string, number[]][] = [];
    const batcher = new CoalescingBatcher<string, number, number>(
      (group, items) => {
        calls.push([group, [...items]]);
        return Promise.resolve(items.map((i) => i * 10));
      },
      { maxBatch: 100, keyOf: (g) => g },
    );
    const results = await Promise.all([
      batcher.submit('a', 1),
      batcher.submit('b', 2),
      batcher.submit('a', 3),
    ]);
    expect(results).toEqual([10, 20, 30]);
    expect(calls).toEqual([
      ['a', [1, 3]],
      ['b', [2]],
    ]);
  });

  it('holds items back while a batch is in flight and sends them together next, within maxBatch', async () => {
    const calls: number[][] = [];
    const gate = deferred<void>();
    const batcher = new CoalescingBatcher<string, number, number>(
      async (_group, items) => {
        calls.push([...items]);
        if (calls.length === 1) await gate.promise;
        return [...items];
      },
      { maxBatch: 2, keyOf: (g) => g },
    );
    const first = batcher.submit('a', 1);
    await new Promise((r) => setImmediate(r));
    const later = [2, 3, 4, 5, 6].map((i) => batcher.submit('a', i));
    expect(calls).toEqual([[1]]);
    expect(batcher.pending).toBe(5);
    gate.resolve();
    expect(await Promise.all([first, ...later])).toEqual([1, 2, 3, 4, 5, 6]);
    expect(calls).toEqual([[1], [2, 3], [4, 5], [6]]);
    expect(batcher.pending).toBe(0);
  });

  it('rejects every item of a failed batch with its error, and goes on with the next', async () => {
    let call = 0;
    const batcher = new CoalescingBatcher<string, number, number>(
      (_group, items) => {
        call += 1;
        return call === 1 ? Promise.reject(new Error('CRM down')) : Promise.resolve([...items]);
      },
      { maxBatch: 10, keyOf: (g) => g },
    );
    const failed = [batcher.submit('a', 1), batcher.submit('a', 2)];
    await expect(Promise.all(failed)).rejects.toThrow('CRM down');
    await expect(failed[1]).rejects.toThrow('CRM down');
    expect(await batcher.submit('a', 3)).toBe(3);
  });

  it('refuses a runner that answers for a different number of items', async () => {
    const batcher = new CoalescingBatcher<string, number, number>(() => Promise.resolve([1]), {
      maxBatch: 10,
      keyOf: (g) => g,
    });
    await expect(Promise.all([batcher.submit('a', 1), batcher.submit('a', 2)])).rejects.toThrow(
      'batch runner returned 1 results for 2 items',
    );
    expect(() => new CoalescingBatcher(() => Promise.resolve([]), { maxBatch: 0, keyOf: String })).toThrow(
      'maxBatch must be a positive integer',
    );
  });

  it('lets a batch that is not full linger when asked, and sends it as soon as it is full', async () => {
    const calls: number[][] = [];
    const batcher = new CoalescingBatcher<string, number, number>(
      (_group, items) => {
        calls.push([...items]);
        return Promise.resolve([...items]);
      },
      { maxBatch: 3, keyOf: (g) => g, lingerMs: () => 60_000 },
    );
    const first = batcher.submit('a', 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    // Lingering: nothing has left yet although the first item arrived a while ago.
    expect(calls).toEqual([]);
    const rest = [batcher.submit('a', 2), batcher.submit('a', 3)];
    expect(await Promise.all([first, ...rest])).toEqual([1, 2, 3]);
    expect(calls).toEqual([[1, 2, 3]]);
  });

  it('sends a lingering batch when the linger ends, and treats a failing linger as none', async () => {
    const calls: number[][] = [];
    const run = (_group: string, items: readonly number[]) => {
      calls.push([...items]);
      return Promise.resolve([...items]);
    };
    const short = new CoalescingBatcher<string, number, number>(run, {
      maxBatch: 100,
      keyOf: (g) => g,
      lingerMs: () => 30,
    });
    expect(await short.submit('a', 1)).toBe(1);
    const failing = new CoalescingBatcher<string, number, number>(run, {
      maxBatch: 100,
      keyOf: (g) => g,
      lingerMs: () => Promise.reject(new Error('limiter unreachable')),
    });
    expect(await failing.submit('a', 2)).toBe(2);
    expect(calls).toEqual([[1], [2]]);
  });
});
