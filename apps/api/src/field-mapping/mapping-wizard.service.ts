import { Inject, Injectable } from '@nestjs/common';
import type { CrmRuntime } from '@leadflow/connections';
import {
  type CrmProviderAdapter,
  type CrmRecord,
  type ICrmClient,
  isCrmError,
  mappingScopeOf,
} from '@leadflow/crm';
import { type Prisma, requireCurrentTenantId, type TenantScopedClient } from '@leadflow/database';
import {
  type DiscoveredField,
  diffMappings,
  type FieldMapping,
  type FieldMappingInput,
  fieldMappingSchema,
  type MappingProblem,
  normalize,
  type NormalizeIssue,
  suggestMapping,
  validate,
} from '@leadflow/field-mapping';
import { readOptionsFor } from '@leadflow/intake';
import { AuditLogService } from '../audit/audit-log.service';
import type { Principal } from '../auth/principal';
import { CRM_RUNTIME } from '../connections/crm-runtime.provider';
import { crmProblem } from '../connections/crm-problem';
import { TENANT_DB } from '../database/database.tokens';
import { ApiProblem, PROBLEM_TYPES } from '../http/problem';

/** Discovered fields are reused for this long unless the admin asks for a refresh. */
const FIELD_CACHE_MS = 60 * 60_000;
const SAMPLE_RECORDS = 5;
const SAMPLES_PER_FIELD = 3;
/** Properties asked for per object when sampling; HubSpot accepts long lists in a POST body. */
const MAX_SAMPLED_PROPERTIES = 250;

export type FieldWithSamples = Omit<DiscoveredField, 'options'> & {
  options?: DiscoveredField['options'] extends readonly (infer O)[] | undefined ? O[] : never;
  samples: string[];
};

type MappingObject = 'lead' | 'contact' | 'company' | 'deal';

function actorOf(principal: Principal): string {
  return principal.kind === 'api_key' ? `lf_${principal.prefix}` : 'bootstrap token';
}

/** The value a field shows on a record, as text for the wizard. */
function fieldValue(record: CrmRecord, field: DiscoveredField): unknown {
  if (field.object === 'column') return record.columns?.[field.name]?.text ?? null;
  if (field.object === 'lead') return record.properties[field.name];
  const associated = record.associations?.[field.object as 'contact' | 'company' | 'deal'];
  return associated?.[field.name];
}

function asSample(value: unknown): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 100 ? `${text.slice(0, 99)}…` : text;
}

/**
 * The mapping wizard's API (discover, suggest, draft, preview on live records, publish, versions,
 * diff) for one connection and routed object. Everything CRM-specific goes through `ICrmClient`
 * and the provider's adapter (default mapping, mapping scope).
 */
@Injectable()
export class MappingWizardService {
  constructor(
    @Inject(TENANT_DB) private readonly db: TenantScopedClient,
    @Inject(CRM_RUNTIME) private readonly crm: CrmRuntime,
    private readonly audit: AuditLogService,
  ) {}

  async fields(connectionId: string, objectQuery: string | undefined, refresh: boolean) {
    const context = await this.context(connectionId, objectQuery);
    const cached = await this.db.discoveredFields.findUnique({
      where: { connectionId_objectType: { connectionId, objectType: context.object } },
    });
    if (cached !== null && !refresh && Date.now() - cached.fetchedAt.getTime() < FIELD_CACHE_MS) {
      return {
        object: context.object,
        fetchedAt: cached.fetchedAt.toISOString(),
        fields: cached.fields as unknown as FieldWithSamples[],
      };
    }
    const fields = await this.discover(connectionId, context.object, context.fieldObjects);
    const fetchedAt = new Date();
    await this.db.discoveredFields.upsert({
      where: { connectionId_objectType: { connectionId, objectType: context.object } },
      create: {
        tenantId: requireCurrentTenantId(),
        connectionId,
        objectType: context.object,
        fields: fields as unknown as Prisma.InputJsonArray,
        fetchedAt,
      },
      update: { fields: fields as unknown as Prisma.InputJsonArray, fetchedAt },
    });
    return { object: context.object, fetchedAt: fetchedAt.toISOString(), fields };
  }

  async suggestions(connectionId: string, objectQuery: string | undefined) {
    const context = await this.context(connectionId, objectQuery);
    const { fields } = await this.fields(connectionId, context.object, false);
    return { object: context.object, ...this.suggest(context.adapter, context.object, fields) };
  }

  async draft(connectionId: string, objectQuery: string | undefined) {
    const context = await this.context(connectionId, objectQuery);
    const { fields } = await this.fields(connectionId, context.object, false);
    const saved = await this.db.fieldMappingDraft.findUnique({
      where: { connectionId_objectType: { connectionId, objectType: context.object } },
    });
    if (saved !== null) {
      return this.presentDraft(
        context.object,
        'draft',
        saved.basedOnVersion,
        saved.mapping,
        fields,
        saved.updatedAt,
      );
    }
    const active = await this.activeVersion(connectionId, context.object);
    if (active !== null)
      return this.presentDraft(context.object, 'version', active.version, active.mapping, fields, null);
    const suggestion = this.suggest(context.adapter, context.object, fields).mapping;
    return this.presentDraft(context.object, 'suggestion', null, suggestion, fields, null);
  }

