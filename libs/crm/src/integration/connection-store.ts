import type { CrmConnectionInfo, OAuthTokenSet } from '../crm-adapter';
import type { CrmError } from '../crm-error';

export const CONNECTION_STATUSES = ['active', 'needs_reauth', 'paused', 'disconnected'] as const;
export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];

export interface StoredConnection {
  info: CrmConnectionInfo;
  status: ConnectionStatus;
  statusReason: string | null;
}

/** Decrypted credentials, held only in memory for the life of one client. */
export interface StoredCredentials {
  accessToken: string;
  refreshToken: string | null;
  expiresAt: Date | null;
  /** Incremented by every credential write; refreshes compare-and-set on it. */
  version: number;
}

/**
 * Where the factory reads connections and writes refreshed tokens. Implemented over Postgres and the
 * token vault by `@leadflow/connections`; the factory never sees ciphertext or SQL.
 */
export interface ConnectionCredentialStore {
  loadConnection(connectionId: string): Promise<StoredConnection | null>;
  /** Re-reads the stored credentials (after taking the refresh lock, another process may have refreshed). */
  loadCredentials(connectionId: string): Promise<StoredCredentials | null>;
  /**
   * Stores tokens from a refresh if the stored version is still `expectedVersion`; returns what is
   * stored afterwards (the new credentials, or the newer ones that won).
   */
  saveRefreshedCredentials(
    connectionId: string,
    expectedVersion: number,
    tokens: OAuthTokenSet,
  ): Promise<StoredCredentials>;
  /** Marks the connection `needs_reauth` with the reason and records an event the console shows. */
  markNeedsReauth(connectionId: string, reason: string, error: CrmError): Promise<void>;
}

/** `forConnection` on a connection that cannot make calls: paused, needing re-authorisation, deleted. */
export class ConnectionUnavailableError extends Error {
  constructor(
    readonly connectionId: string,
    readonly status: ConnectionStatus | 'missing',
    readonly reason: string | null,
  ) {
    super(
      status === 'missing'
        ? `CRM connection ${connectionId} does not exist`
        : `CRM connection ${connectionId} is ${status}${reason ? `: ${reason}` : ''}`,
    );
    this.name = 'ConnectionUnavailableError';
  }
}
