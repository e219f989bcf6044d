import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/**
 * One registry per process, with Node's process metrics. Metric names follow
 * `leadflow_<thing>_<unit>` (style.md §11).
 */
export function createMetricsRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry, prefix: 'leadflow_' });
  return registry;
}

export function createHttpRequestHistogram(
  registry: Registry,
): Histogram<'method' | 'route' | 'status_code'> {
  return new Histogram({
    name: 'leadflow_http_request_duration_seconds',
    help: 'HTTP requests handled, by method, route template and status code',
    labelNames: ['method', 'route', 'status_code'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
}
