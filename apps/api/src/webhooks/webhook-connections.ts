import { connectionInfoOf, type CrmConnectionInfo } from '@leadflow/crm';
import type { PgPool } from '@leadflow/database';

/** What the receiver needs of the connection a webhook URL names. */
export interface WebhookConnection {
  status: string;
  info: CrmConnectionInfo;
}

/** How long a looked-up connection (or its absence) is trusted; see docs/adr/0020. */
export const WEBHOOK_CONNECTION_TTL_MS = 5_000;

interface Entry {
  id: string;
  value: Promise<WebhookConnection | null>;
  expiresAt: number;
}

/**
 * The connections named by webhook URLs (Monday's `/v1/webhooks/monday/{connectionId}`), cached for
 * a few seconds so a stream of deliveries costs one lookup per connection per TTL, not one per
 * request. Absence is cached too (a flood of made-up ids costs one lookup each per TTL, and the
 * cache holds at most `maxEntries`). Concurrent lookups of one connection share one query.
 *
 * Freshness: this process forgets a connection the moment it disconnects it (`forget`); other API
 * processes see a status change within the TTL. Only the receiver's accept-or-refuse decision uses
 * this cache; the fan-out of app-level deliveries looks their accounts' connections up afresh in
 * every batch.
 */
export class WebhookConnectionCache {
  private readonly entries = new Map<string, Entry>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(
    private readonly load: (provider: string, id: string) => Promise<WebhookConnection | null>,
    options: { ttlMs?: number; maxEntries?: number; now?: () => number } = {},
  ) {
    this.ttlMs = options.ttlMs ?? WEBHOOK_CONNECTION_TTL_MS;
    this.maxEntries = options.maxEntries ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** Reads `crm_connection` through a node-postgres pool. */
  static fromPool(pg: PgPool, options?: { ttlMs?: number; maxEntries?: number }): WebhookConnectionCache {
    return new WebhookConnectionCache(async (provider, id) => {
      const { rows } = await pg.query<{
        id: string;
        tenant_id: string;
        provider: string;
        auth_type: CrmConnectionInfo['authType'];
        external_account_id: string;
        settings: unknown;
        status: string;
      }>(
        `SELECT id, tenant_id, provider, auth_type, external_account_id, settings, status
         FROM crm_connection WHERE id = $1 AND provider = $2`,
        [id, provider],
      );
      const row = rows[0];
      if (row === undefined) return null;
      return {
        status: row.status,
        info: connectionInfoOf({
          id: row.id,
          tenantId: row.tenant_id,
          provider: row.provider,
          authType: row.auth_type,
          externalAccountId: row.external_account_id,
          settings: row.settings,
        }),
      };
    }, options);
  }

  get(provider: string, id: string): Promise<WebhookConnection | null> {
    const key = `${provider}\u0000${id}`;
    const now = this.now();
    const hit = this.entries.get(key);
    if (hit !== undefined && hit.expiresAt > now) return hit.value;
    if (hit !== undefined) this.entries.delete(key);
    const entry: Entry = { id, value: this.load(provider, id), expiresAt: now + this.ttlMs };
    // A failed lookup is not remembered.
    entry.value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
    this.entries.set(key, entry);
    return entry.value;
  }

  /** Drops what is known of a connection (its status or settings just changed in this process). */
  forget(id: string): void {
    for (const [key, entry] of this.entries) if (entry.id === id) this.entries.delete(key);
  }
}
