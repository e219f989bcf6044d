import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrmRuntime } from '@leadflow/connections';
import { mappingScopeOf } from '@leadflow/crm';
import { validate } from '@leadflow/field-mapping';
import { type SandboxCrm, sandboxCrm } from './support/crm-runtime';
import { mondaySandbox } from './support/monday-sandbox';
import { type RunningSandbox, startSandbox } from './support/sandbox';

/** Each provider's default mappings, validated against the fields the sandbox's CRM reports. */
describe('default mappings against discovered fields', () => {
  let sandbox: RunningSandbox;
  let crm: CrmRuntime;
  let runtime: SandboxCrm;

  beforeAll(async () => {
    sandbox = await startSandbox();
    runtime = await sandboxCrm(sandbox, 'defaults');
    crm = runtime.crm;
  });
  afterAll(async () => {
    await runtime?.dispose();
    await sandbox?.close();
  });

  it.each(['leads', 'contacts', 'deals'])(
    'HubSpot %s: the default mapping has no errors',
    async (primaryObject) => {
      const { privateAppToken } = await sandbox.portal();
      const adapter = crm.adapters.get('hubspot');
      const settings = { primaryObject };
      const scope = mappingScopeOf(adapter, settings);
      const client = crm.factory.forCredentials({
        tenantId: 'defaults',
        provider: 'hubspot',
        authType: 'token',
        accessToken: privateAppToken,
        settings,
      });
      const fields = (await Promise.all(scope.fieldObjects.map((o) => client.listFields(o)))).flat();
      expect(fields.length).toBeGreaterThan(10);
      const mapping = adapter.defaultMapping(scope.routedObject, fields);
      expect(mapping).toBeDefined();
      const errors = validate(mapping, fields, { recordObject: 'lead' }).filter(
        (p) => p.severity === 'error',
      );
      expect(errors).toEqual([]);
    },
  );

  it('Monday: the default mapping built from a board of typical columns has no errors', async () => {
    const monday = mondaySandbox(sandbox);
    const { accountId, personalToken } = await monday.account({ name: 'Defaults' });
    const board = await monday.board(accountId, {
      name: 'Leads',
      columns: [
        { id: 'person', title: 'Owner', type: 'people' },
        { id: 'status', title: 'Lead status', type: 'status' },
        { id: 'email', title: 'Email', type: 'email' },
        { id: 'phone', title: 'Phone', type: 'phone' },
        { id: 'company', title: 'Company', type: 'text' },
        { id: 'budget', title: 'Deal value', type: 'numbers' },
      ],
    });
    const adapter = crm.adapters.get('monday');
    const settings = { boardId: String(board.boardId), ownerColumnId: 'person', statusColumnId: 'status' };
    const scope = mappingScopeOf(adapter, settings);
    const client = crm.factory.forCredentials({
      tenantId: 'defaults',
      provider: 'monday',
      authType: 'token',
      accessToken: personalToken,
      settings,
    });
    const fields = (await Promise.all(scope.fieldObjects.map((o) => client.listFields(o)))).flat();
    const mapping = adapter.defaultMapping(scope.routedObject, fields);
    expect(mapping?.fields.map((f) => f.target)).toEqual(
      expect.arrayContaining(['email', 'phone', 'status']),
    );
    const errors = validate(mapping, fields, { recordObject: 'lead' }).filter((p) => p.severity === 'error');
    expect(errors).toEqual([]);
  });
});
