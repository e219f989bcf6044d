/**
 * RFC 9457 problem details. Every error the API returns has this shape; `errors` lists each bad
 * field with its path (`body.name`, `query.limit`, `params.id`).
 */
export interface FieldProblem {
  path: string;
  message: string;
  code?: string;
}

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  requestId?: string;
  errors?: FieldProblem[];
}

export const PROBLEM_TYPE_BASE = 'urn:leadflow:problem:';

export const PROBLEM_TYPES = {
  validation: 'validation-error',
  malformedBody: 'malformed-body',
  unauthenticated: 'unauthenticated',
  forbidden: 'forbidden',
  notFound: 'not-found',
  conflict: 'conflict',
  unprocessable: 'unprocessable',
  unavailable: 'service-unavailable',
  tooLarge: 'payload-too-large',
  internal: 'internal-error',
  http: 'http-error',
} as const;

export type ProblemType = (typeof PROBLEM_TYPES)[keyof typeof PROBLEM_TYPES];

/** Thrown by handlers and services; the problem-details filter turns it into the response. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly problemType: ProblemType,
    readonly title: string,
    readonly detail: string,
    readonly errors?: FieldProblem[],
  ) {
    super(detail);
    this.name = 'ApiProblem';
  }

  static notFound(what: string): ApiProblem {
    return new ApiProblem(404, PROBLEM_TYPES.notFound, 'Not found', `${what} was not found`);
  }

  static conflict(detail: string): ApiProblem {
    return new ApiProblem(409, PROBLEM_TYPES.conflict, 'Conflict', detail);
  }

  static unauthenticated(detail: string): ApiProblem {
    return new ApiProblem(401, PROBLEM_TYPES.unauthenticated, 'Unauthenticated', detail);
  }

  static forbidden(detail: string): ApiProblem {
    return new ApiProblem(403, PROBLEM_TYPES.forbidden, 'Forbidden', detail);
  }

  static validation(errors: FieldProblem[], detail?: string): ApiProblem {
    return new ApiProblem(
      400,
      PROBLEM_TYPES.validation,
      'Invalid request',
      detail ??
        `${errors.length} field${errors.length === 1 ? ' is' : 's are'} invalid: ${errors.map((e) => e.path).join(', ')}`,
      errors,
    );
  }
}