  async saveDraft(
    principal: Principal,
    connectionId: string,
    objectQuery: string | undefined,
    mapping: FieldMappingInput,
    requestId: string,
  ) {
    const context = await this.context(connectionId, objectQuery);
    const active = await this.activeVersion(connectionId, context.object);
    const json = mapping as unknown as Prisma.InputJsonObject;
    await this.db.$transaction(async (tx) => {
      await tx.fieldMappingDraft.upsert({
        where: { connectionId_objectType: { connectionId, objectType: context.object } },
        create: {
          tenantId: requireCurrentTenantId(),
          connectionId,
          objectType: context.object,
          mapping: json,
          basedOnVersion: active?.version ?? null,
          updatedBy: actorOf(principal),
        },
        update: { mapping: json, updatedBy: actorOf(principal) },
      });
      await this.audit.record(
        principal,
        {
          action: 'mapping.draft_saved',
          targetType: 'connection',
          targetId: connectionId,
          details: { object: context.object },
        },
        requestId,
        tx,
      );
    });
    return this.draft(connectionId, context.object);
  }

  /** Applies a mapping to recent records fetched live, side by side with what the CRM returned. */
  async preview(
    connectionId: string,
    objectQuery: string | undefined,
    input: { limit: number; mapping?: FieldMappingInput | undefined },
  ) {
    const context = await this.context(connectionId, objectQuery);
    const draft = await this.draft(connectionId, context.object);
    const mapping = (input.mapping ?? draft.mapping) as FieldMappingInput;
    const client = await this.client(connectionId);
    const records = await this.crmCall(() =>
      client.sampleLeads(context.object, input.limit, readOptionsFor(mapping)),
    );
    return {
      object: context.object,
      records: records.map((record) => {
        const result = normalize(record, mapping);
        return {
          externalId: record.externalId,
          raw: {
            properties: record.properties,
            ...(record.associations === undefined ? {} : { associations: record.associations }),
            ...(record.columns === undefined ? {} : { columns: record.columns }),
            ...(record.ownerId === undefined ? {} : { ownerId: record.ownerId }),
          },
          lead: result.ok ? (result.lead as unknown as Record<string, unknown>) : null,
          errors: result.ok ? [] : result.errors.map(presentIssue),
          warnings: result.warnings.map(presentIssue),
        };
      }),
    };
  }

  /** Validates the draft against the discovered fields and makes it the next immutable version. */
  async publish(
    principal: Principal,
    connectionId: string,
    objectQuery: string | undefined,
    requestId: string,
  ) {
    const context = await this.context(connectionId, objectQuery);
    const draft = await this.draft(connectionId, context.object);
    const errors = draft.problems.filter((p) => p.severity === 'error');
    if (errors.length > 0) {
      throw new ApiProblem(
        422,
        PROBLEM_TYPES.unprocessable,
        'Mapping cannot be published',
        `${errors.length} problem${errors.length === 1 ? '' : 's'} must be fixed first`,
        errors.map((p) => ({ path: p.path, message: p.message, code: p.code })),
      );
    }
    const mapping: FieldMapping = fieldMappingSchema.parse(draft.mapping);
    const created = await this.db.$transaction(async (tx) => {
      const latest = await tx.fieldMappingVersion.findFirst({
        where: { connectionId, objectType: context.object },
        orderBy: { version: 'desc' },
        select: { version: true },
      });
      const version = await tx.fieldMappingVersion.create({
        data: {
          tenantId: requireCurrentTenantId(),
          connectionId,
          objectType: context.object,
          version: (latest?.version ?? 0) + 1,
          mapping: mapping as unknown as Prisma.InputJsonObject,
          publishedBy: actorOf(principal),
        },
      });
      await tx.fieldMappingDraft.deleteMany({ where: { connectionId, objectType: context.object } });
      await this.audit.record(
        principal,
        {
          action: 'mapping.published',
          targetType: 'connection',
          targetId: connectionId,
          details: { object: context.object, version: version.version },
        },
        requestId,
        tx,
      );
      return version;
    });
    return this.presentVersion(created, true);
  }

  async versions(connectionId: string, objectQuery: string | undefined) {
    const context = await this.context(connectionId, objectQuery);
    const rows = await this.db.fieldMappingVersion.findMany({
      where: { connectionId, objectType: context.object },
      orderBy: { version: 'desc' },
    });
    return {
      items: rows.map((row, i) => {
        const { mapping: _mapping, ...rest } = this.presentVersion(row, i === 0);
        return rest;
      }),
    };
  }

  async version(connectionId: string, objectQuery: string | undefined, version: number) {
    const context = await this.context(connectionId, objectQuery);
    const row = await this.findVersion(connectionId, context.object, version);
    const active = await this.activeVersion(connectionId, context.object);
    return this.presentVersion(row, active?.version === row.version);
  }

