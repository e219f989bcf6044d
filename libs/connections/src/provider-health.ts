import { type CallCounts, type ConnectionStatus, rateLimitKey, rateLimitsFor } from '@leadflow/crm';
import type { PrismaClient } from '@leadflow/database';
import type { CrmRuntime } from './crm-runtime';

/** The connection columns health needs; a tenant-scoped query's rows fit. */
export interface HealthConnectionRow {
  id: string;
  tenantId: string;
  provider: string;
  authType: 'oauth' | 'token';
  name: string;
  status: ConnectionStatus;
  statusReason: string | null;
  tokenExpiresAt: Date | null;
  pollIntervalSeconds: number;
}

export interface ErrorRate extends CallCounts {
  /** errors / calls; 0 when there were no calls. */
  ratio: number;
}

export interface ProviderHealth {
  id: string;
  provider: string;
  name: string;
  status: ConnectionStatus;
  statusReason: string | null;
  healthy: boolean;
  /** Why it is unhealthy, one sentence each; empty when healthy. */
  problems: string[];
  /** The worst state of its breakers (open > half-open > closed). */
  circuit: 'closed' | 'half-open' | 'open';
  breakers: { family: string; state: 'closed' | 'half-open' | 'open'; since: string }[];
  rateLimits: { bucket: string; limit: number; intervalMs: number; remaining: number; headroom: number }[];
  tokenExpiresAt: string | null;
  tokenExpiresInSeconds: number | null;
  lastSuccessfulCallAt: string | null;
  lastErrorAt: string | null;
  lastErrorCode: string | null;
  lastWebhookAt: string | null;
  lastPollAt: string | null;
  pollingLagSeconds: number | null;
  errorRate: { last5m: ErrorRate; last60m: ErrorRate };
}

/** When a connection counts as unhealthy (docs/observability.md, "Provider health"). */
export const HEALTH_THRESHOLDS = Object.freeze({
  /** An error ratio at or above this over 5 minutes is unhealthy ... */
  errorRatio: 0.5,
  /** ... once at least this many calls were made (two failures of two calls are not a trend). */
  minCalls: 5,
  /** Polling further behind than this many poll intervals (and at least the floor) is unhealthy. */
  pollingLagIntervals: 5,
  pollingLagFloorSeconds: 600,
});

const CIRCUIT_ORDER = { closed: 0, 'half-open': 1, open: 2 } as const;

function rate(counts: CallCounts): ErrorRate {
  return { ...counts, ratio: counts.calls === 0 ? 0 : counts.errors / counts.calls };
}

/**
 * Health of CRM connections for the provider health API and the scrape-time gauges: status,
 * breakers (as the workers published them), rate-limit headroom, token expiry, recent call outcomes,
 * the last webhook and how far polling lags. Reads Postgres (three grouped queries for any number of
 * connections) and Redis; calls no CRM.
 */
export class ProviderHealthReader {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly crm: Pick<CrmRuntime, 'adapters' | 'breakerBoard' | 'limiter' | 'callLog'>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async read(connections: readonly HealthConnectionRow[]): Promise<ProviderHealth[]> {
    if (connections.length === 0) return [];
    const ids = connections.map((c) => c.id);
    const [webhooks, cursors, runs] = await Promise.all([
      this.prisma.webhookDelivery.groupBy({
        by: ['connectionId'],
        where: { connectionId: { in: ids }, status: { in: ['received', 'queued', 'processed'] } },
        _max: { receivedAt: true },
      }),
      this.prisma.syncCursor.groupBy({
        by: ['connectionId'],
        where: { connectionId: { in: ids } },
        _min: { syncedUntil: true },
      }),
      this.prisma.syncRun.groupBy({
        by: ['connectionId'],
        where: { connectionId: { in: ids } },
        _max: { createdAt: true },
      }),
    ]);
    const lastWebhook = new Map(webhooks.map((w) => [w.connectionId, w._max.receivedAt]));
    const cursor = new Map(cursors.map((c) => [c.connectionId, c._min.syncedUntil]));
    const lastRun = new Map(runs.map((r) => [r.connectionId, r._max.createdAt]));
    return Promise.all(
      connections.map((c) =>
        this.one(c, lastWebhook.get(c.id) ?? null, cursor.get(c.id) ?? null, lastRun.get(c.id) ?? null),
      ),
    );
  }

