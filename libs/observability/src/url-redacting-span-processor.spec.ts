import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import { UrlRedactingSpanProcessor } from './url-redacting-span-processor';

describe('UrlRedactingSpanProcessor', () => {
  it('removes OAuth codes, states and tokens from URL attributes before export', () => {
    const exporter = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({
      spanProcessors: [new UrlRedactingSpanProcessor(), new SimpleSpanProcessor(exporter)],
    });
    const span = provider.getTracer('test').startSpan('GET', {
      attributes: {
        'url.full': 'http://api.local/v1/oauth/hubspot/callback?code=abc123&state=s3cr3t',
        'http.target': '/v1/oauth/hubspot/callback?code=abc123&state=s3cr3t',
        'url.query': 'code=abc123&state=s3cr3t&x=1',
        'url.path': '/v1/oauth/hubspot/callback',
      },
    });
    span.end();
    const [exported] = exporter.getFinishedSpans();
    const text = JSON.stringify(exported!.attributes);
    expect(text).not.toContain('abc123');
    expect(text).not.toContain('s3cr3t');
    expect(exported!.attributes['url.query']).toBe('code=[redacted]&state=[redacted]&x=1');
    expect(exported!.attributes['url.path']).toBe('/v1/oauth/hubspot/callback');
  });

  it('removes tokens that legacy endpoints carry in the path', () => {
    const exporter = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({
      spanProcessors: [new UrlRedactingSpanProcessor(), new SimpleSpanProcessor(exporter)],
    });
    provider
      .getTracer('test')
      .startSpan('GET', {
        attributes: { 'url.full': 'https://api.hubapi.com/oauth/v1/access-tokens/CNa1-secret' },
      })
      .end();
    expect(exporter.getFinishedSpans()[0]!.attributes['url.full']).toBe(
      'https://api.hubapi.com/oauth/v1/access-tokens/[redacted]',
    );
  });
});
