import { Inject, Injectable } from '@nestjs/common';
import {
  isUniqueViolation,
  Prisma,
  requireCurrentTenantId,
  type TenantScopedClient,
} from '@leadflow/database';
import { poolFromRow, type PoolRow, repFromRow } from '@leadflow/routing';
import { type Pool, type ValidationIssue, validatePools } from '@leadflow/routing-engine';
import { TENANT_DB } from '../database/database.tokens';
import { ApiProblem, PROBLEM_TYPES } from '../http/problem';
import { type PaginationQuery, pageQuery, toPage } from '../http/pagination';
import { AuditLogService } from '../audit/audit-log.service';
import type { Principal } from '../auth/principal';
import type { CreatePoolInput, UpdatePoolInput } from './pool.dto';
import { lockRoutingConfig } from '@leadflow/routing';
import { publishedRulesReferencing, quotedList, type TenantTx } from './routing-config';
import { throwOnErrors, warningsAt } from './validation-issues';

const POOL_INCLUDE = { members: { orderBy: { position: 'asc' } } } as const satisfies Prisma.PoolInclude;

/** Stands in for the id of a pool that is being created, while it is validated. */
const NEW_POOL_ID = '(new pool)';

/** The pool being written is validated at index 0, so a fallback cycle through it is reported on it. */
const CANDIDATE_PATH = 'pools[0]';

