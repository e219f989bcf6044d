import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A stand-in OTLP/HTTP collector that keeps the JSON bodies it receives (`/v1/traces`). */
export function startOtlpCollector(): Promise<{ server: Server; url: string; bodies: string[] }> {
  const bodies: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      if (req.url === '/v1/traces') bodies.push(body);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  return new Promise((done) =>
    server.listen(0, '127.0.0.1', () =>
      done({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, bodies }),
    ),
  );
}

export interface ExportedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  /** OTLP span kind: 2 is SERVER. */
  kind?: number;
  startTimeUnixNano: string;
  attributes: Record<string, string | number | boolean>;
  links?: { traceId: string; spanId: string }[];
}

/** The spans of OTLP/JSON trace export bodies, attributes flattened to plain values. */
export function spansOf(bodies: string[]): ExportedSpan[] {
  type Value = {
    stringValue?: string;
    intValue?: string | number;
    boolValue?: boolean;
    doubleValue?: number;
  };
  const spans: ExportedSpan[] = [];
  for (const body of bodies) {
    const parsed = JSON.parse(body) as {
      resourceSpans: {
        scopeSpans: {
          spans: (Omit<ExportedSpan, 'attributes' | 'links'> & {
            attributes?: { key: string; value: Value }[];
            links?: { traceId: string; spanId: string }[];
          })[];
        }[];
      }[];
    };
    for (const rs of parsed.resourceSpans)
      for (const ss of rs.scopeSpans)
        for (const span of ss.spans) {
          const attributes: ExportedSpan['attributes'] = {};
          for (const a of span.attributes ?? []) {
            const v = a.value;
            attributes[a.key] =
              v.stringValue ??
              (v.intValue !== undefined ? Number(v.intValue) : undefined) ??
              v.boolValue ??
              v.doubleValue ??
              '';
          }
          spans.push({
            ...span,
            parentSpanId: span.parentSpanId || undefined,
            attributes,
            links: (span.links ?? []).map((l) => ({ traceId: l.traceId, spanId: l.spanId })),
          });
        }
  }
  return spans;
}
