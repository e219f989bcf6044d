import type { AuthKind, CrmAccount, OAuthTokenSet } from '@leadflow/crm';
import {
  type CrmConnection,
  type Prisma,
  type PrismaClient,
  isUniqueViolation,
  uuidV7,
} from '@leadflow/database';
import { recordConnectionEvent } from './connection-events';
import type { ConnectionSecrets } from './connection-secrets';

export class AccountConnectedElsewhereError extends Error {
  constructor(
    readonly provider: string,
    readonly externalAccountId: string,
  ) {
    super(`${provider} account ${externalAccountId} is already connected to another Leadflow tenant`);
    this.name = 'AccountConnectedElsewhereError';
  }
}

export interface AuthorizedConnection {
  tenantId: string;
  provider: string;
  authType: AuthKind;
  account: CrmAccount;
  name: string | null;
  settings: Record<string, unknown>;
  tokens: OAuthTokenSet;
}

export interface SaveOutcome {
  connection: CrmConnection;
  outcome: 'created' | 'reconnected';
}

/**
 * Writes connections that just proved their credentials. One CRM account has at most one live
 * connection across all tenants (a partial unique index): connecting it again from the same tenant
 * replaces the credentials and reactivates it; from another tenant it is refused, since both would
 * route the same leads.
 */
export class ConnectionRepository {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly secrets: ConnectionSecrets,
  ) {}

  async saveAuthorized(input: AuthorizedConnection): Promise<SaveOutcome> {
    const { tenantId, provider, account, tokens } = input;
    try {
      return await this.prisma.$transaction(async (tx) => {
        const existing = await tx.crmConnection.findFirst({
          where: { provider, externalAccountId: account.externalAccountId, status: { not: 'disconnected' } },
        });
        if (existing !== null && existing.tenantId !== tenantId) {
          throw new AccountConnectedElsewhereError(provider, account.externalAccountId);
        }
        const id = existing?.id ?? uuidV7();
        const sealed = this.secrets.seal(
          { tenantId, connectionId: id },
          { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken ?? null },
        );
        const data = {
          authType: input.authType,
          name: input.name ?? account.name ?? `${provider} ${account.externalAccountId}`,
          status: 'active' as const,
          statusReason: null,
          scopes: [...(tokens.scopes ?? account.scopes)],
          settings: input.settings as Prisma.InputJsonObject,
          accessToken: sealed.accessToken,
          refreshToken: sealed.refreshToken,
          credentialsKeyId: sealed.credentialsKeyId,
          tokenExpiresAt: tokens.expiresAt ?? null,
          lastRefreshedAt: null,
          connectedAt: new Date(),
        };
        if (existing !== null) {
          const connection = await tx.crmConnection.update({
            where: { id },
            data: { ...data, credentialsVersion: { increment: 1 } },
          });
          await recordConnectionEvent(tx, {
            tenantId,
            connectionId: id,
            kind: 'reconnected',
            message: `reconnected (${input.authType}); credentials replaced`,
          });
          return { connection, outcome: 'reconnected' as const };
        }
        const connection = await tx.crmConnection.create({
          data: { ...data, id, tenantId, provider, externalAccountId: account.externalAccountId },
        });
        await recordConnectionEvent(tx, {
          tenantId,
          connectionId: id,
          kind: 'connected',
          message: `connected (${input.authType}) to ${provider} account ${account.externalAccountId}`,
        });
        return { connection, outcome: 'created' as const };
      });
    } catch (error) {
      // Two tenants connecting the same account at once: the index lets one win.
      if (isUniqueViolation(error))
        throw new AccountConnectedElsewhereError(provider, account.externalAccountId);
      throw error;
    }
  }
}
