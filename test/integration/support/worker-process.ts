import { freePort, runNode, type RunningProcess, waitForHttp } from '@leadflow/testing';

/** A worker started from its sources as its own process, ready (health answered) when returned. */
export interface WorkerProcess {
  process: RunningProcess;
  /** Its health server: `/health/ready`, `/metrics`. */
  url: string;
}

/**
 * Starts `apps/worker` with the given environment (typically the API harness's, plus CRM base
 * URLs): quiet logs and a 500 ms poll scheduler unless the environment says otherwise.
 */
export async function startWorkerProcess(env: Record<string, string | undefined>): Promise<WorkerProcess> {
  const healthPort = await freePort();
  const url = `http://127.0.0.1:${healthPort}`;
  const defined = Object.fromEntries(
    Object.entries({ LOG_LEVEL: 'warn', POLL_SCHEDULER_INTERVAL_MS: '500', ...env }).filter(
      (entry): entry is [string, string] => entry[1] !== undefined,
    ),
  );
  const process = runNode(
    'apps/worker/src/main.ts',
    { ...defined, WORKER_HEALTH_PORT: String(healthPort) },
    [],
    ['--import', 'tsx'],
  );
  await waitForHttp(`${url}/health/ready`);
  return { process, url };
}
