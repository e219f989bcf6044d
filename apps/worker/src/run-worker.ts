import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { WorkerConfig } from '@leadflow/config';
import { createPgPool, createPrismaClient, findMigrationsDir, prepareDatabase } from '@leadflow/database';
import {
  BACKFILL_PAGE_PAUSE_MS,
  BackfillProcessor,
  IntakeProcessor,
  POLL_REQUEUE_AFTER_MS,
  PollProcessor,
  StrandedWorkSweeper,
  WebhookFanOut,
  WritebackProcessor,
} from '@leadflow/intake';
import { LeadOutcomes, RoutingService } from '@leadflow/routing';
import {
  assertKeyRingCoversStoredSecrets,
  createCrmRuntime,
  EncryptionKeyRotation,
} from '@leadflow/connections';
import {
  addIntakeBatches,
  addIntakeJobs,
  backfillJob,
  JOBS,
  pollJob,
  requeueJob,
  writebackJob,
} from '@leadflow/jobs';
import { TokenVault } from '@leadflow/security';
import {
  createLogger,
  createMetricsRegistry,
  redisProbe,
  type TracingHandle,
  withTraceContext,
} from '@leadflow/observability';
import { startHealthServer } from './health-server';
import { buildJobRegistry } from './job-registry';
import { WRITEBACK_ATTEMPTS } from './jobs/writeback-owner.job';
import { WorkerHost } from './worker-host';
import { createWorkerMetrics } from './worker-metrics';

const AUDIT_RETENTION_DAYS = 400;

