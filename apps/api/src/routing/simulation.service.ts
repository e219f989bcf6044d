import { Inject, Injectable } from '@nestjs/common';
import { type PrismaClient, requireCurrentTenantId, type TenantScopedClient } from '@leadflow/database';
import {
  NoPublishedRuleSetError,
  RoutingConfigLoader,
  routingStateStore,
  rulesFromJson,
} from '@leadflow/routing';
import {
  InvalidRoutingConfigError,
  type RoutableLead,
  type RoutingConfig,
  simulate,
} from '@leadflow/routing-engine';
import { SYSTEM_DB, TENANT_DB } from '../database/database.tokens';
import { ApiProblem } from '../http/problem';
import {
  currentPoolsAndReps,
  type RuleSetIssue,
  type RuleSetSource,
  throwOnRuleSetErrors,
  toRuleSetIssues,
  validateRules,
} from './rule-set-validation';

export interface SimulateInput {
  leads?: RoutableLead[];
  lastN?: number;
  ruleSet?: 'draft' | number;
}

/**
 * Routes leads as production would (one after another, each seeing the state the previous one
 * left) against the current pools, reps and routing state, and writes nothing.
 */
@Injectable()
export class SimulationService {
  constructor(
    @Inject(TENANT_DB) private readonly db: TenantScopedClient,
    @Inject(SYSTEM_DB) private readonly prisma: PrismaClient,
    private readonly configs: RoutingConfigLoader,
  ) {}

  async simulate(input: SimulateInput) {
    const tenantId = requireCurrentTenantId();
    const { config, issues, source } = await this.configFor(tenantId, input.ruleSet);
    const leads = input.leads ?? (await this.latestLeads(input.lastN ?? 1));
    const state = await routingStateStore.readAll(this.prisma, tenantId);
    let result;
    try {
      result = simulate(leads, { config, state, now: new Date().toISOString() });
    } catch (error) {
      if (error instanceof InvalidRoutingConfigError) {
        throwOnRuleSetErrors(toRuleSetIssues(error.issues, source, config.pools), 'The rule set');
      }
      throw error;
    }
    return {
      ruleSet: input.ruleSet === 'draft' ? ('draft' as const) : config.ruleSet.version,
      decisions: result.decisions.map((decision, i) => ({
        externalId: (leads[i] as RoutableLead).externalId,
        outcome: decision.outcome,
        repId: decision.repId,
        poolId: decision.poolId,
        ruleId: decision.ruleId,
        crmOwnerId: decision.crmOwnerId,
        unroutedReason: decision.unroutedReason,
        trail: decision.trail as unknown as Record<string, unknown>,
      })),
      distribution: result.distribution,
      outcomes: result.outcomes,
      issues,
    };
  }

  private async configFor(
    tenantId: string,
    ruleSet: 'draft' | number | undefined,
  ): Promise<{ config: RoutingConfig; issues: RuleSetIssue[]; source: RuleSetSource }> {
    if (ruleSet === 'draft') {
      const [draft, latest, context] = await Promise.all([
        this.db.ruleSetDraft.findFirst(),
        this.db.ruleSetVersion.findFirst({ orderBy: { version: 'desc' }, select: { version: true } }),
        currentPoolsAndReps(this.db),
      ]);
      const rules = draft ? rulesFromJson(draft.rules) : [];
      const version = (latest?.version ?? 0) + 1;
      const { errors, warnings } = validateRules(rules, version, context, 'draft');
      throwOnRuleSetErrors(errors, 'The draft');
      return {
        config: { ruleSet: { version, rules }, ...context, fields: { custom: [] } },
        issues: warnings,
        source: 'draft',
      };
    }
    let config: RoutingConfig;
    try {
      // A given version is read fresh; the latest goes through the loader's cache, as in production.
      config =
        ruleSet === undefined
          ? await this.configs.load(tenantId)
          : await this.configs.read(tenantId, ruleSet);
    } catch (error) {
      if (error instanceof NoPublishedRuleSetError) {
        if (ruleSet !== undefined) throw ApiProblem.notFound(`Rule set version ${ruleSet}`);
        throw ApiProblem.conflict(error.message);
      }
      throw error;
    }
    // A published version is simulated as production would route with it, problems and all (a
    // deleted pool makes its leads unrouted); the problems are reported alongside.
    const { errors, warnings } = validateRules(
      config.ruleSet.rules,
      config.ruleSet.version,
      config,
      'version',
    );
    return { config, issues: [...errors, ...warnings], source: 'version' };
  }

  /** The tenant's latest `count` stored leads, oldest first (the order they arrived in). */
  private async latestLeads(count: number): Promise<RoutableLead[]> {
    const rows = await this.db.lead.findMany({
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: count,
      select: { connectionId: true, externalId: true, normalized: true },
    });
    return rows.reverse().map((row) => ({
      ...(row.normalized as object as RoutableLead),
      externalId: row.externalId,
      connectionId: row.connectionId,
    }));
  }
}
