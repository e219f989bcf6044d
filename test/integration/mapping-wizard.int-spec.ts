import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from '@leadflow/testing';
import { type ApiHarness, startApi, type TestTenant } from '../../apps/api/test/api-harness';
import { type RunningSandbox, startSandbox } from './support/sandbox';

/** The mapping wizard's API on a HubSpot connection, against the sandbox over HTTP. */
describe('mapping wizard API (HubSpot leads)', () => {
  let sandbox: RunningSandbox;
  let api: ApiHarness;
  let tenant: TestTenant;
  let connectionId: string;
  const path = (suffix: string) => `/v1/connections/${connectionId}${suffix}`;
  const call = (method: string, suffix: string, body?: unknown, key = tenant.adminKey) =>
    request(api.baseUrl, method, path(suffix), { key, ...(body === undefined ? {} : { body }) });

  beforeAll(async () => {
    sandbox = await startSandbox();
    api = await startApi({ HUBSPOT_API_BASE_URL: sandbox.baseUrl, HUBSPOT_AUTH_BASE_URL: sandbox.baseUrl });
    tenant = await api.createTenant('Mapper');
    const { portalId, privateAppToken } = await sandbox.portal();
    await sandbox.control('POST', `/portals/${portalId}/owners`, { owners: [{ email: 'rep@example.com' }] });
    const { objects: companies } = await sandbox.control<{ objects: { id: string }[] }>(
      'POST',
      `/portals/${portalId}/objects/companies`,
      { objects: [{ properties: { name: 'Acme GmbH', domain: 'acme.de', industry: 'SOFTWARE' } }] },
    );
    const { objects: contacts } = await sandbox.control<{ objects: { id: string }[] }>(
      'POST',
      `/portals/${portalId}/objects/contacts`,
      {
        objects: [
          {
            properties: { email: 'ada@acme.de', firstname: 'Ada', lastname: 'Lovelace', country: 'Germany' },
            associations: [{ toObjectType: 'companies', toObjectId: companies[0]!.id, primary: true }],
          },
        ],
      },
    );
    await sandbox.control('POST', `/portals/${portalId}/objects/leads`, {
      objects: Array.from({ length: 3 }, (_, i) => ({
        properties: {
          hs_lead_name: `Lead ${i}`,
          hs_pipeline: 'lead-pipeline-id',
          hs_pipeline_stage: i === 2 ? 'qualified-stage-id' : 'new-stage-id',
          region_custom: i === 0 ? 'EMEA' : 'APAC',
        },
        associations: [
          { toObjectType: 'contacts', toObjectId: contacts[0]!.id, primary: true },
          { toObjectType: 'companies', toObjectId: companies[0]!.id, primary: true },
        ],
      })),
    });
    const connected = await request(api.baseUrl, 'POST', '/v1/connections', {
      key: tenant.adminKey,
      body: { provider: 'hubspot', authType: 'token', token: privateAppToken },
    });
    expect(connected.status).toBe(201);
    connectionId = connected.body.id;
  });
  afterAll(async () => {
    await api?.close();
    await sandbox?.close();
  });

  it('discovers the lead, contact and company fields with sample values, cached until refreshed', async () => {
    const res = await call('GET', '/fields');
    expect(res.status).toBe(200);
    expect(res.body.object).toBe('leads');
    const byKey = new Map(
      res.body.fields.map((f: { object: string; name: string }) => [`${f.object}.${f.name}`, f]),
    );
    expect(byKey.get('lead.hs_lead_name')).toMatchObject({
      label: expect.any(String),
      samples: expect.arrayContaining(['Lead 0']),
    });
    expect(byKey.get('contact.email')).toMatchObject({ samples: ['ada@acme.de'] });
    expect(byKey.get('company.domain')).toMatchObject({ samples: ['acme.de'] });
    expect(byKey.get('lead.region_custom')).toBeDefined();

    const again = await call('GET', '/fields');
    expect(again.body.fetchedAt).toBe(res.body.fetchedAt);
    const refreshed = await call('GET', '/fields?refresh=true');
    expect(Date.parse(refreshed.body.fetchedAt)).toBeGreaterThanOrEqual(Date.parse(res.body.fetchedAt));
    expect(refreshed.body.fetchedAt).not.toBe(res.body.fetchedAt);

    const wrong = await call('GET', '/fields?object=deals');
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0]).toMatchObject({ path: 'query.object', code: 'not_routed_object' });
  });

  it('suggests a mapping with a confidence and a reason for each field', async () => {
    const res = await call('GET', '/mapping/suggestions');
    expect(res.status).toBe(200);
    const email = res.body.fields.find((f: { target: string }) => f.target === 'email');
    expect(email.confidence).toBeGreaterThan(0.5);
    expect(email.reason).toMatch(/\S/);
    expect(res.body.mapping.fields.map((f: { target: string }) => f.target)).toEqual(
      expect.arrayContaining(['externalId', 'email', 'company', 'status']),
    );
  });

  it('edits the draft, names bad paths, previews on live records, publishes, and diffs versions', async () => {
    const initial = await call('GET', '/mapping/draft');
    expect(initial.body.origin).toBe('suggestion');
    const mapping = initial.body.mapping;

    const broken = await call('PUT', '/mapping/draft', {
      ...mapping,
      fields: [
        ...mapping.fields,
        {
          target: 'region',
          sources: [{ kind: 'property', object: 'lead', name: 'region_custom' }],
          transforms: [{ type: 'no_such_transform' }],
        },
      ],
    });
    expect(broken.status).toBe(400);
    expect(broken.body.errors.map((e: { path: string }) => e.path)).toContain(
      `body.fields[${mapping.fields.length}].transforms[0].type`,
    );

    const edited = {
      ...mapping,
      customFields: [{ key: 'tier', label: 'Tier', type: 'text' }],
      fields: [
        ...mapping.fields.filter((f: { target: string }) => f.target !== 'region'),
        {
          target: 'region',
          sources: [{ kind: 'property', object: 'lead', name: 'region_custom' }],
          transforms: [{ type: 'upper' }],
        },
        { target: 'custom.tier', sources: [{ kind: 'property', object: 'lead', name: 'no_such_property' }] },
      ],
    };
    const saved = await call('PUT', '/mapping/draft', edited);
    expect(saved.status).toBe(200);
    expect(saved.body.origin).toBe('draft');
    const unknownSource = saved.body.problems.find((p: { path: string }) =>
      p.path.startsWith(`fields[${edited.fields.length - 1}]`),
    );
    expect(unknownSource).toMatchObject({ severity: 'error' });

    const refused = await call('POST', '/mapping/publish');
    expect(refused.status).toBe(422);
    expect(refused.body.errors.map((e: { path: string }) => e.path)).toContain(unknownSource.path);

    const fixed = {
      ...edited,
      fields: edited.fields.filter((f: { target: string }) => f.target !== 'custom.tier'),
    };
    expect((await call('PUT', '/mapping/draft', fixed)).status).toBe(200);

    const preview = await call('POST', '/mapping/preview', { limit: 3 });
    expect(preview.status).toBe(200);
    expect(preview.body.records).toHaveLength(3);
    for (const record of preview.body.records) {
      expect(['EMEA', 'APAC']).toContain(record.raw.properties.region_custom);
      expect(record.lead).toMatchObject({
        externalId: record.externalId,
        email: 'ada@acme.de',
        company: 'Acme GmbH',
        domain: 'acme.de',
        country: 'DE',
      });
    }
    const regions = preview.body.records.map((r: { lead: { region: string } }) => r.lead.region).sort();
    expect(regions).toEqual(['APAC', 'APAC', 'EMEA']);

    const v1 = await call('POST', '/mapping/publish');
    expect(v1.status).toBe(201);
    expect(v1.body).toMatchObject({ version: 1, active: true, object: 'leads' });
    expect((await call('GET', '/mapping/draft')).body).toMatchObject({
      origin: 'version',
      basedOnVersion: 1,
    });

    const v2Mapping = {
      ...fixed,
      fields: fixed.fields.filter((f: { target: string }) => f.target !== 'region'),
    };
    await call('PUT', '/mapping/draft', v2Mapping);
    const v2 = await call('POST', '/mapping/publish');
    expect(v2.body).toMatchObject({ version: 2, active: true });

    const versions = await call('GET', '/mapping/versions');
    expect(
      versions.body.items.map((v: { version: number; active: boolean }) => [v.version, v.active]),
    ).toEqual([
      [2, true],
      [1, false],
    ]);
    const diff = await call('GET', '/mapping/versions/1/diff/2');
    expect(diff.status).toBe(200);
    expect(diff.body.identical).toBe(false);
    expect(diff.body.fields.removed.map((f: { target: string }) => f.target)).toEqual(['region']);
    expect((await call('GET', '/mapping/versions/3')).status).toBe(404);

    const viewer = await api.createKey(tenant.adminKey, 'viewer');
    expect((await call('POST', '/mapping/publish', undefined, viewer.key)).status).toBe(403);
    expect((await call('GET', '/mapping/versions', undefined, viewer.key)).status).toBe(200);
  });
});
