/**
 * Admin-written regular expressions run on every lead, inside the worker. JavaScript's engine
 * backtracks, so a pattern such as `(a+)+$` can take exponential time on a short hostile value
 * and stall the intake queue. We refuse the shapes that cause it (a repeated group that holds a
 * quantifier or an alternation, back-references) and cap both pattern and input length.
 */
export const MAX_PATTERN_LENGTH = 200;
export const MAX_MATCH_INPUT_LENGTH = 1000;
export const ALLOWED_PATTERN_FLAGS = /^[imsu]*$/;

interface GroupFrame {
  hasQuantifier: boolean;
  hasAlternation: boolean;
}

export type PatternCheck =
  { ok: true; regex: RegExp; captureGroups: number; groupNames: string[] } | { ok: false; reason: string };

/** Reads a quantifier at `index`; returns its length and whether it repeats (more than once), or null. */
function readQuantifier(pattern: string, index: number): { length: number; repeats: boolean } | null {
  const char = pattern.charAt(index);
  let length: number;
  let repeats: boolean;
  if (char === '*' || char === '+') {
    length = 1;
    repeats = true;
  } else if (char === '?') {
    length = 1;
    repeats = false;
  } else if (char === '{') {
    const match = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(index));
    if (match === null) return null;
    length = match[0].length;
    const min = Number(match[1]);
    const max = match[2] === undefined ? min : match[3] === '' ? Infinity : Number(match[3]);
    repeats = max > 1;
  } else {
    return null;
  }
  // A lazy or possessive-looking suffix belongs to the quantifier.
  if (pattern.charAt(index + length) === '?') length += 1;
  return { length, repeats };
}

export function checkPattern(pattern: string, flags = ''): PatternCheck {
  if (pattern.length === 0) return { ok: false, reason: 'the pattern is empty' };
  if (pattern.length > MAX_PATTERN_LENGTH) {
    return { ok: false, reason: `the pattern is longer than ${MAX_PATTERN_LENGTH} characters` };
  }
  if (!ALLOWED_PATTERN_FLAGS.test(flags))
    return { ok: false, reason: 'only the flags i, m, s and u are allowed' };
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, flags);
  } catch (error) {
    return {
      ok: false,
      reason: `not a valid regular expression (${error instanceof Error ? error.message : 'syntax error'})`,
    };
  }

  const stack: GroupFrame[] = [{ hasQuantifier: false, hasAlternation: false }];
  let captureGroups = 0;
  const groupNames: string[] = [];
  let index = 0;
  while (index < pattern.length) {
    const char = pattern.charAt(index);
    const frame = stack[stack.length - 1];
    if (frame === undefined) return { ok: false, reason: 'unbalanced parentheses' };
    if (char === '\\') {
      const next = pattern.charAt(index + 1);
      if (/[1-9]/.test(next) || next === 'k') return { ok: false, reason: 'back-references are not allowed' };
      index += 2;
    } else if (char === '[') {
      index += 1;
      while (index < pattern.length && pattern.charAt(index) !== ']')
        index += pattern.charAt(index) === '\\' ? 2 : 1;
      index += 1;
    } else if (char === '(') {
      const rest = pattern.slice(index);
      const named = /^\(\?<([A-Za-z_$][\w$]*)>/.exec(rest);
      if (named !== null) {
        captureGroups += 1;
        groupNames.push(named[1] ?? '');
      } else if (!rest.startsWith('(?')) {
        captureGroups += 1;
      }
      stack.push({ hasQuantifier: false, hasAlternation: false });
      index += 1;
      continue;
    } else if (char === ')') {
      stack.pop();
      const parent = stack[stack.length - 1];
      if (parent === undefined) return { ok: false, reason: 'unbalanced parentheses' };
      const quantifier = readQuantifier(pattern, index + 1);
      if (quantifier?.repeats === true && (frame.hasQuantifier || frame.hasAlternation)) {
        return {
          ok: false,
          reason: frame.hasQuantifier
            ? 'nested quantifiers (a repeated group containing *, +, ? or {n,m}) can take exponential time'
            : 'a repeated group containing | can take exponential time',
        };
      }
      parent.hasQuantifier ||= frame.hasQuantifier || quantifier !== null;
      parent.hasAlternation ||= frame.hasAlternation;
      index += 1 + (quantifier?.length ?? 0);
      continue;
    } else if (char === '|') {
      frame.hasAlternation = true;
      index += 1;
      continue;
    } else {
      index += 1;
    }
    const quantifier = readQuantifier(pattern, index);
    if (quantifier !== null) {
      frame.hasQuantifier = true;
      index += quantifier.length;
    }
  }
  return { ok: true, regex, captureGroups, groupNames };
}
