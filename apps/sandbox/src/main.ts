import { loadConfigOrExit, parseSandboxConfig } from '@leadflow/config';
import { startTracing } from '@leadflow/observability';

const config = loadConfigOrExit(parseSandboxConfig);
const tracing = startTracing(config.telemetry);

void import('./run-sandbox')
  .then(({ runSandbox }) => runSandbox(config, tracing))
  .catch((error: unknown) => {
    process.stderr.write(
      `leadflow-sandbox failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  });
