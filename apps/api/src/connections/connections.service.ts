import { Inject, Injectable } from '@nestjs/common';
import {
  ConnectionRepository,
  type CrmRuntime,
  recordConnectionEvent,
  type ConnectionEventKind,
} from '@leadflow/connections';
import {
  ConnectionUnavailableError,
  type CrmProviderAdapter,
  type CrmSourceCatalog,
  type CrmSourceSelection,
  type ICrmClient,
  rateLimitsFor,
  type SettingsProblem,
} from '@leadflow/crm';
import type { ApiConfig } from '@leadflow/config';
import { type Prisma, requireCurrentTenantId, type TenantScopedClient } from '@leadflow/database';
import { AuditLogService } from '../audit/audit-log.service';
import type { Principal } from '../auth/principal';
import { API_CONFIG, TENANT_DB } from '../database/database.tokens';
import { syncWebhooks, webhookUrl } from './webhook-subscriptions';
import { decodeCursor, type PaginationQuery, pageQuery, toPage } from '../http/pagination';
import { ApiProblem } from '../http/problem';
import { CRM_RUNTIME } from './crm-runtime.provider';
import { connectionProblem } from './crm-problem';
import type { CreateConnectionInput } from './connection.dto';
import { presentConnection, presentConnectionEvent } from './connection-view';
import { WebhookConnectionCache } from '../webhooks/webhook-connections';

export type WebhookDeliveryStatusName =
  'received' | 'rejected' | 'challenge' | 'queued' | 'processed' | 'failed';

/** Settings problems, as fields of the request body. */
export function settingsProblem(problems: SettingsProblem[], prefix = 'body.settings'): ApiProblem {
  return ApiProblem.validation(
    problems.map((p) => ({
      path: p.path ? `${prefix}.${p.path}` : prefix,
      message: p.message,
      code: 'invalid_setting',
    })),
  );
}

export function parseSettingsOrThrow(adapter: CrmProviderAdapter, input: unknown): Record<string, unknown> {
  const parsed = adapter.parseSettings(input);
  if ('problems' in parsed) throw settingsProblem(parsed.problems);
  return parsed.settings;
}

@Injectable()
export class ConnectionsService {
  constructor(
    @Inject(TENANT_DB) private readonly db: TenantScopedClient,
    @Inject(CRM_RUNTIME) private readonly crm: CrmRuntime,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly repository: ConnectionRepository,
    private readonly audit: AuditLogService,
    private readonly webhookConnections: WebhookConnectionCache,
  ) {}

  providers() {
    return {
      items: this.crm.adapters.descriptors.list().map((d) => ({
        name: d.name,
        displayName: d.displayName,
        authKinds: [...d.authKinds],
        oauthConfigured: d.oauth !== undefined && this.crm.providerConfig(d.name).oauthClient !== undefined,
        capabilities: { ...d.capabilities },
        objects: d.objects.map((o) => ({ type: o.type, displayName: o.displayName })),
        rateLimits: d.rateLimits.map((b) => ({
          bucket: b.bucket,
          limit: b.limit,
          intervalMs: b.intervalMs,
          authKind: b.authKind ?? null,
          note: b.note ?? null,
        })),
      })),
    };
  }

