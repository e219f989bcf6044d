import { Inject, Injectable } from '@nestjs/common';
import type { ApiConfig } from '@leadflow/config';
import { ConnectionRepository, type CrmRuntime, OAuthStateStore, pkcePair } from '@leadflow/connections';
import { CrmError, isCrmError } from '@leadflow/crm';
import { type Prisma, runInTenantScope } from '@leadflow/database';
import { AuditLogService } from '../audit/audit-log.service';
import type { Principal } from '../auth/principal';
import { API_CONFIG } from '../database/database.tokens';
import { ApiProblem, PROBLEM_TYPES } from '../http/problem';
import { CRM_RUNTIME } from './crm-runtime.provider';
import { presentConnection } from './connection-view';
import { parseSettingsOrThrow } from './connections.service';

/**
 * The OAuth authorization-code flow for any provider whose descriptor supports it: start (an
 * authorize URL carrying a single-use state bound to the tenant), then complete (exchange the
 * code, read the account, store the connection with encrypted tokens).
 */
@Injectable()
export class OAuthConnectService {
  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(CRM_RUNTIME) private readonly crm: CrmRuntime,
    private readonly states: OAuthStateStore,
    private readonly repository: ConnectionRepository,
    private readonly audit: AuditLogService,
  ) {}

  redirectUri(provider: string): string {
    return `${this.config.publicBaseUrl}/v1/oauth/${provider}/callback`;
  }

  async start(principal: Principal & { kind: 'api_key' }, provider: string, settingsInput: unknown) {
    const { adapter, oauth, client } = this.oauthProvider(provider);
    const settings = parseSettingsOrThrow(adapter, settingsInput);
    const pkce = adapter.descriptor.oauth?.pkce === true ? pkcePair() : undefined;
    const { state, expiresAt } = await this.states.issue({
      tenantId: principal.tenantId,
      provider,
      apiKeyId: principal.keyId,
      settings: settings as Prisma.InputJsonObject,
      ...(pkce === undefined ? {} : { codeVerifier: pkce.verifier }),
    });
    const authorizeUrl = oauth.authorizeUrl({
      endpoints: this.crm.providerConfig(provider).endpoints,
      clientId: client.clientId,
      redirectUri: this.redirectUri(provider),
      state,
      ...(pkce === undefined ? {} : { codeChallenge: pkce.challenge }),
    });
    return { authorizeUrl, expiresAt: expiresAt.toISOString() };
  }

  /**
   * Exchanges the code of a consent for tokens and stores the connection. `tenantId` is given when
   * the caller is authenticated (the console completing the flow); the public callback has only
   * the state to say which tenant started it.
   */
  async complete(input: { provider: string; code: string; state: string; tenantId?: string }) {
    const { oauth, client } = this.oauthProvider(input.provider);
    const pending = await this.states.consume(input.state, {
      provider: input.provider,
      ...(input.tenantId === undefined ? {} : { tenantId: input.tenantId }),
    });
    const endpoints = this.crm.providerConfig(input.provider).endpoints;
    const tokens = await oauth.exchangeCode({
      endpoints,
      client,
      code: input.code,
      redirectUri: this.redirectUri(input.provider),
      ...(pending.codeVerifier === null ? {} : { codeVerifier: pending.codeVerifier }),
    });
    const account = await this.crm.factory
      .forCredentials({
        tenantId: pending.tenantId,
        provider: input.provider,
        authType: 'oauth',
        accessToken: tokens.accessToken,
        settings: pending.settings,
      })
      .getAccount();
    if (tokens.externalAccountId !== undefined && tokens.externalAccountId !== account.externalAccountId) {
      throw new CrmError({
        code: 'INVALID_REQUEST',
        fields: [],
        provider: input.provider,
        operation: 'oauth.complete',
        providerMessage: 'the token response and the account API name different accounts',
      });
    }
    const { connection, outcome } = await this.repository.saveAuthorized({
      tenantId: pending.tenantId,
      provider: input.provider,
      authType: 'oauth',
      account,
      name: null,
      settings: pending.settings,
      tokens: { ...tokens, scopes: tokens.scopes ?? account.scopes },
    });
    await runInTenantScope(
      () =>
        this.audit.record(
          pending.apiKeyId === null
            ? { kind: 'bootstrap_token' }
            : {
                kind: 'api_key',
                keyId: pending.apiKeyId,
                prefix: 'oauth',
                tenantId: pending.tenantId,
                role: 'admin',
              },
          {
            action: `connection.${outcome}`,
            targetType: 'connection',
            targetId: connection.id,
            details: { provider: input.provider, externalAccountId: account.externalAccountId, via: 'oauth' },
          },
        ),
      pending.tenantId,
    );
    return { connection: presentConnection(connection), created: outcome === 'created' };
  }

  /** Where the browser goes after the public callback: the console's connection page. */
  consoleUrl(result: { connectionId: string } | { error: string; description: string }): string {
    const url = new URL(`${this.config.publicBaseUrl}/console/connections`);
    if ('connectionId' in result) {
      url.pathname += `/${result.connectionId}`;
      url.searchParams.set('connected', '1');
    } else {
      url.searchParams.set('error', result.error);
      url.searchParams.set('error_description', result.description);
    }
    return url.toString();
  }

  private oauthProvider(provider: string) {
    const adapter = this.crm.adapters.get(provider);
    const oauth = adapter.oauth;
    if (oauth === undefined || !adapter.descriptor.authKinds.includes('oauth')) {
      throw ApiProblem.validation([
        {
          path: 'params.provider',
          message: `${adapter.descriptor.displayName} does not connect by OAuth`,
          code: 'unsupported_auth',
        },
      ]);
    }
    const client = this.crm.providerConfig(provider).oauthClient;
    if (client === undefined) {
      const prefix = provider.toUpperCase().replace(/-/g, '_');
      throw new ApiProblem(
        503,
        PROBLEM_TYPES.unavailable,
        'OAuth not configured',
        `${adapter.descriptor.displayName} OAuth is not configured on this deployment: set ${prefix}_CLIENT_ID and ${prefix}_CLIENT_SECRET`,
      );
    }
    return { adapter, oauth, client };
  }
}

/** A short machine code for the console, from whatever stopped the flow. */
export function oauthFailureCode(error: unknown): string {
  if (isCrmError(error)) return `crm_${error.code.toLowerCase()}`;
  if (error instanceof ApiProblem) return error.errors?.[0]?.code ?? error.problemType;
  return 'internal_error';
}
