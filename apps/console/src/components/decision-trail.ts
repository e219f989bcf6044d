/**
 * The stored decision (`GET /v1/leads/{id}` → `trail`) in plain sentences. The API declares it as
 * an open object, so this reads it defensively; the shape is the routing engine's RoutingDecision
 * (docs/routing.md).
 */
type Names = { rep: (id: string) => string; pool: (id: string) => string };

const words = (code: string) => code.replace(/_/g, ' ');

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
const list = (value: unknown): Record<string, unknown>[] =>
  Array.isArray(value) ? value.filter(isRecord) : [];
const text = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

export function describeDecision(decision: Record<string, unknown> | null, names: Names): string[] {
  if (!decision) return [];
  const trail = isRecord(decision.trail) ? decision.trail : {};
  const lines: string[] = [];
  for (const rule of list(trail.rules)) {
    const failed = list(rule.groups)
      .flatMap((g) => list(g.conditions))
      .filter((c) => c.result === false)
      .map((c) => `${text(c.field)} ${words(text(c.operator))} ${text(c.expected)} (was ${text(c.actual)})`);
    lines.push(
      `Rule “${text(rule.ruleId)}” ${rule.matched === true ? 'matched' : 'did not match'}` +
        (failed.length > 0 ? `: ${failed.join('; ')}` : ''),
    );
  }
  const owner = isRecord(trail.ownerCheck) ? trail.ownerCheck : undefined;
  if (owner) {
    lines.push(
      `Owner check (${words(text(owner.policy))}): ${words(text(owner.reason))} → ${text(owner.result)}` +
        (typeof owner.ownerIneligibleReason === 'string' ? ` (${words(owner.ownerIneligibleReason)})` : ''),
    );
  }
  for (const step of list(trail.steps)) {
    const via = step.via === 'fallback' ? 'fallback ' : '';
    switch (step.kind) {
      case 'pool': {
        const candidates = list(step.candidates);
        const ineligible = candidates
          .filter((c) => c.eligible !== true)
          .map((c) => `${names.rep(text(c.repId))} ${words(text(c.reason))}`);
        lines.push(
          `${via}Pool ${names.pool(text(step.poolId))} (${words(text(step.strategy))}): ` +
            `${candidates.length - ineligible.length} of ${candidates.length} reps eligible` +
            (ineligible.length > 0 ? ` (${ineligible.join(', ')})` : '') +
            (typeof step.chosenRepId === 'string'
              ? `; chose ${names.rep(step.chosenRepId)}`
              : '; nobody chosen'),
        );
        break;
      }
      case 'rep':
        lines.push(
          `${via}Rep ${names.rep(text(step.repId))}: ${step.eligible === true ? 'eligible' : `not eligible (${words(text(step.reason))})`}`,
        );
        break;
      case 'missing_target':
        lines.push(`${via}${text(step.targetType)} ${text(step.id)} no longer exists`);
        break;
      case 'fallback_cycle':
        lines.push(`Fallbacks loop back to pool ${names.pool(text(step.poolId))}; stopped`);
        break;
      default:
        lines.push(text(step));
    }
  }
  const outcome = text(decision.outcome);
  lines.push(
    outcome === 'assigned'
      ? `Assigned to ${names.rep(text(decision.repId))} (CRM owner ${text(decision.crmOwnerId)})`
      : `Outcome: ${words(outcome)}` +
          (typeof decision.unroutedReason === 'string' ? ` (${words(decision.unroutedReason)})` : ''),
  );
  return lines;
}
