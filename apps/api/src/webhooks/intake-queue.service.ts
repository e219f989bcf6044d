import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ApiConfig } from '@leadflow/config';
import type { IntakeRequest } from '@leadflow/intake';
import { addIntakeBatches, addIntakeJobs, JOBS } from '@leadflow/jobs';
import { CRM_REDIS } from '../connections/crm-runtime.provider';
import { API_CONFIG } from '../database/database.tokens';

/** The API's side of the intake queue (webhooks, replays, re-routes); see {@link addIntakeJobs}. */
@Injectable()
export class IntakeQueueService implements OnApplicationShutdown {
  private readonly queue: Queue;

  constructor(@Inject(API_CONFIG) config: ApiConfig, @Inject(CRM_REDIS) redis: Redis) {
    this.queue = new Queue(JOBS.intakeLead.queue, { connection: redis, prefix: config.queuePrefix });
  }

  /** One job per record (replays, re-routes): ids derived from connection and record. */
  enqueue(requests: readonly IntakeRequest[]): Promise<void> {
    return addIntakeJobs(this.queue, requests);
  }

  /**
   * Jobs of up to 100 records per connection (the webhook fan-out of a batch of deliveries): one
   * queue operation per hundred leads instead of one per lead keeps the receiver's CPU for
   * acknowledging (ADR 0020), and each job is read with one batch call. A record delivered twice
   * may be taken in twice; intake is idempotent and routes a lead once.
   */
  async enqueueBatches(requests: readonly IntakeRequest[]): Promise<void> {
    const byConnection = new Map<string, string[]>();
    for (const { connectionId, externalId } of requests) {
      const ids = byConnection.get(connectionId) ?? [];
      ids.push(externalId);
      byConnection.set(connectionId, ids);
    }
    for (const [connectionId, ids] of byConnection) await addIntakeBatches(this.queue, connectionId, ids);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
  }
}
