import type { Prisma, PrismaClient } from '@leadflow/database';
import type { PoolState, RepLoad, RoutingState } from '@leadflow/routing-engine';

type Db = Prisma.TransactionClient | PrismaClient;

interface PoolStateRow {
  pool_id: string;
  state: Partial<PoolState>;
}

interface RepLoadRow {
  rep_id: string;
  open_count: number;
  assigned_today: number;
  day: string;
}

function toLoad(row: RepLoadRow): RepLoad {
  return { openCount: row.open_count, assignedToday: row.assigned_today, day: row.day };
}

/**
 * Reads routing state (pool rotation, rep loads, KPIs) through Prisma, for the API's simulation
 * and views. Assignment has its own SQL path (routing-sql-store.ts).
 */
export const routingStateStore = {
  async readAll(db: Db, tenantId: string): Promise<RoutingState> {
    const [pools, loads, kpis] = await Promise.all([
      db.$queryRaw<PoolStateRow[]>`SELECT pool_id, state FROM pool_state WHERE tenant_id = ${tenantId}::uuid`,
      db.$queryRaw<
        RepLoadRow[]
      >`SELECT rep_id, open_count, assigned_today, day FROM rep_load WHERE tenant_id = ${tenantId}::uuid`,
      this.readKpis(db, tenantId),
    ]);
    return {
      poolStates: Object.fromEntries(pools.map((p) => [p.pool_id, p.state])),
      repLoads: Object.fromEntries(loads.map((l) => [l.rep_id, toLoad(l)])),
      repKpis: kpis,
    };
  },

  async readKpis(db: Db, tenantId: string): Promise<Record<string, Record<string, number>>> {
    const rows = await db.$queryRaw<{ rep_id: string; kpi: string; value: number }[]>`
      SELECT rep_id, kpi, value FROM rep_kpi WHERE tenant_id = ${tenantId}::uuid`;
    const out: Record<string, Record<string, number>> = {};
    for (const row of rows) (out[row.rep_id] ??= {})[row.kpi] = row.value;
    return out;
  },
};
