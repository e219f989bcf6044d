import { Client } from '@hubspot/api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiError, startSandbox, type RunningSandbox } from './sandbox-harness';

let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startSandbox();
});

afterAll(async () => {
  await sandbox?.close();
});

const redirectUri = 'http://localhost:9999/oauth/callback';

function authorizeUrl(clientId: string, scope: string, optional?: string): URL {
  const url = new URL(`${sandbox.base}/oauth/authorize`);
  url.search = new URLSearchParams({
    client_id: clientId,
    redirect_uri: redirectUri,
    scope,
    ...(optional ? { optional_scope: optional } : {}),
  }).toString();
  return url;
}

/** Consent, then the code for tokens. */
async function connect(clientId: string, scope: string, optional?: string) {
  const consent = await fetch(authorizeUrl(clientId, scope, optional), { redirect: 'manual' });
  expect(consent.status).toBe(302);
  const code = new URL(consent.headers.get('location')!).searchParams.get('code')!;
  return new Client({ basePath: sandbox.base }).oauth.tokensApi.create(
    'authorization_code',
    code,
    redirectUri,
    clientId,
    'secret',
  );
}

const MISSING_SCOPES_MESSAGE =
  "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.";

describe('HubSpot sandbox scopes', () => {
  it('grants the required scopes plus the grantable optional ones, and enforces them', async () => {
    const { portalId } = await sandbox.newPortal();
    await sandbox.control('POST', '/apps', {
      clientId: 'scoped-app',
      clientSecret: 'secret',
      portalId,
      // This portal cannot grant leads (no Sales Hub Professional, say).
      scopes: ['oauth', 'crm.objects.contacts.read', 'crm.objects.owners.read', 'crm.schemas.contacts.read'],
    });
    const tokens = await connect(
      'scoped-app',
      'oauth crm.objects.contacts.read',
      'crm.objects.leads.read crm.objects.owners.read',
    );
    const info = await new Client({ basePath: sandbox.base }).oauth.accessTokensApi.get(tokens.accessToken);
    expect(info.scopes).toEqual(['oauth', 'crm.objects.contacts.read', 'crm.objects.owners.read']);

    const client = new Client({ accessToken: tokens.accessToken, basePath: sandbox.base });
    await expect(client.crm.owners.ownersApi.getPage()).resolves.toBeDefined();
    await expect(client.crm.contacts.searchApi.doSearch({ limit: 1 })).resolves.toMatchObject({ total: 0 });
    // Property definitions: the object's read scope is enough.
    await expect(client.crm.properties.coreApi.getAll('contacts')).resolves.toBeDefined();

    const leads = await apiError(client.crm.objects.searchApi.doSearch('leads', { limit: 1 }));
    expect(leads.code).toBe(403);
    expect(leads.body).toEqual({
      status: 'error',
      message: MISSING_SCOPES_MESSAGE,
      correlationId: expect.any(String),
      errors: [
        {
          message: 'One or more of the following scopes are required.',
          context: { requiredGranularScopes: ['crm.objects.leads.read'] },
        },
      ],
      links: { scopes: 'https://developers.hubspot.com/scopes' },
      category: 'MISSING_SCOPES',
    });
    const write = await apiError(
      client.crm.contacts.batchApi.update({ inputs: [{ id: '1', properties: { firstname: 'x' } }] }),
    );
    expect(write.code).toBe(403);
    expect(write.body.errors[0].context.requiredGranularScopes).toEqual(['crm.objects.contacts.write']);
    const dealProps = await apiError(client.crm.properties.coreApi.getAll('deals'));
    expect(dealProps.body.errors[0].context.requiredGranularScopes).toEqual([
      'crm.objects.deals.read',
      'crm.schemas.deals.read',
    ]);
  });

  it('refuses an install whose required scopes the portal cannot grant, without redirecting', async () => {
    const { portalId } = await sandbox.newPortal();
    await sandbox.control('POST', '/apps', {
      clientId: 'no-leads-app',
      clientSecret: 'secret',
      portalId,
      scopes: ['oauth', 'crm.objects.contacts.read'],
    });
    const res = await fetch(authorizeUrl('no-leads-app', 'oauth crm.objects.leads.read'), {
      redirect: 'manual',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    expect(await res.json()).toMatchObject({
      status: 'error',
      error: 'invalid_scope',
      context: { scopes: ['crm.objects.leads.read'] },
    });
    const app = await sandbox.control('GET', '/apps/no-leads-app');
    expect(app.installedPortalIds).toEqual([]);
  });

  it('limits a private-app token to the scopes the portal was created with', async () => {
    const { client, privateAppToken, portalId } = await sandbox.newPortal({
      privateAppScopes: ['crm.objects.contacts.read'],
    });
    const { objects } = await sandbox.control('POST', `/portals/${portalId}/objects/contacts`, {
      objects: [{ properties: { email: 'one@x.test' } }, { properties: { email: 'two@x.test' } }],
    });
    const page = await client.crm.contacts.basicApi.getPage(1, undefined, ['email']);
    expect(page.results.map((c) => c.properties.email)).toEqual(['one@x.test']);
    const next = await client.crm.contacts.basicApi.getPage(1, page.paging!.next!.after, ['email']);
    expect(next.results.map((c) => c.id)).toEqual([objects[1].id]);
    expect(next.paging).toBeUndefined();
    expect((await apiError(client.crm.owners.ownersApi.getPage())).code).toBe(403);
    expect((await apiError(client.crm.objects.basicApi.getById('leads', '1'))).body.category).toBe(
      'MISSING_SCOPES',
    );

    const res = await fetch(`${sandbox.base}/oauth/v2/private-apps/get/access-token-info`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tokenKey: privateAppToken }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      userId: expect.any(Number),
      hubId: portalId,
      appId: expect.any(Number),
      scopes: ['crm.objects.contacts.read'],
    });
  });
});
