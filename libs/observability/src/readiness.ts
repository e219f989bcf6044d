/**
 * Readiness checks shared by the API and the worker: each dependency is probed with a deadline,
 * and a failure names the dependency and why, never a connection string.
 */
export interface ReadinessReport {
  status: 'ok' | 'unavailable';
  checks: Record<string, { status: 'up' | 'down'; error?: string }>;
}

export type Probe = () => Promise<unknown>;

export async function checkReadiness(
  probes: Record<string, Probe>,
  timeoutMs = 2_000,
): Promise<ReadinessReport> {
  const entries = await Promise.all(
    Object.entries(probes).map(async ([name, probe]) => {
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          probe(),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
          }),
        ]);
        return [name, { status: 'up' as const }] as const;
      } catch (error) {
        return [name, { status: 'down' as const, error: describeProbeError(error) }] as const;
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  const checks: ReadinessReport['checks'] = {};
  for (const [name, check] of entries) checks[name] = check;
  return { status: entries.every(([, c]) => c.status === 'up') ? 'ok' : 'unavailable', checks };
}

function describeProbeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // Driver messages can quote the URL they failed on; keep credentials out of the response.
  return message.replace(/\w+:\/\/[^\s]+/g, '[url]').slice(0, 200);
}

interface RedisLike {
  status: string;
  connect(): Promise<void>;
  ping(): Promise<string>;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/**
 * A readiness probe for an ioredis client. It also listens for the client's connection errors
 * (unlistened, ioredis prints them as "Unhandled error event") so that the probe can report why
 * Redis is unreachable rather than ioredis' generic "stream isn't writeable".
 */
export function redisProbe(redis: RedisLike): Probe {
  let lastError: Error | undefined;
  redis.on('error', (error) => {
    lastError = error;
  });
  return async () => {
    if (redis.status === 'wait') {
      try {
        await redis.connect();
      } catch (error) {
        throw new Error(`cannot connect: ${lastError?.message ?? (error as Error).message}`);
      }
    }
    if (redis.status !== 'ready') {
      throw new Error(`not connected (${redis.status})${lastError ? `: ${lastError.message}` : ''}`);
    }
    await redis.ping();
  };
}
