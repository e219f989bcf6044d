import type { CrmRecord, CrmTransport, RecordReadOptions } from '@leadflow/crm';
import { HUBSPOT_BATCH_MAX, inChunks } from './batch-limits';
import { callHubSpot, untilAborted } from './hubspot-call';
import { type AssociationPlan, HUBSPOT_OBJECTS, type HubSpotObjectFacts } from './hubspot-objects';
import {
  type HubSpotAssociationsJson,
  type HubSpotBatchJson,
  type HubSpotObjectJson,
  plainJson,
} from './hubspot-payloads';
import type { HubSpotSdkCache } from './hubspot-sdk';
import {
  type AssociationEdge,
  associationEdgesByFromId,
  pickAssociatedId,
  toCrmRecord,
} from './record-mapping';

/**
 * Reads records by id and completes them with their primary associated contact and company: batch
 * reads of ≤ 100 ids, v4 association batch reads, then batch reads of the picked associated records.
 * Independent calls run together; the transport's limiter paces them.
 */
export class HubSpotRecordReader {
  constructor(
    private readonly transport: CrmTransport,
    private readonly sdk: HubSpotSdkCache,
  ) {}

  /** The objects HubSpot has among `ids` (missing ones are simply absent), in no particular order. */
  async readObjects(
    facts: HubSpotObjectFacts,
    ids: readonly string[],
    properties: readonly string[],
  ): Promise<HubSpotObjectJson[]> {
    const pages = await Promise.all(
      inChunks(ids).map((chunk) =>
        callHubSpot(
          this.transport,
          { operation: `${facts.type}.batchRead`, family: 'read', bucket: 'default' },
          async ({ accessToken, signal }) => {
            const response = await untilAborted(signal, () =>
              this.sdk.for(accessToken).objectsBatch.read(facts.type, {
                inputs: chunk.map((id) => ({ id })),
                properties: [...properties],
                propertiesWithHistory: [],
              }),
            );
            // A 207 lists the ids HubSpot does not have in `errors`; callers diff requested and found.
            return plainJson<HubSpotBatchJson<HubSpotObjectJson>>(response).results;
          },
        ),
      ),
    );
    return pages.flat();
  }

  /** Records with their associations, in the order of `objects`. */
  async withAssociations(
    facts: HubSpotObjectFacts,
    objects: readonly HubSpotObjectJson[],
    options: RecordReadOptions | undefined,
  ): Promise<CrmRecord[]> {
    const fromIds = objects.map((o) => String(o.id));
    const plans = facts.associations.filter((plan) => associatedProperties(plan, options).length > 0);
    const associated = await Promise.all(
      plans.map(async (plan) => {
        const edges =
          fromIds.length === 0
            ? new Map<string, AssociationEdge[]>()
            : await this.associationEdges(facts, plan, fromIds);
        const picked = new Map<string, string>();
        for (const [fromId, list] of edges) {
          const toId = pickAssociatedId(list, plan.primaryTypeIds);
          if (toId !== null) picked.set(fromId, toId);
        }
        const toIds = [...new Set(picked.values())];
        const records = await this.readObjects(
          HUBSPOT_OBJECTS[plan.toType],
          toIds,
          associatedProperties(plan, options),
        );
        const byId = new Map(records.map((r) => [String(r.id), r]));
        return { plan, edges, picked, byId };
      }),
    );
    return objects.map((object) =>
      toCrmRecord({
        facts,
        object,
        associations: associated.map(({ plan, edges, picked, byId }) => {
          const toId = picked.get(String(object.id));
          return {
            plan,
            edges: edges.get(String(object.id)) ?? [],
            record: toId === undefined ? null : (byId.get(toId) ?? null),
          };
        }),
      }),
    );
  }

  private async associationEdges(
    facts: HubSpotObjectFacts,
    plan: AssociationPlan,
    fromIds: readonly string[],
  ): Promise<Map<string, AssociationEdge[]>> {
    // HubSpot takes up to 1,000 ids here; 100 keeps to the limit the sandbox (and every other batch) enforces.
    const pages = await Promise.all(
      inChunks(fromIds, HUBSPOT_BATCH_MAX).map((chunk) =>
        callHubSpot(
          this.transport,
          { operation: `${facts.type}.associations.batchRead`, family: 'read', bucket: 'default' },
          async ({ accessToken, signal }) => {
            const response = await untilAborted(signal, () =>
              this.sdk.for(accessToken).associationsBatch.getPage(facts.type, plan.toType, {
                inputs: chunk.map((id) => ({ id })),
              }),
            );
            // Ids without associations come back in a 207's `errors` (NO_ASSOCIATIONS_FOUND): nothing to pick.
            // More than 500 associations of one record would page (`paging`); the primary one is assumed
            // to be on the first page.
            return plainJson<HubSpotBatchJson<HubSpotAssociationsJson>>(response).results;
          },
        ),
      ),
    );
    return associationEdgesByFromId(pages.flat());
  }
}

/** Properties to read of the record itself: the caller's (or the default set) plus what the port needs. */
export function recordProperties(
  facts: HubSpotObjectFacts,
  options: RecordReadOptions | undefined,
): string[] {
  const wanted = options?.properties?.lead ?? facts.defaultProperties;
  return [...new Set([...wanted, 'hubspot_owner_id', facts.createdProperty, facts.modifiedProperty])];
}

/**
 * Properties to read of an associated record: the caller's, or the default set when the caller names
 * none for it. An explicit empty list means the mapping reads nothing there, so it is not fetched.
 */
function associatedProperties(plan: AssociationPlan, options: RecordReadOptions | undefined): string[] {
  const named = options?.properties?.[plan.as];
  return named === undefined ? [...HUBSPOT_OBJECTS[plan.toType].defaultProperties] : [...named];
}
