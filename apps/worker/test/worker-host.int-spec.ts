import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createPrismaClient, type PrismaClient } from '@leadflow/database';
import { JOBS, jobIdFor, JobRegistry } from '@leadflow/jobs';
import { createLogger } from '@leadflow/observability';
import { createTestEnvironment, LogCapture, type TestEnvironment } from '@leadflow/testing';
import { pruneAuditLogJob } from '../src/jobs/prune-audit-log.job';
import { WorkerHost } from '../src/worker-host';

describe('WorkerHost', () => {
  let env: TestEnvironment;
  let connection: Redis;
  let queue: Queue;
  let events: QueueEvents;
  let prisma: PrismaClient;

  beforeAll(async () => {
    env = await createTestEnvironment();
    connection = new Redis(env.redisUrl, { maxRetriesPerRequest: null });
    queue = new Queue(JOBS.pruneAuditLog.queue, { connection, prefix: env.queuePrefix });
    events = new QueueEvents(JOBS.pruneAuditLog.queue, {
      connection: connection.duplicate(),
      prefix: env.queuePrefix,
    });
    await events.waitUntilReady();
    prisma = createPrismaClient({ databaseUrl: env.database.url, poolSize: 2 });
  });
  afterAll(async () => {
    await queue.obliterate({ force: true });
    await Promise.all([queue.close(), events.close()]);
    connection.disconnect();
    await prisma.$disconnect();
    await env.dispose();
  });

  function host(registry: JobRegistry, logs = new LogCapture(), shutdownGraceMs = 10_000) {
    return new WorkerHost(registry, {
      connection,
      prefix: env.queuePrefix,
      concurrency: 2,
      shutdownGraceMs,
      logger: createLogger('test-worker', 'info', logs),
    });
  }

  it('lets a running job finish when shut down, and takes no new jobs after', async () => {
    const finished: string[] = [];
    let release!: () => void;
    const started = new Promise<void>((resolve) => {
      release = resolve;
    });
    const registry = new JobRegistry().register({
      job: 'pruneAuditLog',
      parse: (d) => z.object({ tag: z.string() }).parse(d),
      async handle({ tag }) {
        release();
        await new Promise((r) => setTimeout(r, 400));
        finished.push(tag);
        return { tag };
      },
    });
    const worker = host(registry);
    worker.start();
    const job = await queue.add(JOBS.pruneAuditLog.name, { tag: 'slow' });
    await started;
    await worker.close();
    expect(finished).toEqual(['slow']);
    expect(await (await queue.getJob(job.id!))?.getState()).toBe('completed');

    const later = await queue.add(JOBS.pruneAuditLog.name, { tag: 'after-close' });
    await new Promise((r) => setTimeout(r, 200));
    expect(await later.getState()).toBe('waiting');
    await later.remove();
  });

  it('fails a job with an invalid payload at once, without retries, naming the problem', async () => {
    const worker = host(new JobRegistry().register(pruneAuditLogJob(prisma)));
    worker.start();
    const job = await queue.add(
      JOBS.pruneAuditLog.name,
      { olderThanDays: 'soon' },
      { attempts: 5, backoff: { type: 'fixed', delay: 10 } },
    );
    await expect(job.waitUntilFinished(events, 10_000)).rejects.toThrow(
      /payload of prune-audit-log is invalid/,
    );
    const failed = await queue.getJob(job.id!);
    expect(failed?.attemptsMade).toBe(1);
    expect(await failed?.getState()).toBe('failed');
    await worker.close();
  });

  it('runs the audit-log retention job against the real database', async () => {
    const tenant = await prisma.tenant.create({ data: { name: 'T', slug: 'retention' } });
    const old = new Date(Date.now() - 500 * 86_400_000);
    await prisma.auditLog.createMany({
      data: [
        { tenantId: tenant.id, actorType: 'system', action: 'old', targetType: 't', createdAt: old },
        { tenantId: tenant.id, actorType: 'system', action: 'new', targetType: 't' },
      ],
    });
    const worker = host(new JobRegistry().register(pruneAuditLogJob(prisma)));
    worker.start();
    const job = await queue.add(JOBS.pruneAuditLog.name, { olderThanDays: 400 });
    expect(await job.waitUntilFinished(events, 10_000)).toEqual({ deleted: 1 });
    expect((await prisma.auditLog.findMany()).map((e) => e.action)).toEqual(['new']);
    await worker.close();
  });

  it('collapses duplicate work through ids derived from the work', async () => {
    const id = jobIdFor('pruneAuditLog', 'tenant-1', 'window:2026-11');
    const first = await queue.add(JOBS.pruneAuditLog.name, { olderThanDays: 400 }, { jobId: id });
    const second = await queue.add(JOBS.pruneAuditLog.name, { olderThanDays: 400 }, { jobId: id });
    expect(second.id).toBe(first.id);
    expect(await queue.getJobCountByTypes('waiting')).toBe(1);
    await first.remove();
  });
});
