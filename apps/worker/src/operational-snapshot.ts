import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { type CrmRuntime, ProviderHealthReader } from '@leadflow/connections';
import type { PrismaClient } from '@leadflow/database';
import { QUEUES } from '@leadflow/jobs';
import type { OperationalSnapshot } from '@leadflow/observability';

/** Lead statuses that wait for a person: a mapping to fix, a write-back to look at. */
export const ATTENTION_STATUSES = ['needs_mapping', 'writeback_failed'] as const;

/** Every call family has a breaker; one no process has published yet is closed. */
const CALL_FAMILIES = ['read', 'write', 'search', 'metadata'] as const;

const JOB_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'failed'] as const;

/**
 * What the worker's scrape-time gauges show (queue depths, connection health, leads waiting for a
 * person), read from BullMQ, Redis and Postgres. Shared state, so any one worker reports all of it:
 * dashboards take `max by (...)` across workers.
 */
export function operationalSnapshot(deps: {
  prisma: PrismaClient;
  crm: CrmRuntime;
  connection: Redis;
  prefix: string;
}): { read: () => Promise<OperationalSnapshot>; close: () => Promise<void> } {
  const queues = Object.values(QUEUES).map(
    (name) => new Queue(name, { connection: deps.connection, prefix: deps.prefix }),
  );
  const health = new ProviderHealthReader(deps.prisma, deps.crm);
  return {
    async read() {
      const [queueCounts, connections, leads] = await Promise.all([
        Promise.all(
          queues.map(async (q) => ({ queue: q.name, counts: await q.getJobCounts(...JOB_STATES) })),
        ),
        deps.prisma.crmConnection.findMany({ where: { status: { not: 'disconnected' } } }),
        deps.prisma.lead.groupBy({
          by: ['connectionId', 'status'],
          where: { status: { in: [...ATTENTION_STATUSES] } },
          _count: { _all: true },
        }),
      ]);
      const healths = await health.read(connections);
      return {
        queues: queueCounts,
        connections: healths.map((h) => ({
          connectionId: h.id,
          provider: h.provider,
          status: h.status,
          healthy: h.healthy,
          breakers: {
            ...Object.fromEntries(CALL_FAMILIES.map((f) => [f, 'closed'])),
            ...Object.fromEntries(h.breakers.map((b) => [b.family, b.state])),
          },
          headroom: Object.fromEntries(h.rateLimits.map((r) => [r.bucket, r.headroom])),
          tokenExpiresInSeconds: h.tokenExpiresInSeconds,
          pollingLagSeconds: h.pollingLagSeconds,
          errorRatio5m: h.errorRate.last5m.ratio,
        })),
        leads: leads.map((l) => ({ connectionId: l.connectionId, status: l.status, count: l._count._all })),
      };
    },
    close: async () => {
      await Promise.all(queues.map((q) => q.close()));
    },
  };
}
