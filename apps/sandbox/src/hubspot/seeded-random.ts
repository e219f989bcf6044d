/** A number in [0, 1); rate 1 therefore always hits and rate 0 never does. */
export type RandomSource = () => number;

/**
 * mulberry32: tiny, fast and good enough to decide faults. A seed makes a fault run repeatable,
 * so a test can assert which event was dropped instead of only how many.
 */
export function seededRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** True with probability `rate`, decided by `random`. */
export function chance(random: RandomSource, rate: number): boolean {
  return rate > 0 && random() < rate;
}
