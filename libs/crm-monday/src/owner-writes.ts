import { CrmError, type CrmFieldProblem, type OwnerAssignment } from '@leadflow/crm';

/** The columns a connection writes on assignment, from its settings. */
export interface OwnerWriteTarget {
  boardId: string;
  ownerColumnId: string;
  statusColumnId?: string;
  statusLabelOnAssign?: string;
}

/**
 * The `column_values` JSON of `change_multiple_column_values` for one assignment: the owner as the
 * only person of the People column (`kind` is required), the status label when the connection sets
 * one, and the assignment's extra properties keyed by column id. Extra values are sent as Monday's
 * simple string form, except for the status column, which takes `{"label": …}`. The owner always
 * wins over a same-named extra property.
 */
export function ownerColumnValues(target: OwnerWriteTarget, assignment: OwnerAssignment): string {
  const values: Record<string, unknown> = {};
  if (target.statusColumnId !== undefined && target.statusLabelOnAssign !== undefined) {
    values[target.statusColumnId] = { label: target.statusLabelOnAssign };
  }
  for (const [column, value] of Object.entries(assignment.properties ?? {})) {
    values[column] = column === target.statusColumnId ? { label: value } : value;
  }
  values[target.ownerColumnId] = { personsAndTeams: [{ id: Number(assignment.ownerId), kind: 'person' }] };
  return JSON.stringify(values);
}

/** Owner ids Monday can take: user ids are numbers. Anything else is refused before a call. */
export function ownerIdProblem(assignment: OwnerAssignment): CrmError | undefined {
  if (/^\d{1,20}$/.test(assignment.ownerId) && Number.isSafeInteger(Number(assignment.ownerId))) {
    return undefined;
  }
  return new CrmError({
    code: 'INVALID_REQUEST',
    provider: 'monday',
    operation: 'items.assignOwner',
    fields: [{ field: 'ownerId', message: `"${assignment.ownerId}" is not a Monday user id` }],
    providerMessage: `ownerId "${assignment.ownerId}" is not a Monday user id`,
  });
}

/**
 * Names what a refused write concerns in Leadflow's terms. Monday reports a deleted owner column as
 * `InvalidColumnIdException` and a person outside the account as `ColumnValueException` or
 * `InvalidUserIdException`, often without naming the column; the admin needs to know which setting or
 * which user to fix. Other errors pass through unchanged.
 */
export function explainWriteError(
  error: CrmError,
  target: OwnerWriteTarget,
  assignment: OwnerAssignment,
): CrmError {
  if (error.code !== 'INVALID_REQUEST') return error;
  const fields = error.fields.map((problem): CrmFieldProblem => {
    const code = problem.code?.toUpperCase();
    if (code === 'INVALIDCOLUMNIDEXCEPTION') {
      const column = problem.field === '' ? target.ownerColumnId : problem.field;
      return {
        ...problem,
        field: settingFor(column, target),
        message: `column "${column}" does not exist on board ${target.boardId}: ${problem.message}`,
      };
    }
    if (
      code === 'INVALIDUSERIDEXCEPTION' ||
      (code === 'COLUMNVALUEEXCEPTION' && mentionsPerson(problem, target))
    ) {
      return {
        ...problem,
        field: 'ownerId',
        message: `user ${assignment.ownerId} cannot be set in column "${target.ownerColumnId}": ${problem.message}`,
      };
    }
    if (code === 'COLUMNVALUEEXCEPTION' && problem.field !== '') {
      return { ...problem, field: settingFor(problem.field, target) };
    }
    return problem;
  });
  return new CrmError({
    code: 'INVALID_REQUEST',
    provider: error.provider,
    operation: error.operation,
    fields,
    ...(error.status === undefined ? {} : { status: error.status }),
    // The explanation, not Monday's wording alone, is what an operator reads on the outcome.
    providerMessage: fields.map((f) => f.message).join('; '),
    ...(error.correlationId === undefined ? {} : { correlationId: error.correlationId }),
    ...(error.causeCode === undefined ? {} : { causeCode: error.causeCode }),
  });
}

function settingFor(column: string, target: OwnerWriteTarget): string {
  if (column === target.ownerColumnId) return 'ownerColumnId';
  if (column === target.statusColumnId) return 'statusColumnId';
  return column;
}

function mentionsPerson(problem: CrmFieldProblem, target: OwnerWriteTarget): boolean {
  return problem.field === target.ownerColumnId || /person|people|user/i.test(problem.message);
}
