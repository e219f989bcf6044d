import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, type SpanExporter, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import type { TelemetryConfig } from '@leadflow/config';
import { UrlRedactingSpanProcessor } from './url-redacting-span-processor';

export interface TracingHandle {
  shutdown(): Promise<void>;
}

/**
 * Starts tracing. Must run before Nest, pg or ioredis are loaded, because the instrumentations
 * patch those modules when they are first required; each main.ts therefore calls this before
 * importing its app. Spans are exported over OTLP only when an endpoint is configured (or an
 * exporter is given, as tests do); otherwise context still propagates, so trace ids appear in logs.
 *
 * We assemble the tracer provider ourselves instead of using @opentelemetry/sdk-node, which reads
 * OTEL_* variables on its own (our config module is the only reader of the environment) and
 * defaults to exporters we did not ask for.
 */
export function startTracing(
  config: TelemetryConfig,
  options: { version?: string; exporter?: SpanExporter; spanProcessor?: SpanProcessor } = {},
): TracingHandle {
  if (config.disabled) return { shutdown: () => Promise.resolve() };
  const exporter =
    options.exporter ??
    (config.otlpEndpoint
      ? new OTLPTraceExporter({
          url: `${config.otlpEndpoint.replace(/\/+$/, '')}/v1/traces`,
          headers: config.otlpHeaders,
        })
      : undefined);
  const spanProcessors: SpanProcessor[] = [new UrlRedactingSpanProcessor()];
  if (options.spanProcessor) spanProcessors.push(options.spanProcessor);
  if (exporter) spanProcessors.push(new BatchSpanProcessor(exporter));
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({
      [ATTR_SERVICE_NAME]: config.serviceName,
      [ATTR_SERVICE_VERSION]: options.version ?? '0.1.0',
    }),
    spanProcessors,
  });
  // Registers the global tracer provider, AsyncLocalStorage context and W3C trace-context propagation.
  provider.register();
  const unregister = registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        // Health probes and scrapes would drown the traces that matter.
        ignoreIncomingRequestHook: (req) => /^\/(health|metrics)/.test(req.url ?? ''),
      }),
      new PgInstrumentation({ enhancedDatabaseReporting: false }),
      // Statements only by command name: arguments can hold lead data.
      new IORedisInstrumentation({ dbStatementSerializer: (command) => command }),
    ],
  });
  return {
    shutdown: async () => {
      unregister();
      await provider.shutdown();
    },
  };
}
