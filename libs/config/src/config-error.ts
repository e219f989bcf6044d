export interface ConfigProblem {
  variable: string;
  message: string;
}

/** Thrown when the environment does not describe a runnable app; carries one problem per variable. */
export class ConfigError extends Error {
  constructor(
    readonly service: string,
    readonly problems: readonly ConfigProblem[],
  ) {
    super(
      `${service}: invalid configuration\n` +
        problems.map((p) => `  - ${p.variable}: ${p.message}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}
