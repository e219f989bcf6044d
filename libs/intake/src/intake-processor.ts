import { type CrmAdapterRegistry, type CrmIntegrationFactory, mappingScopeOf } from '@leadflow/crm';
import { isSpanContextValid, trace } from '@opentelemetry/api';
import { Prisma, type PrismaClient } from '@leadflow/database';
import { normalize } from '@leadflow/field-mapping';
import type { LeadOutcomes, RoutingService } from '@leadflow/routing';
import { loadActiveMapping } from './active-mapping';
import { readOptionsFor } from './read-options';
import { RecordFetcher } from './record-fetcher';

export interface IntakeOutcome {
  externalId: string;
  /**
   * routed: decided now; already_decided: a decision existed; needs_mapping; missing: not in the CRM;
   * imported: stored by an import-only backfill, kept up to date but not routed (ADR 0019).
   */
  result: 'routed' | 'already_decided' | 'needs_mapping' | 'missing' | 'imported';
  leadId?: string;
  decisionId?: string;
  /** The CRM-side status changed (won, lost, excluded, reopened): from → to. */
  statusChange?: { from: string; to: string };
}

export interface IntakeDeps {
  prisma: PrismaClient;
  factory: CrmIntegrationFactory;
  adapters: CrmAdapterRegistry;
  routing: RoutingService;
  outcomes: LeadOutcomes;
  /**
   * Queues the owner write-back of the decisions one intake job made or found pending (job ids
   * derived from the decisions: duplicates collapse; a page's decisions go as one job).
   */
  enqueueWriteback(decisionIds: readonly string[]): Promise<void>;
}

/**
 * Intake for a batch of record ids of one connection (brief §2, steps 1–6): fetch the full records
 * in batches, normalize with the active mapping, upsert each lead idempotently on (connection,
 * external id), route it once, and queue the write-back. Safe to run again for the same ids: a
 * decided lead is never decided again, and a pending write-back is queued again (same job id).
 */
export class IntakeProcessor {
  private readonly fetcher: RecordFetcher;

  constructor(private readonly deps: IntakeDeps) {
    this.fetcher = new RecordFetcher(deps.factory);
  }