  /** Connects with a static token after proving it with a real call to the CRM. */
  async connectWithToken(principal: Principal, input: CreateConnectionInput, requestId: string) {
    const tenantId = requireCurrentTenantId();
    try {
      const adapter = this.crm.adapters.get(input.provider);
      if (!adapter.descriptor.authKinds.includes('token')) {
        throw ApiProblem.validation([
          {
            path: 'body.authType',
            message: `${adapter.descriptor.displayName} connects by OAuth only`,
            code: 'unsupported_auth',
          },
        ]);
      }
      const settings = parseSettingsOrThrow(adapter, input.settings);
      const client = this.crm.factory.forCredentials({
        tenantId,
        provider: input.provider,
        authType: 'token',
        accessToken: input.token,
        settings,
      });
      const account = await client.getAccount();
      const { connection, outcome } = await this.repository.saveAuthorized({
        tenantId,
        provider: input.provider,
        authType: 'token',
        account,
        name: input.name ?? null,
        settings,
        tokens: { accessToken: input.token, scopes: account.scopes },
      });
      await this.audit.record(
        principal,
        {
          action: `connection.${outcome}`,
          targetType: 'connection',
          targetId: connection.id,
          details: { provider: input.provider, externalAccountId: account.externalAccountId },
        },
        requestId,
      );
      return { connection: presentConnection(connection), created: outcome === 'created' };
    } catch (error) {
      throw connectionProblem(error, 'body.token');
    }
  }

  async list(query: PaginationQuery & { status?: 'active' | 'needs_reauth' | 'paused' | 'disconnected' }) {
    const page = pageQuery(query);
    const rows = await this.db.crmConnection.findMany({
      ...page,
      where: { ...page.where, ...(query.status ? { status: query.status } : {}) },
    });
    return toPage(rows, query, presentConnection);
  }

  async get(id: string) {
    return presentConnection(await this.find(id));
  }

  pause(principal: Principal, id: string, requestId: string) {
    return this.transition(principal, id, requestId, {
      from: ['active', 'needs_reauth'],
      to: 'paused',
      event: 'paused',
      message: 'paused by an admin: no calls, no intake',
      refusal: (status) => `a ${status} connection cannot be paused`,
    });
  }

  resume(principal: Principal, id: string, requestId: string) {
    return this.transition(principal, id, requestId, {
      from: ['paused'],
      to: 'active',
      event: 'resumed',
      message: 'resumed by an admin',
      refusal: (status) =>
        status === 'needs_reauth'
          ? 'the connection needs re-authorisation; connect it again instead of resuming'
          : `a ${status} connection cannot be resumed`,
    });
  }

  /** Erases the credentials and marks the connection disconnected; its history stays. */
  async disconnect(principal: Principal, id: string, requestId: string): Promise<void> {
    const row = await this.find(id);
    if (row.status === 'disconnected') return;
    await this.removeWebhooks(row.provider, id);
    await this.db.$transaction(async (tx) => {
      await tx.crmConnection.update({
        where: { id },
        data: {
          status: 'disconnected',
          statusReason: 'deleted by an admin',
          accessToken: null,
          refreshToken: null,
          credentialsKeyId: null,
          tokenExpiresAt: null,
          disconnectedAt: new Date(),
          credentialsVersion: { increment: 1 },
        },
      });
      await recordConnectionEvent(tx, {
        tenantId: row.tenantId,
        connectionId: id,
        kind: 'disconnected',
        message: 'deleted by an admin; credentials erased',
      });
      await this.audit.record(
        principal,
        { action: 'connection.deleted', targetType: 'connection', targetId: id },
        requestId,
        tx,
      );
    });
    // Its webhook URL answers 404 from now on in this process (others within the cache's TTL).
    this.webhookConnections.forget(id);
  }

  /** The containers leads can come from (Monday boards), for providers that have them. */
  async sources(id: string) {
    const client = await this.sourceCatalog(id);
    return {
      items: await client.sources.list().catch((error: unknown) => {
        throw connectionProblem(error, 'connection');
      }),
    };
  }

