import { type CrmAdapterRegistry, connectionInfoOf } from '@leadflow/crm';
import type { PrismaClient } from '@leadflow/database';
import type { WebhookFanOut } from './webhook-fanout';

/** Work younger than this is assumed to be in hand (its job is queued or running). */
export const STRANDED_AFTER_MS = 2 * 60_000;
/** Most rows one sweep handles of each kind; the next sweep takes the rest. */
const SWEEP_LIMIT = 500;

export interface SweepResult {
  /** Deliveries stored but never fanned out (the API stopped between the insert and the queue). */
  deliveries: number;
  /** Decisions whose write-back is still pending with no job to do it (the worker stopped in between). */
  writebacks: number;
  /** Backfills still queued or running that stopped moving (the API or a worker stopped between pages). */
  backfills: number;
}

/**
 * Finds work that a crash left between two steps, where no retry will ever pick it up, and queues
 * it again: deliveries still `received`, decisions still `pending` and backfills whose checkpoint
 * stopped moving, after a grace period. The re-queues are idempotent (job ids derive from record,
 * decision and backfill page), so a sweep that races the original job costs nothing but a lookup.
 */
export class StrandedWorkSweeper {
  constructor(
    private readonly deps: {
      prisma: PrismaClient;
      adapters: CrmAdapterRegistry;
      fanOut: WebhookFanOut;
      /** Queues the write-back of a decision, replacing a finished job of the same id if one lingers. */
      requeueWriteback(decisionId: string): Promise<void>;
      /** Queues the page a backfill's checkpoint points at (a waiting or running job of it is left alone). */
      requeueBackfill?(backfillId: string, page: number): Promise<void>;
      now?: () => Date;
    },
  ) {}

  async sweep(): Promise<SweepResult> {
    const before = new Date((this.deps.now ?? (() => new Date()))().getTime() - STRANDED_AFTER_MS);
    return {
      deliveries: await this.sweepDeliveries(before),
      writebacks: await this.sweepWritebacks(before),
      backfills: await this.sweepBackfills(before),
    };
  }

  private async sweepDeliveries(before: Date): Promise<number> {
    const { prisma, adapters, fanOut } = this.deps;
    const rows = await prisma.webhookDelivery.findMany({
      where: { status: 'received', receivedAt: { lt: before } },
      orderBy: { receivedAt: 'asc' },
      take: SWEEP_LIMIT,
      include: { connection: true },
    });
    for (const row of rows) {
      const receiver = adapters.get(row.provider).webhookReceiver;
      const connection = row.connection === null ? null : connectionInfoOf(row.connection);
      const events = receiver?.eventsOfStored(row.body, connection) ?? [];
      if (!Array.isArray(events)) {
        await prisma.webhookDelivery.updateMany({
          where: { id: row.id, status: 'received' },
          data: { status: 'failed', reason: `stored body cannot be read again: ${events.problem}` },
        });
        continue;
      }
      await fanOut.fanOut(row.provider, connection, events);
      await prisma.webhookDelivery.updateMany({
        where: { id: row.id, status: 'received' },
        data: { status: 'queued', reason: 'queued by the sweeper after the receiver stopped mid-way' },
      });
    }
    return rows.length;
  }

  private async sweepWritebacks(before: Date): Promise<number> {
    const rows = await this.deps.prisma.routingDecision.findMany({
      where: { writebackStatus: 'pending', createdAt: { lt: before } },
      orderBy: { createdAt: 'asc' },
      take: SWEEP_LIMIT,
      select: { id: true },
    });
    for (const row of rows) await this.deps.requeueWriteback(row.id);
    return rows.length;
  }

  /**
   * A backfill's checkpoint moves with every page; one queued or running whose row has not changed
   * for the grace period has no job (or waits for its connection): its current page is queued again.
   */
  private async sweepBackfills(before: Date): Promise<number> {
    if (this.deps.requeueBackfill === undefined) return 0;
    const rows = await this.deps.prisma.backfill.findMany({
      where: { status: { in: ['queued', 'running'] }, updatedAt: { lt: before } },
      orderBy: { updatedAt: 'asc' },
      take: SWEEP_LIMIT,
      select: { id: true, pages: true },
    });
    for (const row of rows) await this.deps.requeueBackfill(row.id, row.pages);
    return rows.length;
  }
}
