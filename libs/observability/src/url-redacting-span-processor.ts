import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { redactUrl } from './log-redaction';

/** Span attributes that carry a URL or its query (old and current HTTP semantic conventions). */
const URL_ATTRIBUTES = ['http.url', 'http.target', 'url.full', 'url.query', 'http.route'];

/**
 * HTTP instrumentation records request URLs, and some carry secrets in the query (an OAuth `code`
 * and `state` on the callback). This processor rewrites those attributes as each span starts, before
 * any exporter sees them; it runs first in the pipeline.
 */
export class UrlRedactingSpanProcessor implements SpanProcessor {
  onStart(span: Span, _parentContext: Context): void {
    for (const key of URL_ATTRIBUTES) {
      const value = span.attributes[key];
      if (typeof value === 'string') {
        const redacted = key === 'url.query' ? redactUrl(`?${value}`).slice(1) : redactUrl(value);
        if (redacted !== value) span.setAttribute(key, redacted);
      }
    }
  }

  onEnd(_span: ReadableSpan): void {}

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
