import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ApiConfig } from '@leadflow/config';
import { backfillJob, JOBS, requeueJob } from '@leadflow/jobs';
import { withTraceContext } from '@leadflow/observability';
import { API_CONFIG } from '../database/database.tokens';
import { CRM_REDIS } from './crm-runtime.provider';

/** The API's side of the backfill queue: queues a new backfill's first page. */
@Injectable()
export class BackfillQueueService implements OnApplicationShutdown {
  private readonly queue: Queue;

  constructor(@Inject(API_CONFIG) config: ApiConfig, @Inject(CRM_REDIS) redis: Redis) {
    this.queue = new Queue(JOBS.runBackfill.queue, { connection: redis, prefix: config.queuePrefix });
  }

  async enqueueFirstPage(backfillId: string): Promise<void> {
    const job = backfillJob(backfillId, 0);
    await requeueJob(this.queue, job.name, withTraceContext({ backfillId, page: 0 }), job.opts);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
  }
}
