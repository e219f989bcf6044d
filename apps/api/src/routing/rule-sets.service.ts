import { Inject, Injectable } from '@nestjs/common';
import {
  isUniqueViolation,
  type Prisma,
  requireCurrentTenantId,
  type TenantScopedClient,
} from '@leadflow/database';
import { lockRoutingConfig, rulesFromJson } from '@leadflow/routing';
import type { RoutingRule } from '@leadflow/routing-engine';
import { TENANT_DB } from '../database/database.tokens';
import { ApiProblem } from '../http/problem';
import type { PaginationQuery } from '../http/pagination';
import { AuditLogService } from '../audit/audit-log.service';
import type { Principal } from '../auth/principal';
import { diffRuleLists } from './rule-set-diff';
import {
  currentPoolsAndReps,
  principalLabel,
  type RuleSetSource,
  type TenantTx,
  throwOnRuleSetErrors,
  validateRules,
  withoutSeverity,
} from './rule-set-validation';

type VersionRow = Prisma.RuleSetVersionGetPayload<object>;

export function presentVersion(row: VersionRow) {
  return {
    version: row.version,
    rules: rulesFromJson(row.rules),
    publishedAt: row.publishedAt.toISOString(),
    publishedBy: row.publishedBy,
    restoredFrom: row.restoredFrom,
  };
}

function presentVersionSummary(row: VersionRow) {
  return {
    version: row.version,
    publishedAt: row.publishedAt.toISOString(),
    publishedBy: row.publishedBy,
    restoredFrom: row.restoredFrom,
    ruleCount: rulesFromJson(row.rules).length,
  };
}

function versionNotFound(version: number): ApiProblem {
  return ApiProblem.notFound(`Rule set version ${version}`);
}

function encodeVersionCursor(version: number): string {
  return Buffer.from(JSON.stringify(['v', version])).toString('base64url');
}

function decodeVersionCursor(cursor: string): number {
  try {
    const [tag, version] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [
      unknown,
      unknown,
    ];
    if (tag === 'v' && typeof version === 'number' && Number.isInteger(version)) return version;
  } catch {
    // fall through
  }
  throw ApiProblem.validation([
    { path: 'query.cursor', message: 'is not a cursor this API returned', code: 'invalid_cursor' },
  ]);
}

/**
 * The tenant's rule set: one editable draft and the immutable published versions. Publishing and
 * rolling back validate against the current pools and reps under the routing-config lock (the one
 * pool and rep writes take), so a pool cannot disappear between the check and the publish.
 */
@Injectable()
export class RuleSetsService {
  constructor(
    @Inject(TENANT_DB) private readonly db: TenantScopedClient,
    private readonly audit: AuditLogService,
  ) {}

  async getDraft() {
    const draft = await this.db.ruleSetDraft.findFirst();
    const basedOn = await this.db.ruleSetVersion.findFirst({
      where: draft ? { publishedAt: { lte: draft.updatedAt } } : {},
      orderBy: { version: 'desc' },
      select: { version: true },
    });
    return {
      rules: draft ? rulesFromJson(draft.rules) : [],
      updatedAt: draft?.updatedAt.toISOString() ?? null,
      basedOnVersion: basedOn?.version ?? null,
    };
  }

  async saveDraft(principal: Principal, rules: RoutingRule[], requestId?: string) {
    const tenantId = requireCurrentTenantId();
    await this.db.$transaction(async (tx) => {
      const json = rules as unknown as Prisma.InputJsonArray;
      const by = principalLabel(principal);
      await tx.ruleSetDraft.upsert({
        where: { tenantId },
        create: { tenantId, rules: json, updatedBy: by },
        update: { rules: json, updatedBy: by, updatedAt: new Date() },
      });
      await this.audit.record(
        principal,
        {
          action: 'rule_set.draft_saved',
          targetType: 'rule_set_draft',
          targetId: tenantId,
          details: { ruleCount: rules.length, ruleIds: rules.map((r) => r.id) },
        },
        requestId,
        tx,
      );
    });
    return this.getDraft();
  }

