import { ConfigError } from './config-error';
import { type EnvSource, processEnv } from './env-source';

/**
 * Parses the process environment with `parse`, or prints one line per problem and exits 1.
 * Called once, first thing, by each app's main.
 */
export function loadConfigOrExit<T>(parse: (env: EnvSource) => T): T {
  try {
    return parse(processEnv());
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
