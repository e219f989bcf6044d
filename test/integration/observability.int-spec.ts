import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { load as parseYaml } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, type PrismaClient } from '@leadflow/database';
import {
  type ExportedSpan,
  freePort,
  request,
  runNode,
  type RunningProcess,
  spansOf,
  startOtlpCollector,
  TEST_BOOTSTRAP_TOKEN,
  waitForHttp,
} from '@leadflow/testing';
import { type ApiHarness, startApi, type TestTenant } from '../../apps/api/test/api-harness';
import { connectHubSpotWithSuggestedMapping } from './support/hubspot-connection';
import { seedRoutingTenant } from './support/route-leads';
import { hubSpotPortalWithApp, type RunningSandbox, startSandbox } from './support/sandbox';
import { startWorkerProcess } from './support/worker-process';

const ROOT = resolve(__dirname, '../..');

/** One Prometheus sample: name, labels, value. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

function parseMetrics(text: string): { samples: Sample[]; names: Set<string> } {
  const samples: Sample[] = [];
  const names = new Set<string>();
  for (const line of text.split('\n')) {
    const type = /^# TYPE (\S+) /.exec(line);
    if (type) names.add(type[1]!);
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)/.exec(line);
    if (!match) continue;
    const labels: Record<string, string> = {};
    for (const [, k, v] of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[k!] = v!;
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return { samples, names };
}

function find(samples: Sample[], name: string, labels: Record<string, string> = {}): Sample[] {
  return samples.filter(
    (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
  );
}

const total = (samples: Sample[]) => samples.reduce((sum, s) => sum + s.value, 0);

/** Metric names a PromQL expression uses; histogram series map to their base name. */
function metricNamesIn(expr: string): string[] {
  return [...expr.matchAll(/\bleadflow_[a-z0-9_]+/g)].map((m) => m[0].replace(/_(bucket|sum|count)$/, ''));
}

/**
 * Observability with real parts: a lead goes from the (HubSpot) sandbox through the API's webhook
 * inbox and the worker process to its owner written back; then both processes' /metrics are scraped,
 * the provider health API and Bull Board are asked, the worker's exported trace is checked, and every
 * metric the dashboards and alert rules use is found on /metrics.
 */
