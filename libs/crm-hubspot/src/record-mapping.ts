import type { CrmRecord } from '@leadflow/crm';
import type { AssociatedObject } from '@leadflow/field-mapping';
import type { AssociationPlan, HubSpotObjectFacts } from './hubspot-objects';
import type { HubSpotAssociationsJson, HubSpotObjectJson } from './hubspot-payloads';

/** One associated record of a `from` record, with every association type that links them. */
export interface AssociationEdge {
  toId: string;
  typeIds: number[];
}

/** v4 association batch-read results by `from` id. Ids HubSpot reported without associations are absent. */
export function associationEdgesByFromId(
  results: readonly HubSpotAssociationsJson[],
): Map<string, AssociationEdge[]> {
  const byFrom = new Map<string, AssociationEdge[]>();
  for (const result of results) {
    const edges = byFrom.get(String(result.from.id)) ?? [];
    for (const to of result.to) {
      const toId = String(to.toObjectId);
      const typeIds = to.associationTypes.map((t) => t.typeId);
      const existing = edges.find((e) => e.toId === toId);
      if (existing === undefined) edges.push({ toId, typeIds });
      else existing.typeIds.push(...typeIds.filter((id) => !existing.typeIds.includes(id)));
    }
    byFrom.set(String(result.from.id), edges);
  }
  return byFrom;
}

/**
 * The associated record a mapping reads: the one linked by a "Primary" type; failing that, the only
 * one there is. Several records and none primary is ambiguous, so nothing is picked rather than a guess.
 */
export function pickAssociatedId(
  edges: readonly AssociationEdge[],
  primaryTypeIds: readonly number[],
): string | null {
  const primary = edges.find((e) => e.typeIds.some((id) => primaryTypeIds.includes(id)));
  if (primary !== undefined) return primary.toId;
  return edges.length === 1 ? edges[0]!.toId : null;
}

export interface RecordParts {
  facts: HubSpotObjectFacts;
  object: HubSpotObjectJson;
  /** The associations that were read, by plan; a plan left out was not asked for. */
  associations: readonly {
    plan: AssociationPlan;
    edges: readonly AssociationEdge[];
    record: HubSpotObjectJson | null;
  }[];
}

/** A HubSpot object and its picked associated records as the port's {@link CrmRecord}. */
export function toCrmRecord(parts: RecordParts): CrmRecord {
  const { facts, object } = parts;
  const properties = { ...object.properties };
  const associations: Partial<Record<AssociatedObject, Record<string, unknown> | null>> = {};
  const rawAssociations: Record<string, { id: string; typeIds: number[] }[]> = {};
  for (const { plan, edges, record } of parts.associations) {
    associations[plan.as] = record === null ? null : { ...record.properties };
    rawAssociations[plan.toType] = edges.map((e) => ({ id: e.toId, typeIds: [...e.typeIds] }));
  }
  return {
    externalId: String(object.id),
    object: facts.singular,
    properties,
    associations,
    ownerId: nonEmpty(properties['hubspot_owner_id']),
    createdAt: isoTime(object.createdAt) ?? isoTime(properties[facts.createdProperty]),
    updatedAt: isoTime(object.updatedAt) ?? isoTime(properties[facts.modifiedProperty]),
    raw: { ...object, associations: rawAssociations },
  };
}

/** Requested ids the response does not contain (HubSpot reports them in a 207's `errors`). */
export function missingIds(requested: readonly string[], found: readonly HubSpotObjectJson[]): string[] {
  const seen = new Set(found.map((o) => String(o.id)));
  return requested.filter((id) => !seen.has(id));
}

/** HubSpot datetimes as ISO 8601 (UTC); they come as ISO strings, older properties as epoch ms. */
export function isoTime(value: unknown): string | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

function nonEmpty(value: string | null | undefined): string | null {
  return value === undefined || value === null || value.trim() === '' ? null : value;
}