  /** Validates the draft against the current pools and reps and publishes it as the next version. */
  async publish(principal: Principal, requestId?: string) {
    const tenantId = requireCurrentTenantId();
    return this.inPublishTransaction(async (tx) => {
      await lockRoutingConfig(tx, tenantId);
      const draft = await tx.ruleSetDraft.findFirst();
      const rules = draft ? rulesFromJson(draft.rules) : [];
      const { row, warnings } = await this.createVersion(tx, principal, rules, 'draft', null);
      // The draft now matches the published version: it is "based on" it.
      await tx.ruleSetDraft.upsert({
        where: { tenantId },
        create: { tenantId, rules: rules as unknown as Prisma.InputJsonArray, updatedBy: row.publishedBy },
        update: { updatedAt: row.publishedAt },
      });
      await this.audit.record(
        principal,
        {
          action: 'rule_set.published',
          targetType: 'rule_set_version',
          targetId: String(row.version),
          details: { version: row.version, ruleCount: rules.length, warnings: warnings.length },
        },
        requestId,
        tx,
      );
      return { ...presentVersion(row), warnings };
    });
  }

  /** Republishes an older version's rules as a new version (the draft is left as it is). */
  async rollback(principal: Principal, version: number, requestId?: string) {
    const tenantId = requireCurrentTenantId();
    return this.inPublishTransaction(async (tx) => {
      await lockRoutingConfig(tx, tenantId);
      const target = await tx.ruleSetVersion.findFirst({ where: { version } });
      if (!target) throw versionNotFound(version);
      const rules = rulesFromJson(target.rules);
      const { row, warnings } = await this.createVersion(tx, principal, rules, 'version', version);
      await this.audit.record(
        principal,
        {
          action: 'rule_set.rolled_back',
          targetType: 'rule_set_version',
          targetId: String(row.version),
          details: { version: row.version, restoredFrom: version, ruleCount: rules.length },
        },
        requestId,
        tx,
      );
      return { ...presentVersion(row), warnings };
    });
  }

  async listVersions(query: PaginationQuery) {
    const before = query.cursor === undefined ? undefined : decodeVersionCursor(query.cursor);
    const rows = await this.db.ruleSetVersion.findMany({
      where: before === undefined ? {} : { version: { lt: before } },
      orderBy: { version: 'desc' },
      take: query.limit + 1,
    });
    const hasMore = rows.length > query.limit;
    const items = hasMore ? rows.slice(0, query.limit) : rows;
    const last = items[items.length - 1];
    return {
      items: items.map(presentVersionSummary),
      nextCursor: hasMore && last ? encodeVersionCursor(last.version) : null,
    };
  }

  async getVersion(version: number) {
    const row = await this.db.ruleSetVersion.findFirst({ where: { version } });
    if (!row) throw versionNotFound(version);
    return presentVersion(row);
  }

  async diff(from: number, to: number) {
    const rows = await this.db.ruleSetVersion.findMany({ where: { version: { in: [from, to] } } });
    const byVersion = new Map(rows.map((r) => [r.version, r]));
    const missing = [...new Set([from, to])].filter((v) => !byVersion.has(v));
    if (missing.length === 1) throw versionNotFound(missing[0] as number);
    if (missing.length > 1) throw ApiProblem.notFound(`Rule set versions ${missing.join(' and ')}`);
    const diff = diffRuleLists(
      rulesFromJson((byVersion.get(from) as VersionRow).rules),
      rulesFromJson((byVersion.get(to) as VersionRow).rules),
    );
    return { from, to, ...diff };
  }

  private async createVersion(
    tx: TenantTx,
    principal: Principal,
    rules: RoutingRule[],
    source: RuleSetSource,
    restoredFrom: number | null,
  ) {
    const latest = await tx.ruleSetVersion.findFirst({
      orderBy: { version: 'desc' },
      select: { version: true },
    });
    const version = (latest?.version ?? 0) + 1;
    const context = await currentPoolsAndReps(tx);
    const { errors, warnings } = validateRules(rules, version, context, source);
    throwOnRuleSetErrors(errors, source === 'draft' ? 'The draft' : `Version ${restoredFrom}`);
    const row = await tx.ruleSetVersion.create({
      data: {
        tenantId: requireCurrentTenantId(),
        version,
        rules: rules as unknown as Prisma.InputJsonArray,
        publishedBy: principalLabel(principal),
        restoredFrom,
      },
    });
    return { row, warnings: withoutSeverity(warnings) };
  }

  private async inPublishTransaction<T>(work: (tx: TenantTx) => Promise<T>): Promise<T> {
    try {
      return await this.db.$transaction(work, { timeout: 15_000, maxWait: 10_000 });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw ApiProblem.conflict('Another rule set version was published concurrently; retry.');
      }
      throw error;
    }
  }
}