describe('observability: metrics, provider health, queue board and the lead trace', () => {
  let sandbox: RunningSandbox;
  let api: ApiHarness;
  let worker: RunningProcess;
  let workerUrl: string;
  let receiver: RunningProcess;
  let receiverUrl: string;
  let collector: Awaited<ReturnType<typeof startOtlpCollector>>;
  let prisma: PrismaClient;
  let tenant: TestTenant;
  let portalId: number;
  let connectionId: string;
  let ownerIds: string[];
  let externalId: string;
  const scraped = { api: '', worker: '' };

  beforeAll(async () => {
    sandbox = await startSandbox();
    const portal = await hubSpotPortalWithApp(sandbox, 'Observability portal', 'observability.example');
    portalId = portal.portalId;
    ownerIds = portal.ownerIds;
    const { app, env: hubspot } = portal;
    const port = await freePort();
    api = await startApi({ ...hubspot, PORT: String(port), PUBLIC_BASE_URL: `http://127.0.0.1:${port}` });
    prisma = createPrismaClient({ databaseUrl: api.environment.database.url, poolSize: 2 });
    // The CRM's webhooks go to a second API process, started as production starts it (built code,
    // tracing on), so the lead's trace begins at the inbound request.
    collector = await startOtlpCollector();
    const receiverPort = await freePort();
    receiverUrl = `http://127.0.0.1:${receiverPort}`;
    receiver = runNode('dist/apps/api/src/main.js', {
      ...api.environment.env,
      ...hubspot,
      PORT: String(receiverPort),
      PUBLIC_BASE_URL: receiverUrl,
      LOG_LEVEL: 'warn',
      OTEL_SDK_DISABLED: 'false',
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
    });
    await waitForHttp(`${receiverUrl}/health/ready`);
    await sandbox.control('PUT', `/apps/${app.clientId}/webhooks`, {
      targetUrl: `${receiverUrl}/v1/webhooks/hubspot`,
      subscriptions: [{ eventType: 'object.creation', objectTypeId: '0-136' }],
      retryDelaysMs: [200, 500, 1_000],
      batchWindowMs: 50,
    });
    tenant = await api.createTenant('Observability');
    connectionId = await connectHubSpotWithSuggestedMapping(
      api.baseUrl,
      tenant.adminKey,
      portal.privateAppToken,
    );
    await seedRoutingTenant(prisma, { tenantId: tenant.tenantId, connectionId, ownerIds });

    const started = await startWorkerProcess({
      ...api.environment.env,
      ...hubspot,
      OTEL_SDK_DISABLED: 'false',
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
    });
    worker = started.process;
    workerUrl = started.url;
  }, 60_000);

  afterAll(async () => {
    await worker?.stop('SIGTERM');
    await receiver?.stop('SIGTERM');
    collector?.server.close();
    await prisma?.$disconnect();
    await api?.close();
    await sandbox?.close();
  });

  it('shows the journey on /metrics of the API and the worker, with sensible values', async () => {
    // One lead end to end: created in the CRM → webhook → intake → routing → owner written back.
    const { objects: contacts } = await sandbox.control<{ objects: { id: string }[] }>(
      'POST',
      `/portals/${portalId}/objects/contacts`,
      { objects: [{ properties: { email: 'olga@example.com', firstname: 'Olga', country: 'Germany' } }] },
    );
    const { objects: leads } = await sandbox.control<{ objects: { id: string }[] }>(
      'POST',
      `/portals/${portalId}/objects/leads`,
      {
        objects: [
          {
            properties: { hs_lead_name: 'Olga', hs_pipeline_stage: 'new-stage-id' },
            associations: [{ toObjectType: 'contacts', toObjectId: contacts[0]!.id, primary: true }],
          },
        ],
      },
    );
    externalId = leads[0]!.id;
    await expect
      .poll(
        async () =>
          (
            await sandbox.control<{ properties: Record<string, string | null> }>(
              'GET',
              `/portals/${portalId}/objects/leads/${externalId}`,
            )
          ).properties.hubspot_owner_id ?? null,
        { timeout: 20_000, interval: 200 },
      )
      .toBe(ownerIds[0]);
    await expect
      .poll(
        async () =>
          (await prisma.routingDecision.findFirst({ where: { lead: { externalId } } }))?.writebackStatus,
        {
          timeout: 10_000,
        },
      )
      .toBe('done');

    // Series that need state the journey does not create: a lead waiting for a mapping fix, and a
    // token expiry (this connection uses a static token, which never expires).
    await prisma.lead.create({
      data: {
        tenantId: tenant.tenantId,
        connectionId,
        externalId: 'unmappable-1',
        normalized: {},
        status: 'needs_mapping',
      },
    });
    await prisma.crmConnection.update({
      where: { id: connectionId },
      data: { tokenExpiresAt: new Date(Date.now() + 3600_000) },
    });
    const workerMetrics = async () => (await fetch(`${workerUrl}/metrics`)).text();
    // Scrape-time gauges are cached for a few seconds and polling must have run once.
    await expect
      .poll(
        async () => find(parseMetrics(await workerMetrics()).samples, 'leadflow_polling_lag_seconds').length,
        {
          timeout: 20_000,
          interval: 500,
        },
      )
      .toBeGreaterThan(0);
    await expect
      .poll(
        async () =>
          find(parseMetrics(await workerMetrics()).samples, 'leadflow_leads', { status: 'needs_mapping' })
            .length,
        { timeout: 10_000, interval: 500 },
      )
      .toBe(1);
    scraped.worker = await workerMetrics();
    // Both API processes: the one the admin calls and the one the webhooks reach.
    const apiScrapes = await Promise.all([api.baseUrl, receiverUrl].map((url) => fetch(`${url}/metrics`)));
    expect(apiScrapes.map((r) => r.status)).toEqual([200, 200]);
    scraped.api = (await Promise.all(apiScrapes.map((r) => r.text()))).join('\n');

    const a = parseMetrics(scraped.api).samples;
    const w = parseMetrics(scraped.worker).samples;
    const conn = { connection_id: connectionId };

    // API: the webhook that brought the lead, and the CRM call that checked the token.
    expect(
      total(find(a, 'leadflow_webhook_deliveries_total', { provider: 'hubspot', result: 'accepted' })),
    ).toBeGreaterThanOrEqual(1);
    expect(find(a, 'leadflow_webhook_deliveries_total', { result: 'rejected' })).toEqual([]);
    expect(
      total(find(a, 'leadflow_crm_call_duration_seconds_count', { provider: 'hubspot', status: 'ok' })),
    ).toBeGreaterThan(0);
    expect(total(find(a, 'leadflow_http_request_duration_seconds_count'))).toBeGreaterThan(0);

    // Worker: jobs, intake lag, routing, write-back and time to assign.
    for (const queue of ['intake', 'writeback']) {
      expect(
        total(find(w, 'leadflow_job_duration_seconds_count', { queue, outcome: 'completed' })),
      ).toBeGreaterThanOrEqual(1);
      expect(total(find(w, 'leadflow_job_wait_seconds_count', { queue }))).toBeGreaterThanOrEqual(1);
    }
    expect(find(w, 'leadflow_job_duration_seconds_count', { outcome: 'failed' })).toEqual([]);
    const lagCount = total(find(w, 'leadflow_intake_lag_seconds_count'));
    expect(lagCount).toBeGreaterThanOrEqual(1);
    expect(total(find(w, 'leadflow_intake_lag_seconds_sum')) / lagCount).toBeLessThan(20);
    expect(total(find(w, 'leadflow_routing_decisions_total', { outcome: 'assigned' }))).toBe(1);
    expect(total(find(w, 'leadflow_writebacks_total', { result: 'done' }))).toBe(1);
    const assigned = find(w, 'leadflow_time_to_assign_seconds_count', { provider: 'hubspot' });
    expect(total(assigned)).toBe(1);
    const assignSeconds = total(find(w, 'leadflow_time_to_assign_seconds_sum', { provider: 'hubspot' }));
    expect(assignSeconds).toBeGreaterThan(0);
    expect(assignSeconds).toBeLessThan(60);

    // CRM calls by provider, operation and status; rate-limit waits per connection.
    const reads = find(w, 'leadflow_crm_call_duration_seconds_count', { provider: 'hubspot', status: 'ok' });
    expect(reads.map((s) => s.labels.operation)).toEqual(expect.arrayContaining([expect.any(String)]));
    expect(total(find(w, 'leadflow_crm_rate_limit_wait_seconds_count', conn))).toBeGreaterThan(0);

    // Scrape-time gauges: queues, connection state, budget, token, polling, leads waiting.
    expect(find(w, 'leadflow_queue_jobs', { queue: 'intake', state: 'waiting' })).toHaveLength(1);
    expect(find(w, 'leadflow_queue_jobs', { queue: 'writeback', state: 'failed' })[0]?.value).toBe(0);
    expect(find(w, 'leadflow_crm_connection_info', { ...conn, status: 'active' })[0]?.value).toBe(1);
    expect(find(w, 'leadflow_crm_connection_healthy', conn)[0]?.value).toBe(1);
    const breakers = find(w, 'leadflow_crm_breaker_state', conn);
    expect(breakers.map((s) => s.labels.family).sort()).toEqual(['metadata', 'read', 'search', 'write']);
    expect(breakers.every((s) => s.value === 0)).toBe(true);
    const headroom = find(w, 'leadflow_crm_rate_limit_headroom_ratio', conn);
    expect(headroom.length).toBeGreaterThan(0);
    for (const h of headroom) {
      expect(h.value).toBeGreaterThan(0);
      expect(h.value).toBeLessThanOrEqual(1);
    }
    const expiry = find(w, 'leadflow_crm_token_expiry_seconds', conn)[0]!.value;
    expect(expiry).toBeGreaterThan(3500);
    expect(expiry).toBeLessThanOrEqual(3600);
    expect(find(w, 'leadflow_polling_lag_seconds', conn)[0]!.value).toBeLessThan(600);
    expect(find(w, 'leadflow_crm_call_error_ratio', conn)[0]?.value).toBe(0);
    expect(find(w, 'leadflow_leads', { ...conn, status: 'needs_mapping' })[0]?.value).toBe(1);

    // No lead id, record id or email in any label.
    const lead = await prisma.lead.findFirstOrThrow({ where: { connectionId, externalId } });
    const labelValues = new Set([...a, ...w].flatMap((s) => Object.values(s.labels)));
    expect(labelValues.has(lead.id)).toBe(false);
    expect(labelValues.has(externalId)).toBe(false);
    expect([...labelValues].filter((v) => v.includes('@'))).toEqual([]);
  }, 90_000);

  it('uses only metrics that exist on /metrics in every dashboard and alert rule', () => {
    expect(scraped.worker).not.toBe('');
    const exposed = new Set([...parseMetrics(scraped.api).names, ...parseMetrics(scraped.worker).names]);
    const used = new Map<string, string>();
    const dashboards = join(ROOT, 'docker/grafana/dashboards');
    const files = readdirSync(dashboards).filter((f) => f.endsWith('.json'));
    expect(files.sort()).toEqual(['lead-flow.json', 'provider-health.json', 'queues.json']);
    for (const file of files) {
      const dashboard = JSON.parse(readFileSync(join(dashboards, file), 'utf8')) as {
        panels: { title: string; targets: { expr: string }[] }[];
      };
      for (const panel of dashboard.panels) {
        for (const target of panel.targets) {
          const names = metricNamesIn(target.expr);
          expect(names.length, `${file} "${panel.title}"`).toBeGreaterThan(0);
          for (const name of names) used.set(name, `${file} "${panel.title}"`);
        }
      }
    }
    const alerts = parseYaml(readFileSync(join(ROOT, 'docker/prometheus/alerts.yml'), 'utf8')) as {
      groups: { rules: { alert: string; expr: string; annotations: { runbook: string } }[] }[];
    };
    const rules = alerts.groups.flatMap((g) => g.rules);
    expect(rules.map((r) => r.alert).sort()).toEqual([
      'LeadflowCircuitBreakerOpen',
      'LeadflowConnectionNeedsReauth',
      'LeadflowQueueBacklogGrowing',
      'LeadflowTimeToAssignSlow',
      'LeadflowWebhookRejectionsRising',
    ]);
    for (const rule of rules) {
      for (const name of metricNamesIn(rule.expr)) used.set(name, `alert ${rule.alert}`);
      // Every alert has its runbook.
      expect(() => readFileSync(join(ROOT, rule.annotations.runbook)), rule.alert).not.toThrow();
    }
    const missing = [...used].filter(([name]) => !exposed.has(name)).map(([n, where]) => `${n} (${where})`);
    expect(missing).toEqual([]);
  });

  it('reports provider health per connection, scoped to the tenant', async () => {
    const viewer = await api.createKey(tenant.adminKey, 'viewer');
    const res = await request(api.baseUrl, 'GET', '/v1/providers/health', { key: viewer.key });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ healthy: true, unhealthy: [] });
    expect(res.body.connections).toHaveLength(1);
    const health = res.body.connections[0];
    expect(health).toMatchObject({
      id: connectionId,
      provider: 'hubspot',
      status: 'active',
      healthy: true,
      problems: [],
      circuit: 'closed',
      lastErrorCode: null,
    });
    expect(Date.parse(health.lastSuccessfulCallAt)).toBeGreaterThan(Date.now() - 120_000);
    expect(Date.parse(health.lastWebhookAt)).toBeGreaterThan(Date.now() - 120_000);
    expect(health.pollingLagSeconds).toBeGreaterThanOrEqual(0);
    expect(health.errorRate.last5m).toMatchObject({ errors: 0, ratio: 0 });
    expect(health.errorRate.last60m.calls).toBeGreaterThanOrEqual(health.errorRate.last5m.calls);
    expect(health.errorRate.last5m.calls).toBeGreaterThan(0);
    expect(health.rateLimits.length).toBeGreaterThan(0);
    expect(health.tokenExpiresInSeconds).toBeGreaterThan(3000);

    // A connection needing re-authorisation makes the signal name it.
    await prisma.crmConnection.update({
      where: { id: connectionId },
      data: { status: 'needs_reauth', statusReason: 'token revoked in the test' },
    });
    try {
      const bad = await request(api.baseUrl, 'GET', '/v1/providers/health', { key: viewer.key });
      expect(bad.body).toMatchObject({ healthy: false, unhealthy: [connectionId] });
      expect(bad.body.connections[0].problems[0]).toMatch(/needs re-authorisation/);
    } finally {
      await prisma.crmConnection.update({
        where: { id: connectionId },
        data: { status: 'active', statusReason: null },
      });
    }

    const other = await api.createTenant('Elsewhere');
    const elsewhere = await request(api.baseUrl, 'GET', '/v1/providers/health', { key: other.adminKey });
    expect(elsewhere.body).toMatchObject({ healthy: true, unhealthy: [], connections: [] });
    expect((await request(api.baseUrl, 'GET', '/v1/providers/health')).status).toBe(401);
  });

  it('serves Bull Board at /admin/queues to the deployment admin only, never to a tenant key', async () => {
    const anonymous = await fetch(`${api.baseUrl}/admin/queues`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Basic /);
    const forged = await fetch(`${api.baseUrl}/admin/queues/api/queues`, {
      headers: { authorization: `Bearer lf_abcdefghij_${'A'.repeat(43)}` },
    });
    expect(forged.status).toBe(401);
    // Queues hold every tenant's jobs: not even a tenant's admin may see or clean them.
    for (const role of ['viewer', 'operator', 'admin'] as const) {
      const key = await api.createKey(tenant.adminKey, role);
      const asTenant = await fetch(`${api.baseUrl}/admin/queues`, {
        headers: { authorization: `Bearer ${key.key}` },
      });
      expect(asTenant.status).toBe(403);
      expect(((await asTenant.json()) as { detail: string }).detail).toMatch(/ADMIN_BOOTSTRAP_TOKEN/);
    }

    const page = await fetch(`${api.baseUrl}/admin/queues`, {
      headers: { authorization: `Bearer ${TEST_BOOTSTRAP_TOKEN}` },
    });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    // A browser signs in with HTTP Basic (the token as the password), then calls the board's API.
    const basic = `Basic ${Buffer.from(`operator:${TEST_BOOTSTRAP_TOKEN}`).toString('base64')}`;
    const queues = await fetch(`${api.baseUrl}/admin/queues/api/queues`, {
      headers: { authorization: basic },
    });
    expect(queues.status).toBe(200);
    const body = (await queues.json()) as { queues: { name: string }[] };
    expect(body.queues.map((q) => q.name)).toEqual(
      expect.arrayContaining(['intake', 'writeback', 'polling']),
    );
  });

  it('exports one connected trace of the lead: webhook request → fan-out → intake job → routing → write-back job → CRM calls', async () => {
    // The batch span processor exports on shutdown at the latest.
    expect(await worker.stop('SIGTERM')).toBe(0);
    expect(await receiver.stop('SIGTERM')).toBe(0);
    const spans = spansOf(collector.bodies);
    const routing = spans.find(
      (s) => s.name === 'routing assign' && s.attributes['leadflow.routing.created'] === true,
    );
    expect(routing).toBeDefined();
    const trace = spans
      .filter((s) => s.traceId === routing!.traceId)
      .sort((x, y) => (BigInt(x.startTimeUnixNano) < BigInt(y.startTimeUnixNano) ? -1 : 1));
    const byId = new Map(trace.map((s) => [s.spanId, s]));
    const ancestors = (span: ExportedSpan): string[] => {
      const names: string[] = [];
      for (let p = span.parentSpanId; p !== undefined; p = byId.get(p)?.parentSpanId) {
        const parent = byId.get(p);
        if (parent) names.push(parent.name);
      }
      return names;
    };
    const intake = trace.find((s) => s.name === 'job intake intake-lead')!;
    const writeback = trace.find((s) => s.name === 'job writeback writeback-owner')!;
    expect(intake).toBeDefined();
    expect(writeback).toBeDefined();
    expect(ancestors(routing!)).toContain('job intake intake-lead');
    expect(ancestors(writeback)).toContain('job intake intake-lead');
    expect(routing!.attributes).toMatchObject({
      'leadflow.tenant_id': tenant.tenantId,
      'leadflow.routing.rule_set_version': expect.any(Number),
      'leadflow.routing.rule_id': 'dach',
      'leadflow.routing.outcome': 'assigned',
      'leadflow.routing.rep_id': expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    const crmCalls = trace.filter((s) => s.name.startsWith('crm hubspot '));
    const underWriteback = crmCalls.filter((s) => ancestors(s).includes('job writeback writeback-owner'));
    const underIntake = crmCalls.filter((s) => ancestors(s).includes('job intake intake-lead'));
    expect(underIntake.length).toBeGreaterThan(0);
    expect(underWriteback.length).toBeGreaterThan(0);
    for (const call of crmCalls) {
      expect(call.attributes).toMatchObject({
        'leadflow.crm.provider': 'hubspot',
        'leadflow.crm.operation': expect.any(String),
        'leadflow.crm.connection_id': connectionId,
        'leadflow.tenant_id': tenant.tenantId,
        'leadflow.crm.status': 'ok',
        'leadflow.crm.retries': 0,
        'leadflow.crm.rate_limit_wait_ms': expect.any(Number),
        'leadflow.crm.breaker_state': 'closed',
      });
    }
    // The trace begins where the webhook's events were fanned out to intake jobs; that span links to
    // the inbound request that stored the delivery (a batch serves several requests, so it links
    // rather than nests).
    const fanOut = trace.find((s) => s.name === 'webhook fan-out');
    expect(fanOut).toBeDefined();
    expect(fanOut!.parentSpanId).toBeUndefined();
    expect(ancestors(intake)).toContain('webhook fan-out');
    const requestSpans = spans.filter(
      (s) => s.kind === 2 && /\/v1\/webhooks\/hubspot/.test(JSON.stringify(s.attributes)),
    );
    const inbound = requestSpans.find((r) => fanOut!.links!.some((l) => l.spanId === r.spanId));
    expect(inbound).toBeDefined();
    expect(inbound!.name).toMatch(/^POST/);

    // In order: the inbound request, the fan-out, intake starts, routing decides, the write-back job runs after.
    const startOf = (s: ExportedSpan) => BigInt(s.startTimeUnixNano);
    expect(startOf(inbound!)).toBeLessThanOrEqual(startOf(fanOut!));
    const order = [fanOut!, intake, routing!, writeback].map((s) => trace.indexOf(s));
    expect(order).toEqual([...order].sort((x, y) => x - y));
    // No email, token or secret in any attribute of any exported span.
    const attributes = JSON.stringify(spans.map((s) => s.attributes));
    expect(attributes).not.toMatch(/@example\.com|@observability\.example/);
    expect(attributes).not.toMatch(/pat-|Bearer|lf_[a-z0-9]{10}_/i);
  });
});
