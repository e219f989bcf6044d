/**
 * Sets of code points as sorted, merged `[low, high]` ranges. The regex safety analyser uses them
 * to ask "can these two parts of a pattern match the same character?".
 */
export type CharSet = readonly (readonly [number, number])[];

const MAX_CODE_POINT = 0x10ffff;

export const EMPTY_SET: CharSet = [];
export const ANY_CHAR: CharSet = [[0, MAX_CODE_POINT]];
export const DIGITS: CharSet = [[0x30, 0x39]];
export const WORD_CHARS: CharSet = normalise([
  [0x30, 0x39],
  [0x41, 0x5a],
  [0x5f, 0x5f],
  [0x61, 0x7a],
]);
export const WHITESPACE: CharSet = normalise([
  [0x09, 0x0d],
  [0x20, 0x20],
  [0xa0, 0xa0],
  [0x1680, 0x1680],
  [0x2000, 0x200a],
  [0x2028, 0x2029],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
  [0xfeff, 0xfeff],
]);

export function singleChar(codePoint: number): CharSet {
  return [[codePoint, codePoint]];
}

export function charRange(low: number, high: number): CharSet {
  return low <= high ? [[low, high]] : EMPTY_SET;
}

export function normalise(ranges: readonly (readonly [number, number])[]): CharSet {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [low, high] of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && low <= last[1] + 1) {
      last[1] = Math.max(last[1], high);
    } else {
      merged.push([low, high]);
    }
  }
  return merged;
}

export function union(...sets: CharSet[]): CharSet {
  return normalise(sets.flat());
}

export function complement(set: CharSet): CharSet {
  const result: [number, number][] = [];
  let next = 0;
  for (const [low, high] of set) {
    if (low > next) result.push([next, low - 1]);
    next = high + 1;
  }
  if (next <= MAX_CODE_POINT) result.push([next, MAX_CODE_POINT]);
  return result;
}

export function intersects(a: CharSet, b: CharSet): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const [aLow, aHigh] = a[i]!;
    const [bLow, bHigh] = b[j]!;
    if (aHigh < bLow) i++;
    else if (bHigh < aLow) j++;
    else return true;
  }
  return false;
}

/**
 * Adds the other case of ASCII letters, because patterns run case-insensitively. Non-ASCII case
 * pairs are not folded; that only matters for exotic patterns and errs on the permissive side.
 */
export function foldAsciiCase(set: CharSet): CharSet {
  const extra: [number, number][] = [];
  for (const [low, high] of set) {
    const upperLow = Math.max(low, 0x41);
    const upperHigh = Math.min(high, 0x5a);
    if (upperLow <= upperHigh) extra.push([upperLow + 0x20, upperHigh + 0x20]);
    const lowerLow = Math.max(low, 0x61);
    const lowerHigh = Math.min(high, 0x7a);
    if (lowerLow <= lowerHigh) extra.push([lowerLow - 0x20, lowerHigh - 0x20]);
  }
  return extra.length === 0 ? set : normalise([...set, ...extra]);
}
