import { ConnectionRepository } from '@leadflow/connections';
import { describeCrmClientContract } from '@leadflow/testing';
import { sandboxCrm } from './support/crm-runtime';
import { mondaySandbox } from './support/monday-sandbox';
import { startSandbox } from './support/sandbox';

/**
 * The Monday adapter held to the same ICrmClient contract as HubSpot: a stored (vault-encrypted)
 * personal-token connection with a chosen board, a client from the real factory, the sandbox over
 * HTTP, real Postgres and Redis.
 */
describeCrmClientContract('monday', async () => {
  const sandbox = await startSandbox();
  const monday = mondaySandbox(sandbox);
  const runtime = await sandboxCrm(sandbox, 'contract');
  const { prisma, crm } = runtime;

  const { accountId, personalToken } = await monday.account({ name: 'Contract account', plan: 'enterprise' });
  const ownerEmails = ['ada@contract.example', 'grace@contract.example', 'alan@contract.example'];
  await monday.users(
    accountId,
    ownerEmails.map((email) => ({ name: email.split('@')[0]!, email })),
  );
  const board = await monday.board(accountId, {
    name: 'Leads',
    columns: [
      { id: 'person', title: 'Owner', type: 'people' },
      { id: 'status', title: 'Status', type: 'status' },
      { id: 'email', title: 'Email', type: 'email' },
    ],
  });
  // 160 items a minute apart; the window covers 100 of them.
  const base = Date.parse('2026-11-01T00:00:00Z');
  const at = (i: number) => new Date(base + i * 60_000).toISOString();
  const items = await monday.items(
    accountId,
    board.boardId,
    Array.from({ length: 160 }, (_, i) => ({
      name: `Lead ${i}`,
      column_values: { email: { email: `lead${i}@example.com`, text: `lead${i}@example.com` } },
      created_at: at(i),
      updated_at: at(i),
    })),
  );

  const tenantId = (await prisma.tenant.create({ data: { name: 'Contract', slug: 'contract' } })).id;
  const settings = { boardId: String(board.boardId), ownerColumnId: 'person', statusColumnId: 'status' };
  const account = await crm.factory
    .forCredentials({ tenantId, provider: 'monday', authType: 'token', accessToken: personalToken, settings })
    .getAccount();
  const { connection } = await new ConnectionRepository(prisma, crm.secrets).saveAuthorized({
    tenantId,
    provider: 'monday',
    authType: 'token',
    account,
    name: null,
    settings,
    tokens: { accessToken: personalToken },
  });

  return {
    client: await crm.factory.forConnection(connection.id),
    externalAccountId: String(accountId),
    objectType: 'items',
    ownerEmails,
    recordIds: items.map((item) => String(item.id)),
    missingId: '987654321',
    changedWindow: { since: new Date(at(20)), until: new Date(at(120)), count: 100 },
    async ownerOf(recordId) {
      const item = await monday.item(accountId, recordId);
      const value = item.column_values.person?.value as { personsAndTeams?: { id: number }[] } | null;
      const id = value?.personsAndTeams?.[0]?.id;
      return id === undefined ? null : String(id);
    },
    async dispose() {
      await runtime.dispose();
      await sandbox.close();
    },
  };
});
