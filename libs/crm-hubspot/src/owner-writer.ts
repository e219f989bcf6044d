import { type CrmTransport, isCrmError, type OwnerAssignment } from '@leadflow/crm';
import {
  type BatchUpdateInput,
  type RecordWriteResults,
  idsNamedBy,
  resultsOfBatchFailure,
  resultsOfBatchResponse,
} from './assignment-outcomes';
import { inChunks } from './batch-limits';
import { callHubSpot, sdkErrorBody, untilAborted } from './hubspot-call';
import type { HubSpotObjectFacts } from './hubspot-objects';
import { type HubSpotBatchJson, type HubSpotObjectJson, plainJson } from './hubspot-payloads';
import type { HubSpotSdkCache } from './hubspot-sdk';

/**
 * The batch-update inputs for owner assignments: the owner id wins over a same-named extra property,
 * and for leads the connection's `leadStageOnAssign` is written too unless the assignment sets the stage
 * itself. A record assigned twice is written once, with its last assignment (HubSpot refuses duplicate
 * ids in one batch).
 */
export function ownerUpdateInputs(
  facts: HubSpotObjectFacts,
  assignments: readonly OwnerAssignment[],
  leadStageOnAssign: string | undefined,
): BatchUpdateInput[] {
  const byId = new Map<string, BatchUpdateInput>();
  for (const assignment of assignments) {
    const stage =
      facts.type === 'leads' && leadStageOnAssign !== undefined && facts.stageProperty !== undefined
        ? { [facts.stageProperty]: leadStageOnAssign }
        : {};
    byId.delete(assignment.externalId);
    byId.set(assignment.externalId, {
      id: assignment.externalId,
      properties: { ...stage, ...assignment.properties, hubspot_owner_id: assignment.ownerId },
    });
  }
  return [...byId.values()];
}

/** Writes owners in batches of ≤ 100, one transport call per batch, and reports each record's result. */
export class HubSpotOwnerWriter {
  constructor(
    private readonly transport: CrmTransport,
    private readonly sdk: HubSpotSdkCache,
  ) {}

  async write(facts: HubSpotObjectFacts, inputs: readonly BatchUpdateInput[]): Promise<RecordWriteResults> {
    const chunks = await Promise.all(inChunks(inputs).map((chunk) => this.writeChunk(facts, chunk)));
    return new Map(chunks.flatMap((results) => [...results]));
  }

  private async writeChunk(
    facts: HubSpotObjectFacts,
    chunk: BatchUpdateInput[],
  ): Promise<RecordWriteResults> {
    const operation = `${facts.type}.batchUpdate`;
    // The CrmError keeps only field problems; the ids a refusal names are read from the body here.
    let namedIds: string[] = [];
    try {
      const response = await callHubSpot(
        this.transport,
        { operation, family: 'write', bucket: 'default' },
        async ({ accessToken, signal }) => {
          namedIds = [];
          try {
            const result = await untilAborted(signal, () =>
              this.sdk.for(accessToken).objectsBatch.update(facts.type, { inputs: chunk }),
            );
            return plainJson<HubSpotBatchJson<HubSpotObjectJson>>(result);
          } catch (err) {
            namedIds = idsNamedBy(sdkErrorBody(err));
            throw err;
          }
        },
      );
      return resultsOfBatchResponse(chunk, response, operation);
    } catch (err) {
      if (!isCrmError(err)) throw err;
      return resultsOfBatchFailure(chunk, err, namedIds);
    }
  }
}
