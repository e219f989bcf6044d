import { once } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CrmError, type CrmErrorCode } from '../crm-error';
import { BreakerRegistry, type BreakerCall } from './circuit-breakers';

const call: BreakerCall = {
  connectionId: 'conn-1',
  family: 'read',
  provider: 'hubspot',
  operation: 'leads.read',
};

function failing(code: CrmErrorCode): () => Promise<never> {
  return () =>
    Promise.reject(
      code === 'RATE_LIMITED'
        ? new CrmError({ code, retryAfterMs: 1_000, provider: 'hubspot', operation: 'leads.read' })
        : code === 'INVALID_REQUEST'
          ? new CrmError({ code, fields: [], provider: 'hubspot', operation: 'leads.read' })
          : code === 'INSUFFICIENT_SCOPE'
            ? new CrmError({ code, missingScopes: [], provider: 'hubspot', operation: 'leads.read' })
            : new CrmError({ code, provider: 'hubspot', operation: 'leads.read' }),
    );
}

async function failTimes(registry: BreakerRegistry, times: number, code: CrmErrorCode): Promise<void> {
  for (let i = 0; i < times; i++) await registry.run(call, failing(code)).catch(() => undefined);
}

describe('BreakerRegistry', () => {
  let registry: BreakerRegistry;
  afterEach(() => registry.shutdown());

  it('opens after the threshold of TEMPORARY failures and then fails fast', async () => {
    registry = new BreakerRegistry({
      volumeThreshold: 3,
      errorThresholdPercentage: 50,
      resetTimeoutMs: 60_000,
    });
    await failTimes(registry, 2, 'TEMPORARY');
    expect(registry.state('conn-1')).toEqual({ read: 'closed' });
    await failTimes(registry, 1, 'TEMPORARY');
    expect(registry.state('conn-1')).toEqual({ read: 'open' });

    const fn = vi.fn(() => Promise.resolve('never'));
    const error = await registry.run(call, fn).catch((e: unknown) => e);
    expect(fn).not.toHaveBeenCalled();
    expect(error).toBeInstanceOf(CrmError);
    expect(error).toMatchObject({ code: 'TEMPORARY', causeCode: 'CIRCUIT_OPEN', retryable: true });
    expect((error as CrmError).message).toContain('circuit open for conn-1:read');
  });

  it.each([
    'RATE_LIMITED',
    'NOT_FOUND',
    'INVALID_REQUEST',
    'AUTH_EXPIRED',
    'AUTH_REVOKED',
    'INSUFFICIENT_SCOPE',
    'UNKNOWN',
  ] as const)('%s failures reach the caller but do not open the breaker', async (code) => {
    registry = new BreakerRegistry({ volumeThreshold: 3, errorThresholdPercentage: 50 });
    for (let i = 0; i < 10; i++) {
      await expect(registry.run(call, failing(code))).rejects.toMatchObject({ code });
    }
    expect(registry.state('conn-1')).toEqual({ read: 'closed' });
  });

  it('does not count errors that are not CrmErrors', async () => {
    registry = new BreakerRegistry({ volumeThreshold: 3 });
    const bug = new TypeError('boom');
    for (let i = 0; i < 5; i++) await expect(registry.run(call, () => Promise.reject(bug))).rejects.toBe(bug);
    expect(registry.state('conn-1')).toEqual({ read: 'closed' });
  });

  it('half-opens after resetTimeout and closes on a successful trial call', async () => {
    registry = new BreakerRegistry({ volumeThreshold: 2, resetTimeoutMs: 20 });
    const breaker = registry.breaker('conn-1', 'read');
    await failTimes(registry, 2, 'TEMPORARY');
    expect(registry.state('conn-1').read).toBe('open');

    await once(breaker, 'halfOpen');
    expect(registry.state('conn-1').read).toBe('half-open');

    await expect(registry.run(call, () => Promise.resolve('ok'))).resolves.toBe('ok');
    expect(registry.state('conn-1').read).toBe('closed');
  });

  it('re-opens when the half-open trial call fails with TEMPORARY', async () => {
    registry = new BreakerRegistry({ volumeThreshold: 2, resetTimeoutMs: 20 });
    const breaker = registry.breaker('conn-1', 'read');
    await failTimes(registry, 2, 'TEMPORARY');
    await once(breaker, 'halfOpen');
    await failTimes(registry, 1, 'TEMPORARY');
    expect(registry.state('conn-1').read).toBe('open');
  });

  it('keeps one breaker per connection and family', async () => {
    registry = new BreakerRegistry({ volumeThreshold: 2, resetTimeoutMs: 60_000 });
    await failTimes(registry, 2, 'TEMPORARY');
    await registry.run({ ...call, family: 'write' }, () => Promise.resolve(1));
    await registry.run({ ...call, connectionId: 'conn-2' }, () => Promise.resolve(1));
    expect(registry.state('conn-1')).toEqual({ read: 'open', write: 'closed' });
    expect(registry.state('conn-2')).toEqual({ read: 'closed' });
    expect(registry.state('conn-unused')).toEqual({});
  });
});