  /**
   * Stores the admin's choice of source and owner/status fields after checking them against the live
   * CRM, then subscribes the connection's webhooks for it (replacing subscriptions for another source).
   */
  async chooseSource(principal: Principal, id: string, selection: CrmSourceSelection, requestId: string) {
    const row = await this.find(id);
    const client = await this.sourceCatalog(id);
    const adapter = this.crm.adapters.get(row.provider);
    try {
      const problems = await client.sources.checkSelection(selection);
      if (problems.length > 0) {
        throw ApiProblem.validation(
          problems.map((p) => ({ path: `body.${p.field}`, message: p.message, code: 'invalid_source' })),
        );
      }
      const merged = adapter.settingsForSource?.(row.settings as Record<string, unknown>, selection) ?? {
        ...(row.settings as Record<string, unknown>),
        source: selection,
      };
      const settings = parseSettingsOrThrow(adapter, merged);
      const targetUrl = webhookUrl(this.config.publicBaseUrl, row.provider, id);
      const wanted = adapter.webhookSubscriptions?.(settings, targetUrl) ?? [];
      if (client.webhooks !== undefined) await syncWebhooks(client.webhooks, targetUrl, wanted);
      const updated = await this.db.$transaction(async (tx) => {
        const saved = await tx.crmConnection.update({
          where: { id },
          data: { settings: settings as Prisma.InputJsonObject },
        });
        await recordConnectionEvent(tx, {
          tenantId: row.tenantId,
          connectionId: id,
          kind: 'settings_changed',
          message: `source set to ${selection.sourceId}; ${wanted.length} webhook subscription(s)`,
          details: { ...selection },
        });
        await this.audit.record(
          principal,
          {
            action: 'connection.source_chosen',
            targetType: 'connection',
            targetId: id,
            details: { ...selection },
          },
          requestId,
          tx,
        );
        return saved;
      });
      this.webhookConnections.forget(id);
      return presentConnection(updated);
    } catch (error) {
      throw connectionProblem(error, 'body.sourceId');
    }
  }

  private async sourceCatalog(id: string): Promise<ICrmClient & { sources: CrmSourceCatalog }> {
    const row = await this.find(id);
    let client: ICrmClient;
    try {
      client = await this.crm.factory.forConnection(id);
    } catch (error) {
      if (error instanceof ConnectionUnavailableError) throw ApiProblem.conflict(error.message);
      throw error;
    }
    if (client.sources === undefined) {
      throw ApiProblem.validation(
        [
          {
            path: 'params.id',
            message: `${row.provider} connections have no boards to choose`,
            code: 'no_sources',
          },
        ],
        `${row.provider} routes objects chosen in the connection settings, not boards`,
      );
    }
    return client as ICrmClient & { sources: CrmSourceCatalog };
  }

  async health(id: string) {
    const row = await this.find(id);
    const adapter = this.crm.adapters.get(row.provider);
    const [breakers, rateLimits, events] = await Promise.all([
      this.crm.breakerBoard.read(id),
      Promise.all(
        rateLimitsFor(adapter.descriptor, row.authType).map(async (bucket) => ({
          bucket: bucket.bucket,
          limit: bucket.limit,
          intervalMs: bucket.intervalMs,
          remaining: await this.crm.limiter.headroom(`${id}:${bucket.bucket}`, bucket),
        })),
      ),
      this.db.crmConnectionEvent.findMany({
        where: { connectionId: id },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: 10,
      }),
    ]);
    return {
      id: row.id,
      provider: row.provider,
      status: row.status,
      statusReason: row.statusReason,
      tokenExpiresAt: row.tokenExpiresAt?.toISOString() ?? null,
      breakers,
      rateLimits,
      recentEvents: events.map(presentConnectionEvent),
    };
  }

  /** The webhook debugger: every delivery for the connection, refused ones with their reason. */
  async deliveries(id: string, query: PaginationQuery & { status?: WebhookDeliveryStatusName }) {
    await this.find(id);
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;
    const rows = await this.db.webhookDelivery.findMany({
      where: {
        connectionId: id,
        ...(query.status ? { status: query.status } : {}),
        ...(after
          ? {
              OR: [
                { receivedAt: { lt: after.createdAt } },
                { receivedAt: after.createdAt, id: { lt: after.id } },
              ],
            }
          : {}),
      },
      orderBy: [{ receivedAt: 'desc' }, { id: 'desc' }],
      take: query.limit + 1,
    });
    return toPage(
      rows.map((r) => ({ ...r, createdAt: r.receivedAt })),
      query,
      (r) => ({
        id: r.id,
        status: r.status,
        reason: r.reason,
        headers: r.headers as Record<string, string>,
        body: r.body,
        eventCount: r.eventCount,
        receivedAt: r.receivedAt.toISOString(),
        processedAt: r.processedAt?.toISOString() ?? null,
      }),
    );
  }

