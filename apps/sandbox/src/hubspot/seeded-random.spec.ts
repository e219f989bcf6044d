import { describe, expect, it } from 'vitest';
import { chance, seededRandom } from './seeded-random';

describe('seededRandom', () => {
  it('repeats its sequence for a seed and stays within [0, 1)', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(xs).size).toBeGreaterThan(990);
    expect(seededRandom(8)()).not.toBe(xs[0]);
  });

  it('hits about as often as the rate says; rate 1 always, rate 0 never', () => {
    const random = seededRandom(1);
    const hits = Array.from({ length: 10_000 }, () => chance(random, 0.3)).filter(Boolean).length;
    expect(hits).toBeGreaterThan(2_800);
    expect(hits).toBeLessThan(3_200);
    expect(Array.from({ length: 1000 }, () => chance(random, 1)).every(Boolean)).toBe(true);
    expect(Array.from({ length: 1000 }, () => chance(random, 0)).some(Boolean)).toBe(false);
  });
});