export async function runWorker(config: WorkerConfig, tracing: TracingHandle): Promise<void> {
  const logger = createLogger('leadflow-worker', config.logLevel);
  await prepareDatabase(config.databaseUrl, findMigrationsDir());
  const prisma = createPrismaClient({ databaseUrl: config.databaseUrl, applicationName: 'leadflow-worker' });
  // BullMQ workers block on Redis; they need retries without a per-request limit.
  const connection = new Redis(config.redisUrl, {
    maxRetriesPerRequest: null,
    connectionName: 'leadflow-worker',
  });
  const vault = new TokenVault(config.encryptionKeys);
  await assertKeyRingCoversStoredSecrets(prisma, vault);
  const registry = createMetricsRegistry('leadflow-worker');
  // Limiter, refresh locks and breaker board: commands queue across reconnects, unlike BullMQ's.
  const crmRedis = new Redis(config.redisUrl, {
    maxRetriesPerRequest: 2,
    connectionName: 'leadflow-worker-crm',
  });
  const crm = createCrmRuntime({
    prisma,
    redis: crmRedis,
    vault,
    config,
    keyPrefix: config.queuePrefix,
    processName: `leadflow-worker:${process.pid}`,
    metricsRegistry: registry,
  });
  const metrics = createWorkerMetrics(registry, { prisma, crm, connection, prefix: config.queuePrefix });
  const keyRotation = new EncryptionKeyRotation(prisma, crm.secrets);
  const pg = createPgPool({ databaseUrl: config.databaseUrl, size: 10 });
  const routing = new RoutingService(prisma, pg, undefined, { onDecision: metrics.onDecision });
  const writebackQueue = new Queue(JOBS.writebackOwner.queue, { connection, prefix: config.queuePrefix });
  const intake = new IntakeProcessor({
    prisma,
    factory: crm.factory,
    adapters: crm.adapters,
    routing,
    outcomes: new LeadOutcomes(prisma),
    enqueueWriteback: async (decisionIds) => {
      await writebackQueue.addBulk(
        decisionIds.map((decisionId) => {
          const job = writebackJob(decisionId, WRITEBACK_ATTEMPTS);
          return { name: job.name, data: withTraceContext({ decisionId }), opts: job.opts };
        }),
      );
    },
  });
  const writeback = new WritebackProcessor({
    prisma,
    factory: crm.factory,
    adapters: crm.adapters,
    onOwnerWritten: metrics.onOwnerWritten,
  });
  const intakeQueue = new Queue(JOBS.intakeLead.queue, { connection, prefix: config.queuePrefix });
  const pollingQueue = new Queue(JOBS.pollConnection.queue, { connection, prefix: config.queuePrefix });
  const poller = new PollProcessor({
    prisma,
    factory: crm.factory,
    adapters: crm.adapters,
    enqueueIntake: (connectionId, records) =>
      addIntakeBatches(intakeQueue, connectionId, records, {
        skipQueuedWithin: { redis: connection, ms: POLL_REQUEUE_AFTER_MS },
      }),
  });
  const backfillQueue = new Queue(JOBS.runBackfill.queue, { connection, prefix: config.queuePrefix });
  const enqueueBackfillPage = async (backfillId: string, page: number, delayMs = BACKFILL_PAGE_PAUSE_MS) => {
    const job = backfillJob(backfillId, page, delayMs);
    await requeueJob(backfillQueue, job.name, withTraceContext({ backfillId, page }), job.opts);
  };
  const backfills = new BackfillProcessor({
    prisma,
    factory: crm.factory,
    intake,
    enqueueIntake: (connectionId, records) =>
      addIntakeBatches(intakeQueue, connectionId, records, {
        skipQueuedWithin: { redis: connection, ms: POLL_REQUEUE_AFTER_MS },
      }),
  });
  const sweeper = new StrandedWorkSweeper({
    prisma,
    adapters: crm.adapters,
    fanOut: new WebhookFanOut({
      prisma,
      adapters: crm.adapters,
      enqueue: (requests) => addIntakeJobs(intakeQueue, requests),
    }),
    requeueWriteback: async (decisionId) => {
      const job = writebackJob(decisionId, WRITEBACK_ATTEMPTS);
      await requeueJob(writebackQueue, job.name, withTraceContext({ decisionId }), job.opts);
    },
    requeueBackfill: (backfillId, page) => enqueueBackfillPage(backfillId, page, 0),
  });
  const enqueuePoll = async (connectionId: string) => {
    const job = pollJob(connectionId);
    await pollingQueue.add(job.name, { connectionId }, job.opts);
  };
  const host = new WorkerHost(
    buildJobRegistry({
      metrics: metrics.pipeline,
      prisma,
      keyRotation,
      intake,
      writeback,
      poller,
      sweeper,
      enqueuePoll,
      backfills,
      enqueueBackfillPage: (backfillId, page) => enqueueBackfillPage(backfillId, page),
    }),
    {
      connection,
      prefix: config.queuePrefix,
      concurrency: config.concurrency,
      concurrencyByQueue: {
        [JOBS.intakeLead.queue]: config.intakeConcurrency,
        [JOBS.writebackOwner.queue]: config.writebackConcurrency,
        // One backfill page at a time per worker: imports take turns with live intake (ADR 0019).
        [JOBS.runBackfill.queue]: 1,
      },
      shutdownGraceMs: config.shutdownGraceMs,
      logger,
      metrics: metrics.pipeline,
    },
  );
  host.start();

  // Polling is the safety net behind webhooks: every tick enqueues a poll for connections that are due.
  await pollingQueue.upsertJobScheduler(
    'poll-scheduler',
    { every: config.pollTickMs },
    { name: JOBS.schedulePolls.name, data: {} },
  );

  const maintenance = new Queue(JOBS.pruneAuditLog.queue, { connection, prefix: config.queuePrefix });
  await maintenance.upsertJobScheduler(
    'daily-audit-log-prune',
    { pattern: '17 3 * * *' },
    { name: JOBS.pruneAuditLog.name, data: { olderThanDays: AUDIT_RETENTION_DAYS } },
  );

  await maintenance.upsertJobScheduler(
    'stranded-work-sweep',
    { every: 60_000 },
    { name: JOBS.sweepStrandedWork.name, data: {} },
  );

  const health = await startHealthServer(
    config.healthPort,
    {
      postgres: () => prisma.$queryRaw`SELECT 1`,
      redis: redisProbe(connection),
      workers: () =>
        host.isRunning() ? Promise.resolve() : Promise.reject(new Error('job workers are not running')),
    },
    registry,
  );
  logger.info({ port: config.healthPort }, 'worker health endpoint listening');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: waiting for running jobs');
    await host.close();
    await maintenance.close();
    await writebackQueue.close();
    await intakeQueue.close();
    await pollingQueue.close();
    await backfillQueue.close();
    await metrics.close();
    await pg.end();
    health.close();
    crm.close();
    crmRedis.disconnect();
    connection.disconnect();
    await prisma.$disconnect();
    await tracing.shutdown().catch(() => undefined);
    logger.info('worker stopped');
    process.exit(0);
  };
  process.once('SIGINT', (s) => void stop(s));
  process.once('SIGTERM', (s) => void stop(s));
}
