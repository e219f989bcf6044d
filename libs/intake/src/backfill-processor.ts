import { ConnectionUnavailableError, type CrmIntegrationFactory, type CrmRecord } from '@leadflow/crm';
import { Prisma, type PrismaClient } from '@leadflow/database';
import { normalize } from '@leadflow/field-mapping';
import { type ActiveMapping, loadActiveMapping } from './active-mapping';
import type { IntakeOutcome } from './intake-processor';
import { readOptionsFor } from './read-options';

/** Records per listing page: one CRM search page, and at most one batch read for intake. */
export const BACKFILL_PAGE_SIZE = 100;
/**
 * Pause between two pages of one backfill. A page costs a few calls (HubSpot: one search and one
 * association batch read per associated object); spacing pages out leaves most of the connection's
 * rate budget to live intake, which shares the same limiter (ADR 0019).
 */
export const BACKFILL_PAGE_PAUSE_MS = 1_000;

/** Backfills in these states still have pages to read. */
export const ACTIVE_BACKFILL_STATUSES = ['queued', 'running'] as const;

export interface BackfillCounters {
  itemsSeen: number;
  imported: number;
  routed: number;
  sentToIntake: number;
  needsMapping: number;
  skipped: number;
  missing: number;
  crmCalls: number;
}

export interface BackfillPageResult {
  backfillId: string;
  /**
   * `page`: one page committed; `done`: nothing left (completed, cancelled, failed, unknown);
   * `stale`: the checkpoint had moved past this page (another run did it); `waiting`: the connection
   * is paused or needs re-authorisation, the sweeper tries again later.
   */
  result: 'page' | 'done' | 'stale' | 'waiting';
  /** The page to run next (the checkpoint's page count), or null when no job should follow. */
  nextPage: number | null;
  counts?: BackfillCounters;
}

export interface BackfillDeps {
  prisma: PrismaClient;
  factory: CrmIntegrationFactory;
  /** Normal intake for a page's records, routing included (route: true). */
  intake: {
    process(input: { connectionId: string; externalIds: readonly string[] }): Promise<IntakeOutcome[]>;
  };
  /** Queues intake jobs for records live intake should route (import-only backfills; job ids collapse). */
  enqueueIntake(connectionId: string, externalIds: readonly string[]): Promise<void>;
  now?: () => Date;
}

/** What a listed page does with one record, by what is stored for it. */
export type ImportAction = 'insert' | 'refresh' | 'skip' | 'intake';

/**
 * The import rule (ADR 0019). A stored lead is left alone — decided, or undecided in live intake's
 * hands — unless an earlier backfill stored it (then it is refreshed). A record nobody stored yet is
 * imported when the CRM created it before the connection was first made (history); one created
 * since is live intake's to route (its webhook or poll may be in flight, or was lost), so it is
 * queued for intake rather than held back from routing. `liveSince` is the connection's creation
 * time, not its last (re)connection: leads created while it was disconnected are still live ones.
 */
export function importActionFor(
  record: Pick<CrmRecord, 'createdAt' | 'updatedAt'>,
  stored: { backfillId: string | null; decided: boolean } | undefined,
  liveSince: Date,
): ImportAction {
  if (stored !== undefined) return !stored.decided && stored.backfillId !== null ? 'refresh' : 'skip';
  const created = Date.parse(record.createdAt ?? record.updatedAt ?? '');
  return Number.isFinite(created) && created >= liveSince.getTime() ? 'intake' : 'insert';
}

/**
 * How far a backfill is, 0–100: through its range by the newest change time listed, and for one
 * that routes, the listing as the first half and the routing of what it stored as the second.
 */
export function backfillPercent(row: {
  status: string;
  stage: string;
  route: boolean;
  rangeFrom: Date;
  rangeTo: Date;
  positionAt: Date | null;
  imported: number;
  routed: number;
}): number {
  if (row.status === 'completed') return 100;
  // Never 100 before the last page says it is complete.
  const percent = (share: number) => Math.min(99, Math.max(0, Math.floor(share * 100)));
  if (row.stage === 'route') return percent(0.5 + 0.5 * Math.min(1, row.routed / Math.max(1, row.imported)));
  if (row.positionAt === null) return 0;
  const span = row.rangeTo.getTime() - row.rangeFrom.getTime();
  if (span <= 0) return 0;
  const listed = (row.positionAt.getTime() - row.rangeFrom.getTime()) / span;
  return percent(row.route ? listed / 2 : listed);
}

class StaleCheckpointError extends Error {
  constructor() {
    super('the backfill checkpoint moved on while this page ran');
  }
}

