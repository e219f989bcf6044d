import { describe, expect, it } from 'vitest';
import { recorded } from '../test/recorded-payloads';
import { crmOwners } from './crm-owners';
import type { HubSpotOwnersPageJson } from './hubspot-payloads';

describe('crmOwners', () => {
  it('keeps archived owners as inactive, with owner ids and team ids', () => {
    const active = recorded<HubSpotOwnersPageJson>('owners-active').body.results;
    const archived = recorded<HubSpotOwnersPageJson>('owners-archived').body.results;
    expect(crmOwners(active, archived)).toEqual([
      {
        id: '70000001',
        email: 'ada@acme.test',
        firstName: 'Ada',
        lastName: 'Lovelace',
        active: true,
        teams: ['901'],
      },
      {
        id: '70000002',
        email: 'alan@acme.test',
        firstName: 'Alan',
        lastName: 'Turing',
        active: true,
        teams: [],
      },
      {
        id: '70000003',
        email: 'gone@acme.test',
        firstName: 'Former',
        lastName: 'Rep',
        active: false,
        teams: [],
      },
    ]);
  });

  it('turns empty names into null and prefers the active entry of a duplicated owner', () => {
    expect(
      crmOwners(
        [{ id: '1', email: 'a@x.test', firstName: '', lastName: null }],
        [{ id: '1', archived: true }],
      ),
    ).toEqual([{ id: '1', email: 'a@x.test', firstName: null, lastName: null, active: true, teams: [] }]);
  });
});
