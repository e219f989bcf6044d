import { describe, expect, it } from 'vitest';
import { checkRegexSafety, MAX_REGEX_PATTERN_LENGTH } from './regex-safety';

function problemOf(pattern: string): string | null {
  const result = checkRegexSafety(pattern);
  return result.safe ? null : result.problem;
}

describe('checkRegexSafety', () => {
  it.each([
    '^[a-z0-9._%+-]+@example\\.com$',
    '\\.gov(\\.[a-z]{2})?$',
    '^\\+1\\d{10}$',
    '.*foo.*',
    '^\\s*(\\w+)\\s*$',
    '^(?:https?|ftp)://',
    '^(acme|globex|initech)\\b',
    '(?:ab){2,5}',
    '(\\d{3}-){2}\\d{4}',
    '[^@]+@[^@]+',
    '^enterprise$',
    '(?=.*pro)(?!.*trial)',
    '(?<year>\\d{4})-(?<month>\\d{2})',
    '\\p{L}',
    'a{',
    '[\\]\\-]',
    'x|y|z',
  ])('accepts %s', (pattern) => {
    expect(checkRegexSafety(pattern)).toEqual({ safe: true });
  });

  it.each([
    ['(a+)+', 'nested_quantifier'],
    ['(a*)*', 'nested_quantifier'],
    ['(a+)*b', 'nested_quantifier'],
    ['^(\\d+\\s?)+$', 'nested_quantifier'],
    ['(?:x{1,3}){2,}', 'nested_quantifier'],
    ['((ab)*)+', 'nested_quantifier'],
    ['(\\w+\\.)+com', 'nested_quantifier'],
    ['(a|a)*', 'overlapping_alternation'],
    ['(a|ab)*', 'overlapping_alternation'],
    ['(\\w|\\d)+', 'overlapping_alternation'],
    ['(?:[a-c]|b)+$', 'overlapping_alternation'],
    ['(a|A)+', 'overlapping_alternation'],
    ['(x(a|ab))*', 'overlapping_alternation'],
    ['(a|)+', 'empty_repetition'],
    ['(?:\\b)*', 'empty_repetition'],
    ['\\w*\\w*', 'adjacent_quantifiers'],
    ['.*.*=.*', 'adjacent_quantifiers'],
    ['\\d+\\s*\\d+', 'adjacent_quantifiers'],
    ['(a+)?a+', 'adjacent_quantifiers'],
    ['(x)\\1', 'backreference'],
    ['(?<q>["\'])\\k<q>', 'backreference'],
    ['[', 'invalid'],
    ['(?<n>a)(?<n>b)', 'invalid'],
    ['a**', 'invalid'],
  ])('rejects %s (%s)', (pattern, problem) => {
    expect(problemOf(pattern)).toBe(problem);
  });

  it('caps the pattern length', () => {
    expect(problemOf('a'.repeat(MAX_REGEX_PATTERN_LENGTH))).toBeNull();
    expect(problemOf('a'.repeat(MAX_REGEX_PATTERN_LENGTH + 1))).toBe('too_long');
  });

  it('explains the problem with the offending fragment', () => {
    const result = checkRegexSafety('^(\\w+\\s?)+$');
    expect(result.safe).toBe(false);
    expect(!result.safe && result.reason).toContain('(\\w+\\s?)+');
  });

  it('judges a rejected pattern without running it', () => {
    // A pattern that would hang if executed against a long non-matching input.
    expect(problemOf('^(a+)+$')).toBe('nested_quantifier');
  });
});