type BackfillRow = NonNullable<Awaited<ReturnType<PrismaClient['backfill']['findUnique']>>>;
type Tx = Prisma.TransactionClient;

const ZERO: BackfillCounters = {
  itemsSeen: 0,
  imported: 0,
  routed: 0,
  sentToIntake: 0,
  needsMapping: 0,
  skipped: 0,
  missing: 0,
  crmCalls: 0,
};

/**
 * Imports a connection's existing records over a time range, one page per call (ADR 0019).
 *
 * Stage `list` pages through the records the CRM changed in the range, through the connection's
 * client (so within its shared rate budget), and stores them as leads: `imported` and held back from
 * routing by default, `new` for a backfill asked to route. Stage `route` (route: true only) then runs
 * normal intake — batch read, mapping, routing once, write-back — for the leads it stored, 100 at a
 * time by lead id. Routing only after the listing is complete keeps the listing stable: an owner
 * written back changes the record's modification time, which would move it out of the listed window
 * and shift the CRM's offset paging past records not yet read.
 *
 * Each page's leads, the counters and the new checkpoint commit in one transaction that first locks
 * the backfill row and checks that the checkpoint is still the one the page started from, so a page
 * re-run after a crash, or run twice at once, is counted once. The caller queues the next page (with
 * a pause) when `nextPage` is set.
 */
export class BackfillProcessor {
  constructor(private readonly deps: BackfillDeps) {}

  private now(): Date {
    return (this.deps.now ?? (() => new Date()))();
  }

  /**
   * Runs the page the checkpoint points at. `page` is the page the caller was asked to run: when the
   * checkpoint has moved past it, nothing is read and the current page is returned as `nextPage`.
   * On an error, the error is recorded; on the `last` attempt the backfill is marked failed.
   */
  async runPage(
    backfillId: string,
    page: number,
    attempt: { number: number; last: boolean } = { number: 1, last: true },
  ): Promise<BackfillPageResult> {
    const { prisma } = this.deps;
    const backfill = await prisma.backfill.findUnique({ where: { id: backfillId } });
    if (backfill === null || !isActive(backfill.status))
      return { backfillId, result: 'done', nextPage: null };
    if (backfill.pages !== page) return { backfillId, result: 'stale', nextPage: backfill.pages };
    try {
      return backfill.stage === 'route' ? await this.routeStored(backfill) : await this.listPage(backfill);
    } catch (error) {
      if (error instanceof StaleCheckpointError) {
        const now = await prisma.backfill.findUnique({ where: { id: backfillId } });
        return {
          backfillId,
          result: 'stale',
          nextPage: now !== null && isActive(now.status) ? now.pages : null,
        };
      }
      if (error instanceof ConnectionUnavailableError) {
        if (error.status === 'paused' || error.status === 'needs_reauth') {
          // Not a failure: the sweeper queues the page again, and it goes on once the connection is usable.
          await this.recordError(backfill.id, `waiting: ${error.message}`, false);
          return { backfillId, result: 'waiting', nextPage: null };
        }
        // Disconnected or deleted: no retry can help.
        await this.recordError(backfill.id, error.message, true);
        return { backfillId, result: 'done', nextPage: null };
      }
      await this.recordError(backfill.id, errorText(error), attempt.last);
      throw error;
    }
  }

  /** Stage `list`: one page of the CRM listing into the lead store. */
  private async listPage(backfill: BackfillRow): Promise<BackfillPageResult> {
    const { prisma } = this.deps;
    const connection = await prisma.crmConnection.findUnique({ where: { id: backfill.connectionId } });
    if (connection === null) throw new ConnectionUnavailableError(backfill.connectionId, 'missing', null);
    const client = await this.deps.factory.forConnection(connection.id);
    const active = await loadActiveMapping(prisma, connection.id, backfill.objectType);
    const listing = await client.listChangedLeads(
      {
        objectType: backfill.objectType,
        since: backfill.rangeFrom,
        until: backfill.rangeTo,
        limit: BACKFILL_PAGE_SIZE,
        ...(backfill.cursor === null ? {} : { cursor: backfill.cursor }),
      },
      // The listing reads what the mapping needs, so its records are stored as they come: no
      // second read per page.
      active === null ? undefined : readOptionsFor(active.mapping),
    );
    // A page may repeat a record at a window seam (HubSpot's 10,000-result split): once is enough.
    const records = [...new Map(listing.items.map((r) => [r.externalId, r])).values()];
    const counts: BackfillCounters = { ...ZERO, itemsSeen: records.length, crmCalls: 1 };
    const write = await this.planImport(backfill, connection, active, records, counts);
    const last = listing.nextCursor === null;
    const routeNext = last && backfill.route;
    return this.commit(backfill, counts, write, {
      positionAt: newestChange(records, backfill.rangeTo, backfill.positionAt),
      stage: routeNext ? 'route' : 'list',
      cursor: last ? null : listing.nextCursor,
      completed: last && !backfill.route,
    });
  }

