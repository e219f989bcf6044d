import { type TextOutcome } from './transform-outcome';

export interface ValueMapParams {
  entries: readonly { from: string; to: string | null }[];
  default?: string | null | undefined;
  caseSensitive: boolean;
}

export function mapValue(text: string, params: ValueMapParams): TextOutcome {
  const key = params.caseSensitive ? text.trim() : text.trim().toLowerCase();
  const entry = params.entries.find(
    (candidate) =>
      (params.caseSensitive ? candidate.from.trim() : candidate.from.trim().toLowerCase()) === key,
  );
  if (entry !== undefined) return { ok: true, value: entry.to };
  if (params.default !== undefined) return { ok: true, value: params.default };
  return {
    ok: true,
    value: text,
    warning: {
      code: 'value_not_mapped',
      message: `${JSON.stringify(text)} is not in the value map and has no default; kept as is`,
    },
  };
}
