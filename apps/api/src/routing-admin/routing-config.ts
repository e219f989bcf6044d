import type { TenantScopedClient } from '@leadflow/database';
import { rulesFromJson, rulesReferencing } from '@leadflow/routing';

/** The transaction client of the tenant-scoped client. */
export type TenantTx = Parameters<Parameters<TenantScopedClient['$transaction']>[0]>[0];

/** The rules of the rule set in force (the highest published version) that name the pool or rep. */
export async function publishedRulesReferencing(
  tx: TenantTx,
  target: { poolId?: string; repId?: string },
): Promise<{ version: number; ruleIds: string[] } | null> {
  const latest = await tx.ruleSetVersion.findFirst({ orderBy: { version: 'desc' } });
  if (!latest) return null;
  const ruleIds = rulesReferencing(rulesFromJson(latest.rules), target);
  return ruleIds.length > 0 ? { version: latest.version, ruleIds } : null;
}

export function quotedList(items: readonly string[]): string {
  return items.map((item) => `"${item}"`).join(', ');
}