export function presentPool(row: PoolRow) {
  const pool = poolFromRow(row);
  return {
    id: row.id,
    name: row.name,
    strategy: row.strategy,
    members: pool.members.map((m, position) => ({ repId: m.repId, weight: m.weight ?? 1, position })),
    requiredSkills: row.requiredSkills,
    requiredTerritories: row.requiredTerritories,
    catchUp: row.catchUp,
    fallback: pool.fallback ?? null,
    kpiWeights: pool.kpiWeights ?? [],
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function duplicateName(name: string): ApiProblem {
  return new ApiProblem(409, PROBLEM_TYPES.conflict, 'Conflict', `A pool named "${name}" already exists.`, [
    { path: 'body.name', message: `"${name}" is already the name of another pool`, code: 'duplicate_name' },
  ]);
}

/** Engine messages name pools by id; a name is what the admin recognises. */
function withPoolNames(issues: ValidationIssue[], names: ReadonlyMap<string, string>): ValidationIssue[] {
  return issues.map((issue) => {
    let message = issue.message;
    for (const [id, name] of names) {
      message = message.split(`"${id}"`).join(`"${name}"`).split(id).join(`"${name}"`);
    }
    return { ...issue, message };
  });
}

/** Scalar and JSON columns of a pool, from the fields present in the request. */
function poolData(input: UpdatePoolInput) {
  return {
    ...(input.name !== undefined && { name: input.name }),
    ...(input.strategy !== undefined && { strategy: input.strategy }),
    ...(input.requiredSkills !== undefined && { requiredSkills: input.requiredSkills }),
    ...(input.requiredTerritories !== undefined && { requiredTerritories: input.requiredTerritories }),
    ...(input.catchUp !== undefined && { catchUp: input.catchUp }),
    ...(input.fallback !== undefined && {
      fallback: input.fallback === null ? Prisma.DbNull : (input.fallback as Prisma.InputJsonObject),
    }),
    ...(input.kpiWeights !== undefined && {
      kpiWeights: input.kpiWeights as unknown as Prisma.InputJsonArray,
    }),
  };
}

function memberRows(members: NonNullable<UpdatePoolInput['members']>) {
  return members.map((member, position) => ({ repId: member.repId, weight: member.weight ?? 1, position }));
}

@Injectable()
export class PoolsService {
  constructor(
    @Inject(TENANT_DB) private readonly db: TenantScopedClient,
    private readonly audit: AuditLogService,
  ) {}

  async list(query: PaginationQuery) {
    const page = pageQuery(query);
    const rows = await this.db.pool.findMany({ ...page, include: POOL_INCLUDE });
    return toPage(rows, query, presentPool);
  }

  async get(id: string) {
    const row = await this.db.pool.findUnique({ where: { id }, include: POOL_INCLUDE });
    if (!row) throw ApiProblem.notFound(`Pool ${id}`);
    return presentPool(row);
  }

  /** Creates the pool, its members and its (empty) rotation state together. */
  async create(principal: Principal, input: CreatePoolInput, requestId?: string) {
    const tenantId = requireCurrentTenantId();
    try {
      return await this.db.$transaction(async (tx) => {
        await lockRoutingConfig(tx, tenantId);
        if (await tx.pool.findFirst({ where: { name: input.name }, select: { id: true } })) {
          throw duplicateName(input.name);
        }
        const warnings = await this.validate(tx, {
          id: NEW_POOL_ID,
          name: input.name,
          strategy: input.strategy,
          members: input.members.map((m) => ({ repId: m.repId, weight: m.weight })),
          requiredSkills: input.requiredSkills,
          requiredTerritories: input.requiredTerritories,
          catchUp: input.catchUp,
          fallback: input.fallback,
          kpiWeights: input.kpiWeights,
        });
        const pool = await tx.pool.create({
          data: {
            ...poolData(input),
            tenantId,
            name: input.name,
            strategy: input.strategy,
            // Every repId was checked above to be one of this tenant's reps.
            members: { create: memberRows(input.members) },
          },
        });
        await tx.poolState.create({ data: { tenantId, poolId: pool.id, state: {} } });
        await this.audit.record(
          principal,
          {
            action: 'pool.created',
            targetType: 'pool',
            targetId: pool.id,
            details: { name: pool.name, strategy: pool.strategy, members: input.members.length },
          },
          requestId,
          tx,
        );
        const row = await tx.pool.findUniqueOrThrow({ where: { id: pool.id }, include: POOL_INCLUDE });
        return { ...presentPool(row), warnings };
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw duplicateName(input.name);
      throw error;
    }
  }

  async update(principal: Principal, id: string, patch: UpdatePoolInput, requestId?: string) {
    const tenantId = requireCurrentTenantId();
    try {
      return await this.db.$transaction(async (tx) => {
        await lockRoutingConfig(tx, tenantId);
        const existing = await tx.pool.findUnique({ where: { id }, include: POOL_INCLUDE });
        if (!existing) throw ApiProblem.notFound(`Pool ${id}`);
        if (patch.name !== undefined && patch.name !== existing.name) {
          const taken = await tx.pool.findFirst({ where: { name: patch.name }, select: { id: true } });
          if (taken) throw duplicateName(patch.name);
        }
        const current = poolFromRow(existing);
        const warnings = await this.validate(
          tx,
          {
            ...current,
            ...(patch.name !== undefined && { name: patch.name }),
            ...(patch.strategy !== undefined && { strategy: patch.strategy }),
            ...(patch.members !== undefined && {
              members: patch.members.map((m) => ({ repId: m.repId, weight: m.weight })),
            }),
            ...(patch.requiredSkills !== undefined && { requiredSkills: patch.requiredSkills }),
            ...(patch.requiredTerritories !== undefined && {
              requiredTerritories: patch.requiredTerritories,
            }),
            ...(patch.catchUp !== undefined && { catchUp: patch.catchUp }),
            ...(patch.fallback !== undefined && { fallback: patch.fallback }),
            ...(patch.kpiWeights !== undefined && { kpiWeights: patch.kpiWeights }),
          },
          id,
        );
        await tx.pool.update({
          where: { id },
          data: {
            ...poolData(patch),
            ...(patch.members !== undefined && {
              // Every repId was checked above to be one of this tenant's reps.
              members: { deleteMany: {}, create: memberRows(patch.members) },
            }),
          },
        });
        await this.audit.record(
          principal,
          {
            action: 'pool.updated',
            targetType: 'pool',
            targetId: id,
            details: { name: patch.name ?? existing.name, changed: Object.keys(patch) },
          },
          requestId,
          tx,
        );
        const row = await tx.pool.findUniqueOrThrow({ where: { id }, include: POOL_INCLUDE });
        return { ...presentPool(row), warnings };
      });
    } catch (error) {
      if (isUniqueViolation(error) && patch.name !== undefined) throw duplicateName(patch.name);
      throw error;
    }
  }

  /** Refused (409) while another pool falls back to it or the published rule set names it. */
  async remove(principal: Principal, id: string, requestId?: string): Promise<void> {
    const tenantId = requireCurrentTenantId();
    await this.db.$transaction(async (tx) => {
      await lockRoutingConfig(tx, tenantId);
      const pool = await tx.pool.findUnique({ where: { id } });
      if (!pool) throw ApiProblem.notFound(`Pool ${id}`);
      const reasons: string[] = [];
      const others = await tx.pool.findMany({
        where: { id: { not: id } },
        select: { name: true, fallback: true },
        orderBy: { name: 'asc' },
      });
      const fallbackOf = others.filter((other) => {
        const fallback = other.fallback as { type?: string; poolId?: string } | null;
        return fallback?.type === 'pool' && fallback.poolId === id;
      });
      if (fallbackOf.length > 0) {
        reasons.push(
          `it is the fallback of pool${fallbackOf.length === 1 ? '' : 's'} ${quotedList(fallbackOf.map((p) => p.name))}`,
        );
      }
      const rules = await publishedRulesReferencing(tx, { poolId: id });
      if (rules) {
        reasons.push(
          `rule${rules.ruleIds.length === 1 ? '' : 's'} ${quotedList(rules.ruleIds)} of the published rule set (version ${rules.version}) route${rules.ruleIds.length === 1 ? 's' : ''} to it`,
        );
      }
      if (reasons.length > 0) {
        throw ApiProblem.conflict(`Pool "${pool.name}" cannot be deleted: ${reasons.join('; ')}.`);
      }
      // Members and rotation state go with the pool (ON DELETE CASCADE).
      await tx.pool.delete({ where: { id } });
      await this.audit.record(
        principal,
        { action: 'pool.deleted', targetType: 'pool', targetId: id, details: { name: pool.name } },
        requestId,
        tx,
      );
    });
  }

  /**
   * Runs the engine's pool validation over the tenant's pools with the candidate in place of its
   * stored version, and over the tenant's reps: members and fallback targets that are not this
   * tenant's (or do not exist) are `rep_not_found` / `pool_not_found`. Throws a 400 on errors;
   * returns the warnings about the candidate.
   */
  private async validate(tx: TenantTx, candidate: Pool, existingId?: string) {
    const others = await tx.pool.findMany({
      where: existingId ? { id: { not: existingId } } : {},
      include: POOL_INCLUDE,
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    const reps = await tx.rep.findMany();
    const pools = [candidate, ...others.map(poolFromRow)];
    const names = new Map(pools.map((pool) => [pool.id, pool.name ?? pool.id]));
    const issues = withPoolNames(validatePools(pools, reps.map(repFromRow)).issues, names);
    throwOnErrors(issues, CANDIDATE_PATH);
    return warningsAt(issues, CANDIDATE_PATH);
  }
}
