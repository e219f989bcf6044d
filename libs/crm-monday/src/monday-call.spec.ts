import { CrmError } from '@leadflow/crm';
import { trace } from '@opentelemetry/api';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeMonday, passThrough } from '../test/fake-monday';
import { AccountDocument, UsersDocument } from './generated/graphql';
import { executeMonday, mondayUrl, requestMonday } from './monday-call';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const api = (token?: string) => ({
  transport: passThrough(token).transport,
  apiUrl: 'https://api.monday.test/v2',
});
const spec = { operation: 'users.list', family: 'metadata', bucket: 'default' } as const;

describe('requestMonday', () => {
  it('sends the printed operation with its variables and returns the data', async () => {
    const seen = fakeMonday(() => ({ body: { data: { users: [] } } }));
    await expect(requestMonday(api(), spec, UsersDocument, { limit: 5, page: 2 })).resolves.toEqual({
      users: [],
    });
    expect(seen[0]!.query).toMatch(/^query Users\(\$limit: Int!, \$page: Int!, \$nonActive: Boolean\)/);
    expect(seen[0]!.variables).toEqual({ limit: 5, page: 2 });
  });

  it('passes the attempt’s abort signal to fetch', async () => {
    let signal: AbortSignal | undefined;
    vi.stubGlobal('fetch', (_url: string, init: RequestInit) => {
      signal = init.signal ?? undefined;
      return Promise.resolve(new Response(JSON.stringify({ data: { users: [] } })));
    });
    const controller = new AbortController();
    await executeMonday(
      'https://x.test',
      'op',
      { accessToken: 't', signal: controller.signal },
      UsersDocument,
      {
        limit: 1,
        page: 1,
      },
    );
    expect(signal).toBe(controller.signal);
  });

  it('a 200 with errors is a CrmError; so is a 2xx without data', async () => {
    fakeMonday(() => ({
      body: { data: null, errors: [{ message: 'nope', extensions: { code: 'InvalidArgumentException' } }] },
    }));
    await expect(requestMonday(api(), spec, UsersDocument, { limit: 1, page: 1 })).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
      status: 200,
      operation: 'users.list',
    });
    fakeMonday(() => ({ body: { account_id: 1 } }));
    await expect(requestMonday(api(), spec, UsersDocument, { limit: 1, page: 1 })).rejects.toMatchObject({
      code: 'UNKNOWN',
    });
  });

  it('a 401 with an expiring token asks for a refresh; with a personal token, for reconnecting', async () => {
    fakeMonday(() => ({ status: 401, body: { errors: [{ message: 'Not authenticated' }] } }));
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const oauthToken = `${part({ alg: 'HS256' })}.${part({ uid: 1, actid: 2, exp: 4_000_000_000 })}.sig`;
    await expect(
      requestMonday(api(oauthToken), spec, UsersDocument, { limit: 1, page: 1 }),
    ).rejects.toMatchObject({
      code: 'AUTH_EXPIRED',
    });
    await expect(
      requestMonday(api('personal'), spec, UsersDocument, { limit: 1, page: 1 }),
    ).rejects.toMatchObject({
      code: 'AUTH_REVOKED',
    });
  });

  it('network failures are TEMPORARY and never carry the token', async () => {
    vi.stubGlobal('fetch', () =>
      Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } })),
    );
    const error = await requestMonday(api('secret-token-value'), spec, UsersDocument, {
      limit: 1,
      page: 1,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrmError);
    expect(error).toMatchObject({ code: 'TEMPORARY', causeCode: 'ECONNRESET' });
    expect(JSON.stringify(error)).not.toContain('secret-token-value');
  });

  it('records the complexity budget on the call’s span', async () => {
    const setAttributes = vi.fn();
    vi.spyOn(trace, 'getActiveSpan').mockReturnValue({ setAttributes } as never);
    fakeMonday(() => ({
      body: {
        data: {
          me: { id: '1', account: { id: '2', name: 'A', slug: 'a' } },
          complexity: { before: 5_000_000, after: 4_999_990, query: 10, reset_in_x_seconds: 42 },
        },
      },
    }));
    await requestMonday(api(), { ...spec, operation: 'account.read' }, AccountDocument, {});
    expect(setAttributes).toHaveBeenCalledWith({
      'leadflow.crm.monday.complexity.query': 10,
      'leadflow.crm.monday.complexity.before': 5_000_000,
      'leadflow.crm.monday.complexity.after': 4_999_990,
      'leadflow.crm.monday.complexity.reset_in_s': 42,
    });
  });

  it('joins base URLs without doubling slashes', () => {
    expect(mondayUrl('https://auth.monday.com/', '/oauth2/authorize')).toBe(
      'https://auth.monday.com/oauth2/authorize',
    );
  });
});
