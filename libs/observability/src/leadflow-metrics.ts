import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/*
 * The domain metrics of Leadflow, named `leadflow_<thing>_<unit>` (style guide, practice 11). Every
 * name is defined here, once, so the Grafana dashboards and alert rules in docker/ can be checked
 * against one list (test/integration/observability.int-spec.ts). Labels are bounded: provider,
 * connection id, queue, job, status and outcome names — never a lead id, an email or a tenant's data.
 */

/** Seconds buckets for things a person waits for: a lead's owner, a queue's backlog. */
const WAIT_BUCKETS = [0.1, 0.25, 0.5, 1, 2, 3, 5, 10, 30, 60, 300, 900, 3600];

export interface WebhookMetrics {
  /** result: accepted (stored and queued), rejected (with a reason) or challenge (a URL check). */
  deliveries: Counter<'provider' | 'result'>;
}

/** The API's webhook receiver. */
export function createWebhookMetrics(registry: Registry): WebhookMetrics {
  return {
    deliveries: new Counter({
      name: 'leadflow_webhook_deliveries_total',
      help: 'Inbound webhook requests by provider and result (accepted, rejected, challenge)',
      labelNames: ['provider', 'result'],
      registers: [registry],
    }),
  };
}

export interface PipelineMetrics {
  /** outcome: completed, retrying (failed, will be retried) or failed (no attempts left, or unrecoverable). */
  jobDuration: Histogram<'queue' | 'job' | 'outcome'>;
  jobWait: Histogram<'queue'>;
  intakeLag: Histogram;
  timeToAssign: Histogram<'provider' | 'since'>;
  routingDecisions: Counter<'outcome'>;
  writebacks: Counter<'result'>;
}

/** The worker's job pipeline: jobs, intake, routing and write-back. */
export function createPipelineMetrics(registry: Registry): PipelineMetrics {
  return {
    jobDuration: new Histogram({
      name: 'leadflow_job_duration_seconds',
      help: 'Time a worker spent on one job attempt, by queue, job and outcome (completed, retrying, failed)',
      labelNames: ['queue', 'job', 'outcome'],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers: [registry],
    }),
    jobWait: new Histogram({
      name: 'leadflow_job_wait_seconds',
      help: 'Time a job waited in its queue between becoming ready and a worker starting it',
      labelNames: ['queue'],
      buckets: WAIT_BUCKETS,
      registers: [registry],
    }),
    intakeLag: new Histogram({
      name: 'leadflow_intake_lag_seconds',
      help: 'From Leadflow learning of a record (webhook stored or poll found it) to intake having routed it',
      buckets: WAIT_BUCKETS,
      registers: [registry],
    }),
    timeToAssign: new Histogram({
      name: 'leadflow_time_to_assign_seconds',
      help: 'From the lead being created in the CRM (since="crm_created"; or first seen by Leadflow, since="first_seen", when the CRM gives no creation time) to its owner written back',
      labelNames: ['provider', 'since'],
      buckets: WAIT_BUCKETS,
      registers: [registry],
    }),
    routingDecisions: new Counter({
      name: 'leadflow_routing_decisions_total',
      help: 'Routing decisions made, by outcome (assigned, kept_existing_owner, unrouted, excluded)',
      labelNames: ['outcome'],
      registers: [registry],
    }),
    writebacks: new Counter({
      name: 'leadflow_writebacks_total',
      help: 'Owner write-back jobs by result (done, skipped, conflict, failed, already_done, superseded)',
      labelNames: ['result'],
      registers: [registry],
    }),
  };
}

/** A connection as the scrape-time gauges see it. */
export interface ConnectionSnapshot {
  connectionId: string;
  provider: string;
  status: string;
  healthy: boolean;
  /** family → closed | half-open | open, as the workers last published it. */
  breakers: Readonly<Record<string, string>>;
  /** bucket → remaining / limit in the current window (0..1). */
  headroom: Readonly<Record<string, number>>;
  /** null for static tokens. */
  tokenExpiresInSeconds: number | null;
  /** Now minus the oldest object cursor of the connection; null before its first poll. */
  pollingLagSeconds: number | null;
  errorRatio5m: number;
}

/** State read from Postgres, Redis and the queues when Prometheus scrapes, not counted in process. */
export interface OperationalSnapshot {
  queues: readonly { queue: string; counts: Readonly<Record<string, number>> }[];
  connections: readonly ConnectionSnapshot[];
  /** Leads waiting for a person, by connection and status (needs_mapping, writeback_failed). */
  leads: readonly { connectionId: string; status: string; count: number }[];
}

export const BREAKER_STATE_VALUES: Readonly<Record<string, number>> = Object.freeze({
  closed: 0,
  'half-open': 1,
  open: 2,
});

