import type { ICrmClient } from '@leadflow/crm';
import type { Prisma, PrismaClient } from '@leadflow/database';
import { type FieldMapping, normalize } from '@leadflow/field-mapping';
import type { RoutingService } from '@leadflow/routing';
import type { RoutingRule } from '@leadflow/routing-engine';

/** Reps with an owner id in one connection, two pools and a country rule: the same for every CRM. */
export async function seedRoutingTenant(
  prisma: PrismaClient,
  input: { tenantId: string; connectionId: string; ownerIds: readonly string[] },
): Promise<{ tenantId: string; repNames: Map<string, string> }> {
  const tenant = { id: input.tenantId };
  const repNames = new Map<string, string>();
  const repIds: string[] = [];
  for (const [i, ownerId] of input.ownerIds.entries()) {
    const rep = await prisma.rep.create({
      data: {
        tenantId: tenant.id,
        name: `Rep ${i}`,
        timeZone: 'UTC',
        territories: i < 2 ? ['DACH'] : ['ROW'],
        crmOwnerIds: { [input.connectionId]: ownerId },
      },
    });
    await prisma.repLoad.create({ data: { repId: rep.id, tenantId: tenant.id } });
    repNames.set(rep.id, rep.name);
    repIds.push(rep.id);
  }
  const pool = async (name: string, members: string[]) => {
    const created = await prisma.pool.create({
      data: {
        tenantId: tenant.id,
        name,
        strategy: 'round_robin',
        members: { create: members.map((repId, position) => ({ repId, position, weight: 1 })) },
      },
    });
    await prisma.poolState.create({ data: { poolId: created.id, tenantId: tenant.id } });
    return created.id;
  };
  const dach = await pool('DACH', repIds.slice(0, 2));
  const rest = await pool('Rest of world', repIds.slice(2));
  const rules: RoutingRule[] = [
    {
      id: 'excluded',
      conditions: {
        combinator: 'all',
        groups: [
          { combinator: 'all', conditions: [{ field: 'status', operator: 'equals', value: 'excluded' }] },
        ],
      },
      action: { type: 'exclude' },
      ownerPolicy: 'override',
    },
    {
      id: 'dach',
      conditions: {
        combinator: 'all',
        groups: [
          {
            combinator: 'any',
            conditions: [{ field: 'country', operator: 'in', value: ['DE', 'AT', 'CH'] }],
          },
        ],
      },
      action: { type: 'route_to_pool', poolId: dach },
      ownerPolicy: 'override',
    },
    { id: 'default', action: { type: 'route_to_pool', poolId: rest }, ownerPolicy: 'override' },
  ];
  await prisma.ruleSetVersion.create({
    data: { tenantId: tenant.id, version: 1, rules: rules as unknown as Prisma.InputJsonValue },
  });
  return { tenantId: tenant.id, repNames };
}

export interface RoutedLead {
  externalId: string;
  rule: string | null;
  outcome: string;
  rep: string | null;
  ownerWritten: string | null;
}

/**
 * What intake does for a batch of ids, in order: fetch through the client, normalize with the
 * mapping, store the lead, route it, write the chosen owner back.
 */
export async function routeAndWriteBack(input: {
  prisma: PrismaClient;
  routing: RoutingService;
  client: ICrmClient;
  objectType: string;
  mapping: FieldMapping;
  tenantId: string;
  connectionId: string;
  externalIds: readonly string[];
  repNames: ReadonlyMap<string, string>;
}): Promise<RoutedLead[]> {
  const { records, missing } = await input.client.fetchLeads(input.objectType, input.externalIds);
  if (missing.length > 0) throw new Error(`missing in the CRM: ${missing.join(', ')}`);
  const byId = new Map(records.map((r) => [r.externalId, r]));
  const routed: RoutedLead[] = [];
  for (const externalId of input.externalIds) {
    const result = normalize(byId.get(externalId)!, input.mapping);
    if (!result.ok) throw new Error(`${externalId}: ${result.errors.map((e) => e.message).join('; ')}`);
    const lead = await input.prisma.lead.create({
      data: {
        tenantId: input.tenantId,
        connectionId: input.connectionId,
        externalId,
        normalized: result.lead as unknown as Prisma.InputJsonObject,
      },
    });
    const { decision } = await input.routing.assign(input.tenantId, lead.id);
    if (decision.crmOwnerId !== null) {
      await input.client.assignOwner(input.objectType, { externalId, ownerId: decision.crmOwnerId });
    }
    routed.push({
      externalId,
      rule: decision.ruleId,
      outcome: decision.outcome,
      rep: decision.repId === null ? null : (input.repNames.get(decision.repId) ?? null),
      ownerWritten: decision.crmOwnerId,
    });
  }
  return routed;
}
