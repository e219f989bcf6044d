import {
  type ConnectionCredentialStore,
  connectionInfoOf,
  type CrmError,
  type OAuthTokenSet,
  type StoredConnection,
  type StoredCredentials,
} from '@leadflow/crm';
import type { Prisma, PrismaClient } from '@leadflow/database';
import { recordConnectionEvent } from './connection-events';
import type { ConnectionSecrets } from './connection-secrets';

/**
 * The factory's view of stored connections, over Postgres and the token vault. Uses the system
 * (unscoped) client: workers act for every tenant, and each row carries its tenant.
 */
export class PrismaConnectionStore implements ConnectionCredentialStore {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly secrets: ConnectionSecrets,
  ) {}

  async loadConnection(connectionId: string): Promise<StoredConnection | null> {
    const row = await this.prisma.crmConnection.findUnique({
      where: { id: connectionId },
      select: {
        id: true,
        tenantId: true,
        provider: true,
        authType: true,
        externalAccountId: true,
        settings: true,
        status: true,
        statusReason: true,
      },
    });
    if (row === null) return null;
    return {
      info: connectionInfoOf(row),
      status: row.status,
      statusReason: row.statusReason,
    };
  }

  async loadCredentials(connectionId: string): Promise<StoredCredentials | null> {
    const row = await this.prisma.crmConnection.findUnique({
      where: { id: connectionId },
      select: {
        tenantId: true,
        accessToken: true,
        refreshToken: true,
        tokenExpiresAt: true,
        credentialsVersion: true,
      },
    });
    if (row?.accessToken == null) return null;
    const plain = this.secrets.open(
      { tenantId: row.tenantId, connectionId },
      { accessToken: row.accessToken, refreshToken: row.refreshToken },
    );
    return { ...plain, expiresAt: row.tokenExpiresAt, version: row.credentialsVersion };
  }

  async saveRefreshedCredentials(
    connectionId: string,
    expectedVersion: number,
    tokens: OAuthTokenSet,
  ): Promise<StoredCredentials> {
    return this.prisma.$transaction(async (tx) => {
      const row = await tx.crmConnection.findUnique({
        where: { id: connectionId },
        select: { tenantId: true, refreshToken: true, credentialsVersion: true },
      });
      if (row === null || row.credentialsVersion !== expectedVersion) {
        // Someone stored newer credentials (another refresh, a reconnect): theirs win.
        const current = await this.loadCredentials(connectionId);
        if (current === null) throw new Error(`connection ${connectionId} lost its credentials`);
        return current;
      }
      const ref = { tenantId: row.tenantId, connectionId };
      // Providers that do not rotate refresh tokens omit them; keep the stored one.
      const refreshToken =
        tokens.refreshToken ??
        (row.refreshToken === null ? null : this.secrets.openRefreshToken(ref, row.refreshToken));
      const sealed = this.secrets.seal(ref, { accessToken: tokens.accessToken, refreshToken });
      const updated = await tx.crmConnection.updateMany({
        where: { id: connectionId, credentialsVersion: expectedVersion },
        data: {
          accessToken: sealed.accessToken,
          refreshToken: sealed.refreshToken,
          credentialsKeyId: sealed.credentialsKeyId,
          credentialsVersion: { increment: 1 },
          tokenExpiresAt: tokens.expiresAt ?? null,
          lastRefreshedAt: new Date(),
          ...(tokens.scopes === undefined ? {} : { scopes: [...tokens.scopes] }),
        },
      });
      if (updated.count === 0) {
        const current = await this.loadCredentials(connectionId);
        if (current === null) throw new Error(`connection ${connectionId} lost its credentials`);
        return current;
      }
      return {
        accessToken: tokens.accessToken,
        refreshToken,
        expiresAt: tokens.expiresAt ?? null,
        version: expectedVersion + 1,
      };
    });
  }

  async markNeedsReauth(connectionId: string, reason: string, error: CrmError): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      const changed = await tx.crmConnection.updateManyAndReturn({
        where: { id: connectionId, status: 'active' },
        data: { status: 'needs_reauth', statusReason: reason },
        select: { tenantId: true },
      });
      const row = changed[0];
      // Already marked (or paused, or gone): one event per transition, not per failed call.
      if (row === undefined) return;
      await recordConnectionEvent(tx, {
        tenantId: row.tenantId,
        connectionId,
        kind: 'needs_reauth',
        message: reason,
        details: errorDetails(error),
      });
    });
  }
}

function errorDetails(error: CrmError): Prisma.InputJsonObject {
  return {
    code: error.code,
    operation: error.operation,
    ...(error.status === undefined ? {} : { status: error.status }),
    ...(error.causeCode === undefined ? {} : { causeCode: error.causeCode }),
    ...(error.correlationId === undefined ? {} : { correlationId: error.correlationId }),
    message: error.message,
  };
}
