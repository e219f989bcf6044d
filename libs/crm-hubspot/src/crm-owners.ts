import type { CrmOwner } from '@leadflow/crm';
import type { HubSpotOwnerJson } from './hubspot-payloads';

/**
 * HubSpot owners as the port's {@link CrmOwner}: the owner id (what `hubspot_owner_id` takes), archived
 * owners kept but inactive, teams by id (names change, ids do not). An owner listed as both active and
 * archived keeps the active entry.
 */
export function crmOwners(
  active: readonly HubSpotOwnerJson[],
  archived: readonly HubSpotOwnerJson[],
): CrmOwner[] {
  const byId = new Map<string, CrmOwner>();
  for (const [owners, isActive] of [
    [active, true],
    [archived, false],
  ] as const) {
    for (const owner of owners) {
      const id = String(owner.id);
      if (byId.has(id)) continue;
      byId.set(id, {
        id,
        email: text(owner.email),
        firstName: text(owner.firstName),
        lastName: text(owner.lastName),
        active: isActive && owner.archived !== true,
        teams: (owner.teams ?? []).map((team) => String(team.id)),
      });
    }
  }
  return [...byId.values()];
}

function text(value: string | null | undefined): string | null {
  return value === undefined || value === null || value.trim() === '' ? null : value;
}
