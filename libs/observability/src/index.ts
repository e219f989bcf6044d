export { createLogger, loggerOptions, type Logger } from './logger';
export { REDACT_PATHS, redactUrl } from './log-redaction';
export { startTracing, type TracingHandle } from './tracing';
export { createHttpRequestHistogram, createMetricsRegistry } from './metrics';
export { checkReadiness, redisProbe, type Probe, type ReadinessReport } from './readiness';
export { runInJobSpan, TRACE_CONTEXT_KEY, withTraceContext } from './queue-trace-context';
export {
  BREAKER_STATE_VALUES,
  cachedSnapshot,
  createPipelineMetrics,
  createWebhookMetrics,
  registerOperationalGauges,
  type ConnectionSnapshot,
  type OperationalSnapshot,
  type PipelineMetrics,
  type WebhookMetrics,
} from './leadflow-metrics';
