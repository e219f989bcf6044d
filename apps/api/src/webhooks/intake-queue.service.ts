import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ApiConfig } from '@leadflow/config';
import type { IntakeRequest } from '@leadflow/intake';
import { addIntakeJobs, JOBS } from '@leadflow/jobs';
import { CRM_REDIS } from '../connections/crm-runtime.provider';
import { API_CONFIG } from '../database/database.tokens';

/** The API's side of the intake queue (webhooks, replays, re-routes); see {@link addIntakeJobs}. */
@Injectable()
export class IntakeQueueService implements OnApplicationShutdown {
  private readonly queue: Queue;

  constructor(@Inject(API_CONFIG) config: ApiConfig, @Inject(CRM_REDIS) redis: Redis) {
    this.queue = new Queue(JOBS.intakeLead.queue, { connection: redis, prefix: config.queuePrefix });
  }

  enqueue(requests: readonly IntakeRequest[]): Promise<void> {
    return addIntakeJobs(this.queue, requests);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
  }
}