  /**
   * Stage `route`: normal intake for the next 100 leads this backfill stored (one batch read;
   * decided leads stay decided, intake never routes twice). `routed` is counted from the decisions
   * those leads have, so a page re-run after a crash does not count a lead twice.
   */
  private async routeStored(backfill: BackfillRow): Promise<BackfillPageResult> {
    const leads = await this.deps.prisma.lead.findMany({
      where: {
        tenantId: backfill.tenantId,
        backfillId: backfill.id,
        ...(backfill.cursor === null ? {} : { id: { gt: backfill.cursor } }),
      },
      orderBy: { id: 'asc' },
      take: BACKFILL_PAGE_SIZE,
      select: { id: true, externalId: true },
    });
    const counts: BackfillCounters = { ...ZERO };
    if (leads.length > 0) {
      const outcomes = await this.deps.intake.process({
        connectionId: backfill.connectionId,
        externalIds: leads.map((l) => l.externalId),
      });
      counts.crmCalls = 1;
      counts.missing = outcomes.filter((o) => o.result === 'missing').length;
    }
    const last = leads.length < BACKFILL_PAGE_SIZE;
    return this.commit(
      backfill,
      counts,
      async (tx) => {
        const [row] = await tx.$queryRaw<{ routed: bigint }[]>`
          SELECT count(*) AS routed FROM lead l JOIN routing_decision d ON d.lead_id = l.id
          WHERE l.backfill_id = ${backfill.id}::uuid`;
        return { routed: Number(row?.routed ?? 0) };
      },
      {
        positionAt: backfill.positionAt,
        stage: 'route',
        cursor: leads.at(-1)?.id ?? backfill.cursor,
        completed: last,
      },
    );
  }

  /**
   * The page's writes, counters and checkpoint in one transaction. The backfill row is locked first:
   * a second run of the same page waits here, then finds the checkpoint moved and rolls back.
   */
  private async commit(
    backfill: BackfillRow,
    counts: BackfillCounters,
    write: (tx: Tx) => Promise<{ routed?: number }>,
    next: { positionAt: Date | null; stage: 'list' | 'route'; cursor: string | null; completed: boolean },
  ): Promise<BackfillPageResult> {
    const now = this.now();
    await this.deps.prisma.$transaction(async (tx) => {
      const [current] = await tx.$queryRaw<{ pages: number; status: string }[]>`
        SELECT pages, status::text AS status FROM backfill WHERE id = ${backfill.id}::uuid FOR UPDATE`;
      if (current === undefined || current.pages !== backfill.pages || !isActive(current.status)) {
        throw new StaleCheckpointError();
      }
      const set = await write(tx);
      await tx.backfill.update({
        where: { id: backfill.id },
        data: {
          status: next.completed ? 'completed' : 'running',
          stage: next.stage,
          startedAt: backfill.startedAt ?? now,
          ...(next.completed ? { finishedAt: now } : {}),
          cursor: next.cursor,
          positionAt: next.positionAt,
          pages: { increment: 1 },
          itemsSeen: { increment: counts.itemsSeen },
          imported: { increment: counts.imported },
          routed: set.routed ?? { increment: counts.routed },
          sentToIntake: { increment: counts.sentToIntake },
          needsMapping: { increment: counts.needsMapping },
          skipped: { increment: counts.skipped },
          missing: { increment: counts.missing },
          crmCalls: { increment: counts.crmCalls },
          error: null,
        },
      });
      if (set.routed !== undefined) counts.routed = set.routed;
    });
    return {
      backfillId: backfill.id,
      result: 'page',
      nextPage: next.completed ? null : backfill.pages + 1,
      counts,
    };
  }

