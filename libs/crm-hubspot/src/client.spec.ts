import type { CrmCallSpec, CrmTransport } from '@leadflow/crm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { recorded } from '../test/recorded-payloads';
import { HubSpotCrmClient } from './client';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('HubSpotCrmClient.getAccount (private app)', () => {
  it('takes the portal from account details and the scopes from the token info, one transport call each', async () => {
    const requests: { url: string; init: RequestInit }[] = [];
    vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
      requests.push({ url, init });
      const name = url.endsWith('/account-info/v3/details') ? 'account-details' : 'private-app-token-info';
      const { status, body } = recorded<unknown>(name);
      return Promise.resolve(new Response(JSON.stringify(body), { status }));
    });
    const specs: CrmCallSpec[] = [];
    const transport: CrmTransport = {
      call: (spec, request) => {
        specs.push(spec);
        return request({ accessToken: 'pat-na1-token', signal: new AbortController().signal });
      },
    };
    const client = new HubSpotCrmClient({
      connection: {
        id: 'c',
        tenantId: 't',
        provider: 'hubspot',
        authType: 'token',
        externalAccountId: '',
        settings: {},
      },
      transport,
      endpoints: { apiBaseUrl: 'https://api.example.test/', authBaseUrl: 'https://app.example.test' },
    });

    const account = await client.getAccount();
    expect(account.externalAccountId).toBe('4421337');
    expect(account.name).toBeNull();
    expect(account.scopes).toContain('crm.objects.leads.write');
    expect(specs.map((s) => s.operation).sort()).toEqual(['account.details', 'account.tokenInfo']);

    const tokenInfo = requests.find((r) => r.url.endsWith('/oauth/v2/private-apps/get/access-token-info'))!;
    expect(tokenInfo.url).toBe('https://api.example.test/oauth/v2/private-apps/get/access-token-info');
    expect(tokenInfo.init.method).toBe('POST');
    expect(JSON.parse(tokenInfo.init.body as string)).toEqual({ tokenKey: 'pat-na1-token' });
    expect((tokenInfo.init.headers as Record<string, string>)['authorization']).toBe('Bearer pat-na1-token');
  });
});
