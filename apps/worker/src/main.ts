import { loadConfigOrExit, parseWorkerConfig } from '@leadflow/config';
import { startTracing } from '@leadflow/observability';

// As in the API: config, then tracing, then everything that tracing instruments.
const config = loadConfigOrExit(parseWorkerConfig);
const tracing = startTracing(config.telemetry);

void import('./run-worker')
  .then(({ runWorker }) => runWorker(config, tracing))
  .catch((error: unknown) => {
    process.stderr.write(
      `leadflow-worker failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  });
