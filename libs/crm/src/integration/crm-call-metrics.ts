import { Counter, Histogram, Registry } from 'prom-client';

/** The factory's metrics, named `leadflow_<thing>_<unit>` (style guide, practice 11). */
export class CrmCallMetrics {
  readonly callDuration: Histogram<'provider' | 'operation' | 'status'>;
  readonly retries: Counter<'provider' | 'operation' | 'code'>;
  readonly rateLimitWait: Histogram<'provider' | 'connection_id' | 'bucket'>;
  readonly tokenRefreshes: Counter<'provider' | 'outcome'>;

  constructor(registry: Registry = new Registry()) {
    this.callDuration = new Histogram({
      name: 'leadflow_crm_call_duration_seconds',
      help: 'Outbound CRM calls including retries, by provider, operation and status (ok or error code)',
      labelNames: ['provider', 'operation', 'status'],
      buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    });
    this.retries = new Counter({
      name: 'leadflow_crm_call_retries_total',
      help: 'Retries of outbound CRM calls, by the error code that caused them',
      labelNames: ['provider', 'operation', 'code'],
      registers: [registry],
    });
    this.rateLimitWait = new Histogram({
      name: 'leadflow_crm_rate_limit_wait_seconds',
      help: 'Time spent waiting for a slot in a connection rate-limit bucket',
      labelNames: ['provider', 'connection_id', 'bucket'],
      buckets: [0, 0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
    this.tokenRefreshes = new Counter({
      name: 'leadflow_crm_token_refreshes_total',
      help: 'OAuth token refreshes: refreshed, reused (another process refreshed), rejected, failed',
      labelNames: ['provider', 'outcome'],
      registers: [registry],
    });
  }
}
