import { checkPattern, MAX_MATCH_INPUT_LENGTH, type PatternCheck } from './safe-pattern';
import { failed, type TextOutcome } from './transform-outcome';

export interface RegexExtractParams {
  pattern: string;
  flags: string;
  group?: number | string | undefined;
}

// Every lead runs the same few patterns; compiling and vetting them once each keeps that cheap.
const checkedPatterns = new Map<string, PatternCheck>();

function checkedPattern(pattern: string, flags: string): PatternCheck {
  const key = `${flags}/${pattern}`;
  const cached = checkedPatterns.get(key);
  if (cached !== undefined) return cached;
  const check = checkPattern(pattern, flags);
  if (checkedPatterns.size >= 500) checkedPatterns.clear();
  checkedPatterns.set(key, check);
  return check;
}

/** The chosen capture group of the first match; no match gives no value and a warning. */
export function extractWithPattern(text: string, params: RegexExtractParams): TextOutcome {
  const check = checkedPattern(params.pattern, params.flags);
  if (!check.ok) return failed('unsafe_pattern', `pattern refused: ${check.reason}`);
  if (text.length > MAX_MATCH_INPUT_LENGTH) {
    return failed(
      'value_too_long',
      `patterns run on at most ${MAX_MATCH_INPUT_LENGTH} characters; this value has ${text.length}`,
    );
  }
  const match = check.regex.exec(text);
  if (match === null) {
    return {
      ok: true,
      value: null,
      warning: { code: 'no_match', message: `/${params.pattern}/ does not match ${JSON.stringify(text)}` },
    };
  }
  const group = params.group ?? (check.captureGroups > 0 ? 1 : 0);
  const extracted = typeof group === 'number' ? match[group] : match.groups?.[group];
  return { ok: true, value: extracted ?? null };
}
