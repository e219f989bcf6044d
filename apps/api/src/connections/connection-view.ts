import type { CrmConnection, CrmConnectionEvent } from '@leadflow/database';

/** A connection as the API shows it: never a token, ciphertext or key id. */
export function presentConnection(row: CrmConnection) {
  return {
    id: row.id,
    provider: row.provider,
    authType: row.authType,
    externalAccountId: row.externalAccountId,
    name: row.name,
    status: row.status,
    statusReason: row.statusReason,
    scopes: row.scopes,
    settings: row.settings as Record<string, unknown>,
    pollIntervalSeconds: row.pollIntervalSeconds,
    tokenExpiresAt: row.tokenExpiresAt?.toISOString() ?? null,
    lastRefreshedAt: row.lastRefreshedAt?.toISOString() ?? null,
    connectedAt: row.connectedAt.toISOString(),
    disconnectedAt: row.disconnectedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function presentConnectionEvent(row: CrmConnectionEvent) {
  return {
    id: row.id,
    kind: row.kind,
    message: row.message,
    details: row.details as Record<string, unknown>,
    createdAt: row.createdAt.toISOString(),
  };
}
