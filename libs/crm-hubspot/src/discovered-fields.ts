import type { DiscoveredField, DiscoveredOption, LeadStatus } from '@leadflow/field-mapping';
import type { HubSpotPipelineJson, HubSpotPropertyJson } from './hubspot-payloads';

export interface PipelineStage {
  id: string;
  label: string;
  statusHint?: LeadStatus;
}

/**
 * Every stage of every pipeline, with what its metadata says: probability 1.0 is won, 0.0 lost (apis.md:
 * custom pipelines use numeric stage ids, so the id alone tells nothing). Other stages get no hint.
 */
export function pipelineStages(pipelines: readonly HubSpotPipelineJson[]): PipelineStage[] {
  return pipelines.flatMap((pipeline) =>
    pipeline.stages.map((stage) => {
      const hint = probabilityHint(stage.metadata?.['probability']);
      return { id: stage.id, label: stage.label, ...(hint === undefined ? {} : { statusHint: hint }) };
    }),
  );
}

function probabilityHint(raw: string | number | undefined): LeadStatus | undefined {
  if (raw === undefined || raw === '') return undefined;
  const probability = Number(raw);
  if (probability === 1) return 'won';
  if (probability === 0) return 'lost';
  return undefined;
}

/**
 * Property definitions (`GET /crm/v3/properties/{type}`) as discovered fields of `object`. The stage
 * property's options get the pipelines' won/lost hints, and stages the definition lacks are added.
 */
export function discoveredFields(
  object: string,
  properties: readonly HubSpotPropertyJson[],
  stages?: { property: string; stages: readonly PipelineStage[] },
): DiscoveredField[] {
  return properties.map((property) => {
    let options: DiscoveredOption[] = (property.options ?? []).map((o) => ({
      value: o.value,
      label: o.label,
    }));
    if (stages !== undefined && property.name === stages.property)
      options = withStageHints(options, stages.stages);
    return {
      object,
      name: property.name,
      label: property.label,
      type: property.type,
      ...(options.length === 0 ? {} : { options }),
    };
  });
}

function withStageHints(
  options: readonly DiscoveredOption[],
  stages: readonly PipelineStage[],
): DiscoveredOption[] {
  const byId = new Map(stages.map((s) => [s.id, s]));
  const merged = options.map((option) => {
    const hint = byId.get(option.value)?.statusHint;
    return hint === undefined ? option : { ...option, statusHint: hint };
  });
  const known = new Set(options.map((o) => o.value));
  for (const stage of stages) {
    if (known.has(stage.id)) continue;
    known.add(stage.id);
    merged.push({
      value: stage.id,
      label: stage.label,
      ...(stage.statusHint === undefined ? {} : { statusHint: stage.statusHint }),
    });
  }
  return merged;
}
