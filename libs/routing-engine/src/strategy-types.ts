import { type CompiledPool } from './compiled-config';
import { type IneligibilityReason, type StrategyDetail } from './decision-types';
import { type PoolState, type RepLoad } from './state-types';

export interface StrategyInput {
  pool: CompiledPool;
  /** One entry per pool member, in member order; null means eligible. At least one is null. */
  reasons: readonly (IneligibilityReason | null)[];
  state: PoolState;
  repLoads: Readonly<Record<string, RepLoad>>;
  repKpis: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

export interface StrategyPick {
  /** Index into the pool's members. */
  chosen: number;
  state: PoolState;
  detail: StrategyDetail;
}
