import { describe, expect, it } from 'vitest';
import { recorded } from '../test/recorded-payloads';
import { discoveredFields, pipelineStages } from './discovered-fields';
import type { HubSpotPipelineJson, HubSpotPropertyJson } from './hubspot-payloads';

const properties = (type: string) =>
  recorded<{ results: HubSpotPropertyJson[] }>(`properties-${type}`).body.results;
const pipelines = (name: string) => recorded<{ results: HubSpotPipelineJson[] }>(name).body.results;

describe('pipelineStages', () => {
  it('reads won and lost from stage probability, whatever the stage id', () => {
    expect(pipelineStages(pipelines('pipelines-deals-custom'))).toEqual([
      { id: '91837461', label: 'Renewal due' },
      { id: '91837462', label: 'Renewed', statusHint: 'won' },
      { id: '91837463', label: 'Churned', statusHint: 'lost' },
    ]);
    const defaults = pipelineStages(pipelines('pipelines-deals'));
    expect(defaults.find((s) => s.id === 'closedwon')?.statusHint).toBe('won');
    expect(defaults.find((s) => s.id === 'closedlost')?.statusHint).toBe('lost');
    expect(defaults.find((s) => s.id === 'contractsent')?.statusHint).toBeUndefined();
  });

  it('gives lead stages without probability no hint', () => {
    expect(pipelineStages(pipelines('pipelines-leads')).every((s) => s.statusHint === undefined)).toBe(true);
  });
});

describe('discoveredFields', () => {
  it('lists every property under the given object name, with options', () => {
    const fields = discoveredFields('lead', properties('leads'));
    expect(fields.map((f) => f.name)).toEqual(properties('leads').map((p) => p.name));
    expect(fields.every((f) => f.object === 'lead')).toBe(true);
    expect(fields.find((f) => f.name === 'hs_lead_label')).toEqual({
      object: 'lead',
      name: 'hs_lead_label',
      label: 'Lead Label',
      type: 'enumeration',
      options: [
        { value: 'HOT', label: 'HOT' },
        { value: 'WARM', label: 'WARM' },
        { value: 'COLD', label: 'COLD' },
      ],
    });
    expect(fields.find((f) => f.name === 'hs_lead_name')).not.toHaveProperty('options');
  });

  it('marks deal stages won/lost and adds stages of pipelines the definition lacks', () => {
    const stages = pipelineStages([...pipelines('pipelines-deals'), ...pipelines('pipelines-deals-custom')]);
    const dealstage = discoveredFields('deal', properties('deals'), { property: 'dealstage', stages }).find(
      (f) => f.name === 'dealstage',
    )!;
    expect(dealstage.options).toContainEqual({ value: 'closedwon', label: 'closedwon', statusHint: 'won' });
    expect(dealstage.options).toContainEqual({
      value: 'closedlost',
      label: 'closedlost',
      statusHint: 'lost',
    });
    expect(dealstage.options).toContainEqual({ value: 'qualifiedtobuy', label: 'qualifiedtobuy' });
    expect(dealstage.options).toContainEqual({ value: '91837462', label: 'Renewed', statusHint: 'won' });
  });
});
