import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { cachedSnapshot, type OperationalSnapshot, registerOperationalGauges } from './leadflow-metrics';

const snapshot: OperationalSnapshot = {
  queues: [{ queue: 'intake', counts: { waiting: 3, active: 1 } }],
  connections: [
    {
      connectionId: 'c1',
      provider: 'hubspot',
      status: 'active',
      healthy: false,
      breakers: { read: 'open', write: 'closed' },
      headroom: { default: 0.25 },
      tokenExpiresInSeconds: null,
      pollingLagSeconds: 42,
      errorRatio5m: 0.5,
    },
  ],
  leads: [{ connectionId: 'c1', status: 'needs_mapping', count: 2 }],
};

describe('operational gauges', () => {
  it('fill from one snapshot per scrape window', async () => {
    let reads = 0;
    const registry = new Registry();
    registerOperationalGauges(
      registry,
      cachedSnapshot(() => {
        reads++;
        return Promise.resolve(snapshot);
      }, 60_000),
    );
    const text = await registry.metrics();
    await registry.metrics();
    expect(reads).toBe(1);
    expect(text).toContain('leadflow_queue_jobs{queue="intake",state="waiting"} 3');
    expect(text).toContain(
      'leadflow_crm_breaker_state{connection_id="c1",provider="hubspot",family="read"} 2',
    );
    expect(text).toContain('leadflow_crm_connection_healthy{connection_id="c1",provider="hubspot"} 0');
    expect(text).toContain('leadflow_leads{connection_id="c1",status="needs_mapping"} 2');
    expect(text).toContain('leadflow_polling_lag_seconds{connection_id="c1",provider="hubspot"} 42');
    // A static token has no expiry: no series rather than a made-up value.
    expect(text).not.toMatch(/^leadflow_crm_token_expiry_seconds\{/m);
  });

  it('answer the scrape without them when the snapshot fails, and retry next time', async () => {
    let fail = true;
    const registry = new Registry();
    registerOperationalGauges(
      registry,
      cachedSnapshot(
        () => (fail ? Promise.reject(new Error('redis down')) : Promise.resolve(snapshot)),
        60_000,
      ),
    );
    expect(await registry.metrics()).not.toMatch(/^leadflow_queue_jobs\{/m);
    fail = false;
    expect(await registry.metrics()).toMatch(/^leadflow_queue_jobs\{/m);
  });
});
