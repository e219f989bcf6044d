import { type CharSet, EMPTY_SET, foldAsciiCase, intersects, union } from './char-set';
import { parseRegex, type RegexNode, UnsupportedRegexSyntaxError } from './regex-parser';

/** Longer patterns are refused outright: rules are routing criteria, not parsers. */
export const MAX_REGEX_PATTERN_LENGTH = 256;

/** `matches` conditions always run case-insensitively, like every other text comparison. */
export const MATCHES_FLAGS = 'i';

export type RegexProblem =
  | 'too_long'
  | 'invalid'
  | 'unsupported_syntax'
  | 'backreference'
  | 'nested_quantifier'
  | 'overlapping_alternation'
  | 'empty_repetition'
  | 'adjacent_quantifiers';

export type RegexSafety = { safe: true } | { safe: false; problem: RegexProblem; reason: string };

/**
 * A conservative, hand-written check for patterns that can backtrack catastrophically. It refuses:
 * backreferences; a repeated part that itself holds a variable quantifier (`(a+)+`, `(\d+,?)*`);
 * a repeated part holding alternatives that can start with the same character (`(a|ab)*`); an
 * unbounded repetition of something that can match empty text (`(a|)*`); and unbounded quantifiers
 * next to each other that can match the same characters (`\w*\w*`, `.*\s*.*`).
 *
 * It errs on the side of refusing: some safe patterns (for example `(\w+\.)+com`) are rejected and
 * must be rewritten (for example `[\w.]+\.com`). It never runs the pattern.
 */
export function checkRegexSafety(pattern: string): RegexSafety {
  if (pattern.length > MAX_REGEX_PATTERN_LENGTH) {
    return unsafe('too_long', `pattern is longer than ${MAX_REGEX_PATTERN_LENGTH} characters`);
  }
  try {
    new RegExp(pattern, MATCHES_FLAGS);
  } catch (error) {
    return unsafe('invalid', `not a valid regular expression: ${(error as Error).message}`);
  }
  let ast: RegexNode;
  try {
    ast = parseRegex(pattern);
  } catch (error) {
    if (error instanceof UnsupportedRegexSyntaxError) {
      return unsafe('unsupported_syntax', `unsupported syntax: ${error.message}`);
    }
    throw error;
  }
  return findHazard(ast) ?? { safe: true };
}

function unsafe(problem: RegexProblem, reason: string): RegexSafety {
  return { safe: false, problem, reason };
}

function findHazard(node: RegexNode): RegexSafety | null {
  switch (node.kind) {
    case 'chars':
    case 'assertion':
      return null;
    case 'backreference':
      return unsafe('backreference', 'backreferences (\\1, \\k<name>) are not allowed');
    case 'group':
      return findHazard(node.body);
    case 'alternation':
      return firstHazard(node.alternatives);
    case 'sequence':
      return adjacentQuantifierHazard(node.items) ?? firstHazard(node.items);
    case 'repeat':
      return repeatHazard(node) ?? findHazard(node.body);
  }
}

function firstHazard(nodes: readonly RegexNode[]): RegexSafety | null {
  for (const child of nodes) {
    const hazard = findHazard(child);
    if (hazard !== null) return hazard;
  }
  return null;
}

function repeatHazard(node: Extract<RegexNode, { kind: 'repeat' }>): RegexSafety | null {
  if (node.max <= 1) return null;
  if (containsVariableRepeat(node.body)) {
    return unsafe(
      'nested_quantifier',
      `"${node.source}" repeats a part that has its own quantifier, which can backtrack catastrophically`,
    );
  }
  if (node.max === Infinity && isNullable(node.body)) {
    return unsafe('empty_repetition', `"${node.source}" repeats a part that can match empty text`);
  }
  const alternation = findOverlappingAlternation(node.body);
  if (alternation !== null) {
    return unsafe(
      'overlapping_alternation',
      `"${node.source}" repeats alternatives "${alternation}" that can match the same text`,
    );
  }
  return null;
}

/**
 * Within one sequence, two unbounded quantifiers separated only by optional parts and able to
 * consume the same characters give the engine many ways to split the input.
 */