  private async one(
    row: HealthConnectionRow,
    lastWebhookAt: Date | null,
    syncedUntil: Date | null,
    lastPollAt: Date | null,
  ): Promise<ProviderHealth> {
    const now = this.now();
    const descriptor = this.crm.adapters.get(row.provider).descriptor;
    const buckets = rateLimitsFor(descriptor, row.authType);
    const [published, calls, remaining] = await Promise.all([
      this.crm.breakerBoard.read(row.id),
      this.crm.callLog.read(row.id),
      Promise.all(buckets.map((b) => this.crm.limiter.headroom(rateLimitKey(row.id, b.bucket), b))),
    ]);
    const breakers = published.map((b) => ({ family: b.family, state: b.state, since: b.since }));
    const circuit = breakers.reduce<ProviderHealth['circuit']>(
      (worst, b) => (CIRCUIT_ORDER[b.state] > CIRCUIT_ORDER[worst] ? b.state : worst),
      'closed',
    );
    const errorRate = { last5m: rate(calls.last5m), last60m: rate(calls.last60m) };
    const pollingLagSeconds =
      syncedUntil === null ? null : Math.max(0, Math.round((now.getTime() - syncedUntil.getTime()) / 1000));

    const problems: string[] = [];
    if (row.status === 'needs_reauth') {
      problems.push(`needs re-authorisation: ${row.statusReason ?? 'the CRM rejected the credentials'}`);
    }
    for (const b of breakers) {
      if (b.state === 'open') problems.push(`circuit open for ${b.family} calls since ${b.since}`);
    }
    const { errorRatio, minCalls, pollingLagIntervals, pollingLagFloorSeconds } = HEALTH_THRESHOLDS;
    if (errorRate.last5m.calls >= minCalls && errorRate.last5m.ratio >= errorRatio) {
      problems.push(
        `${errorRate.last5m.errors} of ${errorRate.last5m.calls} CRM calls failed in the last 5 minutes`,
      );
    }
    const lagLimit = Math.max(pollingLagFloorSeconds, pollingLagIntervals * row.pollIntervalSeconds);
    if (row.status === 'active' && pollingLagSeconds !== null && pollingLagSeconds > lagLimit) {
      problems.push(`polling is ${pollingLagSeconds} s behind (limit ${lagLimit} s)`);
    }

    return {
      id: row.id,
      provider: row.provider,
      name: row.name,
      status: row.status,
      statusReason: row.statusReason,
      healthy: problems.length === 0,
      problems,
      circuit,
      breakers,
      rateLimits: buckets.map((b, i) => ({
        bucket: b.bucket,
        limit: b.limit,
        intervalMs: b.intervalMs,
        remaining: remaining[i]!,
        headroom: remaining[i]! / b.limit,
      })),
      tokenExpiresAt: row.tokenExpiresAt?.toISOString() ?? null,
      tokenExpiresInSeconds:
        row.tokenExpiresAt === null
          ? null
          : Math.round((row.tokenExpiresAt.getTime() - now.getTime()) / 1000),
      lastSuccessfulCallAt: calls.lastSuccessAt?.toISOString() ?? null,
      lastErrorAt: calls.lastErrorAt?.toISOString() ?? null,
      lastErrorCode: calls.lastErrorCode,
      lastWebhookAt: lastWebhookAt?.toISOString() ?? null,
      lastPollAt: lastPollAt?.toISOString() ?? null,
      pollingLagSeconds,
      errorRate,
    };
  }
}
