import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInJobSpan, TRACE_CONTEXT_KEY, withTraceContext } from './queue-trace-context';

describe('trace context across queues', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const contextManager = new AsyncLocalStorageContextManager();

  beforeAll(() => {
    contextManager.enable();
    context.setGlobalContextManager(contextManager);
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    trace.setGlobalTracerProvider(provider);
  });
  afterAll(() => {
    trace.disable();
    propagation.disable();
    context.disable();
  });

  it("continues the enqueuer's trace in the job's span, and a job and what it enqueues form one trace", async () => {
    const request = trace.getTracer('test').startSpan('POST /v1/webhooks/hubspot');
    const data = context.with(trace.setSpan(context.active(), request), () =>
      withTraceContext({ connectionId: 'c1', externalIds: ['1'] }),
    );
    request.end();
    expect(data[TRACE_CONTEXT_KEY]?.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);

    const next = await runInJobSpan('job intake intake-lead', data, {}, () =>
      Promise.resolve(withTraceContext({ decisionId: 'd1' })),
    );
    await runInJobSpan('job writeback writeback-owner', next, {}, () => Promise.resolve());

    const spans = exporter.getFinishedSpans();
    const [intake, writeback] = [spans[1]!, spans[2]!];
    const traceId = request.spanContext().traceId;
    expect(intake.spanContext().traceId).toBe(traceId);
    expect(intake.parentSpanContext?.spanId).toBe(request.spanContext().spanId);
    expect(writeback.spanContext().traceId).toBe(traceId);
    expect(writeback.parentSpanContext?.spanId).toBe(intake.spanContext().spanId);
  });

  it('starts a new trace for a job without one, and marks a failing job', async () => {
    exporter.reset();
    await expect(
      runInJobSpan('job x y', { a: 1 }, {}, () => Promise.reject(new TypeError('boom'))),
    ).rejects.toThrow('boom');
    const [span] = exporter.getFinishedSpans();
    expect(span!.parentSpanContext).toBeUndefined();
    expect(span!.status).toMatchObject({ code: 2, message: 'TypeError' });
  });
});
