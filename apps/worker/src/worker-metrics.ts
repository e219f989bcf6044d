import type { Redis } from 'ioredis';
import type { Registry } from 'prom-client';
import type { CrmRuntime } from '@leadflow/connections';
import type { PrismaClient } from '@leadflow/database';
import type { OwnerWrittenEvent } from '@leadflow/intake';
import {
  cachedSnapshot,
  createPipelineMetrics,
  type PipelineMetrics,
  registerOperationalGauges,
} from '@leadflow/observability';
import type { StoredDecision } from '@leadflow/routing';
import { operationalSnapshot } from './operational-snapshot';

/** How long one scrape-time snapshot serves further scrapes. */
const SNAPSHOT_TTL_MS = 5_000;

export interface WorkerMetrics {
  pipeline: PipelineMetrics;
  onDecision: (decision: StoredDecision) => void;
  onOwnerWritten: (event: OwnerWrittenEvent) => void;
  close: () => Promise<void>;
}

/** The worker's metrics on its registry: job pipeline counters and the scrape-time gauges. */
export function createWorkerMetrics(
  registry: Registry,
  deps: { prisma: PrismaClient; crm: CrmRuntime; connection: Redis; prefix: string },
): WorkerMetrics {
  const pipeline = createPipelineMetrics(registry);
  const snapshot = operationalSnapshot(deps);
  registerOperationalGauges(registry, cachedSnapshot(snapshot.read, SNAPSHOT_TTL_MS));
  return {
    pipeline,
    onDecision: (decision) => pipeline.routingDecisions.inc({ outcome: decision.outcome }),
    onOwnerWritten: (event) => {
      const since = event.crmCreatedAt === null ? 'first_seen' : 'crm_created';
      const from = event.crmCreatedAt ?? event.firstSeenAt;
      pipeline.timeToAssign.observe(
        { provider: event.provider, since },
        Math.max(0, event.writtenAt.getTime() - from.getTime()) / 1000,
      );
    },
    close: () => snapshot.close(),
  };
}
