import { type CompiledRep, type CompiledRoutingConfig, NO_REQUIREMENTS } from './compiled-config';
import { type OwnerPolicy } from './config-types';
import { type IneligibilityReason, type OwnerCheck, type OwnerCheckReason } from './decision-types';
import { type EligibilityContext, ineligibilityReason } from './eligibility';
import { type RoutableLead } from './lead-types';

/** The rep whose CRM owner id on the lead's connection is the lead's existing owner. */
export function repOwningLead(lead: RoutableLead, compiled: CompiledRoutingConfig): CompiledRep | null {
  const ownerId = lead.existingOwnerId;
  if (ownerId === undefined || ownerId === null || ownerId === '') return null;
  return compiled.repsByOwnerId.get(lead.connectionId)?.get(ownerId) ?? null;
}

/**
 * Decides whether a rule that would assign a rep keeps the lead's existing CRM owner instead.
 * Keeping checks the owner rep without the rule's or pool's skill requirements: the owner already
 * has a relationship with this lead.
 */
export function checkExistingOwner(
  policy: OwnerPolicy,
  lead: RoutableLead,
  compiled: CompiledRoutingConfig,
  context: EligibilityContext,
): OwnerCheck {
  const ownerId = lead.existingOwnerId;
  const existingOwnerId = ownerId === undefined || ownerId === null || ownerId === '' ? null : ownerId;
  const ownerRep = existingOwnerId === null ? null : repOwningLead(lead, compiled);
  const ownerRepId = ownerRep?.id ?? null;
  let result: OwnerCheck['result'] = 'routed';
  let reason: OwnerCheckReason;
  let ownerIneligibleReason: IneligibilityReason | null = null;
  if (existingOwnerId === null) {
    reason = 'no_existing_owner';
  } else if (policy === 'override') {
    reason = 'policy_override';
  } else if (ownerRep === null) {
    reason = 'owner_not_a_rep';
  } else {
    switch (policy) {
      case 'keep_if_active_rep':
        result = ownerRep.active ? 'kept' : 'routed';
        reason = ownerRep.active ? 'owner_is_active_rep' : 'owner_rep_inactive';
        break;
      case 'keep_if_available':
        ownerIneligibleReason = ineligibilityReason(ownerRep, context, NO_REQUIREMENTS, null);
        result = ownerIneligibleReason === null ? 'kept' : 'routed';
        reason = ownerIneligibleReason === null ? 'owner_rep_available' : 'owner_rep_ineligible';
        break;
    }
  }
  return { policy, existingOwnerId, ownerRepId, result, reason, ownerIneligibleReason };
}
