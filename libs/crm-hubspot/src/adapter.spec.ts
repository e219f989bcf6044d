import { CrmError, type CrmAdapterContext } from '@leadflow/crm';
import { describe, expect, it } from 'vitest';
import { hubSpotAdapter } from './adapter';
import { HubSpotCrmClient } from './client';
import { hubSpotDescriptor } from './descriptor';
import { hubSpotLeadsDefaultMapping } from './mapping-defaults';
import { hubSpotOAuth } from './oauth';

function context(settings: Record<string, unknown>): CrmAdapterContext {
  return {
    connection: {
      id: 'c',
      tenantId: 't',
      provider: 'hubspot',
      authType: 'token',
      externalAccountId: '1',
      settings,
    },
    transport: { call: () => Promise.reject(new Error('no calls in this test')) },
    endpoints: { apiBaseUrl: 'https://api.example.test', authBaseUrl: 'https://app.example.test' },
  };
}

describe('hubSpotAdapter', () => {
  it('bundles the descriptor, OAuth, settings and default mappings', () => {
    expect(hubSpotAdapter.descriptor).toBe(hubSpotDescriptor);
    expect(hubSpotAdapter.oauth).toBe(hubSpotOAuth);
    expect(hubSpotAdapter.parseSettings({})).toEqual({
      settings: { primaryObject: 'leads', allowLegacyWebhookSignatures: false },
    });
    expect(hubSpotAdapter.defaultMapping('leads')).toBe(hubSpotLeadsDefaultMapping);
    expect(hubSpotAdapter.defaultMapping('companies')).toBeUndefined();
  });

  it('builds a client for a connection, without touching HubSpot', () => {
    const client = hubSpotAdapter.createClient(context({ primaryObject: 'contacts' }));
    expect(client).toBeInstanceOf(HubSpotCrmClient);
    expect(client.provider).toBe('hubspot');
    // Subscriptions belong to the HubSpot app, not to a connection.
    expect(client.webhooks).toBeUndefined();
  });

  it('refuses stored settings that no longer parse, naming the field', () => {
    expect(() => hubSpotAdapter.createClient(context({ primaryObject: 'tickets' }))).toThrow(CrmError);
    try {
      hubSpotAdapter.createClient(context({ primaryObject: 'tickets' }));
    } catch (error) {
      expect((error as CrmError).fields[0]?.field).toBe('primaryObject');
    }
  });

  it('refuses unknown object types before any call', async () => {
    const client = hubSpotAdapter.createClient(context({}));
    await expect(client.fetchLeads('tickets', ['1'])).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
    await expect(client.fetchLeads('companies', ['1'])).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
    await expect(client.assignOwners('leads', [])).resolves.toEqual([]);
  });
});
