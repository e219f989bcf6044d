import { type DiscoveredField, fieldMappingSchema, normalize, validate } from '@leadflow/field-mapping';
import { describe, expect, it } from 'vitest';
import { recorded } from '../test/recorded-payloads';
import { discoveredFields, pipelineStages } from './discovered-fields';
import type { HubSpotPipelineJson, HubSpotPropertyJson } from './hubspot-payloads';
import {
  hubSpotContactsDefaultMapping,
  hubSpotDealsDefaultMapping,
  hubSpotDefaultMapping,
  hubSpotLeadsDefaultMapping,
} from './mapping-defaults';

const properties = (type: string) =>
  recorded<{ results: HubSpotPropertyJson[] }>(`properties-${type}`).body.results;

/** Fields as `listFields` reports them for a connection whose primary object is `primary`. */
function discovered(primary: 'leads' | 'contacts'): DiscoveredField[] {
  const leadStages = pipelineStages(
    recorded<{ results: HubSpotPipelineJson[] }>('pipelines-leads').body.results,
  );
  return primary === 'leads'
    ? [
        ...discoveredFields('lead', properties('leads'), {
          property: 'hs_pipeline_stage',
          stages: leadStages,
        }),
        ...discoveredFields('contact', properties('contacts')),
        ...discoveredFields('company', properties('companies')),
      ]
    : [
        ...discoveredFields('lead', properties('contacts')),
        ...discoveredFields('company', properties('companies')),
      ];
}

describe('default mappings', () => {
  it('are valid mappings', () => {
    expect(fieldMappingSchema.safeParse(hubSpotLeadsDefaultMapping).success).toBe(true);
    expect(fieldMappingSchema.safeParse(hubSpotContactsDefaultMapping).success).toBe(true);
  });

  it('read only fields a HubSpot portal reports (leads)', () => {
    const problems = validate(hubSpotLeadsDefaultMapping, discovered('leads'));
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('read only fields a HubSpot portal reports (contacts)', () => {
    const problems = validate(hubSpotContactsDefaultMapping, discovered('contacts'));
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('normalize a lead read with its primary contact and company', () => {
    const result = normalize(
      {
        externalId: '1004',
        object: 'lead',
        properties: { hs_pipeline_stage: 'connected-stage-id', hubspot_owner_id: '70000001' },
        associations: {
          contact: {
            email: ' Jane.Cooper@AcmeRobotics.io ',
            firstname: 'Jane',
            lastname: 'Cooper',
            phone: '+1 415 555 2671',
            country: 'United States',
          },
          company: { name: 'Acme Robotics, Inc.', domain: 'acmerobotics.io', industry: 'COMPUTER_SOFTWARE' },
        },
        ownerId: '70000001',
        createdAt: '2026-11-20T14:03:12.345Z',
      },
      hubSpotLeadsDefaultMapping,
    );
    expect(result).toMatchObject({
      ok: true,
      lead: {
        externalId: '1004',
        email: 'jane.cooper@acmerobotics.io',
        fullName: 'Jane Cooper',
        phone: '+14155552671',
        country: 'US',
        company: 'Acme Robotics, Inc.',
        domain: 'acmerobotics.io',
        status: 'open',
        existingOwnerId: '70000001',
        createdAt: '2026-11-20T14:03:12.345Z',
      },
    });
  });

  it('exist for leads, contacts and deals', () => {
    expect(hubSpotDefaultMapping('leads')).toBe(hubSpotLeadsDefaultMapping);
    expect(hubSpotDefaultMapping('contacts')).toBe(hubSpotContactsDefaultMapping);
    expect(hubSpotDefaultMapping('deals')).toBe(hubSpotDealsDefaultMapping);
    expect(hubSpotDefaultMapping('companies')).toBeUndefined();
    expect(hubSpotDefaultMapping('toString')).toBeUndefined();
  });
});
