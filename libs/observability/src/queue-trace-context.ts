import {
  type Attributes,
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';

/** Where job data carries the W3C trace context of whoever enqueued it. */
export const TRACE_CONTEXT_KEY = '_trace';

type Carrier = Record<string, string>;

/**
 * Job data with the active trace context (W3C `traceparent`/`tracestate`) attached, so the job's
 * span continues the trace of the request or job that enqueued it (style guide practice 11).
 * Handlers' payload schemas drop the extra key.
 */
export function withTraceContext<T extends object>(data: T): T & { [TRACE_CONTEXT_KEY]?: Carrier } {
  const carrier: Carrier = {};
  propagation.inject(context.active(), carrier);
  return Object.keys(carrier).length === 0 ? data : { ...data, [TRACE_CONTEXT_KEY]: carrier };
}

const tracer = trace.getTracer('leadflow.jobs');

/**
 * Runs a job handler in a consumer span whose parent is the trace context in the job data (a new
 * trace when there is none), recording failures on the span.
 */
export function runInJobSpan<T>(
  name: string,
  data: unknown,
  attributes: Attributes,
  fn: () => Promise<T>,
): Promise<T> {
  const carrier =
    data !== null && typeof data === 'object'
      ? (data as Record<string, unknown>)[TRACE_CONTEXT_KEY]
      : undefined;
  const parent =
    carrier !== null && typeof carrier === 'object'
      ? propagation.extract(ROOT_CONTEXT, carrier as Carrier)
      : ROOT_CONTEXT;
  return tracer.startActiveSpan(name, { kind: SpanKind.CONSUMER, attributes }, parent, async (span) => {
    try {
      return await fn();
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'error' });
      throw error;
    } finally {
      span.end();
    }
  });
}