  async diff(connectionId: string, objectQuery: string | undefined, from: number, to: number) {
    const context = await this.context(connectionId, objectQuery);
    const [a, b] = await Promise.all([
      this.findVersion(connectionId, context.object, from),
      this.findVersion(connectionId, context.object, to),
    ]);
    return {
      from,
      to,
      ...diffMappings(a.mapping as unknown as FieldMapping, b.mapping as unknown as FieldMapping),
    };
  }

  private suggest(adapter: CrmProviderAdapter, object: string, fields: readonly FieldWithSamples[]) {
    const defaults: FieldMappingInput = adapter.defaultMapping(object, fields) ?? {
      fields: [{ target: 'externalId', sources: [{ kind: 'record', field: 'externalId' }], required: true }],
    };
    const suggestion = suggestMapping(fields, defaults, { recordObject: 'lead' });
    return {
      mapping: suggestion.mapping as unknown as Record<string, unknown>,
      fields: suggestion.fields,
      statusParity: suggestion.statusParity,
    };
  }

  private async discover(
    connectionId: string,
    object: string,
    fieldObjects: readonly string[],
  ): Promise<FieldWithSamples[]> {
    const client = await this.client(connectionId);
    const lists = await this.crmCall(() => Promise.all(fieldObjects.map((o) => client.listFields(o))));
    const seen = new Set<string>();
    const fields = lists.flat().filter((f) => {
      const key = `${f.object}\u0000${f.name}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    const properties: Partial<Record<MappingObject, string[]>> = {};
    for (const field of fields) {
      if (field.object === 'column') continue;
      const list = (properties[field.object as MappingObject] ??= []);
      if (list.length < MAX_SAMPLED_PROPERTIES) list.push(field.name);
    }
    // Samples help the admin recognise a field; a CRM that cannot give them still has fields.
    const records = await client
      .sampleLeads(object, SAMPLE_RECORDS, { properties })
      .catch(() => [] as CrmRecord[]);
    return fields.map((field) => {
      const samples = new Set<string>();
      for (const record of records) {
        const sample = asSample(fieldValue(record, field));
        if (sample !== undefined) samples.add(sample);
        if (samples.size === SAMPLES_PER_FIELD) break;
      }
      const { options, ...rest } = field;
      return { ...rest, ...(options === undefined ? {} : { options: [...options] }), samples: [...samples] };
    });
  }

  private presentDraft(
    object: string,
    origin: 'draft' | 'version' | 'suggestion',
    basedOnVersion: number | null,
    mapping: unknown,
    fields: readonly DiscoveredField[],
    updatedAt: Date | null,
  ) {
    const problems: MappingProblem[] = validate(mapping, fields, { recordObject: 'lead' });
    return {
      object,
      origin,
      basedOnVersion,
      mapping: mapping as Record<string, unknown>,
      problems,
      updatedAt: updatedAt?.toISOString() ?? null,
    };
  }

  private presentVersion(
    row: {
      id: string;
      objectType: string;
      version: number;
      mapping: unknown;
      publishedBy: string;
      createdAt: Date;
    },
    active: boolean,
  ) {
    return {
      id: row.id,
      object: row.objectType,
      version: row.version,
      active,
      mapping: row.mapping as Record<string, unknown>,
      publishedBy: row.publishedBy,
      createdAt: row.createdAt.toISOString(),
    };
  }

  private activeVersion(connectionId: string, object: string) {
    return this.db.fieldMappingVersion.findFirst({
      where: { connectionId, objectType: object },
      orderBy: { version: 'desc' },
    });
  }

  private async findVersion(connectionId: string, object: string, version: number) {
    const row = await this.db.fieldMappingVersion.findFirst({
      where: { connectionId, objectType: object, version },
    });
    if (row === null) throw ApiProblem.notFound(`Mapping version ${version} of ${object}`);
    return row;
  }

  private async context(connectionId: string, objectQuery: string | undefined) {
    const row = await this.db.crmConnection.findUnique({ where: { id: connectionId } });
    if (row === null) throw ApiProblem.notFound(`Connection ${connectionId}`);
    const adapter = this.crm.adapters.get(row.provider);
    const scope = mappingScopeOf(adapter, row.settings as Record<string, unknown>);
    const object = objectQuery ?? scope.routedObject;
    if (object !== scope.routedObject) {
      throw ApiProblem.validation([
        {
          path: 'query.object',
          message: `this connection routes "${scope.routedObject}"; change its settings to map "${object}"`,
          code: 'not_routed_object',
        },
      ]);
    }
    return { row, adapter, object, fieldObjects: scope.fieldObjects };
  }

  private async client(connectionId: string): Promise<ICrmClient> {
    try {
      return await this.crm.factory.forConnection(connectionId);
    } catch (error) {
      if (error instanceof Error && error.name === 'ConnectionUnavailableError') {
        throw ApiProblem.conflict(error.message);
      }
      throw error;
    }
  }

  private async crmCall<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (isCrmError(error)) throw crmProblem(error, 'connection');
      throw error;
    }
  }
}

function presentIssue(issue: NormalizeIssue) {
  return {
    code: issue.code,
    target: issue.target,
    message: issue.message,
    ...(issue.source === undefined ? {} : { source: issue.source }),
  };
}
