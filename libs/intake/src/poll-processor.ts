import { type CrmAdapterRegistry, type CrmIntegrationFactory, mappingScopeOf } from '@leadflow/crm';
import type { PrismaClient } from '@leadflow/database';

/** Search is eventually consistent (HubSpot: seconds): each window reaches back this far. */
export const POLL_OVERLAP_MS = 2 * 60_000;
/**
 * A record found again in the same version within this time is not queued again (the polls whose
 * windows overlap list it while its intake waits, during a catch-up). Longer than the overlap, so
 * each version of a record is queued once by polling.
 */
export const POLL_REQUEUE_AFTER_MS = POLL_OVERLAP_MS + 60_000;
/** A first poll looks back this far (or to when the connection was made, if later). */
export const FIRST_POLL_LOOKBACK_MS = 60 * 60_000;
/** Records per search page: HubSpot's search maximum (adapters cap it to their own). */
const PAGE_SIZE = 200;
const MAX_PAGES = 500;

/** Lead statuses intake leaves undecided on purpose: polling re-queues them only when the CRM changes them. */
const SETTLED_WITHOUT_DECISION: ReadonlySet<string> = new Set(['needs_mapping', 'imported']);

export interface PollResult {
  runId: string;
  itemsSeen: number;
  itemsNew: number;
  pages: number;
}

/**
 * One poll of one connection (style guide practice 6: the scheduler only enqueues; this job reads
 * and advances the cursor). Lists records changed since the cursor minus an overlap, enqueues
 * intake for those without a decision and for decided ones changed since intake last saw them
 * (status updates), and records the run and the new cursor in one transaction. A failed poll records its error and leaves the cursor, so the next
 * poll covers the same window.
 */
export class PollProcessor {
  constructor(
    private readonly deps: {
      prisma: PrismaClient;
      factory: CrmIntegrationFactory;
      adapters: CrmAdapterRegistry;
      /** Queues intake for records found, with the version (CRM change time) they were found in. */
      enqueueIntake(
        connectionId: string,
        records: readonly { externalId: string; version: string | null }[],
      ): Promise<void>;
      now?: () => Date;
    },
  ) {}

