import type { CrmResult } from './hubspot-crm';
import { notFoundError, validationError } from './hubspot-errors';
import type { ObjectTypeInfo, ObjectTypeName } from './hubspot-schema';

/** Stage metadata values are strings in the v3 API (`"probability": "0.2"`). */
type StageDef = [id: string, label: string, metadata: Record<string, string>];

interface PipelineDef {
  id: string;
  label: string;
  stages: StageDef[];
}

const open = (probability: string) => ({ isClosed: 'false', probability });

/** Every portal's default pipelines: HubSpot's default deal pipeline and the Sales Hub lead pipeline. */
const PIPELINES: Partial<Record<ObjectTypeName, PipelineDef[]>> = {
  deals: [
    {
      id: 'default',
      label: 'Sales Pipeline',
      stages: [
        ['appointmentscheduled', 'Appointment Scheduled', open('0.2')],
        ['qualifiedtobuy', 'Qualified To Buy', open('0.4')],
        ['presentationscheduled', 'Presentation Scheduled', open('0.6')],
        ['decisionmakerboughtin', 'Decision Maker Bought-In', open('0.8')],
        ['contractsent', 'Contract Sent', open('0.9')],
        ['closedwon', 'Closed Won', { isClosed: 'true', probability: '1.0' }],
        ['closedlost', 'Closed Lost', { isClosed: 'true', probability: '0.0' }],
      ],
    },
  ],
  leads: [
    {
      id: 'lead-pipeline-id',
      label: 'Lead pipeline',
      stages: [
        ['new-stage-id', 'New', {}],
        ['attempting-stage-id', 'Attempting', {}],
        ['connected-stage-id', 'Connected', {}],
        ['qualified-stage-id', 'Qualified', {}],
        ['unqualified-stage-id', 'Disqualified', {}],
      ],
    },
  ],
};

const CREATED_AT = '2024-01-01T00:00:00.000Z';

function publicPipeline(p: PipelineDef) {
  return {
    id: p.id,
    label: p.label,
    displayOrder: 0,
    archived: false,
    createdAt: CREATED_AT,
    updatedAt: CREATED_AT,
    stages: p.stages.map(([id, label, metadata], displayOrder) => ({
      id,
      label,
      displayOrder,
      archived: false,
      metadata,
      createdAt: CREATED_AT,
      updatedAt: CREATED_AT,
      writePermissions: 'CRM_PERMISSIONS_ENFORCEMENT',
    })),
  };
}

function pipelinesOf(type: ObjectTypeInfo): PipelineDef[] {
  const list = PIPELINES[type.name];
  if (!list) throw validationError(`Object type ${type.id} does not support pipelines`);
  return list;
}

export function listPipelines(type: ObjectTypeInfo): CrmResult {
  return { status: 200, body: { results: pipelinesOf(type).map(publicPipeline) } };
}

export function getPipeline(type: ObjectTypeInfo, pipelineId: string): CrmResult {
  const found = pipelinesOf(type).find((p) => p.id === pipelineId);
  if (!found) throw notFoundError(`Unable to find pipeline ${pipelineId}`);
  return { status: 200, body: publicPipeline(found) };
}
