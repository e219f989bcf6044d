import { type Job, type Processor, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { type JobContext, type JobDefinition, type JobRegistry } from '@leadflow/jobs';
import { type Logger, type PipelineMetrics, runInJobSpan } from '@leadflow/observability';

export interface WorkerHostOptions {
  connection: Redis;
  prefix: string;
  concurrency: number;
  /** Queues that run more (or fewer) jobs at once than `concurrency`. */
  concurrencyByQueue?: Readonly<Record<string, number>>;
  /** How long running jobs get to finish on shutdown before they are left for another worker. */
  shutdownGraceMs: number;
  logger: Logger;
  /** Job durations by queue and outcome, and time waited in the queue. */
  metrics?: Pick<PipelineMetrics, 'jobDuration' | 'jobWait'>;
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
        enqueuedAt: job.timestamp,
        signal: this.abort.signal,
        updateProgress: (progress) => job.updateProgress(progress),
      };
      return this.measured(queue, job, () => this.run(queue, job, definition, payload, context));
    };
  }

  /** Records the job's wait in the queue, then its duration with how it ended. */
  private async measured<T>(queue: string, job: Job, run: () => Promise<T>): Promise<T> {
    const metrics = this.options.metrics;
    if (metrics === undefined) return run();
    const started = Date.now();
    // Ready since it was queued, or since its delay ran out; a retry's backoff is not counted twice.
    if (job.attemptsMade === 0) {
      const readyAt = job.timestamp + (job.opts.delay ?? 0);
      metrics.jobWait.observe({ queue }, Math.max(0, started - readyAt) / 1000);
    }
    const labels = { queue, job: job.name };
    try {
      const result = await run();
      metrics.jobDuration.observe({ ...labels, outcome: 'completed' }, (Date.now() - started) / 1000);
      return result;
    } catch (error) {
      const final = error instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      metrics.jobDuration.observe(
        { ...labels, outcome: final ? 'failed' : 'retrying' },
        (Date.now() - started) / 1000,
      );
      throw error;
    }
  }

  private run(
    queue: string,
    job: Job,
    definition: JobDefinition,
    payload: unknown,
    context: JobContext,
  ): Promise<unknown> {
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
  }
}
