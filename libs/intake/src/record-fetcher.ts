import type { CrmIntegrationFactory, CrmRecord, FetchLeadsResult, RecordReadOptions } from '@leadflow/crm';
import { budgetLinger } from './budget-linger';
import { CoalescingBatcher } from './coalescing-batcher';

/** The most ids one batch read asks for (HubSpot's batch read limit). */
export const FETCH_BATCH_SIZE = 100;

export interface FetchScope {
  connectionId: string;
  objectType: string;
  /** Records read for different mapping versions ask for different properties. */
  mappingVersion: number | null;
  options?: RecordReadOptions;
}

/**
 * Full records by id for intake. Webhooks fan out one job per record; the jobs of one connection
 * that run at the same time share batch reads here, so a burst of leads costs a few CRM calls
 * instead of one each (ADR 0018).
 */
export class RecordFetcher {
  private readonly batcher: CoalescingBatcher<FetchScope, string, CrmRecord | null>;

  constructor(private readonly factory: CrmIntegrationFactory) {
    this.batcher = new CoalescingBatcher((scope, ids) => this.read(scope, ids), {
      maxBatch: FETCH_BATCH_SIZE,
      keyOf: (scope) => `${scope.connectionId}\u0000${scope.objectType}\u0000${scope.mappingVersion ?? ''}`,
      lingerMs: budgetLinger<FetchScope>(factory),
    });
  }

  async fetch(scope: FetchScope, ids: readonly string[]): Promise<FetchLeadsResult> {
    // A job that already carries a full batch (a poll page) reads it directly.
    if (ids.length >= FETCH_BATCH_SIZE) {
      const client = await this.factory.forConnection(scope.connectionId);
      return client.fetchLeads(scope.objectType, ids, scope.options);
    }
    const found = await Promise.all(ids.map((id) => this.batcher.submit(scope, id)));
    const records: CrmRecord[] = [];
    const missing: string[] = [];
    found.forEach((record, i) => (record === null ? missing.push(ids[i]!) : records.push(record)));
    return { records, missing };
  }

  private async read(scope: FetchScope, ids: readonly string[]): Promise<(CrmRecord | null)[]> {
    const unique = [...new Set(ids)];
    const client = await this.factory.forConnection(scope.connectionId);
    const { records } = await client.fetchLeads(scope.objectType, unique, scope.options);
    const byId = new Map(records.map((r) => [r.externalId, r]));
    return ids.map((id) => byId.get(id) ?? null);
  }
}
