/**
 * `fn` over `items` with at most `limit` running at once, results in input order. Monday has no batch
 * write, so owner writes are one request each; a few in flight keep a batch fast without spending
 * the account's concurrency allowance (40 requests on the lowest plan, shared with its other apps).
 */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, () => worker()));
  return results;
}
