import { createServer, type Server } from 'node:http';
import type { Registry } from 'prom-client';
import { checkReadiness, type Probe } from '@leadflow/observability';

/**
 * The worker has no HTTP API, so it answers health and metrics on a small port of its own:
 * /health/live, /health/ready (Postgres, Redis, workers running) and /metrics.
 */
export function startHealthServer(
  port: number,
  probes: Record<string, Probe>,
  registry: Registry,
): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const reply = (status: number, body: unknown, type = 'application/json') => {
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    if (req.method !== 'GET') return reply(405, { status: 405, title: 'Method not allowed' });
    if (path === '/health/live') return reply(200, { status: 'ok' });
    if (path === '/health/ready') {
      void checkReadiness(probes).then((report) => reply(report.status === 'ok' ? 200 : 503, report));
      return;
    }
    if (path === '/metrics') {
      void registry.metrics().then((text) => reply(200, text, registry.contentType));
      return;
    }
    reply(404, { status: 404, title: 'Not found' });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '0.0.0.0', () => resolve(server));
  });
}
