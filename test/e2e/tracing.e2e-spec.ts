import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestEnvironment,
  freePort,
  request,
  runNode,
  type RunningProcess,
  startOtlpCollector,
  type TestEnvironment,
  waitForHttp,
} from '@leadflow/testing';

describe('tracing bootstrap', () => {
  let env: TestEnvironment;
  let collector: Awaited<ReturnType<typeof startOtlpCollector>>;
  let api: RunningProcess;
  let baseUrl: string;

  beforeAll(async () => {
    env = await createTestEnvironment();
    collector = await startOtlpCollector();
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    api = runNode('dist/apps/api/src/main.js', {
      ...env.env,
      OTEL_SDK_DISABLED: 'false',
      PORT: String(port),
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
      OTEL_EXPORTER_OTLP_HEADERS: 'x-collector-token=secret-collector-token',
    });
    await waitForHttp(`${baseUrl}/health/ready`);
  });
  afterAll(async () => {
    await api.stop();
    collector.server.close();
    await env.dispose();
  });

  it('exports spans over OTLP named for the service, and logs carry the trace id', async () => {
    const res = await request(baseUrl, 'GET', '/v1/me', {
      key: `lf_abcdefghij_${'A'.repeat(43)}`,
      headers: { 'x-request-id': 'trace-me-1' },
    });
    expect(res.status).toBe(401);
    // The batch processor exports on shutdown at the latest.
    expect(await api.stop('SIGTERM')).toBe(0);
    const exported = collector.bodies.join('\n');
    expect(exported).toContain('leadflow-api');
    expect(exported).toMatch(/"name":"GET"|"name":"GET \/v1\/me"/);
    expect(exported).toContain('pg.query');
    expect(exported).not.toContain('lf_abcdefghij_');

    const line = api
      .output()
      .split('\n')
      .find((l) => l.includes('trace-me-1'));
    expect(line).toBeDefined();
    const entry = JSON.parse(line!) as { traceId?: string };
    expect(entry.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(exported).toContain(entry.traceId);
  });
});
