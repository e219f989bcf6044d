/** Waits `ms`; rejects with the signal's reason as soon as `signal` aborts (a worker shutting down). */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    // The reason is whatever the aborting code chose (an `AbortError` DOMException by default); pass it
    // on unchanged, as `fetch` and p-retry do, so callers can tell their own shutdown from a failure.
    const rejectWithReason = (): void => reject(signal?.reason as Error);
    if (signal?.aborted) {
      rejectWithReason();
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      rejectWithReason();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
