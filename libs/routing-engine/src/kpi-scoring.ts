import { type KpiComponent, type KpiRange, type RepScore } from './decision-types';
import { ownValue } from './own-property';
import { bestInRotationOrder } from './rotation-order';
import { type StrategyInput, type StrategyPick } from './strategy-types';

/**
 * Min-max normalisation to [0, 1] across the eligible reps, inverted for lower-is-better KPIs, so
 * the best eligible rep on a KPI gets 1 and the worst 0. When every rep has the same value, all
 * get 1 (nobody is penalised); a rep without a value gets 0.
 */
function normalise(value: number | null, range: KpiRange): number {
  if (value === null || range.min === null || range.max === null) return 0;
  if (range.max === range.min) return 1;
  const position = (value - range.min) / (range.max - range.min);
  return range.direction === 'lower_is_better' ? 1 - position : position;
}

/**
 * Score = Σ weightₖ × normalisedₖ; the highest score wins, ties go to whoever is next in rotation.
 * Eligibility (caps, hours, absence) still applies, so caps are what spread leads across reps.
 */
export function pickKpiWeighted(input: StrategyInput): StrategyPick {
  const { pool, reasons, state, repKpis } = input;
  const members = pool.members;
  const weights = pool.kpiWeights;
  const kpiCount = weights.length;

  // Values read once, row per member, column per KPI; null where missing or not a finite number.
  const values: (number | null)[] = new Array<number | null>(members.length * kpiCount).fill(null);
  const kpis: KpiRange[] = weights.map(({ kpi, direction, weight }) => ({
    kpi,
    direction,
    weight,
    min: null,
    max: null,
  }));
  for (let m = 0; m < members.length; m++) {
    if (reasons[m] !== null) continue;
    const row = ownValue(repKpis, members[m]!.repId);
    if (row === undefined) continue;
    for (let k = 0; k < kpiCount; k++) {
      const range = kpis[k]!;
      const value = ownValue(row, range.kpi);
      if (typeof value !== 'number' || !Number.isFinite(value)) continue;
      values[m * kpiCount + k] = value;
      if (range.min === null || value < range.min) range.min = value;
      if (range.max === null || value > range.max) range.max = value;
    }
  }

  const scores: RepScore[] = [];
  const scoreByIndex: number[] = new Array<number>(members.length).fill(0);
  for (let m = 0; m < members.length; m++) {
    if (reasons[m] !== null) continue;
    let score = 0;
    const breakdown: KpiComponent[] = [];
    for (let k = 0; k < kpiCount; k++) {
      const range = kpis[k]!;
      const value = values[m * kpiCount + k] ?? null;
      const normalised = normalise(value, range);
      const contribution = range.weight * normalised;
      score += contribution;
      breakdown.push({ kpi: range.kpi, value, normalised, weight: range.weight, contribution });
    }
    scoreByIndex[m] = score;
    scores.push({ repId: members[m]!.repId, score, breakdown });
  }

  const chosen = bestInRotationOrder(
    members,
    reasons,
    state.lastAssignedRepId,
    (a, b) => scoreByIndex[a]! > scoreByIndex[b]!,
  );
  return {
    chosen,
    state: { lastAssignedRepId: members[chosen]!.repId, currentWeights: {}, missedTurns: {} },
    detail: { strategy: 'kpi_weighted', kpis, scores },
  };
}
