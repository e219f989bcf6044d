import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthKind, type CrmCallSpec, CrmError, type CrmRecord, type CrmTransport } from '@leadflow/crm';
import { HubSpotCrmClient, hubSpotOAuth } from '@leadflow/crm-hubspot';
import { type RunningSandbox, startSandbox } from './support/sandbox';

// The HubSpot adapter against the in-process sandbox, over real HTTP, with a transport that only
// hands over a fixed token: no retries, so every HubSpot answer reaches the adapter as it was sent.

let sandbox: RunningSandbox;
let base: string;

function control(method: string, path: string, body?: unknown): Promise<any> {
  return sandbox.control(method, path, body);
}

/** Passes each call straight to the request with a fixed token and a signal that never aborts. */
function passThrough(accessToken: string): { transport: CrmTransport; calls: CrmCallSpec[] } {
  const calls: CrmCallSpec[] = [];
  const signal = new AbortController().signal;
  return {
    calls,
    transport: {
      call: (spec, request) => {
        calls.push(spec);
        return request({ accessToken, signal });
      },
    },
  };
}

function hubSpotClient(
  accessToken: string,
  options: { settings?: Record<string, unknown>; authType?: AuthKind; apiBaseUrl?: string } = {},
) {
  const { transport, calls } = passThrough(accessToken);
  const client = new HubSpotCrmClient({
    connection: {
      id: 'connection-1',
      tenantId: 'tenant-1',
      provider: 'hubspot',
      authType: options.authType ?? 'token',
      externalAccountId: '',
      settings: options.settings ?? {},
    },
    transport,
    endpoints: { apiBaseUrl: options.apiBaseUrl ?? base, authBaseUrl: base },
  });
  return { client, calls };
}

async function newPortal(body: Record<string, unknown> = {}): Promise<{ portalId: number; token: string }> {
  const portal = await control('POST', '/portals', body);
  return { portalId: portal.portalId, token: portal.privateAppToken };
}

async function seed(portalId: number, type: string, objects: unknown[]): Promise<{ id: string }[]> {
  return (await control('POST', `/portals/${portalId}/objects/${type}`, { objects })).objects;
}

async function failure(promise: Promise<unknown>): Promise<CrmError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CrmError);
  return error as CrmError;
}

const ALL_LEADS = { since: new Date('2000-01-01T00:00:00Z'), until: new Date('2100-01-01T00:00:00Z') };
/** Skips association reads where a test only pages through records. */
const NO_ASSOCIATIONS = { properties: { contact: [], company: [] } };

beforeAll(async () => {
  sandbox = await startSandbox();
  base = sandbox.baseUrl;
});

afterAll(async () => {
  await sandbox?.close();
});

