/**
 * The one place that reads the process environment. Everything else receives a parsed,
 * validated config object (style.md §8).
 */
export type EnvSource = Readonly<Record<string, string | undefined>>;

export function processEnv(): EnvSource {
  return process.env;
}
