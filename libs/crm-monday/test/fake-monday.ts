import type { CrmAdapterContext, CrmCallSpec, CrmTransport } from '@leadflow/crm';
import { vi } from 'vitest';

/** One GraphQL request as the fake received it. */
export interface SeenRequest {
  url: string;
  operationName: string;
  query: string;
  variables: Record<string, unknown>;
  headers: Record<string, string>;
}

export type FakeAnswer = { status?: number; headers?: Record<string, string>; body: unknown };

/**
 * Stubs global fetch with a Monday GraphQL endpoint that answers by operation name (`query Users`
 * → `Users`). Call `vi.unstubAllGlobals()` after each test.
 */
export function fakeMonday(
  answer: (request: SeenRequest) => FakeAnswer | Promise<FakeAnswer>,
): SeenRequest[] {
  const seen: SeenRequest[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    const { query, variables } = JSON.parse(init.body as string) as {
      query: string;
      variables: Record<string, unknown>;
    };
    const request: SeenRequest = {
      url,
      operationName: /^(?:query|mutation)\s+(\w+)/.exec(query)?.[1] ?? '',
      query,
      variables,
      headers: init.headers as Record<string, string>,
    };
    seen.push(request);
    const { status = 200, headers = {}, body } = await answer(request);
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json', ...headers },
    });
  });
  return seen;
}

/** A transport that hands every call a fixed token, recording the specs. */
export function passThrough(accessToken = 'personal-token'): {
  transport: CrmTransport;
  specs: CrmCallSpec[];
} {
  const specs: CrmCallSpec[] = [];
  const signal = new AbortController().signal;
  return {
    specs,
    transport: {
      call: (spec, request) => {
        specs.push(spec);
        return request({ accessToken, signal });
      },
    },
  };
}

export function mondayContext(
  settings: Record<string, unknown>,
  options: { authType?: 'oauth' | 'token'; accessToken?: string } = {},
): { context: CrmAdapterContext; specs: CrmCallSpec[] } {
  const { transport, specs } = passThrough(options.accessToken);
  return {
    specs,
    context: {
      connection: {
        id: 'connection-1',
        tenantId: 'tenant-1',
        provider: 'monday',
        authType: options.authType ?? 'token',
        externalAccountId: '18888528',
        settings,
      },
      transport,
      endpoints: { apiBaseUrl: 'https://api.monday.test/v2', authBaseUrl: 'https://auth.monday.test' },
    },
  };
}
