// RFC 9457 problem details as the console shows them (docs/adr/0004). No browser APIs here.

/** One field named by an RFC 9457 problem (`errors[]`): `body.rules.0.action.poolId`, `draft.rules[0]...`. */
export interface FieldProblem {
  path: string;
  message: string;
  code?: string;
}

/** An API error as the console shows it: the problem's title, detail and field errors. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly errors: FieldProblem[],
  ) {
    super(detail || title);
    this.name = 'ApiError';
  }

  /** The message for the field at `path` (normalized, see `normalizeProblemPath`), if any. */
  fieldMessage(path: string): string | undefined {
    return this.errors.find((e) => normalizeProblemPath(e.path) === path)?.message;
  }
}

/** `body.rules.0.action.poolId` and `draft.rules[0].action.poolId` both become `rules.0.action.poolId`. */
export function normalizeProblemPath(path: string): string {
  return path
    .replace(/^(body|draft|query|params|version)\./, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/\["?([^"\]]+)"?\]/g, '.$1');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Reads a problem+json body (or anything else an error response carries) into an ApiError. */
export function toApiError(status: number, body: unknown): ApiError {
  if (isRecord(body)) {
    const title = typeof body.title === 'string' ? body.title : `HTTP ${status}`;
    const detail = typeof body.detail === 'string' ? body.detail : '';
    const errors = Array.isArray(body.errors)
      ? body.errors.filter(isRecord).map((e) => ({
          path: typeof e.path === 'string' ? e.path : '',
          message: typeof e.message === 'string' ? e.message : '',
          ...(typeof e.code === 'string' ? { code: e.code } : {}),
        }))
      : [];
    return new ApiError(status, title, detail, errors);
  }
  return new ApiError(status, `HTTP ${status}`, typeof body === 'string' ? body : '', []);
}
