import {
  type AssignmentOutcome,
  type ChangedLeadsQuery,
  type CrmAccount,
  type CrmAdapterContext,
  CrmError,
  type CrmOwner,
  type CrmPage,
  type CrmRecord,
  type FetchLeadsResult,
  type ICrmClient,
  isCrmError,
  type OwnerAssignment,
  type RecordReadOptions,
} from '@leadflow/crm';
import type { DiscoveredField } from '@leadflow/field-mapping';
import type { RecordWriteResults } from './assignment-outcomes';
import {
  changedRecordsSearch,
  encodeChangeCursor,
  type HubSpotSearchRequest,
  newestRecordsSearch,
  nextChangeCursor,
  resumeChangeCursor,
  searchPageSize,
} from './change-cursor';
import { crmOwners } from './crm-owners';
import { discoveredFields, type PipelineStage, pipelineStages } from './discovered-fields';
import { callHubSpot, hubSpotUrl, requestHubSpotJson, untilAborted } from './hubspot-call';
import { hubSpotObject, type HubSpotObjectFacts, hubSpotRecordObject } from './hubspot-objects';
import {
  type HubSpotAccountDetailsJson,
  type HubSpotIntrospectionJson,
  type HubSpotObjectJson,
  type HubSpotOwnerJson,
  type HubSpotOwnersPageJson,
  type HubSpotPipelineJson,
  type HubSpotPropertyJson,
  type HubSpotSearchPageJson,
  type HubSpotTokenInfoJson,
  plainJson,
} from './hubspot-payloads';
import { type HubSpotApis, HubSpotSdkCache } from './hubspot-sdk';
import { ownerUpdateInputs, HubSpotOwnerWriter } from './owner-writer';
import { isoTime, missingIds } from './record-mapping';
import { HubSpotRecordReader, recordProperties } from './record-reader';
import { type HubSpotSettings, parseHubSpotSettings } from './settings';

type SdkSearchRequest = Parameters<HubSpotApis['objectsSearch']['doSearch']>[1];

const OWNERS_PAGE_SIZE = 500;

/**
 * {@link ICrmClient} for one HubSpot connection, on `@hubspot/api-client`. Every HTTP request is one
 * `context.transport.call`; this class holds only HubSpot knowledge (endpoints, payloads, limits).
 */
export class HubSpotCrmClient implements ICrmClient {
  readonly provider = 'hubspot';

  /**
   * Not managed per connection: HubSpot webhook subscriptions belong to the app (developer API, with
   * the app id and developer key) and one set serves every portal that installed it; private apps set
   * theirs in the app's settings page. Nothing here could list or change them with a portal's token.
   */
  readonly webhooks: undefined = undefined;

  private readonly settings: HubSpotSettings;
  private readonly sdk: HubSpotSdkCache;
  private readonly reader: HubSpotRecordReader;
  private readonly writer: HubSpotOwnerWriter;

  constructor(private readonly context: CrmAdapterContext) {
    const parsed = parseHubSpotSettings(context.connection.settings);
    if ('problems' in parsed) {
      throw new CrmError({
        code: 'INVALID_REQUEST',
        provider: this.provider,
        operation: 'settings',
        fields: parsed.problems.map((p) => ({ field: p.path, message: p.message })),
      });
    }
    this.settings = parsed.settings;
    this.sdk = new HubSpotSdkCache(context.endpoints.apiBaseUrl);
    this.reader = new HubSpotRecordReader(context.transport, this.sdk);
    this.writer = new HubSpotOwnerWriter(context.transport, this.sdk);
  }

  async getAccount(): Promise<CrmAccount> {
    const [details, token] = await Promise.all([this.accountDetails(), this.tokenInfo()]);
    return {
      externalAccountId: String(details.portalId),
      name: details.portalName ?? token.hubDomain ?? null,
      scopes: token.scopes ?? [],
    };
  }

  async listOwners(): Promise<CrmOwner[]> {
    const [active, archived] = await Promise.all([this.ownerPages(false), this.ownerPages(true)]);
    return crmOwners(active, archived);
  }

  async listFields(objectType: string): Promise<DiscoveredField[]> {
    const facts = hubSpotObject(objectType, 'properties.list');
    const isPrimary = facts.type === this.settings.primaryObject;
    if (!isPrimary && facts.singular === 'lead') {
      // Mappings read `lead` as the routed record itself; a non-primary Leads object has no source name.
      throw new CrmError({
        code: 'INVALID_REQUEST',
        provider: this.provider,
        operation: 'properties.list',
        fields: [
          {
            field: 'objectType',
            message: `leads are not read when the connection routes ${this.settings.primaryObject}`,
          },
        ],
      });
    }
    const [properties, stages] = await Promise.all([this.properties(facts), this.pipelineStages(facts)]);
    return discoveredFields(
      isPrimary ? 'lead' : facts.singular,
      properties,
      facts.stageProperty === undefined ? undefined : { property: facts.stageProperty, stages },
    );
  }

