import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionRepository, type CrmRuntime } from '@leadflow/connections';
import { mappingScopeOf } from '@leadflow/crm';
import { createPgPool, type PgPool, type PrismaClient } from '@leadflow/database';
import { RoutingService } from '@leadflow/routing';
import { type SandboxCrm, sandboxCrm } from './support/crm-runtime';
import { mondaySandbox } from './support/monday-sandbox';
import { type RoutedLead, routeAndWriteBack, seedRoutingTenant } from './support/route-leads';
import { type RunningSandbox, startSandbox } from './support/sandbox';

/** The same people in both CRMs, in the order they arrive. */
const PEOPLE = [
  { name: 'Anna Schmidt', email: 'anna@example.de', country: 'Germany', iso: 'DE' },
  { name: 'Bob Jones', email: 'bob@example.com', country: 'United States', iso: 'US' },
  { name: 'Clara Huber', email: 'clara@example.at', country: 'Austria', iso: 'AT' },
  { name: 'Denis Roux', email: 'denis@example.fr', country: 'France', iso: 'FR' },
  { name: 'Eva Keller', email: 'eva@example.ch', country: 'Switzerland', iso: 'CH' },
  { name: 'Fred Smith', email: 'fred@example.co.uk', country: 'United Kingdom', iso: 'GB' },
];

/**
 * Parity: the same reps, rules and lead data behind a HubSpot connection and a Monday connection
 * give the same routing decisions and the same owners written back (each CRM's own owner id for the
 * same rep). Everything goes through ICrmClient, the provider's default mapping and RoutingService.
 */