  /**
   * Decides what each listed record needs (see {@link importActionFor}), queues intake for live ones
   * now (their jobs collapse if the page runs again), and returns the page's lead writes, which fill
   * in the counters as they land.
   */
  private async planImport(
    backfill: BackfillRow,
    connection: { id: string; tenantId: string; createdAt: Date },
    active: ActiveMapping | null,
    records: readonly CrmRecord[],
    counts: BackfillCounters,
  ): Promise<(tx: Tx) => Promise<{ routed?: number }>> {
    const { prisma } = this.deps;
    const stored = new Map(
      (
        await prisma.lead.findMany({
          where: {
            tenantId: backfill.tenantId,
            connectionId: backfill.connectionId,
            externalId: { in: records.map((r) => r.externalId) },
          },
          select: { externalId: true, backfillId: true, decision: { select: { id: true } } },
        })
      ).map((l) => [l.externalId, { backfillId: l.backfillId, decided: l.decision !== null }]),
    );
    const toIntake: string[] = [];
    const inserts: CrmRecord[] = [];
    const refreshes: CrmRecord[] = [];
    for (const record of records) {
      const action = importActionFor(record, stored.get(record.externalId), connection.createdAt);
      if (action === 'intake') toIntake.push(record.externalId);
      else if (action === 'insert') inserts.push(record);
      else if (action === 'refresh') refreshes.push(record);
      else counts.skipped += 1;
    }
    if (toIntake.length > 0) await this.deps.enqueueIntake(backfill.connectionId, toIntake);
    counts.sentToIntake = toIntake.length;

    const rows = (list: readonly CrmRecord[]) =>
      list.map((record) => ({ record, fields: storedLeadFields(record, active, backfill) }));
    const insertRows = rows(inserts);
    const refreshRows = rows(refreshes);
    const tally = (stored: boolean, fields: { errors: unknown }) => {
      if (!stored) counts.skipped += 1;
      else if (fields.errors === Prisma.DbNull) counts.imported += 1;
      else counts.needsMapping += 1;
    };
    return async (tx) => {
      const created = new Set(
        (
          await tx.lead.createManyAndReturn({
            data: insertRows.map(({ record, fields }) => ({
              tenantId: connection.tenantId,
              connectionId: connection.id,
              externalId: record.externalId,
              ...fields,
              normalized: fields.normalized ?? {},
            })),
            // Live intake may have stored one since we looked: that lead is its, not ours.
            skipDuplicates: true,
            select: { externalId: true },
          })
        ).map((l) => l.externalId),
      );
      for (const { record, fields } of insertRows) tally(created.has(record.externalId), fields);
      for (const { record, fields } of refreshRows) {
        const { count } = await tx.lead.updateMany({
          where: {
            tenantId: connection.tenantId,
            connectionId: connection.id,
            externalId: record.externalId,
            backfillId: { not: null },
            decision: { is: null },
          },
          data: fields,
        });
        tally(count > 0, fields);
      }
      return {};
    };
  }

  private async recordError(backfillId: string, message: string, final: boolean): Promise<void> {
    const now = this.now();
    await this.deps.prisma.backfill.updateMany({
      where: { id: backfillId, status: { in: [...ACTIVE_BACKFILL_STATUSES] } },
      data: { error: message.slice(0, 1000), ...(final ? { status: 'failed', finishedAt: now } : {}) },
    });
  }
}

/**
 * A stored lead for a listed record, normalized like intake does: `imported` (held back from routing)
 * for an import-only backfill, `new` for one that routes in its next stage; `needs_mapping` with the
 * errors either way.
 */
function storedLeadFields(
  record: CrmRecord,
  active: ActiveMapping | null,
  backfill: Pick<BackfillRow, 'id' | 'route' | 'objectType'>,
) {
  const result =
    active === null
      ? ({
          ok: false,
          errors: [
            { code: 'no_mapping', target: '', message: `no published mapping for ${backfill.objectType}` },
          ],
        } as const)
      : normalize(record, active.mapping);
  const common = {
    objectType: backfill.objectType,
    raw: record.raw as Prisma.InputJsonObject,
    mappingVersion: active?.version ?? null,
    crmUpdatedAt: record.updatedAt === null ? null : new Date(record.updatedAt),
    backfillId: backfill.id,
  };
  return result.ok
    ? {
        ...common,
        normalized: result.lead as unknown as Prisma.InputJsonObject,
        errors: Prisma.DbNull,
        status: backfill.route ? 'new' : 'imported',
        crmStatus: result.lead.status ?? 'open',
      }
    : {
        ...common,
        normalized: undefined,
        errors: result.errors as unknown as Prisma.InputJsonArray,
        status: 'needs_mapping',
      };
}

function isActive(status: string): boolean {
  return (ACTIVE_BACKFILL_STATUSES as readonly string[]).includes(status);
}

/** The newest change time the listing has reached (records come oldest first), never backwards. */
function newestChange(records: readonly CrmRecord[], until: Date, previous: Date | null): Date | null {
  let newest = previous?.getTime() ?? Number.NEGATIVE_INFINITY;
  for (const record of records) {
    const at = record.updatedAt === null ? Number.NaN : Date.parse(record.updatedAt);
    if (Number.isFinite(at) && at < until.getTime() && at > newest) newest = at;
  }
  return Number.isFinite(newest) ? new Date(newest) : null;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