  async fetchLeads(
    objectType: string,
    ids: readonly string[],
    options?: RecordReadOptions,
  ): Promise<FetchLeadsResult> {
    const facts = hubSpotRecordObject(objectType, 'fetchLeads');
    const requested = [...new Set(ids)];
    if (requested.length === 0) return { records: [], missing: [] };
    const found = await this.reader.readObjects(facts, requested, recordProperties(facts, options));
    const byId = new Map(found.map((o) => [String(o.id), o]));
    const ordered = requested.flatMap((id) => {
      const object = byId.get(id);
      return object === undefined ? [] : [object];
    });
    const records = await this.reader.withAssociations(facts, ordered, options);
    return { records, missing: missingIds(requested, ordered) };
  }

  async listChangedLeads(query: ChangedLeadsQuery, options?: RecordReadOptions): Promise<CrmPage<CrmRecord>> {
    const facts = hubSpotRecordObject(query.objectType, 'listChangedLeads');
    const cursor = resumeChangeCursor(query.cursor, query.since);
    if (cursor === undefined) {
      throw new CrmError({
        code: 'INVALID_REQUEST',
        provider: this.provider,
        operation: 'listChangedLeads',
        fields: [{ field: 'cursor', message: 'not a cursor this adapter issued' }],
      });
    }
    if (query.until.getTime() <= query.since.getTime()) return { items: [], nextCursor: null };

    const pageSize = searchPageSize(query.limit);
    const page = await this.search(
      facts,
      changedRecordsSearch({
        cursor,
        modifiedProperty: facts.modifiedProperty,
        until: query.until,
        pageSize,
        properties: recordProperties(facts, options),
      }),
    );
    const next = nextChangeCursor(
      cursor,
      {
        results: page.results.map((r) => ({ id: String(r.id), modifiedAt: modifiedAt(r, facts) })),
        nextAfter: page.paging?.next?.after ?? null,
      },
      pageSize,
    );
    const items = await this.reader.withAssociations(facts, page.results, options);
    return { items, nextCursor: next === null ? null : encodeChangeCursor(next) };
  }

  async sampleLeads(objectType: string, limit: number, options?: RecordReadOptions): Promise<CrmRecord[]> {
    const facts = hubSpotRecordObject(objectType, 'sampleLeads');
    if (!(limit >= 1)) return [];
    const page = await this.search(
      facts,
      newestRecordsSearch(facts.createdProperty, limit, recordProperties(facts, options)),
    );
    return this.reader.withAssociations(facts, page.results, options);
  }

  async assignOwner(objectType: string, assignment: OwnerAssignment): Promise<void> {
    const results = await this.writeOwners(objectType, [assignment]);
    const error = results.get(assignment.externalId);
    if (error !== undefined && error !== null) throw error;
  }

  async assignOwners(
    objectType: string,
    assignments: readonly OwnerAssignment[],
  ): Promise<AssignmentOutcome[]> {
    const results = await this.writeOwners(objectType, assignments);
    return assignments.map(({ externalId }): AssignmentOutcome => {
      const error = results.get(externalId);
      return error === undefined || error === null
        ? { externalId, ok: true }
        : { externalId, ok: false, code: error.code, message: error.message };
    });
  }

  private async writeOwners(
    objectType: string,
    assignments: readonly OwnerAssignment[],
  ): Promise<RecordWriteResults> {
    const facts = hubSpotRecordObject(objectType, 'assignOwners');
    if (assignments.length === 0) return new Map();
    return this.writer.write(facts, ownerUpdateInputs(facts, assignments, this.settings.leadStageOnAssign));
  }

  private search(facts: HubSpotObjectFacts, request: HubSpotSearchRequest): Promise<HubSpotSearchPageJson> {
    return callHubSpot(
      this.context.transport,
      { operation: `${facts.type}.search`, family: 'search', bucket: 'search' },
      async ({ accessToken, signal }) => {
        // The SDK types `sorts` as strings; HubSpot takes (and documents) `{propertyName, direction}`.
        const body = request as unknown as SdkSearchRequest;
        const page = await untilAborted(signal, () =>
          this.sdk.for(accessToken).objectsSearch.doSearch(facts.type, body),
        );
        return plainJson<HubSpotSearchPageJson>(page);
      },
    );
  }

  private accountDetails(): Promise<HubSpotAccountDetailsJson> {
    const operation = 'account.details';
    return callHubSpot(
      this.context.transport,
      { operation, family: 'metadata', bucket: 'default' },
      ({ accessToken, signal }) =>
        requestHubSpotJson<HubSpotAccountDetailsJson>({
          url: hubSpotUrl(this.context.endpoints.apiBaseUrl, '/account-info/v3/details'),
          method: 'GET',
          operation,
          accessToken,
          signal,
        }),
    );
  }

