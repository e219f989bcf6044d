import type { ValidationIssue } from '@leadflow/routing-engine';
import { ApiProblem, type FieldProblem } from '../http/problem';

/**
 * The routing engine validates whole documents (`pools[3].members[2].repId`); the API validates
 * one pool or rep in a request body. These helpers keep the engine's findings about the item at
 * `itemPath` (the one the request writes) and rename them to the request's shape
 * (`body.members[2].repId`). Findings about other items are not this request's doing and are left out.
 */
export function issuesAt(issues: readonly ValidationIssue[], itemPath: string): ValidationIssue[] {
  return issues.filter(
    (issue) =>
      issue.path === itemPath ||
      issue.path.startsWith(`${itemPath}.`) ||
      issue.path.startsWith(`${itemPath}[`),
  );
}

export function toBodyPath(path: string, itemPath: string): string {
  return `body${path.slice(itemPath.length)}`;
}

export function toFieldProblems(issues: readonly ValidationIssue[], itemPath: string): FieldProblem[] {
  return issuesAt(issues, itemPath).map((issue) => ({
    path: toBodyPath(issue.path, itemPath),
    message: issue.message,
    code: issue.code,
  }));
}

/** Throws a 400 naming every error-severity issue about the item; warnings never block. */
export function throwOnErrors(issues: readonly ValidationIssue[], itemPath: string): void {
  const errors = toFieldProblems(
    issues.filter((issue) => issue.severity === 'error'),
    itemPath,
  );
  if (errors.length > 0) throw ApiProblem.validation(errors);
}

/** The warnings about the item, in the request's shape. */
export function warningsAt(
  issues: readonly ValidationIssue[],
  itemPath: string,
): { path: string; code: string; message: string }[] {
  return issuesAt(
    issues.filter((issue) => issue.severity === 'warning'),
    itemPath,
  ).map((issue) => ({ path: toBodyPath(issue.path, itemPath), code: issue.code, message: issue.message }));
}
