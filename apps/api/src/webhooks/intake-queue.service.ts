import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ApiConfig } from '@leadflow/config';
import type { IntakeRequest } from '@leadflow/intake';
import { intakeJob, JOBS } from '@leadflow/jobs';
import { withTraceContext } from '@leadflow/observability';
import { CRM_REDIS } from '../connections/crm-runtime.provider';
import { API_CONFIG } from '../database/database.tokens';

/**
 * The API's side of the intake queue: one job per record, its id derived from connection and
 * record so a duplicate webhook, a replay and a re-route of the same record collapse into one job.
 * Each job carries the caller's trace context, so the lead's trace continues in the worker.
 */
@Injectable()
export class IntakeQueueService implements OnApplicationShutdown {
  private readonly queue: Queue;

  constructor(@Inject(API_CONFIG) config: ApiConfig, @Inject(CRM_REDIS) redis: Redis) {
    this.queue = new Queue(JOBS.intakeLead.queue, { connection: redis, prefix: config.queuePrefix });
  }

  async enqueue(requests: readonly IntakeRequest[]): Promise<void> {
    await this.queue.addBulk(
      requests.map(({ connectionId, externalId }) => {
        const job = intakeJob(connectionId, externalId);
        return {
          name: job.name,
          data: withTraceContext({ connectionId, externalIds: [externalId] }),
          opts: job.opts,
        };
      }),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
  }
}
