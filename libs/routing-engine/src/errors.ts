import { type ValidationIssue } from './validation-issue';

/** Base class for every error the routing engine throws. */
export class RoutingEngineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * The configuration cannot be executed safely (unknown fields or operators, unsafe regexes, bad
 * time zones…). Problems the engine can route around, such as a missing pool, do not throw: they
 * become `unrouted` decisions with a reason.
 */
export class InvalidRoutingConfigError extends RoutingEngineError {
  constructor(readonly issues: readonly ValidationIssue[]) {
    super(
      'routing configuration cannot be compiled:\n' +
        issues.map((issue) => `  - ${issue.path}: ${issue.message}`).join('\n'),
    );
  }
}

/** The snapshot itself is malformed (for example `now` is not an ISO instant). */
export class InvalidSnapshotError extends RoutingEngineError {}
