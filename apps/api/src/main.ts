import { loadConfigOrExit, parseApiConfig } from '@leadflow/config';
import { startTracing } from '@leadflow/observability';

// Configuration first (a bad environment stops here with one line per problem), then tracing,
// and only then the app: OpenTelemetry must patch http, pg and ioredis before they are loaded.
const config = loadConfigOrExit(parseApiConfig);
const tracing = startTracing(config.telemetry);

void import('./run-api')
  .then(({ runApi }) => runApi(config, tracing))
  .catch((error: unknown) => {
    process.stderr.write(
      `leadflow-api failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  });