/**
 * A snapshot function that runs at most once per `ttlMs`: every gauge below collects from the same
 * snapshot, and Prometheus scraping twice in a row (or two Prometheus servers) costs one read.
 */
export function cachedSnapshot<T>(read: () => Promise<T>, ttlMs = 5_000): () => Promise<T> {
  let cached: { at: number; value: Promise<T> } | undefined;
  return () => {
    const now = Date.now();
    if (cached === undefined || now - cached.at >= ttlMs) {
      const value = read();
      cached = { at: now, value };
      // A failed read is not remembered: the next scrape tries again.
      value.catch(() => {
        if (cached?.value === value) cached = undefined;
      });
    }
    return cached.value;
  };
}

/**
 * Gauges filled from `snapshot` on each scrape (it should be {@link cachedSnapshot}). A failing
 * snapshot leaves the gauges empty for that scrape rather than failing the whole /metrics answer.
 */
export function registerOperationalGauges(
  registry: Registry,
  snapshot: () => Promise<OperationalSnapshot>,
): void {
  const read = () => snapshot().catch(() => undefined);
  const gauge = <L extends string>(
    name: string,
    help: string,
    labelNames: L[],
    fill: (g: Gauge<L>, s: OperationalSnapshot) => void,
  ) =>
    new Gauge<L>({
      name,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        this.reset();
        const s = await read();
        if (s !== undefined) fill(this, s);
      },
    });

  gauge(
    'leadflow_queue_jobs',
    'Jobs in each queue by state (waiting, active, delayed, failed, ...)',
    ['queue', 'state'],
    (g, s) => {
      for (const { queue, counts } of s.queues) {
        for (const [state, count] of Object.entries(counts)) g.set({ queue, state }, count);
      }
    },
  );
  gauge(
    'leadflow_leads',
    'Leads waiting for a person, by connection and status (needs_mapping, writeback_failed)',
    ['connection_id', 'status'],
    (g, s) => {
      for (const row of s.leads) g.set({ connection_id: row.connectionId, status: row.status }, row.count);
    },
  );
  gauge(
    'leadflow_crm_connection_info',
    'One per connection (value 1) with its status: active, needs_reauth, paused',
    ['connection_id', 'provider', 'status'],
    (g, s) => {
      for (const c of s.connections)
        g.set({ connection_id: c.connectionId, provider: c.provider, status: c.status }, 1);
    },
  );
  gauge(
    'leadflow_crm_connection_healthy',
    'Whether the provider health API calls the connection healthy (1) or not (0)',
    ['connection_id', 'provider'],
    (g, s) => {
      for (const c of s.connections)
        g.set({ connection_id: c.connectionId, provider: c.provider }, c.healthy ? 1 : 0);
    },
  );
  gauge(
    'leadflow_crm_breaker_state',
    'Circuit breaker per connection and call family: 0 closed, 1 half-open, 2 open',
    ['connection_id', 'provider', 'family'],
    (g, s) => {
      for (const c of s.connections) {
        for (const [family, state] of Object.entries(c.breakers)) {
          g.set(
            { connection_id: c.connectionId, provider: c.provider, family },
            BREAKER_STATE_VALUES[state] ?? 0,
          );
        }
      }
    },
  );
  gauge(
    'leadflow_crm_rate_limit_headroom_ratio',
    'Share of a connection rate-limit budget still free in the current window (1 idle, 0 exhausted)',
    ['connection_id', 'provider', 'bucket'],
    (g, s) => {
      for (const c of s.connections) {
        for (const [bucket, ratio] of Object.entries(c.headroom)) {
          g.set({ connection_id: c.connectionId, provider: c.provider, bucket }, ratio);
        }
      }
    },
  );
  gauge(
    'leadflow_crm_token_expiry_seconds',
    'Seconds until the connection access token expires (negative: expired; refreshed on next use)',
    ['connection_id', 'provider'],
    (g, s) => {
      for (const c of s.connections) {
        if (c.tokenExpiresInSeconds !== null) {
          g.set({ connection_id: c.connectionId, provider: c.provider }, c.tokenExpiresInSeconds);
        }
      }
    },
  );
  gauge(
    'leadflow_polling_lag_seconds',
    'How far behind now the connection poll cursor is (records changed since are not yet seen by polling)',
    ['connection_id', 'provider'],
    (g, s) => {
      for (const c of s.connections) {
        if (c.pollingLagSeconds !== null) {
          g.set({ connection_id: c.connectionId, provider: c.provider }, c.pollingLagSeconds);
        }
      }
    },
  );
  gauge(
    'leadflow_crm_call_error_ratio',
    'Share of the connection CRM calls that failed over the last 5 minutes (final outcomes, NOT_FOUND excluded)',
    ['connection_id', 'provider'],
    (g, s) => {
      for (const c of s.connections)
        g.set({ connection_id: c.connectionId, provider: c.provider }, c.errorRatio5m);
    },
  );
}
