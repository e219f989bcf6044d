import { describe, expect, it } from 'vitest';
import { type WebhookConnection, WebhookConnectionCache } from './webhook-connections';

function connection(id: string, status = 'active'): WebhookConnection {
  return {
    status,
    info: {
      id,
      tenantId: 't1',
      provider: 'monday',
      authType: 'oauth',
      externalAccountId: 'acc',
      settings: {},
    },
  };
}

describe('WebhookConnectionCache', () => {
  function setup(options: { ttlMs?: number; maxEntries?: number } = {}) {
    let clock = 1_000;
    const loads: string[] = [];
    const rows = new Map<string, WebhookConnection>([['c1', connection('c1')]]);
    const cache = new WebhookConnectionCache(
      (provider, id) => {
        loads.push(`${provider}/${id}`);
        return Promise.resolve(rows.get(id) ?? null);
      },
      { ttlMs: 5_000, ...options, now: () => clock },
    );
    return { cache, loads, rows, tick: (ms: number) => (clock += ms) };
  }

  it('looks a connection up once per TTL, concurrent lookups sharing one query', async () => {
    const { cache, loads, tick } = setup();
    const [a, b] = await Promise.all([cache.get('monday', 'c1'), cache.get('monday', 'c1')]);
    expect(a).toBe(b);
    await cache.get('monday', 'c1');
    expect(loads).toEqual(['monday/c1']);
    tick(5_001);
    await cache.get('monday', 'c1');
    expect(loads).toEqual(['monday/c1', 'monday/c1']);
  });

  it('sees a status change made elsewhere within the TTL, and at once after forget', async () => {
    const { cache, rows, tick } = setup();
    expect((await cache.get('monday', 'c1'))?.status).toBe('active');
    rows.set('c1', connection('c1', 'disconnected'));
    expect((await cache.get('monday', 'c1'))?.status).toBe('active');
    tick(5_001);
    expect((await cache.get('monday', 'c1'))?.status).toBe('disconnected');
    rows.set('c1', connection('c1', 'active'));
    cache.forget('c1');
    expect((await cache.get('monday', 'c1'))?.status).toBe('active');
  });

  it('caches absence too, keyed by provider, within a bounded number of entries', async () => {
    const { cache, loads } = setup({ maxEntries: 2 });
    expect(await cache.get('monday', 'nope')).toBeNull();
    expect(await cache.get('monday', 'nope')).toBeNull();
    expect(await cache.get('hubspot', 'c1')).not.toBeNull();
    expect(loads).toEqual(['monday/nope', 'hubspot/c1']);
    // A third key evicts the oldest.
    await cache.get('monday', 'c1');
    await cache.get('monday', 'nope');
    expect(loads).toEqual(['monday/nope', 'hubspot/c1', 'monday/c1', 'monday/nope']);
  });

  it('does not remember a failed lookup', async () => {
    let fail = true;
    const cache = new WebhookConnectionCache(() =>
      fail ? Promise.reject(new Error('db down')) : Promise.resolve(connection('c1')),
    );
    await expect(cache.get('monday', 'c1')).rejects.toThrow('db down');
    fail = false;
    expect(await cache.get('monday', 'c1')).not.toBeNull();
  });
});
