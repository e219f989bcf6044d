import { Inject, Injectable, Logger } from '@nestjs/common';
import type { CrmRuntime } from '@leadflow/connections';
import { mappingScopeOf } from '@leadflow/crm';
import { type Backfill, isUniqueViolation, type TenantScopedClient } from '@leadflow/database';
import { ACTIVE_BACKFILL_STATUSES, backfillPercent } from '@leadflow/intake';
import { AuditLogService } from '../audit/audit-log.service';
import type { Principal } from '../auth/principal';
import { TENANT_DB } from '../database/database.tokens';
import { type PaginationQuery, pageQuery, toPage } from '../http/pagination';
import { ApiProblem } from '../http/problem';
import { BackfillQueueService } from './backfill-queue.service';
import { backfillRange, type BackfillRangeInput } from './backfill.dto';
import { CRM_RUNTIME } from './crm-runtime.provider';

/** The API view of a backfill: range, status, progress through the range, counters. */
export function presentBackfill(row: Backfill) {
  return {
    id: row.id,
    connectionId: row.connectionId,
    objectType: row.objectType,
    from: row.rangeFrom.toISOString(),
    to: row.rangeTo.toISOString(),
    route: row.route,
    status: row.status,
    progress: {
      percent: backfillPercent(row),
      positionAt: row.positionAt?.toISOString() ?? null,
      pages: row.pages,
    },
    counts: {
      seen: row.itemsSeen,
      imported: row.imported,
      routed: row.routed,
      sentToIntake: row.sentToIntake,
      needsMapping: row.needsMapping,
      skipped: row.skipped,
      missing: row.missing,
    },
    crmCalls: row.crmCalls,
    error: row.error,
    requestedBy: row.requestedBy,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * Starting, watching and cancelling backfills (ADR 0019). The worker does the importing, a page at
 * a time; this service records the request (one active backfill per connection, enforced by a
 * partial unique index) and queues the first page.
 */
@Injectable()
export class BackfillService {
  private readonly logger = new Logger(BackfillService.name);

  constructor(
    @Inject(TENANT_DB) private readonly db: TenantScopedClient,
    @Inject(CRM_RUNTIME) private readonly crm: CrmRuntime,
    private readonly queue: BackfillQueueService,
    private readonly audit: AuditLogService,
  ) {}

  async start(
    principal: Principal,
    connectionId: string,
    input: BackfillRangeInput & { route: boolean },
    requestId: string,
  ) {
    const connection = await this.connection(connectionId);
    if (connection.status !== 'active') {
      throw ApiProblem.conflict(
        `connection ${connectionId} is ${connection.status}: resume or re-authorise it before a backfill`,
      );
    }
    const objectType = mappingScopeOf(
      this.crm.adapters.get(connection.provider),
      connection.settings as Record<string, unknown>,
    ).routedObject;
    const published = await this.db.fieldMappingVersion.count({ where: { connectionId, objectType } });
    if (published === 0) {
      throw ApiProblem.conflict(
        `connection ${connectionId} has no published mapping for ${objectType}: publish one (POST /v1/connections/${connectionId}/mapping/publish) before a backfill`,
      );
    }
    const { from, to } = backfillRange(input, new Date());
    const requestedBy = principal.kind === 'api_key' ? principal.keyId : 'bootstrap';
    let row: Backfill;
    try {
      row = await this.db.$transaction(async (tx) => {
        const created = await tx.backfill.create({
          data: {
            tenantId: connection.tenantId,
            connectionId,
            objectType,
            rangeFrom: from,
            rangeTo: to,
            route: input.route,
            requestedBy,
          },
        });
        await this.audit.record(
          principal,
          {
            action: 'connection.backfill_started',
            targetType: 'connection',
            targetId: connectionId,
            details: {
              backfillId: created.id,
              from: from.toISOString(),
              to: to.toISOString(),
              route: input.route,
            },
          },
          requestId,
          tx,
        );
        return created;
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const active = await this.db.backfill.findFirst({
        where: { connectionId, status: { in: [...ACTIVE_BACKFILL_STATUSES] } },
      });
      throw ApiProblem.conflict(
        `backfill ${active?.id ?? ''} of connection ${connectionId} is still ${active?.status ?? 'active'}: wait for it to finish or cancel it (POST /v1/connections/${connectionId}/backfill/cancel)`,
      );
    }
    try {
      await this.queue.enqueueFirstPage(row.id);
    } catch (error) {
      // The row is stored: the stranded-work sweeper queues its first page within minutes.
      this.logger.warn({ err: error, backfillId: row.id }, 'could not queue the backfill; the sweeper will');
    }
    return presentBackfill(row);
  }

  async latest(connectionId: string) {
    await this.connection(connectionId);
    const row = await this.db.backfill.findFirst({
      where: { connectionId },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    });
    if (row === null) throw ApiProblem.notFound(`A backfill of connection ${connectionId}`);
    return presentBackfill(row);
  }

  async list(connectionId: string, query: PaginationQuery) {
    await this.connection(connectionId);
    const page = pageQuery(query);
    const rows = await this.db.backfill.findMany({ ...page, where: { ...page.where, connectionId } });
    return toPage(rows, query, presentBackfill);
  }

  /** Stops the active backfill after the page in flight (whose writes then roll back). */
  async cancel(principal: Principal, connectionId: string, requestId: string) {
    await this.connection(connectionId);
    return this.db.$transaction(async (tx) => {
      const active = await tx.backfill.findFirst({
        where: { connectionId, status: { in: [...ACTIVE_BACKFILL_STATUSES] } },
      });
      if (active === null) {
        throw ApiProblem.conflict(`connection ${connectionId} has no queued or running backfill to cancel`);
      }
      const { count } = await tx.backfill.updateMany({
        where: { id: active.id, status: { in: [...ACTIVE_BACKFILL_STATUSES] } },
        data: { status: 'cancelled', finishedAt: new Date() },
      });
      if (count === 0) throw ApiProblem.conflict(`backfill ${active.id} finished meanwhile`);
      await this.audit.record(
        principal,
        {
          action: 'connection.backfill_cancelled',
          targetType: 'connection',
          targetId: connectionId,
          details: { backfillId: active.id, pages: active.pages },
        },
        requestId,
        tx,
      );
      return presentBackfill(await tx.backfill.findUniqueOrThrow({ where: { id: active.id } }));
    });
  }

  private async connection(id: string) {
    const row = await this.db.crmConnection.findUnique({ where: { id } });
    if (row === null) throw ApiProblem.notFound(`Connection ${id}`);
    return row;
  }
}
