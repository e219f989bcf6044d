import { CrmError, type CrmTransport } from '@leadflow/crm';
import { describe, expect, it } from 'vitest';
import { callHubSpot, hubSpotFailure, hubSpotUrl, untilAborted } from './hubspot-call';

/** What the SDK throws: an `ApiException` with the status as `code` and the body as text or JSON. */
function sdkError(code: number, body: unknown, headers: Record<string, string> = {}) {
  return Object.assign(new Error(`HTTP-Code: ${code}`), { code, body, headers });
}

describe('hubSpotFailure', () => {
  it('parses SDK HTTP errors, whether the body is text or already JSON', () => {
    expect(
      hubSpotFailure(
        sdkError(404, '{"status":"error","message":"gone","category":"OBJECT_NOT_FOUND"}'),
        'op',
      ),
    ).toMatchObject({ code: 'NOT_FOUND', status: 404, operation: 'op' });
    expect(
      hubSpotFailure(
        sdkError(
          429,
          { status: 'error', errorType: 'RATE_LIMIT', policyName: 'SECONDLY' },
          { 'retry-after': '2' },
        ),
        'op',
      ),
    ).toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: 2000 });
  });

  it('maps failures without a response as network errors and leaves CrmErrors alone', () => {
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    expect(hubSpotFailure(reset, 'op')).toMatchObject({ code: 'TEMPORARY', causeCode: 'ECONNRESET' });
    expect(hubSpotFailure(new TypeError('x is not a function'), 'op')).toMatchObject({ code: 'UNKNOWN' });
    const original = new CrmError({ code: 'NOT_FOUND', provider: 'hubspot', operation: 'op' });
    expect(hubSpotFailure(original, 'other')).toBe(original);
  });
});

describe('callHubSpot', () => {
  it('makes one transport call with the spec and throws only CrmErrors', async () => {
    const specs: unknown[] = [];
    const transport: CrmTransport = {
      call: (spec, request) => {
        specs.push(spec);
        return request({ accessToken: 't', signal: new AbortController().signal });
      },
    };
    const spec = { operation: 'leads.search', family: 'search', bucket: 'search' } as const;
    await expect(callHubSpot(transport, spec, () => Promise.reject(sdkError(500, '')))).rejects.toMatchObject(
      {
        code: 'TEMPORARY',
        operation: 'leads.search',
      },
    );
    expect(specs).toEqual([spec]);
  });
});

describe('untilAborted', () => {
  it('rejects with the abort reason while the SDK call is still out, and not at all before starting', async () => {
    const controller = new AbortController();
    const pending = untilAborted(controller.signal, () => new Promise<never>(() => undefined));
    controller.abort(new DOMException('timed out', 'TimeoutError'));
    await expect(pending).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(hubSpotFailure(await pending.catch((e: unknown) => e), 'op')).toMatchObject({ code: 'TEMPORARY' });

    let started = false;
    await expect(
      untilAborted(controller.signal, () => {
        started = true;
        return Promise.resolve(1);
      }),
    ).rejects.toBeDefined();
    expect(started).toBe(false);
  });

  it('passes results and errors through', async () => {
    const signal = new AbortController().signal;
    await expect(untilAborted(signal, () => Promise.resolve(7))).resolves.toBe(7);
    await expect(untilAborted(signal, () => Promise.reject(sdkError(400, '')))).rejects.toMatchObject({
      code: 400,
    });
  });
});

describe('hubSpotUrl', () => {
  it('joins without doubling slashes', () => {
    expect(hubSpotUrl('https://api.hubapi.com/', '/crm/v3/owners')).toBe(
      'https://api.hubapi.com/crm/v3/owners',
    );
  });
});
