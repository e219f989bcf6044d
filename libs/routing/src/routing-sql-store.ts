import type { Pool as PgPool, PoolClient } from 'pg';
import type { Prisma } from '@leadflow/database';
import type { PoolState, RepLoad, RoutableLead, RoutingState } from '@leadflow/routing-engine';
import { FINGERPRINT_SQL } from './routing-config-fingerprint';

export type StoredDecision = Prisma.RoutingDecisionGetPayload<object>;

/**
 * The assignment hot path in SQL over node-postgres. Prisma's per-query overhead (around a
 * millisecond through the driver adapter) would cap one pool at a few hundred leads per second,
 * because every assigner queues on that pool's row lock; here the locked section is two
 * statements (lock, write) between BEGIN and COMMIT. See docs/adr/0008.
 */

interface DecisionRow {
  id: string;
  tenant_id: string;
  lead_id: string;
  rule_set_version: number;
  rule_id: string | null;
  outcome: StoredDecision['outcome'];
  rep_id: string | null;
  crm_owner_id: string | null;
  pool_id: string | null;
  decision: Prisma.JsonValue;
  trace_id: string | null;
  writeback_status: string;
  writeback_attempts: number;
  writeback_error: string | null;
  written_back_at: Date | null;
  created_at: Date;
}

export function decisionFromRow(row: DecisionRow): StoredDecision {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    leadId: row.lead_id,
    ruleSetVersion: row.rule_set_version,
    ruleId: row.rule_id,
    outcome: row.outcome,
    repId: row.rep_id,
    crmOwnerId: row.crm_owner_id,
    poolId: row.pool_id,
    decision: row.decision,
    traceId: row.trace_id,
    writebackStatus: row.writeback_status,
    writebackAttempts: row.writeback_attempts,
    writebackError: row.writeback_error,
    writtenBackAt: row.written_back_at,
    createdAt: row.created_at,
  };
}

