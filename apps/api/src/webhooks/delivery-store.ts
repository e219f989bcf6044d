import { type Link, ROOT_CONTEXT, SpanKind, trace } from '@opentelemetry/api';
import { type PgPool, uuidV7 } from '@leadflow/database';

/** A webhook request as the inbox keeps it (headers already without credentials). */
export interface DeliveryRow {
  provider: string;
  status: 'received' | 'rejected' | 'challenge';
  reason: string | null;
  tenantId: string | null;
  connectionId: string | null;
  headers: Record<string, string>;
  body: string;
  eventCount: number;
  receivedAt: Date;
}

/** Statuses stored without proof of authenticity, so kept to the newest few per source. */
export type BoundedStatus = 'rejected' | 'challenge';

const COLUMNS = 10;
const INSERT_HEAD = `INSERT INTO webhook_delivery
  (id, tenant_id, connection_id, provider, status, reason, headers, body, event_count, received_at) VALUES `;

function insertText(rows: number): string {
  const values: string[] = [];
  for (let r = 0; r < rows; r++) {
    const p = r * COLUMNS;
    values.push(
      `($${p + 1}::uuid, $${p + 2}::uuid, $${p + 3}::uuid, $${p + 4}, $${p + 5}::"WebhookDeliveryStatus", $${p + 6}, $${p + 7}::jsonb, $${p + 8}, $${p + 9}::int, $${p + 10}::timestamptz)`,
    );
  }
  return INSERT_HEAD + values.join(', ');
}

interface Waiting {
  id: string;
  row: DeliveryRow;
  bytes: number;
  link: Link | undefined;
  resolve: (id: string) => void;
  reject: (error: unknown) => void;
}

interface PruneSlot {
  status: BoundedStatus;
  provider: string;
  connectionId: string | null;
  running: Promise<void> | undefined;
  next: { promise: Promise<void>; resolve: () => void; reject: (error: unknown) => void } | undefined;
}

const tracer = trace.getTracer('leadflow.webhooks');

/**
 * The webhook inbox table on node-postgres (the receiver's hot path, like assignment in ADR 0008).
 * Rows handed over in the same event-loop turn are written with one multi-row INSERT (group
 * commit), at most `maxInFlight` at a time: under load, rows arriving while those run form the
 * next, larger group. Each caller's promise resolves once its row is committed. A failed group is
 * written again row by row, so one bad row fails only its own request.
 */
export class DeliveryStore {
  private waiting: Waiting[] = [];
  private scheduled = false;
  private inFlight = 0;
  private readonly prunes = new Map<string, PruneSlot>();
  private readonly maxRows: number;
  private readonly maxBytes: number;
  private readonly maxInFlight: number;
  /** Rows stored and INSERT statements used (their ratio is the group size). */
  readonly stats = { rows: 0, inserts: 0 };

  constructor(
    private readonly pg: PgPool,
    private readonly options: {
      /** Rows kept per status, provider and connection for statuses stored unverified. */
      keep: number;
      maxRows?: number;
      maxBytes?: number;
      /** INSERTs in flight at once; rows arriving meanwhile wait and go in the next, larger group. */
      maxInFlight?: number;
    },
  ) {
    this.maxRows = options.maxRows ?? 200;
    this.maxBytes = options.maxBytes ?? 4 * 1024 * 1024;
    this.maxInFlight = options.maxInFlight ?? 4;
  }

  /** Stores the row; resolves with its id once committed. */
  insert(row: DeliveryRow): Promise<string> {
    const span = trace.getActiveSpan();
    return new Promise<string>((resolve, reject) => {
      this.waiting.push({
        id: uuidV7(row.receivedAt.getTime()),
        row,
        bytes: row.body.length + 512,
        link: span === undefined ? undefined : { context: span.spanContext() },
        resolve,
        reject,
      });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    while (this.waiting.length > 0 && this.inFlight < this.maxInFlight) {
      let count = 0;
      let bytes = 0;
      while (
        count < this.waiting.length &&
        count < this.maxRows &&
        (count === 0 || bytes + this.waiting[count]!.bytes <= this.maxBytes)
      ) {
        bytes += this.waiting[count]!.bytes;
        count += 1;
      }
      this.inFlight += 1;
      void this.write(this.waiting.splice(0, count)).finally(() => {
        this.inFlight -= 1;
        this.flush();
      });
    }
  }

  private write(group: Waiting[]): Promise<void> {
    return tracer.startActiveSpan(
      'webhook_delivery insert',
      {
        kind: SpanKind.INTERNAL,
        links: group.flatMap((w) => (w.link === undefined ? [] : [w.link])),
        attributes: { 'leadflow.webhook.deliveries': group.length },
      },
      ROOT_CONTEXT,
      async (span) => {
        try {
          await this.insertRows(group);
          for (const w of group) w.resolve(w.id);
        } catch (error) {
          if (group.length === 1) group[0]!.reject(error);
          else {
            // One bad row (a connection deleted a moment ago) must not fail the others.
            await Promise.all(group.map((w) => this.insertRows([w]).then(() => w.resolve(w.id), w.reject)));
          }
        } finally {
          span.end();
        }
      },
    );
  }

  private async insertRows(group: readonly Waiting[]): Promise<void> {
    this.stats.inserts += 1;
    this.stats.rows += group.length;
    const values: unknown[] = [];
    for (const { id, row } of group) {
      values.push(
        id,
        row.tenantId,
        row.connectionId,
        row.provider,
        row.status,
        row.reason,
        JSON.stringify(row.headers),
        row.body,
        row.eventCount,
        row.receivedAt.toISOString(),
      );
    }
    await this.pg.query(insertText(group.length), values);
  }

  /**
   * Keeps only the newest `keep` rows of this status for the source (provider and connection), so a
   * flood of forged requests cannot fill the database. Concurrent calls share work: a caller whose
   * row may have been stored after a running prune read the table waits for the one prune that
   * follows it, which serves everyone who arrived meanwhile. Resolves once the bound holds for the
   * caller's row.
   */
  bound(status: BoundedStatus, provider: string, connectionId: string | null): Promise<void> {
    const key = `${status}\u0000${provider}\u0000${connectionId ?? ''}`;
    let slot = this.prunes.get(key);
    if (slot === undefined) {
      slot = { status, provider, connectionId, running: undefined, next: undefined };
      this.prunes.set(key, slot);
    }
    if (slot.running === undefined) {
      slot.running = this.runPrune(key, slot);
      return slot.running;
    }
    if (slot.next === undefined) {
      let resolve!: () => void;
      let reject!: (error: unknown) => void;
      const promise = new Promise<void>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      slot.next = { promise, resolve, reject };
    }
    return slot.next.promise;
  }

  private async runPrune(key: string, slot: PruneSlot): Promise<void> {
    try {
      await this.pg.query(
        `DELETE FROM webhook_delivery WHERE id IN (
           SELECT id FROM webhook_delivery
           WHERE status = $1::"WebhookDeliveryStatus" AND provider = $2
             AND connection_id IS NOT DISTINCT FROM $3::uuid
           ORDER BY received_at DESC, id DESC
           OFFSET $4)`,
        [slot.status, slot.provider, slot.connectionId, this.options.keep],
      );
    } finally {
      const next = slot.next;
      slot.next = undefined;
      if (next === undefined) {
        slot.running = undefined;
        this.prunes.delete(key);
      } else {
        slot.running = this.runPrune(key, slot);
        slot.running.then(next.resolve, next.reject);
      }
    }
  }
}
