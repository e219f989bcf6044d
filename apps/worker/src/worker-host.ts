import { type Job, type Processor, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { type JobContext, type JobDefinition, type JobRegistry } from '@leadflow/jobs';
import { type Logger, runInJobSpan } from '@leadflow/observability';

export interface WorkerHostOptions {
  connection: Redis;
  prefix: string;
  concurrency: number;
  /** Queues that run more (or fewer) jobs at once than `concurrency`. */
  concurrencyByQueue?: Readonly<Record<string, number>>;
  /** How long running jobs get to finish on shutdown before they are left for another worker. */
  shutdownGraceMs: number;
  logger: Logger;
}

/** A job whose payload fails validation can never succeed: fail it now instead of retrying. */
export class InvalidJobPayloadError extends UnrecoverableError {
  constructor(job: string, reason: string) {
    super(`payload of ${job} is invalid: ${reason}`);
    this.name = 'InvalidJobPayloadError';
  }
}

/**
 * Runs one BullMQ worker per queue that has handlers, dispatching each job to the handler
 * registered for its name. Shutdown stops taking new jobs and waits for running ones.
 */
export class WorkerHost {
  private readonly workers: Worker[] = [];
  private readonly abort = new AbortController();

  constructor(
    private readonly registry: JobRegistry,
    private readonly options: WorkerHostOptions,
  ) {}

  start(): void {
    for (const [queue, handlers] of this.registry.byQueue()) {
      const worker = new Worker(queue, this.processorFor(queue, handlers), {
        connection: this.options.connection,
        prefix: this.options.prefix,
        concurrency: this.options.concurrencyByQueue?.[queue] ?? this.options.concurrency,
        autorun: true,
      });
      worker.on('failed', (job, error) =>
        this.options.logger.warn(
          { queue, job: job?.name, jobId: job?.id, attempt: job?.attemptsMade, err: error },
          'job failed',
        ),
      );
      worker.on('error', (error) => this.options.logger.error({ queue, err: error }, 'worker error'));
      this.workers.push(worker);
    }
    this.options.logger.info({ queues: this.workers.map((w) => w.name) }, 'worker started');
  }

  get queues(): string[] {
    return this.workers.map((w) => w.name);
  }

  isRunning(): boolean {
    return this.workers.length > 0 && this.workers.every((w) => w.isRunning());
  }

  /** Stops fetching jobs, lets running ones finish within the grace period, then returns. */
  async close(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const graceful = Promise.all(this.workers.map((w) => w.close()));
    const deadline = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.options.shutdownGraceMs);
    });
    const outcome = await Promise.race([graceful.then(() => 'done' as const), deadline]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      // Jobs still running are abandoned; BullMQ's stalled-job check hands them to another worker.
      this.options.logger.warn(
        { graceMs: this.options.shutdownGraceMs },
        'jobs still running after the grace period; forcing close',
      );
      this.abort.abort();
      await Promise.all(this.workers.map((w) => w.close(true)));
    }
  }

  private processorFor(queue: string, handlers: Map<string, JobDefinition>): Processor {
    return async (job: Job) => {
      const definition = handlers.get(job.name);
      if (!definition) throw new UnrecoverableError(`queue ${queue} has no handler for job "${job.name}"`);
      let payload: unknown;
      try {
        payload = definition.parse(job.data);
      } catch (error) {
        throw new InvalidJobPayloadError(job.name, error instanceof Error ? error.message : String(error));
      }
      const context: JobContext = {
        jobId: job.id ?? '',
        attempt: job.attemptsMade + 1,
        signal: this.abort.signal,
        updateProgress: (progress) => job.updateProgress(progress),
      };
      return runInJobSpan(
        `job ${queue} ${job.name}`,
        job.data,
        {
          'messaging.system': 'bullmq',
          'messaging.destination.name': queue,
          'leadflow.job.id': context.jobId,
          'leadflow.job.attempt': context.attempt,
        },
        () => definition.handle(payload, context),
      );
    };
  }
}