describe('HubSpotCrmClient against the sandbox', () => {
  it('reads the account and the scopes of a private-app token', async () => {
    const { portalId, token } = await newPortal({
      privateAppScopes: ['crm.objects.contacts.read', 'crm.objects.owners.read'],
    });
    const { client, calls } = hubSpotClient(token);
    expect(await client.getAccount()).toEqual({
      externalAccountId: String(portalId),
      name: null,
      scopes: ['crm.objects.contacts.read', 'crm.objects.owners.read'],
    });
    expect(calls.map((c) => c.operation).sort()).toEqual(['account.details', 'account.tokenInfo']);
    expect(calls.every((c) => c.family === 'metadata')).toBe(true);
  });

  it('runs OAuth (code, refresh, revoked refresh token) and reads an OAuth connection’s scopes', async () => {
    const { portalId } = await newPortal({ name: 'OAuth Portal' });
    const credentials = { clientId: `cid-${portalId}`, clientSecret: 'client-secret-value' };
    await control('POST', '/apps', { ...credentials, portalId });
    const endpoints = { apiBaseUrl: base, authBaseUrl: base };
    const redirectUri = 'http://localhost:9999/oauth/callback';
    const consent = await fetch(
      hubSpotOAuth.authorizeUrl({ endpoints, clientId: credentials.clientId, redirectUri, state: 'xyz' }),
      { redirect: 'manual' },
    );
    expect(consent.status).toBe(302);
    const callback = new URL(consent.headers.get('location')!);
    expect(callback.searchParams.get('state')).toBe('xyz');

    const tokens = await hubSpotOAuth.exchangeCode({
      endpoints,
      client: credentials,
      code: callback.searchParams.get('code')!,
      redirectUri,
    });
    expect(tokens).toMatchObject({ externalAccountId: String(portalId), refreshToken: expect.any(String) });
    expect(tokens.expiresAt!.getTime()).toBeGreaterThan(Date.now());
    expect(tokens.scopes).toContain('crm.objects.contacts.read');

    const { client } = hubSpotClient(tokens.accessToken, { authType: 'oauth' });
    const account = await client.getAccount();
    expect(account.externalAccountId).toBe(String(portalId));
    expect(account.scopes).toEqual(expect.arrayContaining([...tokens.scopes!]));

    const refreshed = await hubSpotOAuth.refresh({
      endpoints,
      client: credentials,
      refreshToken: tokens.refreshToken!,
    });
    expect(refreshed.accessToken).not.toBe(tokens.accessToken);

    const reused = await failure(
      hubSpotOAuth.exchangeCode({
        endpoints,
        client: credentials,
        code: callback.searchParams.get('code')!,
        redirectUri,
      }),
    );
    expect(reused.code).toBe('AUTH_REVOKED');
    expect(reused.message).not.toContain('client-secret-value');

    await control('POST', `/apps/${credentials.clientId}/revoke-refresh-tokens`);
    const revoked = await failure(
      hubSpotOAuth.refresh({ endpoints, client: credentials, refreshToken: tokens.refreshToken! }),
    );
    expect(revoked).toMatchObject({ code: 'AUTH_REVOKED', causeCode: 'invalid_grant' });
    expect(JSON.stringify(revoked.toJSON())).not.toContain(tokens.refreshToken!);
  });

  it('lists every owner over several pages, archived ones inactive', async () => {
    const { portalId, token } = await newPortal();
    const many = Array.from({ length: 520 }, (_, i) => ({
      email: `rep${i}@acme.test`,
      firstName: `Rep${i}`,
    }));
    await control('POST', `/portals/${portalId}/owners`, {
      owners: [
        {
          email: 'ada@acme.test',
          firstName: 'Ada',
          lastName: 'Lovelace',
          teams: [{ id: '7', name: 'EMEA' }],
        },
        { email: 'gone@acme.test', firstName: 'Former', archived: true },
        ...many,
      ],
    });
    const { client, calls } = hubSpotClient(token);
    const owners = await client.listOwners();
    expect(owners).toHaveLength(522);
    expect(owners.find((o) => o.email === 'ada@acme.test')).toMatchObject({
      firstName: 'Ada',
      lastName: 'Lovelace',
      active: true,
      teams: ['7'],
    });
    expect(owners.find((o) => o.email === 'gone@acme.test')).toMatchObject({ active: false, lastName: null });
    expect(calls.filter((c) => c.operation === 'owners.list')).toHaveLength(3);
  });

  it('discovers fields, naming the routed object `lead`, with won/lost deal stages', async () => {
    const { token } = await newPortal();
    const leadsConnection = hubSpotClient(token).client;
    const leadFields = await leadsConnection.listFields('leads');
    expect(leadFields.every((f) => f.object === 'lead')).toBe(true);
    expect(leadFields.find((f) => f.name === 'hs_lead_label')?.options?.map((o) => o.value)).toEqual([
      'HOT',
      'WARM',
      'COLD',
    ]);
    expect(leadFields.find((f) => f.name === 'hs_pipeline_stage')?.options).toContainEqual({
      value: 'qualified-stage-id',
      label: expect.any(String),
    });
    const contactFields = await leadsConnection.listFields('contacts');
    expect(contactFields.find((f) => f.name === 'email')).toMatchObject({
      object: 'contact',
      type: 'string',
    });
    const dealstage = (await leadsConnection.listFields('deals')).find((f) => f.name === 'dealstage')!;
    expect(dealstage.object).toBe('deal');
    expect(dealstage.options?.find((o) => o.value === 'closedwon')?.statusHint).toBe('won');
    expect(dealstage.options?.find((o) => o.value === 'closedlost')?.statusHint).toBe('lost');
    expect(dealstage.options?.find((o) => o.value === 'contractsent')?.statusHint).toBeUndefined();

    const contactsConnection = hubSpotClient(token, { settings: { primaryObject: 'contacts' } }).client;
    expect((await contactsConnection.listFields('contacts')).every((f) => f.object === 'lead')).toBe(true);
    expect((await failure(contactsConnection.listFields('leads'))).code).toBe('INVALID_REQUEST');
  });

  it('fetches >100 leads with their primary contact and company, and reports ids HubSpot lacks', async () => {
    const { portalId, token } = await newPortal();
    const { owners } = await control('POST', `/portals/${portalId}/owners`, {
      owners: [{ email: 'o@acme.test' }],
    });
    const companies = await seed(portalId, 'companies', [
      { properties: { name: 'Acme', domain: 'acme.test', industry: 'COMPUTER_SOFTWARE' } },
      { properties: { name: 'Globex', domain: 'globex.test' } },
    ]);
    const contacts = await seed(portalId, 'contacts', [
      {
        properties: {
          email: 'jane@acme.test',
          firstname: 'Jane',
          lastname: 'Cooper',
          country: 'United States',
        },
        associations: [{ toObjectType: 'companies', toObjectId: companies[0]!.id, primary: true }],
      },
      { properties: { email: 'sam@globex.test', firstname: 'Sam' } },
    ]);
    const leads = await seed(
      portalId,
      'leads',
      Array.from({ length: 150 }, (_, i) => ({
        properties: {
          hs_lead_name: `Lead ${i}`,
          hs_pipeline_stage: 'new-stage-id',
          ...(i === 0 ? { hubspot_owner_id: owners[0].id } : {}),
        },
        associations: [
          // Lead i's primary contact alternates; every lead also has the other contact, unlabelled.
          { toObjectType: 'contacts', toObjectId: contacts[i % 2]!.id, primary: true },
          { toObjectType: 'contacts', toObjectId: contacts[(i + 1) % 2]!.id },
          ...(i % 3 === 0
            ? [{ toObjectType: 'companies', toObjectId: companies[0]!.id, primary: true }]
            : []),
        ],
      })),
    );
    const ids = [...leads.map((l) => l.id), '999999998', '999999999'];
    const { client, calls } = hubSpotClient(token);
    const result = await client.fetchLeads('leads', ids);

    expect(result.missing).toEqual(['999999998', '999999999']);
    expect(result.records.map((r) => r.externalId)).toEqual(leads.map((l) => l.id));
    const first = result.records[0]!;
    expect(first).toMatchObject({
      object: 'lead',
      ownerId: owners[0].id,
      properties: { hs_lead_name: 'Lead 0', hs_pipeline_stage: 'new-stage-id' },
      associations: {
        contact: { email: 'jane@acme.test', firstname: 'Jane', lastname: 'Cooper', country: 'United States' },
        company: { name: 'Acme', domain: 'acme.test', industry: 'COMPUTER_SOFTWARE' },
      },
    });
    expect(first.createdAt).toMatch(/Z$/);
    expect(first.raw).toMatchObject({ id: leads[0]!.id, associations: { contacts: expect.any(Array) } });
    expect(result.records[1]!.associations).toEqual({
      contact: expect.objectContaining({ email: 'sam@globex.test' }),
      company: null,
    });

    // 2 lead reads, 2 association reads per associated type, one read each of the picked contacts and companies.
    const operations = calls.map((c) => c.operation).sort();
    expect(operations).toEqual([
      'companies.batchRead',
      'contacts.batchRead',
      'leads.associations.batchRead',
      'leads.associations.batchRead',
      'leads.associations.batchRead',
      'leads.associations.batchRead',
      'leads.batchRead',
      'leads.batchRead',
    ]);
    expect(calls.every((c) => c.family === 'read' && c.bucket === 'default')).toBe(true);

    // Only the properties the mapping reads; no company reads when it reads none of them.
    const narrow = hubSpotClient(token);
    const [record] = (
      await narrow.client.fetchLeads('leads', [leads[0]!.id], {
        properties: { lead: ['hs_lead_name'], contact: ['email'], company: [] },
      })
    ).records;
    expect(record!.associations).toEqual({ contact: expect.objectContaining({ email: 'jane@acme.test' }) });
    expect(record!.associations!.contact).not.toHaveProperty('firstname');
    expect(narrow.calls.map((c) => c.operation).sort()).toEqual([
      'contacts.batchRead',
      'leads.associations.batchRead',
      'leads.batchRead',
    ]);

    expect(await client.fetchLeads('leads', [])).toEqual({ records: [], missing: [] });
  });

  it('reads a contact’s primary company when contacts are routed', async () => {
    const { portalId, token } = await newPortal();
    const [company] = await seed(portalId, 'companies', [
      { properties: { name: 'Acme', domain: 'acme.test' } },
    ]);
    const [contact] = await seed(portalId, 'contacts', [
      {
        properties: { email: 'a@acme.test', hs_lead_status: 'NEW' },
        associations: [{ toObjectType: 'companies', toObjectId: company!.id, primary: true }],
      },
    ]);
    const { client } = hubSpotClient(token, { settings: { primaryObject: 'contacts' } });
    const { records } = await client.fetchLeads('contacts', [contact!.id]);
    expect(records[0]).toMatchObject({
      object: 'contact',
      properties: { email: 'a@acme.test', hs_lead_status: 'NEW' },
      associations: { company: { name: 'Acme' } },
    });
    expect(records[0]!.associations).not.toHaveProperty('contact');
  });

  it('lists changed leads oldest first within [since, until), page by page, through the search bucket', async () => {
    const { portalId, token } = await newPortal();
    const start = Date.parse('2026-05-01T00:00:00Z');
    await control('POST', `/portals/${portalId}/objects/leads/generate`, {
      count: 30,
      startAt: start,
      stepMs: 60_000,
      properties: { hs_lead_name: 'Generated' },
    });
    const { client, calls } = hubSpotClient(token);
    const query = {
      objectType: 'leads',
      since: new Date(start + 5 * 60_000),
      until: new Date(start + 25 * 60_000),
      limit: 7,
    };
    const seen: CrmRecord[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await client.listChangedLeads({ ...query, ...(cursor === undefined ? {} : { cursor }) });
      seen.push(...page.items);
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor !== undefined);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(20);
    const times = seen.map((r) => r.updatedAt!);
    expect(times[0]).toBe(new Date(start + 5 * 60_000).toISOString());
    expect(times.at(-1)).toBe(new Date(start + 24 * 60_000).toISOString());
    expect([...times].sort()).toEqual(times);
    expect(seen[0]!.associations).toEqual({ contact: null, company: null });
    const searches = calls.filter((c) => c.operation === 'leads.search');
    expect(searches).toHaveLength(3);
    expect(searches.every((c) => c.family === 'search' && c.bucket === 'search')).toBe(true);

    const bad = await failure(client.listChangedLeads({ ...query, cursor: 'not-a-cursor' }));
    expect(bad.fields[0]?.field).toBe('cursor');
  });

  it('samples the newest records', async () => {
    const { portalId, token } = await newPortal();
    await control('POST', `/portals/${portalId}/objects/contacts/generate`, {
      count: 12,
      startAt: Date.parse('2026-01-01T00:00:00Z'),
      stepMs: 1000,
    });
    const { client } = hubSpotClient(token, { settings: { primaryObject: 'contacts' } });
    const sample = await client.sampleLeads('contacts', 5);
    expect(sample).toHaveLength(5);
    expect(sample.map((r) => r.createdAt)).toEqual([
      '2026-01-01T00:00:11.000Z',
      '2026-01-01T00:00:10.000Z',
      '2026-01-01T00:00:09.000Z',
      '2026-01-01T00:00:08.000Z',
      '2026-01-01T00:00:07.000Z',
    ]);
  });

  it('writes owners (and the lead stage) back, batch by batch, reporting each record', async () => {
    const { portalId, token } = await newPortal();
    const { owners } = await control('POST', `/portals/${portalId}/owners`, {
      owners: [{ email: 'a@acme.test' }, { email: 'b@acme.test' }],
    });
    const { firstId } = await control('POST', `/portals/${portalId}/objects/leads/generate`, { count: 150 });
    const ids = Array.from({ length: 150 }, (_, i) => String(Number(firstId) + i));
    const { client, calls } = hubSpotClient(token, {
      settings: { leadStageOnAssign: 'attempting-stage-id' },
    });

    await client.assignOwner('leads', { externalId: ids[0]!, ownerId: owners[0].id });
    const stored = await control('GET', `/portals/${portalId}/objects/leads/${ids[0]}`);
    expect(stored.properties).toMatchObject({
      hubspot_owner_id: owners[0].id,
      hs_pipeline_stage: 'attempting-stage-id',
    });
    expect(calls.at(-1)).toEqual({ operation: 'leads.batchUpdate', family: 'write', bucket: 'default' });

    // First batch of 100: all good but one id HubSpot does not have (207). Second batch of 51: one bad
    // owner id, which HubSpot answers with a 400 for the whole batch.
    const assignments = [
      ...ids.slice(0, 99).map((externalId) => ({ externalId, ownerId: owners[1].id })),
      { externalId: '999999999', ownerId: owners[1].id },
      ...ids.slice(99, 149).map((externalId) => ({ externalId, ownerId: owners[0].id })),
      { externalId: ids[149]!, ownerId: '123' },
    ];
    calls.length = 0;
    const outcomes = await client.assignOwners('leads', assignments);
    expect(calls.filter((c) => c.operation === 'leads.batchUpdate')).toHaveLength(2);
    expect(outcomes).toHaveLength(151);
    expect(outcomes.slice(0, 99).every((o) => o.ok)).toBe(true);
    expect(outcomes[99]).toMatchObject({ externalId: '999999999', ok: false, code: 'NOT_FOUND' });
    expect(outcomes[150]).toMatchObject({ externalId: ids[149], ok: false, code: 'INVALID_REQUEST' });
    expect(outcomes.slice(100, 150).every((o) => !o.ok && o.code === 'TEMPORARY')).toBe(true);
    expect(
      (await control('GET', `/portals/${portalId}/objects/leads/${ids[5]}`)).properties.hubspot_owner_id,
    ).toBe(owners[1].id);
    // The refused batch wrote nothing.
    expect(
      (await control('GET', `/portals/${portalId}/objects/leads/${ids[120]}`)).properties.hubspot_owner_id,
    ).toBeUndefined();
  });

  it('maps HubSpot errors to CrmErrors', async () => {
    const { portalId, token } = await newPortal({ privateAppScopes: ['crm.objects.contacts.read'] });
    const { firstId } = await control('POST', `/portals/${portalId}/objects/contacts/generate`, { count: 1 });
    const { client } = hubSpotClient(token, { settings: { primaryObject: 'contacts' } });

    const unscoped = await failure(client.assignOwner('contacts', { externalId: '999999999', ownerId: '1' }));
    // A token without the write scope: 403 before the record is even looked up.
    expect(unscoped).toMatchObject({
      code: 'INSUFFICIENT_SCOPE',
      missingScopes: ['crm.objects.contacts.write'],
    });

    const scoped = await newPortal();
    const { owners } = await control('POST', `/portals/${scoped.portalId}/owners`, {
      owners: [{ email: 'o@acme.test' }],
    });
    const writer = hubSpotClient(scoped.token, { settings: { primaryObject: 'contacts' } }).client;
    const [contact] = await seed(scoped.portalId, 'contacts', [{ properties: { email: 'x@acme.test' } }]);
    expect(
      await failure(writer.assignOwner('contacts', { externalId: '999999999', ownerId: owners[0].id })),
    ).toMatchObject({ code: 'NOT_FOUND', provider: 'hubspot', operation: 'contacts.batchUpdate' });
    const invalid = await failure(
      writer.assignOwner('contacts', { externalId: contact!.id, ownerId: '123' }),
    );
    expect(invalid).toMatchObject({ code: 'INVALID_REQUEST', status: 400 });
    expect(invalid.fields).toContainEqual(
      expect.objectContaining({ field: 'hubspot_owner_id', code: 'INVALID_OWNER_ID' }),
    );

    const wrongBase = hubSpotClient(scoped.token, { apiBaseUrl: `${base}/no-such-prefix` }).client;
    expect(await failure(wrongBase.listOwners())).toMatchObject({ code: 'NOT_FOUND', status: 404 });

    const unknownToken = hubSpotClient('pat-na1-00000000-0000-0000-0000-000000000000').client;
    expect(await failure(unknownToken.fetchLeads('contacts', [firstId]))).toMatchObject({
      code: 'AUTH_REVOKED',
      status: 401,
    });

    expect(await failure(client.fetchLeads('tickets', ['1']))).toMatchObject({ code: 'INVALID_REQUEST' });
  });

  it('pages past HubSpot’s 10,000-result search cap by restarting at the last modified time', async () => {
    const { portalId, token } = await newPortal({
      rateLimits: { tenSecondly: 100_000, searchPerSecond: 1_000 },
    });
    await control('POST', `/portals/${portalId}/objects/leads/generate`, {
      count: 10_050,
      startAt: Date.parse('2026-02-01T00:00:00Z'),
      stepMs: 1000,
    });
    const { client, calls } = hubSpotClient(token);
    const ids = new Set<string>();
    let cursor: string | undefined;
    let items = 0;
    do {
      const page = await client.listChangedLeads(
        { objectType: 'leads', ...ALL_LEADS, limit: 200, ...(cursor === undefined ? {} : { cursor }) },
        NO_ASSOCIATIONS,
      );
      for (const r of page.items) ids.add(r.externalId);
      items += page.items.length;
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    expect(ids.size).toBe(10_050);
    // One record comes twice: the last of the first query starts the second.
    expect(items).toBe(10_051);
    expect(calls.every((c) => c.operation === 'leads.search')).toBe(true);
  }, 120_000);

  it('splits more than 10,000 records changed in one millisecond by record id', async () => {
    const { portalId, token } = await newPortal({
      rateLimits: { tenSecondly: 100_000, searchPerSecond: 1_000 },
    });
    await control('POST', `/portals/${portalId}/objects/leads/generate`, {
      count: 10_050,
      startAt: Date.parse('2026-03-01T00:00:00Z'),
      stepMs: 0,
    });
    await control('POST', `/portals/${portalId}/objects/leads/generate`, {
      count: 5,
      startAt: Date.parse('2026-03-01T00:00:01Z'),
      stepMs: 1,
    });
    const { client } = hubSpotClient(token);
    const ids = new Set<string>();
    let cursor: string | undefined;
    do {
      const page = await client.listChangedLeads(
        { objectType: 'leads', ...ALL_LEADS, limit: 200, ...(cursor === undefined ? {} : { cursor }) },
        NO_ASSOCIATIONS,
      );
      for (const r of page.items) ids.add(r.externalId);
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    expect(ids.size).toBe(10_055);
  }, 120_000);
});
