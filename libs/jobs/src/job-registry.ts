import type { JobKey } from './queue-names';
import { JOBS } from './queue-names';

/** What a handler gets besides the payload: enough to log, trace and report progress. */
export interface JobContext {
  jobId: string;
  attempt: number;
  /** When the job was first queued (ms since the epoch), for lag metrics. */
  enqueuedAt?: number;
  signal: AbortSignal;
  updateProgress(progress: number | object): Promise<void>;
}

export interface JobDefinition<P = unknown, R = unknown> {
  job: JobKey;
  /** Validates and types the payload; a payload it rejects fails the job without retries. */
  parse(data: unknown): P;
  handle(payload: P, context: JobContext): Promise<R>;
}

export class DuplicateJobHandlerError extends Error {
  constructor(job: string) {
    super(`two handlers were registered for job "${job}"; each job has exactly one`);
    this.name = 'DuplicateJobHandlerError';
  }
}

/** The worker's handlers, one per job name; registering a second handler for a name fails fast. */
export class JobRegistry {
  private readonly handlers = new Map<JobKey, JobDefinition>();

  register<P, R>(definition: JobDefinition<P, R>): this {
    if (this.handlers.has(definition.job)) throw new DuplicateJobHandlerError(JOBS[definition.job].name);
    this.handlers.set(definition.job, definition);
    return this;
  }

  /** Queues that have at least one handler, with their handlers by job name. */
  byQueue(): Map<string, Map<string, JobDefinition>> {
    const out = new Map<string, Map<string, JobDefinition>>();
    for (const [key, definition] of this.handlers) {
      const { queue, name } = JOBS[key];
      const forQueue = out.get(queue) ?? new Map<string, JobDefinition>();
      forQueue.set(name, definition);
      out.set(queue, forQueue);
    }
    return out;
  }

  get size(): number {
    return this.handlers.size;
  }
}

/**
 * Job ids derived from the work, so enqueueing the same work twice collapses into one job
 * (style.md §5). BullMQ forbids ':' in custom ids, so parts are joined with '.'.
 */
export function jobIdFor(job: JobKey, ...parts: (string | number)[]): string {
  return [JOBS[job].name, ...parts.map((p) => String(p).replace(/[^A-Za-z0-9_-]/g, '_'))].join('.');
}
