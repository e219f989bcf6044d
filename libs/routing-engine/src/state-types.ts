import { type RoutingConfig } from './config-types';

/** Persisted per pool; replaced as a whole by a state delta. */
export interface PoolState {
  /** The round-robin pointer: the rep who got the last lead in rotation order. */
  lastAssignedRepId: string | null;
  /** Smooth weighted round robin "current weight" per rep. Empty for other strategies. */
  currentWeights: Record<string, number>;
  /** Strict round robin with catch-up: turns each rep missed while absent. */
  missedTurns: Record<string, number>;
}

export interface RepLoad {
  openCount: number;
  assignedToday: number;
  /** `YYYY-MM-DD` in the rep's time zone that `assignedToday` counts; another day means zero. */
  day: string;
}

export interface RoutingState {
  /** Missing pools start empty. Fields may be omitted and default to empty. */
  poolStates: Record<string, Partial<PoolState>>;
  /** Missing reps have no load. */
  repLoads: Record<string, RepLoad>;
  /** KPI name → value, per rep. */
  repKpis: Record<string, Record<string, number>>;
}

export interface RoutingSnapshot {
  config: RoutingConfig;
  state: RoutingState;
  /** ISO instant; the engine never reads the clock. */
  now: string;
}
