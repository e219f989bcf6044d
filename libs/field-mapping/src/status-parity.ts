import { type LeadStatus } from './canonical-lead';
import { statusValueKey } from './mapping-consistency';
import { type StatusParity } from './mapping-schema';

/**
 * The status a CRM value maps to, or null when the table lacks it. An exact entry wins; then
 * case and surrounding spaces are ignored, because Monday labels get retyped ("Won " vs "won")
 * while HubSpot ids never collide that way.
 */
export function lookupStatus(value: string, parity: StatusParity): LeadStatus | null {
  const exact = parity.entries.find((entry) => entry.value === value);
  if (exact !== undefined) return exact.status;
  const key = statusValueKey(value);
  return parity.entries.find((entry) => statusValueKey(entry.value) === key)?.status ?? null;
}

export type StatusDecision =
  | { ok: true; status: LeadStatus; unmappedValue?: string }
  | { ok: false; reason: 'unmapped'; value: string }
  | { ok: false; reason: 'no_value' };

/**
 * Decides a lead's status from the status rule's value (null when the rule found none or there
 * is no rule). Unmapped values are never silently "open": they take the table's default and are
 * reported, or fail the lead when there is no default.
 */
export function decideStatus(value: string | null, parity: StatusParity): StatusDecision {
  if (value === null)
    return parity.default === null ? { ok: false, reason: 'no_value' } : { ok: true, status: parity.default };
  const status = lookupStatus(value, parity);
  if (status !== null) return { ok: true, status };
  if (parity.default === null) return { ok: false, reason: 'unmapped', value };
  return { ok: true, status: parity.default, unmappedValue: value };
}

const WORDS_BY_STATUS: readonly (readonly [LeadStatus, RegExp])[] = [
  [
    'excluded',
    /\b(spam|junk|duplicate|test|fake|bounced|do not contact|excluded?|invalid|existing customer|bad data)\b/i,
  ],
  [
    'lost',
    /\b(lost|closed ?lost|unqualified|disqualified|not interested|rejected|dead|bad timing|no fit|churned)\b/i,
  ],
  ['won', /\b(won|closed ?won|converted|qualified|customer|signed|done|complete|completed)\b/i],
];

/**
 * A first guess of what a CRM status label means, for suggestions only (an admin confirms it).
 * Order matters: "Unqualified" must read as lost before "qualified" reads as won.
 */
export function guessStatusFromLabel(label: string): { status: LeadStatus; matched: string } | null {
  const spaced = label.replace(/[_-]+/g, ' ');
  for (const [status, pattern] of WORDS_BY_STATUS) {
    const match = pattern.exec(spaced);
    if (match !== null) return { status, matched: match[0] };
  }
  return null;
}
