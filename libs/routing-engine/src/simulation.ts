import { type RoutingDecision, type RoutingOutcome, type RoutingResult } from './decision-types';
import { type RoutableLead } from './lead-types';
import { route } from './routing-engine';
import { applyStateDelta } from './state-delta';
import { type RoutingSnapshot, type RoutingState } from './state-types';

export interface RepDistribution {
  repId: string;
  /** Leads assigned to the rep by routing. */
  assigned: number;
  /** Leads left with the rep because they already owned them in the CRM. */
  keptExisting: number;
}

export interface SimulationResult {
  decisions: RoutingDecision[];
  /** Every configured rep, in configuration order, including those who got nothing. */
  distribution: RepDistribution[];
  outcomes: Record<RoutingOutcome, number>;
  /** The state after the last lead, as it would be persisted. */
  finalState: RoutingState;
}

/**
 * Routes leads one after another as production would, applying each state delta before the next
 * lead. Every lead is routed at `snapshot.now`. The snapshot is not modified.
 */
export function simulate(leads: readonly RoutableLead[], snapshot: RoutingSnapshot): SimulationResult {
  const decisions: RoutingDecision[] = [];
  const outcomes: Record<RoutingOutcome, number> = {
    assigned: 0,
    kept_existing_owner: 0,
    unrouted: 0,
    excluded: 0,
  };
  const counts = new Map<string, RepDistribution>();
  for (const rep of snapshot.config.reps) {
    if (!counts.has(rep.id)) counts.set(rep.id, { repId: rep.id, assigned: 0, keptExisting: 0 });
  }
  let state = snapshot.state;
  for (const lead of leads) {
    const result: RoutingResult = route(lead, { config: snapshot.config, state, now: snapshot.now });
    const decision = result.decision;
    decisions.push(decision);
    outcomes[decision.outcome]++;
    const entry = decision.repId === null ? undefined : counts.get(decision.repId);
    if (entry !== undefined && decision.outcome === 'assigned') entry.assigned++;
    if (entry !== undefined && decision.outcome === 'kept_existing_owner') entry.keptExisting++;
    state = applyStateDelta(state, result.stateDelta);
  }
  return { decisions, distribution: [...counts.values()], outcomes, finalState: state };
}
