/**
 * Retries `check` until it resolves, then returns what it resolved with. `check` states its
 * condition with `expect` (or any throw), so a timeout fails with the last unmet expectation
 * rather than a bare "timed out". Only ever a deadline for waiting: nothing asserts on how long
 * the condition took.
 */
export async function eventually<T>(
  check: () => Promise<T>,
  { timeoutMs = 30_000, intervalMs = 200 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() >= deadline) {
        if (error instanceof Error) error.message = `not met within ${timeoutMs} ms: ${error.message}`;
        throw error;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
