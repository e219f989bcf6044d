import type { TokenVault } from '@leadflow/security';

/** Which row a secret belongs to: bound into the ciphertext, so it cannot be moved to another. */
export interface ConnectionRef {
  tenantId: string;
  connectionId: string;
}

export interface PlainCredentials {
  accessToken: string;
  refreshToken: string | null;
}

export interface SealedCredentials {
  accessToken: string;
  refreshToken: string | null;
  /** The vault key both envelopes were sealed with. */
  credentialsKeyId: string;
}

export const ACCESS_TOKEN_FIELD = 'crm_connection.access_token';
export const REFRESH_TOKEN_FIELD = 'crm_connection.refresh_token';

/** Seals and opens a connection's tokens with the token vault; the only place that does. */
export class ConnectionSecrets {
  constructor(private readonly vault: TokenVault) {}

  get activeKeyId(): string {
    return this.vault.activeKeyId;
  }

  seal(ref: ConnectionRef, credentials: PlainCredentials): SealedCredentials {
    return {
      accessToken: this.vault.encrypt(credentials.accessToken, this.context(ref, ACCESS_TOKEN_FIELD)),
      refreshToken:
        credentials.refreshToken === null
          ? null
          : this.vault.encrypt(credentials.refreshToken, this.context(ref, REFRESH_TOKEN_FIELD)),
      credentialsKeyId: this.vault.activeKeyId,
    };
  }

  open(ref: ConnectionRef, sealed: { accessToken: string; refreshToken: string | null }): PlainCredentials {
    return {
      accessToken: this.vault.decrypt(sealed.accessToken, this.context(ref, ACCESS_TOKEN_FIELD)),
      refreshToken:
        sealed.refreshToken === null
          ? null
          : this.vault.decrypt(sealed.refreshToken, this.context(ref, REFRESH_TOKEN_FIELD)),
    };
  }

  openRefreshToken(ref: ConnectionRef, envelope: string): string {
    return this.vault.decrypt(envelope, this.context(ref, REFRESH_TOKEN_FIELD));
  }

  /** Re-encrypts with the active key (decrypting with whichever ring key sealed it). */
  reseal(
    ref: ConnectionRef,
    sealed: { accessToken: string; refreshToken: string | null },
  ): SealedCredentials {
    return this.seal(ref, this.open(ref, sealed));
  }

  private context(ref: ConnectionRef, field: string) {
    return { tenantId: ref.tenantId, recordId: ref.connectionId, field };
  }
}