  /** The token's scopes, from the endpoint that matches how the connection authenticates. */
  private tokenInfo(): Promise<HubSpotTokenInfoJson> {
    const operation = 'account.tokenInfo';
    const spec = { operation, family: 'metadata', bucket: 'default' } as const;
    const oauthClient = this.context.oauthClient;
    if (this.context.connection.authType === 'oauth' && oauthClient !== undefined) {
      // v3 introspection: the token travels in the body. The v1 endpoint puts it in the URL path,
      // where proxies and HTTP spans record it, and is deprecated for 2027-02-16.
      return callHubSpot(this.context.transport, spec, async ({ accessToken, signal }) => {
        const info = await requestHubSpotJson<HubSpotIntrospectionJson>({
          url: hubSpotUrl(this.context.endpoints.apiBaseUrl, '/oauth/v3/token/introspect'),
          method: 'POST',
          operation,
          signal,
          body: {
            form: {
              client_id: oauthClient.clientId,
              client_secret: oauthClient.clientSecret,
              token: accessToken,
              token_type_hint: 'access_token',
            },
          },
        });
        if (info.active !== true) {
          throw new CrmError({
            code: 'AUTH_REVOKED',
            provider: this.provider,
            operation,
            providerMessage: 'token introspection says the access token is not active',
          });
        }
        return {
          ...(info.hub_id === undefined ? {} : { hubId: info.hub_id }),
          ...(info.scopes === undefined ? {} : { scopes: info.scopes }),
          ...(info.hub_domain === undefined ? {} : { hubDomain: info.hub_domain }),
        };
      });
    }
    if (this.context.connection.authType === 'oauth') {
      // No client configured here (a process without HUBSPOT_CLIENT_SECRET): the legacy endpoint,
      // GET /oauth/v1/access-tokens/{token}, deprecated for 2027-02-16. Our span processor scrubs
      // the token from the recorded URL.
      return callHubSpot(this.context.transport, spec, async ({ accessToken, signal }) =>
        plainJson<HubSpotTokenInfoJson>(
          await untilAborted(signal, () => this.sdk.for(accessToken).accessTokens.get(accessToken)),
        ),
      );
    }
    // Private apps. The token goes in the body as well as the header (EU-hosted tokens need the header).
    return callHubSpot(this.context.transport, spec, ({ accessToken, signal }) =>
      requestHubSpotJson<HubSpotTokenInfoJson>({
        url: hubSpotUrl(this.context.endpoints.apiBaseUrl, '/oauth/v2/private-apps/get/access-token-info'),
        method: 'POST',
        operation,
        accessToken,
        signal,
        body: { json: { tokenKey: accessToken } },
      }),
    );
  }

  private async ownerPages(archived: boolean): Promise<HubSpotOwnerJson[]> {
    const owners: HubSpotOwnerJson[] = [];
    let after: string | undefined;
    do {
      const cursor = after;
      const page = await callHubSpot(
        this.context.transport,
        { operation: 'owners.list', family: 'metadata', bucket: 'default' },
        async ({ accessToken, signal }) =>
          plainJson<HubSpotOwnersPageJson>(
            await untilAborted(signal, () =>
              this.sdk.for(accessToken).owners.getPage(undefined, cursor, OWNERS_PAGE_SIZE, archived),
            ),
          ),
      );
      owners.push(...page.results);
      after = page.paging?.next?.after;
    } while (after !== undefined && after !== '');
    return owners;
  }

  private properties(facts: HubSpotObjectFacts): Promise<HubSpotPropertyJson[]> {
    return callHubSpot(
      this.context.transport,
      { operation: `${facts.type}.properties.list`, family: 'metadata', bucket: 'default' },
      async ({ accessToken, signal }) => {
        const response = await untilAborted(signal, () =>
          this.sdk.for(accessToken).properties.getAll(facts.type),
        );
        return plainJson<{ results: HubSpotPropertyJson[] }>(response).results;
      },
    );
  }

  /**
   * Stages of the object's pipelines for won/lost hints. Hints are a convenience for the mapping wizard:
   * a portal where pipelines cannot be read (no such endpoint, no scope) gets fields without them.
   */
  private async pipelineStages(facts: HubSpotObjectFacts): Promise<PipelineStage[]> {
    if (facts.stageProperty === undefined) return [];
    try {
      const pipelines = await callHubSpot(
        this.context.transport,
        { operation: `${facts.type}.pipelines.list`, family: 'metadata', bucket: 'default' },
        async ({ accessToken, signal }) => {
          const response = await untilAborted(signal, () =>
            this.sdk.for(accessToken).pipelines.getAll(facts.type),
          );
          return plainJson<{ results: HubSpotPipelineJson[] }>(response).results;
        },
      );
      return pipelineStages(pipelines.filter((p) => p.archived !== true));
    } catch (err) {
      if (isCrmError(err) && (err.code === 'NOT_FOUND' || err.code === 'INSUFFICIENT_SCOPE')) return [];
      throw err;
    }
  }
}

/** When a search result last changed (epoch ms), by the property the search filters on. */
function modifiedAt(object: HubSpotObjectJson, facts: HubSpotObjectFacts): number | null {
  const iso = isoTime(object.properties[facts.modifiedProperty]) ?? isoTime(object.updatedAt);
  return iso === null ? null : Date.parse(iso);
}
