import type {
  CrmConnectionInfo,
  OAuthClientCredentials,
  ProviderEndpoints,
  ProviderOAuth,
} from '../crm-adapter';
import { CrmError, isCrmError } from '../crm-error';
import type { SingleFlightLock } from '../resilience/single-flight';
import type { ConnectionCredentialStore, StoredCredentials } from './connection-store';

export interface CredentialRefreshEvent {
  connectionId: string;
  provider: string;
  outcome: 'refreshed' | 'reused' | 'rejected' | 'failed';
}

export interface ConnectionCredentialsOptions {
  connection: CrmConnectionInfo;
  store: ConnectionCredentialStore;
  lock: SingleFlightLock;
  oauth: ProviderOAuth | undefined;
  oauthClient: OAuthClientCredentials | undefined;
  endpoints: ProviderEndpoints;
  /** Refresh this long before the stored expiry (5 minutes by default). */
  refreshAheadMs: number;
  /** Timeout of one token-endpoint call. */
  refreshTimeoutMs: number;
  now: () => number;
  onRefresh?: (event: CredentialRefreshEvent) => void;
}

/**
 * One client's view of a connection's credentials: decrypted once, refreshed ahead of expiry and
 * once after a 401 that says expired. A refresh is single-flight across every process (a Redis lock,
 * then a re-read of the stored token), so four workers that notice an expired token together produce
 * one call to the token endpoint — two concurrent refreshes could otherwise invalidate each other.
 */
export class ConnectionCredentials {
  #current: StoredCredentials;

  constructor(
    initial: StoredCredentials,
    private readonly options: ConnectionCredentialsOptions,
  ) {
    this.#current = initial;
  }

  /** A usable access token, refreshed first when it expires within `refreshAheadMs`. */
  async accessToken(): Promise<string> {
    if (this.expiresSoon(this.#current)) await this.refresh(this.#current.accessToken);
    return this.#current.accessToken;
  }

  /**
   * The provider rejected `rejectedToken` as expired. Refreshes unless another caller already
   * replaced it, and returns the token to repeat the call with.
   */
  async afterRejection(rejectedToken: string): Promise<string> {
    await this.refresh(rejectedToken, true);
    return this.#current.accessToken;
  }

  private expiresSoon(credentials: StoredCredentials): boolean {
    return (
      credentials.expiresAt !== null &&
      credentials.expiresAt.getTime() - this.options.refreshAheadMs <= this.options.now()
    );
  }

  private async refresh(staleToken: string, rejected = false): Promise<void> {
    const { connection, store, lock } = this.options;
    await lock.runExclusive(
      `token-refresh:${connection.id}`,
      async () => {
        const stored = await store.loadCredentials(connection.id);
        if (stored === null) throw this.authError('AUTH_REVOKED', 'the connection has no stored credentials');
        // Someone else refreshed while we waited for the lock: use theirs.
        const replaced = stored.accessToken !== staleToken;
        if (replaced && !this.expiresSoon(stored)) {
          this.#current = stored;
          this.emit('reused');
          return;
        }
        if (!rejected && !this.expiresSoon(stored)) {
          this.#current = stored;
          return;
        }
        this.#current = await this.refreshStored(stored);
      },
      {
        ttlMs: this.options.refreshTimeoutMs + 5_000,
        waitMs: this.options.refreshTimeoutMs + 10_000,
        provider: connection.provider,
        operation: 'token.refresh',
      },
    );
  }

  private async refreshStored(stored: StoredCredentials): Promise<StoredCredentials> {
    const { connection, store, oauth, oauthClient, endpoints } = this.options;
    if (stored.refreshToken === null || oauth === undefined) {
      // A static token that the provider calls expired cannot be renewed by us.
      const error = this.authError('AUTH_REVOKED', 'the token expired and cannot be refreshed');
      await store.markNeedsReauth(connection.id, 'the CRM rejected the access token; reconnect it', error);
      this.emit('rejected');
      throw error;
    }
    if (oauthClient === undefined) {
      throw this.authError(
        'AUTH_EXPIRED',
        `no OAuth client is configured for ${connection.provider}; set its client id and secret`,
      );
    }
    try {
      const tokens = await oauth.refresh({
        endpoints,
        client: oauthClient,
        refreshToken: stored.refreshToken,
        signal: AbortSignal.timeout(this.options.refreshTimeoutMs),
      });
      const saved = await store.saveRefreshedCredentials(connection.id, stored.version, tokens);
      this.emit('refreshed');
      return saved;
    } catch (error) {
      if (isCrmError(error) && (error.code === 'AUTH_REVOKED' || error.code === 'INVALID_REQUEST')) {
        await store.markNeedsReauth(
          connection.id,
          'the CRM rejected the refresh token; an admin must reconnect',
          error,
        );
        this.emit('rejected');
        throw error.code === 'AUTH_REVOKED'
          ? error
          : this.authError('AUTH_REVOKED', 'the CRM rejected the refresh token');
      }
      this.emit('failed');
      throw error;
    }
  }

  private authError(code: 'AUTH_REVOKED' | 'AUTH_EXPIRED', message: string): CrmError {
    return new CrmError({
      code,
      provider: this.options.connection.provider,
      operation: 'token.refresh',
      providerMessage: message,
    });
  }

  private emit(outcome: CredentialRefreshEvent['outcome']): void {
    this.options.onRefresh?.({
      connectionId: this.options.connection.id,
      provider: this.options.connection.provider,
      outcome,
    });
  }
}