  async poll(connectionId: string): Promise<PollResult | null> {
    const { prisma } = this.deps;
    const connection = await prisma.crmConnection.findUnique({ where: { id: connectionId } });
    if (connection === null || connection.status !== 'active') return null;
    const objectType = mappingScopeOf(
      this.deps.adapters.get(connection.provider),
      connection.settings as Record<string, unknown>,
    ).routedObject;
    const now = (this.deps.now ?? (() => new Date()))();
    const cursor = await prisma.syncCursor.findUnique({
      where: { connectionId_objectType: { connectionId, objectType } },
    });
    const firstStart = Math.max(connection.connectedAt.getTime(), now.getTime() - FIRST_POLL_LOOKBACK_MS);
    const since = new Date((cursor?.syncedUntil.getTime() ?? firstStart) - POLL_OVERLAP_MS);
    const started = Date.now();
    let itemsSeen = 0;
    let itemsNew = 0;
    let pages = 0;
    try {
      const client = await this.deps.factory.forConnection(connectionId);
      let page: string | undefined;
      do {
        const result = await client.listChangedLeads(
          {
            objectType,
            since,
            until: now,
            limit: PAGE_SIZE,
            ...(page === undefined ? {} : { cursor: page }),
          },
          // Only ids matter here; intake fetches what the mapping reads.
          { properties: { contact: [], company: [] } },
        );
        pages += 1;
        itemsSeen += result.items.length;
        const ids = result.items.map((r) => r.externalId);
        const stored = new Map(
          (
            await prisma.lead.findMany({
              where: { connectionId, externalId: { in: ids } },
              select: {
                externalId: true,
                status: true,
                crmUpdatedAt: true,
                decision: { select: { id: true } },
              },
            })
          ).map((l) => [l.externalId, l]),
        );
        // Intake for records it has not seen in this version: new ones, and stored ones the CRM
        // changed since intake last read them — a decided lead's status may have moved on (won,
        // lost), which intake applies to the lead and the rep's KPIs. Our own owner writes are not
        // changes (the write-back records the time), and a lead intake has settled in this version
        // (decided, or waiting for a mapping fix) is not queued again by every poll that lists it.
        // A stored lead still undecided for another reason (its intake failed) is: polling is the
        // safety net.
        const toIntake = result.items
          .filter((r) => {
            const lead = stored.get(r.externalId);
            // A record the CRM created before the connection existed is history, not a new lead:
            // editing it must not get it routed (a bulk edit would route thousands). A backfill
            // imports history on request (ADR 0019).
            if (lead === undefined && createdBefore(r, connection.createdAt)) return false;
            if (lead === undefined || lead.crmUpdatedAt === null || r.updatedAt === null) return true;
            const settled = lead.decision !== null || SETTLED_WITHOUT_DECISION.has(lead.status);
            return !settled || Date.parse(r.updatedAt) > lead.crmUpdatedAt.getTime();
          })
          .map((r) => ({ externalId: r.externalId, version: r.updatedAt }));
        if (toIntake.length > 0) await this.deps.enqueueIntake(connectionId, toIntake);
        itemsNew += result.items.filter((r) => {
          const lead = stored.get(r.externalId);
          return lead === undefined ? !createdBefore(r, connection.createdAt) : lead.decision === null;
        }).length;
        page = result.nextCursor ?? undefined;
      } while (page !== undefined && pages < MAX_PAGES);
      const run = await prisma.$transaction(async (tx) => {
        // Never backwards: a slower poll that started earlier must not undo a later one's progress.
        await tx.$executeRaw`
          INSERT INTO sync_cursor (connection_id, object_type, tenant_id, synced_until, updated_at)
          VALUES (${connectionId}::uuid, ${objectType}, ${connection.tenantId}::uuid, ${now}, now())
          ON CONFLICT (connection_id, object_type)
          DO UPDATE SET synced_until = GREATEST(sync_cursor.synced_until, EXCLUDED.synced_until), updated_at = now()`;
        return tx.syncRun.create({
          data: {
            tenantId: connection.tenantId,
            connectionId,
            objectType,
            windowStart: since,
            windowEnd: now,
            itemsSeen,
            itemsNew,
            pages,
            durationMs: Date.now() - started,
          },
        });
      });
      return { runId: run.id, itemsSeen, itemsNew, pages };
    } catch (error) {
      await prisma.syncRun.create({
        data: {
          tenantId: connection.tenantId,
          connectionId,
          objectType,
          windowStart: since,
          windowEnd: now,
          itemsSeen,
          itemsNew,
          pages,
          durationMs: Date.now() - started,
          error: (error instanceof Error ? error.message : String(error)).slice(0, 1000),
        },
      });
      throw error;
    }
  }

  /** Connections due for a poll: active ones whose last run is older than their interval. */
  async due(): Promise<{ connectionId: string; intervalSeconds: number }[]> {
    const rows = await this.deps.prisma.$queryRaw<{ id: string; poll_interval_seconds: number }[]>`
      SELECT c.id, c.poll_interval_seconds
      FROM crm_connection c
      WHERE c.status = 'active'
        AND NOT EXISTS (
          SELECT 1 FROM sync_run r
          WHERE r.connection_id = c.id
            AND r.created_at > now() - make_interval(secs => c.poll_interval_seconds)
        )`;
    return rows.map((r) => ({ connectionId: r.id, intervalSeconds: r.poll_interval_seconds }));
  }
}

function createdBefore(record: { createdAt?: string | null }, moment: Date): boolean {
  const created = Date.parse(record.createdAt ?? '');
  return Number.isFinite(created) && created < moment.getTime();
}