function adjacentQuantifierHazard(items: readonly RegexNode[]): RegexSafety | null {
  let pending: { set: CharSet; source: string }[] = [];
  for (const item of items) {
    const unbounded = unboundedPart(item);
    if (unbounded !== null) {
      const clash = pending.find((previous) => intersects(previous.set, unbounded.set));
      if (clash !== undefined) {
        return unsafe(
          'adjacent_quantifiers',
          `"${clash.source}" and "${unbounded.source}" can match the same characters next to each other`,
        );
      }
    }
    if (!isNullable(item)) pending = [];
    if (unbounded !== null) pending.push(unbounded);
  }
  return null;
}

function unboundedPart(node: RegexNode): { set: CharSet; source: string } | null {
  if (!containsUnboundedRepeat(node)) return null;
  const source = node.kind === 'repeat' ? node.source : 'a group with an unbounded quantifier';
  return { set: consumedChars(node), source };
}

function containsVariableRepeat(node: RegexNode): boolean {
  return someNode(node, (child) => child.kind === 'repeat' && child.min !== child.max);
}

function containsUnboundedRepeat(node: RegexNode): boolean {
  return someNode(node, (child) => child.kind === 'repeat' && child.max === Infinity);
}

function someNode(node: RegexNode, predicate: (node: RegexNode) => boolean): boolean {
  if (predicate(node)) return true;
  switch (node.kind) {
    case 'chars':
    case 'assertion':
    case 'backreference':
      return false;
    case 'group':
    case 'repeat':
      return someNode(node.body, predicate);
    case 'sequence':
      return node.items.some((item) => someNode(item, predicate));
    case 'alternation':
      return node.alternatives.some((alternative) => someNode(alternative, predicate));
  }
}

function findOverlappingAlternation(node: RegexNode): string | null {
  switch (node.kind) {
    case 'chars':
    case 'assertion':
    case 'backreference':
      return null;
    case 'group':
    case 'repeat':
      return findOverlappingAlternation(node.body);
    case 'sequence':
      for (const item of node.items) {
        const found = findOverlappingAlternation(item);
        if (found !== null) return found;
      }
      return null;
    case 'alternation': {
      if (alternativesOverlap(node.alternatives)) return node.source;
      for (const alternative of node.alternatives) {
        const found = findOverlappingAlternation(alternative);
        if (found !== null) return found;
      }
      return null;
    }
  }
}

function alternativesOverlap(alternatives: readonly RegexNode[]): boolean {
  if (alternatives.some(isNullable)) return true;
  const firsts = alternatives.map(firstChars);
  for (let i = 0; i < firsts.length; i++) {
    for (let j = i + 1; j < firsts.length; j++) {
      if (intersects(firsts[i]!, firsts[j]!)) return true;
    }
  }
  return false;
}

function isNullable(node: RegexNode): boolean {
  switch (node.kind) {
    case 'chars':
      return false;
    case 'assertion':
    case 'backreference':
      return true;
    case 'group':
      return node.zeroWidth || isNullable(node.body);
    case 'repeat':
      return node.min === 0 || isNullable(node.body);
    case 'sequence':
      return node.items.every(isNullable);
    case 'alternation':
      return node.alternatives.some(isNullable);
  }
}

/** Characters the node can start with (over-approximated, case-folded). */
function firstChars(node: RegexNode): CharSet {
  switch (node.kind) {
    case 'chars':
      return foldAsciiCase(node.set);
    case 'assertion':
    case 'backreference':
      return EMPTY_SET;
    case 'group':
      return node.zeroWidth ? EMPTY_SET : firstChars(node.body);
    case 'repeat':
      return node.max === 0 ? EMPTY_SET : firstChars(node.body);
    case 'alternation':
      return union(...node.alternatives.map(firstChars));
    case 'sequence': {
      const sets: CharSet[] = [];
      for (const item of node.items) {
        sets.push(firstChars(item));
        if (!isNullable(item)) break;
      }
      return union(...sets);
    }
  }
}

/** Every character the node can consume (over-approximated, case-folded). */
function consumedChars(node: RegexNode): CharSet {
  switch (node.kind) {
    case 'chars':
      return foldAsciiCase(node.set);
    case 'assertion':
    case 'backreference':
      return EMPTY_SET;
    case 'group':
      return node.zeroWidth ? EMPTY_SET : consumedChars(node.body);
    case 'repeat':
      return consumedChars(node.body);
    case 'alternation':
      return union(...node.alternatives.map(consumedChars));
    case 'sequence':
      return union(...node.items.map(consumedChars));
  }
}