  async syncRuns(id: string, query: PaginationQuery) {
    await this.find(id);
    const page = pageQuery(query);
    const rows = await this.db.syncRun.findMany({ ...page, where: { ...page.where, connectionId: id } });
    return toPage(rows, query, (r) => ({
      id: r.id,
      objectType: r.objectType,
      windowStart: r.windowStart.toISOString(),
      windowEnd: r.windowEnd.toISOString(),
      itemsSeen: r.itemsSeen,
      itemsNew: r.itemsNew,
      pages: r.pages,
      durationMs: r.durationMs,
      error: r.error,
      createdAt: r.createdAt.toISOString(),
    }));
  }

  async setPolling(principal: Principal, id: string, intervalSeconds: number, requestId: string) {
    const row = await this.find(id);
    return this.db.$transaction(async (tx) => {
      const updated = await tx.crmConnection.update({
        where: { id },
        data: { pollIntervalSeconds: intervalSeconds },
      });
      await recordConnectionEvent(tx, {
        tenantId: row.tenantId,
        connectionId: id,
        kind: 'settings_changed',
        message: `polling every ${intervalSeconds} s`,
      });
      await this.audit.record(
        principal,
        {
          action: 'connection.polling_changed',
          targetType: 'connection',
          targetId: id,
          details: { intervalSeconds },
        },
        requestId,
        tx,
      );
      return presentConnection(updated);
    });
  }

  async events(id: string, query: PaginationQuery) {
    await this.find(id);
    const page = pageQuery(query);
    const rows = await this.db.crmConnectionEvent.findMany({
      ...page,
      where: { ...page.where, connectionId: id },
    });
    return toPage(rows, query, presentConnectionEvent);
  }

  /**
   * Best effort before the credentials are erased: a CRM that cannot be reached (or a connection
   * already rejected) keeps its subscriptions, and their deliveries are refused as unknown later.
   */
  private async removeWebhooks(provider: string, id: string): Promise<void> {
    try {
      const client = await this.crm.factory.forConnection(id);
      if (client.webhooks === undefined) return;
      await syncWebhooks(client.webhooks, webhookUrl(this.config.publicBaseUrl, provider, id), []);
    } catch {
      // Recorded as an event by the factory when the CRM rejected us; nothing else to do here.
    }
  }

  private async find(id: string) {
    const row = await this.db.crmConnection.findUnique({ where: { id } });
    if (row === null) throw ApiProblem.notFound(`Connection ${id}`);
    return row;
  }

  private async transition(
    principal: Principal,
    id: string,
    requestId: string,
    change: {
      from: readonly ('active' | 'needs_reauth' | 'paused' | 'disconnected')[];
      to: 'active' | 'paused';
      event: ConnectionEventKind;
      message: string;
      refusal: (status: string) => string;
    },
  ) {
    const row = await this.find(id);
    if (row.status === change.to) return presentConnection(row);
    if (!change.from.includes(row.status)) throw ApiProblem.conflict(change.refusal(row.status));
    return this.db.$transaction(async (tx) => {
      const updated = await tx.crmConnection.update({
        where: { id },
        data: { status: change.to, statusReason: change.to === 'paused' ? 'paused by an admin' : null },
      });
      await recordConnectionEvent(tx, {
        tenantId: row.tenantId,
        connectionId: id,
        kind: change.event,
        message: change.message,
      });
      await this.audit.record(
        principal,
        { action: `connection.${change.event}`, targetType: 'connection', targetId: id },
        requestId,
        tx,
      );
      return presentConnection(updated);
    });
  }
}