describe('HubSpot and Monday route the same leads the same way', () => {
  let sandbox: RunningSandbox;
  let runtime: SandboxCrm;
  let prisma: PrismaClient;
  let pg: PgPool;
  let crm: CrmRuntime;
  let routing: RoutingService;

  beforeAll(async () => {
    sandbox = await startSandbox();
    runtime = await sandboxCrm(sandbox, 'parity');
    ({ prisma, crm } = runtime);
    pg = createPgPool({ databaseUrl: runtime.env.database.url, size: 4 });
    routing = new RoutingService(prisma, pg);
  });
  afterAll(async () => {
    await pg?.end();
    await runtime?.dispose();
    await sandbox?.close();
  });

  /** Stores a connection for an account whose token works, in a new tenant with the shared routing setup. */
  async function connect(
    provider: 'hubspot' | 'monday',
    token: string,
    settings: Record<string, unknown>,
    ownerIds: string[],
  ) {
    const tenant = await prisma.tenant.create({
      data: { name: `${provider} team`, slug: `${provider}-team` },
    });
    const account = await crm.factory
      .forCredentials({ tenantId: tenant.id, provider, authType: 'token', accessToken: token, settings })
      .getAccount();
    const { connection } = await new ConnectionRepository(prisma, crm.secrets).saveAuthorized({
      tenantId: tenant.id,
      provider,
      authType: 'token',
      account,
      name: null,
      settings,
      tokens: { accessToken: token },
    });
    const routingTenant = await seedRoutingTenant(prisma, {
      tenantId: tenant.id,
      connectionId: connection.id,
      ownerIds,
    });
    return { connectionId: connection.id, ...routingTenant };
  }

  async function routeAll(
    provider: 'hubspot' | 'monday',
    connection: Awaited<ReturnType<typeof connect>>,
    externalIds: string[],
  ) {
    const client = await crm.factory.forConnection(connection.connectionId);
    const adapter = crm.adapters.get(provider);
    const row = await prisma.crmConnection.findUniqueOrThrow({ where: { id: connection.connectionId } });
    const scope = mappingScopeOf(adapter, row.settings as Record<string, unknown>);
    const fields = (await Promise.all(scope.fieldObjects.map((o) => client.listFields(o)))).flat();
    const mapping = adapter.defaultMapping(scope.routedObject, fields)!;
    return routeAndWriteBack({
      prisma,
      routing,
      client,
      objectType: scope.routedObject,
      mapping,
      tenantId: connection.tenantId,
      connectionId: connection.connectionId,
      externalIds,
      repNames: connection.repNames,
    });
  }

  it('gives identical decisions and writes the same reps back as owners', async () => {
    // HubSpot: owners, then leads each with its own primary contact.
    const { portalId, privateAppToken } = await sandbox.portal({ name: 'Parity portal' });
    const { owners } = await sandbox.control<{ owners: { id: string }[] }>(
      'POST',
      `/portals/${portalId}/owners`,
      {
        owners: ['rep0', 'rep1', 'rep2'].map((n) => ({ email: `${n}@parity.example` })),
      },
    );
    const hubspotIds: string[] = [];
    for (const person of PEOPLE) {
      const [first, last] = person.name.split(' ');
      const { objects: contacts } = await sandbox.control<{ objects: { id: string }[] }>(
        'POST',
        `/portals/${portalId}/objects/contacts`,
        {
          objects: [
            {
              properties: { email: person.email, firstname: first, lastname: last, country: person.country },
            },
          ],
        },
      );
      const { objects: leads } = await sandbox.control<{ objects: { id: string }[] }>(
        'POST',
        `/portals/${portalId}/objects/leads`,
        {
          objects: [
            {
              properties: { hs_lead_name: person.name, hs_pipeline_stage: 'new-stage-id' },
              associations: [{ toObjectType: 'contacts', toObjectId: contacts[0]!.id, primary: true }],
            },
          ],
        },
      );
      hubspotIds.push(leads[0]!.id);
    }
    const hubspot = await connect(
      'hubspot',
      privateAppToken,
      { primaryObject: 'leads' },
      owners.map((o) => o.id),
    );

    // Monday: users, a board with the same columns a team would use, the same people as items.
    const monday = mondaySandbox(sandbox);
    const { accountId, personalToken } = await monday.account({ name: 'Parity', plan: 'enterprise' });
    const users = await monday.users(
      accountId,
      ['rep0', 'rep1', 'rep2'].map((n) => ({ name: n, email: `${n}@parity.example` })),
    );
    const board = await monday.board(accountId, {
      name: 'Leads',
      columns: [
        { id: 'person', title: 'Owner', type: 'people' },
        {
          id: 'status',
          title: 'Status',
          type: 'status',
          labels: [
            { label: 'New', index: 0 },
            { label: 'Won', index: 1, isDone: true },
            { label: 'Lost', index: 2 },
          ],
        },
        { id: 'email', title: 'Email', type: 'email' },
        { id: 'country', title: 'Country', type: 'text' },
      ],
    });
    const items = await monday.items(
      accountId,
      board.boardId,
      PEOPLE.map((p) => ({
        name: p.name,
        column_values: { email: { email: p.email, text: p.email }, country: p.iso, status: { label: 'New' } },
      })),
    );
    const mondayConnection = await connect(
      'monday',
      personalToken,
      { boardId: String(board.boardId), ownerColumnId: 'person', statusColumnId: 'status' },
      users.map((u) => String(u.id)),
    );

    const viaHubSpot = await routeAll('hubspot', hubspot, hubspotIds);
    const viaMonday = await routeAll(
      'monday',
      mondayConnection,
      items.map((i) => String(i.id)),
    );

    const decisions = (routed: RoutedLead[]) =>
      routed.map(({ rule, outcome, rep }) => ({ rule, outcome, rep }));
    expect(decisions(viaMonday)).toEqual(decisions(viaHubSpot));
    expect(decisions(viaHubSpot)).toEqual([
      { rule: 'dach', outcome: 'assigned', rep: 'Rep 0' },
      { rule: 'default', outcome: 'assigned', rep: 'Rep 2' },
      { rule: 'dach', outcome: 'assigned', rep: 'Rep 1' },
      { rule: 'default', outcome: 'assigned', rep: 'Rep 2' },
      { rule: 'dach', outcome: 'assigned', rep: 'Rep 0' },
      { rule: 'default', outcome: 'assigned', rep: 'Rep 2' },
    ]);

    // The owners in each CRM are that CRM's id for the same rep.
    const hubspotOwnerOf = new Map(owners.map((o, i) => [o.id, `Rep ${i}`]));
    const mondayOwnerOf = new Map(users.map((u, i) => [String(u.id), `Rep ${i}`]));
    for (const [i, id] of hubspotIds.entries()) {
      const lead = await sandbox.control<{ properties: Record<string, string> }>(
        'GET',
        `/portals/${portalId}/objects/leads/${id}`,
      );
      expect(hubspotOwnerOf.get(lead.properties.hubspot_owner_id!)).toBe(viaHubSpot[i]!.rep);
    }
    for (const [i, item] of items.entries()) {
      const read = await monday.item(accountId, item.id);
      const personId = String(read.column_values.person.value.personsAndTeams[0].id);
      expect(mondayOwnerOf.get(personId)).toBe(viaMonday[i]!.rep);
    }
  });
});
