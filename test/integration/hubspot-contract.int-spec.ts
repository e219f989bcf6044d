import { ConnectionRepository } from '@leadflow/connections';
import { describeCrmClientContract } from '@leadflow/testing';
import { sandboxCrm } from './support/crm-runtime';
import { startSandbox } from './support/sandbox';

/**
 * The HubSpot adapter held to the ICrmClient contract: a stored (vault-encrypted) private-app
 * connection, a client from the real factory, the sandbox over HTTP, real Postgres and Redis.
 */
describeCrmClientContract('hubspot', async () => {
  const sandbox = await startSandbox();
  const runtime = await sandboxCrm(sandbox, 'contract');
  const { prisma, crm } = runtime;

  const { portalId, privateAppToken } = await sandbox.portal({ name: 'Contract portal' });
  const ownerEmails = ['ada@contract.example', 'grace@contract.example', 'alan@contract.example'];
  await sandbox.control('POST', `/portals/${portalId}/owners`, {
    owners: ownerEmails.map((email) => ({ email })),
  });
  const { objects: contacts } = await sandbox.control<{ objects: { id: string }[] }>(
    'POST',
    `/portals/${portalId}/objects/contacts`,
    { objects: [{ properties: { email: 'buyer@example.com', firstname: 'Bea', lastname: 'Buyer' } }] },
  );
  // 160 leads a minute apart, each with the contact as primary contact; the window covers 100 of them.
  const base = Date.parse('2026-11-01T00:00:00Z');
  const at = (i: number) => new Date(base + i * 60_000).toISOString();
  const { objects: leads } = await sandbox.control<{ objects: { id: string }[] }>(
    'POST',
    `/portals/${portalId}/objects/leads`,
    {
      objects: Array.from({ length: 160 }, (_, i) => ({
        properties: { hs_lead_name: `Lead ${i}`, createdate: at(i), hs_lastmodifieddate: at(i) },
        associations: [{ toObjectType: 'contacts', toObjectId: contacts[0]!.id, primary: true }],
      })),
    },
  );

  const tenantId = (await prisma.tenant.create({ data: { name: 'Contract', slug: 'contract' } })).id;
  const settings = { primaryObject: 'leads', allowLegacyWebhookSignatures: false };
  const account = await crm.factory
    .forCredentials({
      tenantId,
      provider: 'hubspot',
      authType: 'token',
      accessToken: privateAppToken,
      settings,
    })
    .getAccount();
  const { connection } = await new ConnectionRepository(prisma, crm.secrets).saveAuthorized({
    tenantId,
    provider: 'hubspot',
    authType: 'token',
    account,
    name: null,
    settings,
    tokens: { accessToken: privateAppToken },
  });

  return {
    client: await crm.factory.forConnection(connection.id),
    externalAccountId: String(portalId),
    objectType: 'leads',
    ownerEmails,
    recordIds: leads.map((l) => l.id),
    missingId: '987654321',
    changedWindow: { since: new Date(at(20)), until: new Date(at(120)), count: 100 },
    async ownerOf(recordId) {
      const lead = await sandbox.control<{ properties: Record<string, string | null> }>(
        'GET',
        `/portals/${portalId}/objects/leads/${recordId}`,
      );
      return lead.properties.hubspot_owner_id ?? null;
    },
    async dispose() {
      await runtime.dispose();
      await sandbox.close();
    },
  };
});
