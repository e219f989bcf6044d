import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from './client';

export interface ApiState<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
}

function asApiError(error: unknown): ApiError {
  return error instanceof ApiError
    ? error
    : new ApiError(0, 'Unexpected error', error instanceof Error ? error.message : String(error), []);
}

/**
 * Loads data from the API when `deps` change (and on `reload`), keeping the last data while it
 * reloads. `pollMs` reloads on an interval (live views); the load in flight is dropped when a newer
 * one starts or the component goes away.
 */
export function useApi<T>(
  load: () => Promise<T>,
  deps: readonly unknown[],
  { pollMs, enabled = true }: { pollMs?: number; enabled?: boolean } = {},
): ApiState<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(enabled);
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    if (!enabled) return;
    let current = true;
    setLoading(true);
    loadRef.current().then(
      (value) => {
        if (!current) return;
        setData(value);
        setError(undefined);
        setLoading(false);
      },
      (failure: unknown) => {
        if (!current) return;
        setError(asApiError(failure));
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller names what the load depends on
  }, [...deps, tick, enabled]);

  useEffect(() => {
    if (!pollMs || !enabled) return;
    const timer = setInterval(() => setTick((t) => t + 1), pollMs);
    return () => clearInterval(timer);
  }, [pollMs, enabled]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, reload };
}

/** Runs an action (a write), tracking its progress and error for the button and message that show them. */
export function useAction<A extends unknown[], R>(action: (...args: A) => Promise<R>) {
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<ApiError>();
  const actionRef = useRef(action);
  actionRef.current = action;
  const run = useCallback(async (...args: A): Promise<R | undefined> => {
    setRunning(true);
    setError(undefined);
    try {
      return await actionRef.current(...args);
    } catch (failure) {
      setError(asApiError(failure));
      return undefined;
    } finally {
      setRunning(false);
    }
  }, []);
  return { run, running, error, clearError: () => setError(undefined) };
}
