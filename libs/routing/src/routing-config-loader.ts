import type { PrismaClient } from '@leadflow/database';
import type { RoutingConfig } from '@leadflow/routing-engine';
import { FINGERPRINT_SQL } from './routing-config-fingerprint';
import { NoPublishedRuleSetError } from './routing-errors';
import { poolFromRow, repFromRow, rulesFromJson } from './routing-config-mapper';

type ConfigReader = Pick<PrismaClient, 'ruleSetVersion' | 'pool' | 'rep' | '$queryRawUnsafe'>;

interface CachedConfig {
  fingerprint: string;
  config: RoutingConfig;
}

/**
 * Loads a tenant's routing configuration (the published rule set, pools, reps) for the engine.
 * The result is cached per tenant behind a fingerprint that any change to a rule-set version,
 * pool, pool membership (it touches the pool's updated_at) or rep changes, so an unchanged
 * configuration costs one small query — and the engine's compiled form, cached per config object,
 * is reused too.
 */
export class RoutingConfigLoader {
  private readonly cache = new Map<string, CachedConfig>();

  constructor(
    private readonly db: ConfigReader,
    /** How to read the fingerprint; the assignment path passes its faster SQL store's. */
    private readonly readFingerprint?: (tenantId: string) => Promise<string>,
  ) {}

  async load(tenantId: string, version?: number, knownFingerprint?: string): Promise<RoutingConfig> {
    if (version !== undefined) return this.read(tenantId, version);
    const fingerprint = knownFingerprint ?? (await this.fingerprint(tenantId));
    const cached = this.cache.get(tenantId);
    if (cached && cached.fingerprint === fingerprint) return cached.config;
    const config = await this.read(tenantId);
    this.cache.set(tenantId, { fingerprint, config });
    return config;
  }

  private async fingerprint(tenantId: string): Promise<string> {
    if (this.readFingerprint) return this.readFingerprint(tenantId);
    const [row] = await this.db.$queryRawUnsafe<{ fingerprint: string }[]>(
      `SELECT ${FINGERPRINT_SQL} AS fingerprint`,
      tenantId,
    );
    return row?.fingerprint ?? '';
  }

  /** The configuration with the published rule set, or a given version of it (simulation). */
  async read(tenantId: string, version?: number): Promise<RoutingConfig> {
    const [ruleSet, pools, reps] = await Promise.all([
      this.db.ruleSetVersion.findFirst({
        where: { tenantId, ...(version !== undefined ? { version } : {}) },
        orderBy: { version: 'desc' },
      }),
      this.db.pool.findMany({
        where: { tenantId },
        include: { members: true },
        orderBy: { createdAt: 'asc' },
      }),
      this.db.rep.findMany({ where: { tenantId }, orderBy: { createdAt: 'asc' } }),
    ]);
    if (!ruleSet) throw new NoPublishedRuleSetError(tenantId);
    return {
      ruleSet: { version: ruleSet.version, rules: rulesFromJson(ruleSet.rules) },
      pools: pools.map(poolFromRow),
      reps: reps.map(repFromRow),
      // Custom fields are declared by the field mapping (its own issue); until then, none.
      fields: { custom: [] },
    };
  }
}
