import { Inject, Injectable } from '@nestjs/common';
import { Prisma, requireCurrentTenantId, type TenantScopedClient } from '@leadflow/database';
import { repFromRow } from '@leadflow/routing';
import { type Rep, validateReps } from '@leadflow/routing-engine';
import { TENANT_DB } from '../database/database.tokens';
import { ApiProblem } from '../http/problem';
import { type PaginationQuery, pageQuery, toPage } from '../http/pagination';
import { AuditLogService } from '../audit/audit-log.service';
import type { Principal } from '../auth/principal';
import type { CreateRepInput, PutRepKpisInput, UpdateRepInput } from './rep.dto';
import { lockRoutingConfig } from '@leadflow/routing';
import { publishedRulesReferencing, quotedList, type TenantTx } from './routing-config';
import { throwOnErrors } from './validation-issues';

const REP_INCLUDE = {
  load: true,
  kpis: { orderBy: { kpi: 'asc' } },
} as const satisfies Prisma.RepInclude;

type RepWithState = Prisma.RepGetPayload<{ include: typeof REP_INCLUDE }>;
type RepKpiRow = RepWithState['kpis'][number];

/** Stands in for the id of a rep that is being created, while it is validated. */
const NEW_REP_ID = '(new rep)';

/** `YYYY-MM-DD` of `now` in the zone, as the router counts a rep's day. */
export function localDate(timeZone: string, now: Date): string | null {
  try {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).formatToParts(now);
    const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
    return `${part('year')}-${part('month')}-${part('day')}`;
  } catch {
    return null;
  }
}