  async process(input: {
    connectionId: string;
    externalIds: readonly string[];
    traceId?: string;
  }): Promise<IntakeOutcome[]> {
    const { prisma, adapters, routing } = this.deps;
    const connection = await prisma.crmConnection.findUniqueOrThrow({ where: { id: input.connectionId } });
    const scope = mappingScopeOf(
      adapters.get(connection.provider),
      connection.settings as Record<string, unknown>,
    );
    const active = await loadActiveMapping(prisma, connection.id, scope.routedObject);
    const ids = [...new Set(input.externalIds)];
    const { records, missing } = await this.fetcher.fetch(
      {
        connectionId: connection.id,
        objectType: scope.routedObject,
        mappingVersion: active?.version ?? null,
        ...(active === null ? {} : { options: readOptionsFor(active.mapping) }),
      },
      ids,
    );
    const outcomes: IntakeOutcome[] = missing.map((externalId) => ({
      externalId,
      result: 'missing' as const,
    }));

    const pendingWritebacks: string[] = [];
    // What is stored already, for the whole batch in one query (a poll page holds up to 100).
    const stored = new Map(
      (
        await prisma.lead.findMany({
          where: {
            tenantId: connection.tenantId,
            connectionId: connection.id,
            externalId: { in: records.map((r) => r.externalId) },
          },
          select: {
            id: true,
            externalId: true,
            backfill: { select: { route: true } },
            crmUpdatedAt: true,
            decision: { select: { id: true } },
          },
        })
      ).map(({ externalId, ...lead }) => [externalId, lead]),
    );
    for (const record of records) {
      const result =
        active === null
          ? ({
              ok: false,
              errors: [
                { code: 'no_mapping', target: '', message: `no published mapping for ${scope.routedObject}` },
              ],
            } as const)
          : normalize(record, active.mapping);
      const key = {
        tenantId: connection.tenantId,
        connectionId: connection.id,
        externalId: record.externalId,
      };
      const crmUpdatedAt = record.updatedAt === null ? null : new Date(record.updatedAt);
      const data = {
        objectType: scope.routedObject,
        raw: record.raw as Prisma.InputJsonObject,
        mappingVersion: active?.version ?? null,
        crmUpdatedAt,
        ...(result.ok
          ? {
              normalized: result.lead as unknown as Prisma.InputJsonObject,
              errors: Prisma.DbNull,
              status: 'new',
              crmStatus: result.lead.status ?? 'open',
            }
          : { errors: result.errors as unknown as Prisma.InputJsonArray, status: 'needs_mapping' }),
      };
      const existing = stored.get(record.externalId) ?? null;
      if (existing !== null && existing.decision !== null) {
        // A decided lead keeps its normalized data as routed; the raw snapshot is refreshed, and a
        // changed CRM status (won, lost, ...) is applied with its effect on the rep's load and KPIs.
        // A read older than what is stored (a duplicate job that read the record before our own
        // owner write, say) changes nothing: applying it would move the lead's status and the
        // change time backwards, and polling would take our own write for a change.
        const stale =
          existing.crmUpdatedAt !== null && (crmUpdatedAt === null || crmUpdatedAt < existing.crmUpdatedAt);
        if (!stale) {
          await prisma.lead.update({ where: { id: existing.id }, data: { raw: data.raw, crmUpdatedAt } });
        }
        const change =
          result.ok && !stale
            ? await this.deps.outcomes.record(connection.tenantId, existing.id, result.lead.status ?? 'open')
            : null;
        outcomes.push({
          externalId: record.externalId,
          result: 'already_decided',
          leadId: existing.id,
          decisionId: existing.decision.id,
          ...(change === null ? {} : { statusChange: { from: change.from, to: change.to } }),
        });
        continue;
      }
      if (existing !== null && existing.backfill !== null && !existing.backfill.route) {
        // Imported by a backfill without routing: refreshed like any lead, routed only when an
        // operator re-routes it (which clears the hold) or a backfill with routing takes it over.
        // Its CRM status goes through LeadOutcomes below, like a decided lead's (closed_at).
        await prisma.lead.update({
          where: { id: existing.id },
          data: {
            objectType: data.objectType,
            raw: data.raw,
            mappingVersion: data.mappingVersion,
            crmUpdatedAt,
            ...(result.ok
              ? {
                  normalized: result.lead as unknown as Prisma.InputJsonObject,
                  errors: Prisma.DbNull,
                  status: 'imported',
                }
              : { errors: result.errors as unknown as Prisma.InputJsonArray, status: 'needs_mapping' }),
          },
        });
        const change = result.ok
          ? await this.deps.outcomes.record(connection.tenantId, existing.id, result.lead.status ?? 'open')
          : null;
        outcomes.push({
          externalId: record.externalId,
          result: result.ok ? 'imported' : 'needs_mapping',
          leadId: existing.id,
          ...(change === null ? {} : { statusChange: { from: change.from, to: change.to } }),
        });
        continue;
      }
      const lead =
        existing === null
          ? await prisma.lead.create({
              data: {
                ...key,
                ...data,
                normalized: result.ok ? (result.lead as unknown as Prisma.InputJsonObject) : {},
              },
              select: { id: true },
            })
          : await prisma.lead.update({ where: { id: existing.id }, data, select: { id: true } });
      if (!result.ok) {
        outcomes.push({ externalId: record.externalId, result: 'needs_mapping', leadId: lead.id });
        continue;
      }
      // The decision records the trace it was made in, to find the whole journey from the lead.
      const span = trace.getActiveSpan()?.spanContext();
      const traceId =
        input.traceId ?? (span !== undefined && isSpanContextValid(span) ? span.traceId : undefined);
      const { decision, created } = await routing.assign(connection.tenantId, lead.id, {
        ...(traceId === undefined ? {} : { traceId }),
      });
      if (decision.writebackStatus === 'pending') pendingWritebacks.push(decision.id);
      outcomes.push({
        externalId: record.externalId,
        result: created ? 'routed' : 'already_decided',
        leadId: lead.id,
        decisionId: decision.id,
      });
    }
    // Queued once for the job. A crash before this line leaves decisions `pending` with no job; the
    // stranded-work sweeper queues them (a decided lead's write-back is not queued again here, so a
    // duplicate event cannot start a second write beside a running one).
    if (pendingWritebacks.length > 0) await this.deps.enqueueWriteback(pendingWritebacks);
    return outcomes;
  }
}
