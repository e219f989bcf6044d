import type { Prisma } from '@leadflow/database';

/** What an operator sees in a connection's history. Strings are stored: add kinds, never rename. */
export const CONNECTION_EVENT_KINDS = [
  'connected',
  'reconnected',
  'paused',
  'resumed',
  'needs_reauth',
  'disconnected',
  'token_refreshed',
  'settings_changed',
] as const;
export type ConnectionEventKind = (typeof CONNECTION_EVENT_KINDS)[number];

/** Any client or transaction (plain or tenant-scoped) that can write events. */
interface Db {
  crmConnectionEvent: {
    create(args: { data: Prisma.CrmConnectionEventUncheckedCreateInput }): Promise<unknown>;
  };
}

export async function recordConnectionEvent(
  db: Db,
  event: {
    tenantId: string;
    connectionId: string;
    kind: ConnectionEventKind;
    message: string;
    details?: Prisma.InputJsonObject;
  },
): Promise<void> {
  await db.crmConnectionEvent.create({
    data: {
      tenantId: event.tenantId,
      connectionId: event.connectionId,
      kind: event.kind,
      message: event.message,
      details: event.details ?? {},
    },
  });
}