export function presentKpi(row: RepKpiRow) {
  return {
    kpi: row.kpi,
    value: row.value,
    windowStart: row.windowStart.toISOString(),
    windowEnd: row.windowEnd.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function presentRep(row: RepWithState, now = new Date()) {
  const rep = repFromRow(row);
  const load = row.load;
  // The router stores the day its count is for; a count for another day means nothing today.
  const countsToday = load !== null && load.day === localDate(row.timeZone, now);
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    active: row.active,
    availability: row.availability,
    timeZone: row.timeZone,
    workingHours: rep.workingHours ?? null,
    outOfOffice: rep.outOfOffice ?? [],
    dailyCap: row.dailyCap,
    openCap: row.openCap,
    skills: row.skills,
    territories: row.territories,
    crmOwnerIds: rep.crmOwnerIds,
    load: { openCount: load?.openCount ?? 0, assignedToday: countsToday ? load.assignedToday : 0 },
    kpis: row.kpis.map(presentKpi),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Request fields → column values (JSON columns need Prisma's null sentinel for SQL NULL). */
function repData(input: UpdateRepInput) {
  return {
    ...(input.name !== undefined && { name: input.name }),
    ...(input.email !== undefined && { email: input.email }),
    ...(input.active !== undefined && { active: input.active }),
    ...(input.availability !== undefined && { availability: input.availability }),
    ...(input.timeZone !== undefined && { timeZone: input.timeZone }),
    ...(input.workingHours !== undefined && {
      workingHours:
        input.workingHours === null ? Prisma.DbNull : (input.workingHours as Prisma.InputJsonObject),
    }),
    ...(input.outOfOffice !== undefined && {
      outOfOffice: input.outOfOffice as unknown as Prisma.InputJsonArray,
    }),
    ...(input.dailyCap !== undefined && { dailyCap: input.dailyCap }),
    ...(input.openCap !== undefined && { openCap: input.openCap }),
    ...(input.skills !== undefined && { skills: input.skills }),
    ...(input.territories !== undefined && { territories: input.territories }),
    ...(input.crmOwnerIds !== undefined && { crmOwnerIds: input.crmOwnerIds }),
  };
}

function withChanges(rep: Rep, patch: UpdateRepInput): Rep {
  return {
    ...rep,
    ...(patch.active !== undefined && { active: patch.active }),
    ...(patch.availability !== undefined && { availability: patch.availability }),
    ...(patch.timeZone !== undefined && { timeZone: patch.timeZone }),
    ...(patch.workingHours !== undefined && { workingHours: patch.workingHours }),
    ...(patch.outOfOffice !== undefined && { outOfOffice: patch.outOfOffice }),
    ...(patch.dailyCap !== undefined && { dailyCap: patch.dailyCap }),
    ...(patch.openCap !== undefined && { openCap: patch.openCap }),
    ...(patch.skills !== undefined && { skills: patch.skills }),
    ...(patch.territories !== undefined && { territories: patch.territories }),
    ...(patch.crmOwnerIds !== undefined && { crmOwnerIds: patch.crmOwnerIds }),
    ...(patch.name !== undefined && { name: patch.name }),
  };
}

/**
 * Checks the rep as the routing engine will see it, next to the tenant's other reps (a CRM owner id
 * may belong to one rep only). The rep goes last, so an issue shared with another rep is reported on it.
 */
async function validateRep(tx: TenantTx, candidate: Rep, excludeId?: string): Promise<void> {
  const others = await tx.rep.findMany({
    where: excludeId ? { id: { not: excludeId } } : {},
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  const result = validateReps([...others.map(repFromRow), candidate]);
  throwOnErrors(result.issues, `reps[${others.length}]`);
}

@Injectable()
export class RepsService {
  constructor(
    @Inject(TENANT_DB) private readonly db: TenantScopedClient,
    private readonly audit: AuditLogService,
  ) {}

  async list(query: PaginationQuery & { active?: boolean }) {
    const page = pageQuery(query);
    const rows = await this.db.rep.findMany({
      ...page,
      where: { ...page.where, ...(query.active !== undefined && { active: query.active }) },
      include: REP_INCLUDE,
    });
    const now = new Date();
    return toPage(rows, query, (row) => presentRep(row, now));
  }

  async get(id: string) {
    const row = await this.db.rep.findUnique({ where: { id }, include: REP_INCLUDE });
    if (!row) throw ApiProblem.notFound(`Rep ${id}`);
    return presentRep(row);
  }

  /** Creates the rep and its load counters (zero) together. */
  async create(principal: Principal, input: CreateRepInput, requestId?: string) {
    const tenantId = requireCurrentTenantId();
    return this.db.$transaction(async (tx) => {
      await lockRoutingConfig(tx, tenantId);
      await validateRep(tx, {
        id: NEW_REP_ID,
        name: input.name,
        active: input.active,
        availability: input.availability,
        timeZone: input.timeZone,
        workingHours: input.workingHours,
        outOfOffice: input.outOfOffice,
        dailyCap: input.dailyCap,
        openCap: input.openCap,
        skills: input.skills,
        territories: input.territories,
        crmOwnerIds: input.crmOwnerIds,
      });
      const rep = await tx.rep.create({
        data: { ...repData(input), tenantId, name: input.name, timeZone: input.timeZone },
      });
      await tx.repLoad.create({ data: { tenantId, repId: rep.id, openCount: 0, assignedToday: 0 } });
      await this.audit.record(
        principal,
        { action: 'rep.created', targetType: 'rep', targetId: rep.id, details: { name: rep.name } },
        requestId,
        tx,
      );
      const row = await tx.rep.findUniqueOrThrow({ where: { id: rep.id }, include: REP_INCLUDE });
      return presentRep(row);
    });
  }

  async update(principal: Principal, id: string, patch: UpdateRepInput, requestId?: string) {
    const tenantId = requireCurrentTenantId();
    return this.db.$transaction(async (tx) => {
      await lockRoutingConfig(tx, tenantId);
      const existing = await tx.rep.findUnique({ where: { id } });
      if (!existing) throw ApiProblem.notFound(`Rep ${id}`);
      await validateRep(tx, withChanges(repFromRow(existing), patch), id);
      await tx.rep.update({ where: { id }, data: repData(patch) });
      await this.audit.record(
        principal,
        {
          action: 'rep.updated',
          targetType: 'rep',
          targetId: id,
          details: { name: patch.name ?? existing.name, changed: Object.keys(patch) },
        },
        requestId,
        tx,
      );
      const row = await tx.rep.findUniqueOrThrow({ where: { id }, include: REP_INCLUDE });
      return presentRep(row);
    });
  }

  /** Refused (409) while a pool lists the rep, falls back to it, or the published rule set names it. */
  async remove(principal: Principal, id: string, requestId?: string): Promise<void> {
    const tenantId = requireCurrentTenantId();
    await this.db.$transaction(async (tx) => {
      await lockRoutingConfig(tx, tenantId);
      const rep = await tx.rep.findUnique({ where: { id } });
      if (!rep) throw ApiProblem.notFound(`Rep ${id}`);
      const reasons: string[] = [];
      // pool_member has no tenant column: the rep was found in this tenant, so are its pools.
      const memberships = await tx.poolMember.findMany({
        where: { repId: id },
        include: { pool: { select: { name: true } } },
        orderBy: { pool: { name: 'asc' } },
      });
      if (memberships.length > 0) {
        reasons.push(
          `it is a member of pool${memberships.length === 1 ? '' : 's'} ${quotedList(memberships.map((m) => m.pool.name))}`,
        );
      }
      const pools = await tx.pool.findMany({
        select: { name: true, fallback: true },
        orderBy: { name: 'asc' },
      });
      const fallbackOf = pools.filter((pool) => {
        const fallback = pool.fallback as { type?: string; repId?: string } | null;
        return fallback?.type === 'rep' && fallback.repId === id;
      });
      if (fallbackOf.length > 0) {
        reasons.push(
          `it is the fallback of pool${fallbackOf.length === 1 ? '' : 's'} ${quotedList(fallbackOf.map((p) => p.name))}`,
        );
      }
      const rules = await publishedRulesReferencing(tx, { repId: id });
      if (rules) {
        reasons.push(
          `rule${rules.ruleIds.length === 1 ? '' : 's'} ${quotedList(rules.ruleIds)} of the published rule set (version ${rules.version}) name${rules.ruleIds.length === 1 ? 's' : ''} it`,
        );
      }
      if (reasons.length > 0) {
        throw ApiProblem.conflict(`Rep "${rep.name}" cannot be deleted: ${reasons.join('; ')}.`);
      }
      await tx.rep.delete({ where: { id } });
      await this.audit.record(
        principal,
        { action: 'rep.deleted', targetType: 'rep', targetId: id, details: { name: rep.name } },
        requestId,
        tx,
      );
    });
  }

  async getKpis(id: string) {
    const rep = await this.db.rep.findUnique({
      where: { id },
      select: { id: true, kpis: { orderBy: { kpi: 'asc' } } },
    });
    if (!rep) throw ApiProblem.notFound(`Rep ${id}`);
    return { repId: rep.id, kpis: rep.kpis.map(presentKpi) };
  }

  /** Upserts each KPI by name; KPIs not in the request keep their values. */
  async putKpis(principal: Principal, id: string, input: PutRepKpisInput, requestId?: string) {
    const tenantId = requireCurrentTenantId();
    return this.db.$transaction(async (tx) => {
      const rep = await tx.rep.findUnique({ where: { id }, select: { id: true, name: true } });
      if (!rep) throw ApiProblem.notFound(`Rep ${id}`);
      const now = new Date();
      for (const kpi of input.kpis) {
        const values = {
          value: kpi.value,
          windowStart: new Date(kpi.windowStart),
          windowEnd: new Date(kpi.windowEnd),
          updatedAt: now,
        };
        await tx.repKpi.upsert({
          where: { repId_kpi: { repId: id, kpi: kpi.kpi } },
          create: { tenantId, repId: id, kpi: kpi.kpi, ...values },
          update: values,
        });
      }
      await this.audit.record(
        principal,
        {
          action: 'rep.kpis_updated',
          targetType: 'rep',
          targetId: id,
          details: { name: rep.name, kpis: input.kpis.map((k) => ({ kpi: k.kpi, value: k.value })) },
        },
        requestId,
        tx,
      );
      const kpis = await tx.repKpi.findMany({ where: { repId: id }, orderBy: { kpi: 'asc' } });
      return { repId: id, kpis: kpis.map(presentKpi) };
    });
  }
}