export interface DecisionWrite {
  id: string;
  tenantId: string;
  leadId: string;
  ruleSetVersion: number;
  ruleId: string | null;
  outcome: StoredDecision['outcome'];
  repId: string | null;
  crmOwnerId: string | null;
  poolId: string | null;
  decision: unknown;
  traceId: string | null;
  leadStatus: string;
  poolStates: { poolId: string; state: PoolState }[];
  repLoads: { repId: string; load: RepLoad }[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface LockRow {
  pools: Record<string, Partial<PoolState>>;
  loads: Record<string, RepLoad>;
  pool_count: number;
  rep_count: number;
  kpis: Record<string, Record<string, number>>;
}

/**
 * Substitutes `$n` placeholders with rendered literals in one pass over the template, so text
 * inside a literal (a lead's "$150") is never read as a placeholder.
 */
function render(sql: string, literals: readonly string[]): string {
  return sql.replace(/\$(\d+)/g, (placeholder, n: string) => {
    const literal = literals[Number(n) - 1];
    if (literal === undefined) throw new Error(`no value for ${placeholder}`);
    return literal;
  });
}

const DECISION_COLUMNS =
  'd.id, d.tenant_id, d.lead_id, d.rule_set_version, d.rule_id, d.outcome, d.rep_id, d.crm_owner_id, d.pool_id, d.decision, d.trace_id, d.writeback_status, d.writeback_attempts, d.writeback_error, d.written_back_at, d.created_at';

const LOCK_SQL = `
  WITH p AS (
    SELECT pool_id, state FROM pool_state WHERE tenant_id = $1 AND pool_id = ANY($2::uuid[]) ORDER BY pool_id FOR UPDATE
  ), r AS (
    SELECT rep_id, open_count, assigned_today, day FROM rep_load WHERE tenant_id = $1 AND rep_id = ANY($3::uuid[]) ORDER BY rep_id FOR UPDATE
  )
  SELECT
    (SELECT coalesce(json_object_agg(pool_id, state), '{}') FROM p) AS pools,
    (SELECT coalesce(json_object_agg(rep_id, json_build_object('openCount', open_count, 'assignedToday', assigned_today, 'day', day)), '{}') FROM r) AS loads,
    (SELECT count(*) FROM p)::int AS pool_count,
    (SELECT count(*) FROM r)::int AS rep_count,
    (SELECT coalesce(json_object_agg(rep_id, kpis), '{}')
       FROM (SELECT rep_id, json_object_agg(kpi, value) AS kpis FROM rep_kpi
              WHERE tenant_id = $1 AND rep_id = ANY($3::uuid[]) GROUP BY rep_id) k) AS kpis`;

/**
 * Run as its own statement after LOCK_SQL: a statement that waited for a row lock still sees the
 * snapshot from before the wait, so only a new statement sees what the lock's previous holder
 * committed.
 */
const DECIDED_SQL = `SELECT coalesce(json_agg(lead_id), '[]') AS decided FROM routing_decision WHERE tenant_id = $1 AND lead_id = ANY($4::uuid[])`;

const REPAIR_SQL = `
  WITH pools AS (
    INSERT INTO pool_state (pool_id, tenant_id)
    SELECT id, tenant_id FROM pool WHERE tenant_id = $1 AND id = ANY($2::uuid[])
    ON CONFLICT (pool_id) DO NOTHING
  )
  INSERT INTO rep_load (rep_id, tenant_id)
  SELECT id, tenant_id FROM rep WHERE tenant_id = $1 AND id = ANY($3::uuid[])
  ON CONFLICT (rep_id) DO NOTHING`;

const WRITE_SQL = `
  WITH d AS (
    INSERT INTO routing_decision (id, tenant_id, lead_id, rule_set_version, rule_id, outcome, rep_id, crm_owner_id, pool_id, decision, trace_id)
    SELECT v.id, $1, v.lead_id, v.version, v.rule_id, v.outcome, v.rep_id, v.crm_owner_id, v.pool_id, v.decision, v.trace_id
      FROM unnest($2::uuid[], $3::uuid[], $4::int[], $5::text[], $6::"RoutingOutcome"[], $7::uuid[], $8::text[], $9::uuid[], $10::jsonb[], $11::text[])
        AS v(id, lead_id, version, rule_id, outcome, rep_id, crm_owner_id, pool_id, decision, trace_id)
    ON CONFLICT (lead_id) DO NOTHING
    RETURNING *
  ), pools AS (
    UPDATE pool_state ps SET state = v.state, updated_at = now()
    FROM unnest($12::uuid[], $13::jsonb[]) AS v(id, state)
    WHERE ps.pool_id = v.id
  ), loads AS (
    UPDATE rep_load rl SET open_count = v.open_count, assigned_today = v.assigned_today, day = v.day, updated_at = now()
    FROM unnest($14::uuid[], $15::int[], $16::int[], $17::text[]) AS v(id, open_count, assigned_today, day)
    WHERE rl.rep_id = v.id
  ), lead_status AS (
    UPDATE lead l SET status = v.status, updated_at = now()
    FROM unnest($18::uuid[], $19::text[]) AS v(id, status)
    WHERE l.id = v.id AND EXISTS (SELECT 1 FROM d WHERE d.lead_id = v.id)
  )
  SELECT ${DECISION_COLUMNS} FROM d`;

export class RoutingSqlStore {
  constructor(private readonly pool: PgPool) {}

  /** The lead as the engine reads it, and its decision if it has one; undefined if no such lead. */
  /**
   * The leads as the engine reads them, with their decisions where they have one, and the tenant's
   * routing-config fingerprint, in one round trip. Leads that do not exist (or belong to another
   * tenant) are absent from the map.
   */
  async leadsWithDecisions(
    tenantId: string,
    leadIds: readonly string[],
  ): Promise<{
    leads: Map<string, { lead: RoutableLead; decision: StoredDecision | null }>;
    configFingerprint: string;
  }> {
    const { rows } = await this.pool.query<
      DecisionRow & { l_id: string; l_connection_id: string; l_normalized: RoutableLead; fingerprint: string }
    >(
      `WITH f AS (SELECT ${FINGERPRINT_SQL} AS fingerprint)
       SELECT f.fingerprint, l.id AS l_id, l.connection_id AS l_connection_id, l.normalized AS l_normalized, ${DECISION_COLUMNS}
         FROM f LEFT JOIN lead l ON l.tenant_id = $1 AND l.id = ANY($2::uuid[])
         LEFT JOIN routing_decision d ON d.lead_id = l.id`,
      [tenantId, leadIds],
    );
    const leads = new Map<string, { lead: RoutableLead; decision: StoredDecision | null }>();
    for (const row of rows) {
      if (!row.l_id) continue;
      leads.set(row.l_id, {
        lead: { ...row.l_normalized, connectionId: row.l_connection_id },
        decision: row.id ? decisionFromRow(row) : null,
      });
    }
    return { leads, configFingerprint: rows[0]?.fingerprint ?? '' };
  }

  async decision(tenantId: string, leadId: string): Promise<StoredDecision | null> {
    const { rows } = await this.pool.query<DecisionRow>(
      `SELECT ${DECISION_COLUMNS} FROM routing_decision d WHERE d.lead_id = $1 AND d.tenant_id = $2`,
      [leadId, tenantId],
    );
    return rows[0] ? decisionFromRow(rows[0]) : null;
  }

  /** Unlocked state of the whole tenant: pool rotation, rep loads, KPIs, in one query. */
  async state(tenantId: string): Promise<RoutingState> {
    const { rows } = await this.pool.query<{
      pools: RoutingState['poolStates'];
      loads: RoutingState['repLoads'];
      kpis: RoutingState['repKpis'];
    }>(
      `SELECT
         (SELECT coalesce(json_object_agg(pool_id, state), '{}') FROM pool_state WHERE tenant_id = $1) AS pools,
         (SELECT coalesce(json_object_agg(rep_id, json_build_object('openCount', open_count, 'assignedToday', assigned_today, 'day', day)), '{}')
            FROM rep_load WHERE tenant_id = $1) AS loads,
         (SELECT coalesce(json_object_agg(rep_id, kpis), '{}')
            FROM (SELECT rep_id, json_object_agg(kpi, value) AS kpis FROM rep_kpi WHERE tenant_id = $1 GROUP BY rep_id) k) AS kpis`,
      [tenantId],
    );
    const row = rows[0]!;
    return { poolStates: row.pools, repLoads: row.loads, repKpis: row.kpis };
  }

  async configFingerprint(tenantId: string): Promise<string> {
    const { rows } = await this.pool.query<{ fingerprint: string }>(
      `SELECT ${FINGERPRINT_SQL} AS fingerprint`,
      [tenantId],
    );
    return rows[0]?.fingerprint ?? '';
  }

  /**
   * Runs `fn` in a transaction on one connection. The section opens the transaction with its lock
   * statement and commits with its write statement (one round trip each, which keeps the time the
   * pool's row stays locked short); anything else ends in a rollback.
   */
  async transaction<T>(fn: (tx: LockedSection) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    const section = new LockedSection(client);
    try {
      const result = await fn(section);
      if (section.open) await client.query('ROLLBACK');
      return result;
    } catch (error) {
      if (section.open) await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}

/**
 * The statements that run while a pool's and its reps' rows are locked. They are sent as simple
 * multi-statement queries (`BEGIN; lock` and `write; COMMIT`) to save round trips, and the simple
 * protocol takes no parameters — so values are rendered as escaped literals, each of a checked
 * shape (UUIDs, integers) or escaped by the driver (text, JSON).
 */
export class LockedSection {
  open = false;

  constructor(private readonly client: PoolClient) {}

  private text(value: string | null): string {
    return value === null ? 'NULL' : this.client.escapeLiteral(value);
  }

  private uuid(value: string | null): string {
    if (value === null) return 'NULL';
    if (!UUID.test(value)) throw new Error(`not a UUID: ${value.slice(0, 40)}`);
    return `'${value}'::uuid`;
  }

  private uuids(values: readonly string[]): string {
    return values.length ? `ARRAY[${values.map((v) => this.uuid(v)).join(',')}]` : `ARRAY[]::uuid[]`;
  }

  private nullableUuids(values: readonly (string | null)[]): string {
    return values.length ? `ARRAY[${values.map((v) => this.uuid(v)).join(',')}]::uuid[]` : `ARRAY[]::uuid[]`;
  }

  private int(value: number): string {
    if (!Number.isSafeInteger(value)) throw new Error(`not an integer: ${value}`);
    return String(value);
  }

  /** Locks pool-state and rep-load rows (pools first, each in id order) and returns them with the reps' KPIs. */
  async lock(
    tenantId: string,
    poolIds: string[],
    repIds: string[],
    leadIds: string[],
  ): Promise<{
    poolStates: Record<string, Partial<PoolState>>;
    repLoads: Record<string, RepLoad>;
    repKpis: Record<string, Record<string, number>>;
    decidedLeadIds: Set<string>;
  }> {
    const args = [
      this.uuid(tenantId),
      this.uuids([...poolIds].sort()),
      this.uuids([...repIds].sort()),
      this.uuids(leadIds),
    ];
    const lockSql = render(LOCK_SQL, args);
    const decidedSql = render(DECIDED_SQL, args);
    const results = (await this.client.query(`BEGIN; ${lockSql}; ${decidedSql}`)) as unknown as [
      unknown,
      { rows: LockRow[] },
      { rows: { decided: string[] }[] },
    ];
    let decided = results[2].rows[0]!.decided;
    this.open = true;
    let row = results[1].rows[0]!;
    if (row.pool_count < poolIds.length || row.rep_count < repIds.length) {
      // State rows are created with their pool or rep; this repairs rows created some other way.
      await this.client.query(render(REPAIR_SQL, args));
      row = (await this.client.query<LockRow>(lockSql)).rows[0]!;
      decided = (await this.client.query<{ decided: string[] }>(decidedSql)).rows[0]!.decided;
    }
    return {
      poolStates: row.pools,
      repLoads: row.loads,
      repKpis: row.kpis,
      decidedLeadIds: new Set(decided),
    };
  }

  /**
   * Writes the decisions, the final state of each pool and rep they changed, and the leads'
   * statuses, then commits. Returns the decisions written, by lead id; a lead decided meanwhile
   * by someone else is left out.
   */
  async write(writes: readonly DecisionWrite[]): Promise<Map<string, StoredDecision>> {
    const list = (values: string[], type: string) =>
      values.length ? `ARRAY[${values.join(',')}]::${type}[]` : `ARRAY[]::${type}[]`;
    const finalPools = new Map<string, PoolState>();
    const finalLoads = new Map<string, RepLoad>();
    for (const w of writes) {
      for (const p of w.poolStates) finalPools.set(p.poolId, p.state);
      for (const r of w.repLoads) finalLoads.set(r.repId, r.load);
    }
    const pools = [...finalPools];
    const loads = [...finalLoads];
    const sql = render(WRITE_SQL, [
      this.uuid(writes[0]?.tenantId ?? '00000000-0000-0000-0000-000000000000'),
      this.uuids(writes.map((w) => w.id)),
      this.uuids(writes.map((w) => w.leadId)),
      list(
        writes.map((w) => this.int(w.ruleSetVersion)),
        'int',
      ),
      list(
        writes.map((w) => this.text(w.ruleId)),
        'text',
      ),
      list(
        writes.map((w) => this.text(w.outcome)),
        '"RoutingOutcome"',
      ),
      this.nullableUuids(writes.map((w) => w.repId)),
      list(
        writes.map((w) => this.text(w.crmOwnerId)),
        'text',
      ),
      this.nullableUuids(writes.map((w) => w.poolId)),
      list(
        writes.map((w) => this.text(JSON.stringify(w.decision))),
        'jsonb',
      ),
      list(
        writes.map((w) => this.text(w.traceId)),
        'text',
      ),
      this.uuids(pools.map(([id]) => id)),
      list(
        pools.map(([, state]) => this.text(JSON.stringify(state))),
        'jsonb',
      ),
      this.uuids(loads.map(([id]) => id)),
      list(
        loads.map(([, load]) => this.int(load.openCount)),
        'int',
      ),
      list(
        loads.map(([, load]) => this.int(load.assignedToday)),
        'int',
      ),
      list(
        loads.map(([, load]) => this.text(load.day)),
        'text',
      ),
      this.uuids(writes.map((w) => w.leadId)),
      list(
        writes.map((w) => this.text(w.leadStatus)),
        'text',
      ),
    ]);
    const results = (await this.client.query(`${sql}; COMMIT`)) as unknown as { rows: DecisionRow[] }[];
    this.open = false;
    return new Map(results[0]!.rows.map((row) => [row.lead_id, decisionFromRow(row)]));
  }
}
