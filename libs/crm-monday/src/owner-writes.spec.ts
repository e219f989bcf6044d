import { CrmError } from '@leadflow/crm';
import { describe, expect, it } from 'vitest';
import { explainWriteError, ownerColumnValues, ownerIdProblem } from './owner-writes';

const target = {
  boardId: '1',
  ownerColumnId: 'person',
  statusColumnId: 'status',
  statusLabelOnAssign: 'Working on it',
};

describe('ownerColumnValues', () => {
  it('sets the person (kind required), the status label and extra columns; the owner wins', () => {
    const values = ownerColumnValues(target, {
      externalId: '9',
      ownerId: '41234567',
      properties: { status: 'Contacted', text_note: 'routed by Leadflow', person: 'ignored' },
    });
    expect(JSON.parse(values)).toEqual({
      status: { label: 'Contacted' },
      text_note: 'routed by Leadflow',
      person: { personsAndTeams: [{ id: 41234567, kind: 'person' }] },
    });
    expect(
      JSON.parse(
        ownerColumnValues({ boardId: '1', ownerColumnId: 'person' }, { externalId: '9', ownerId: '7' }),
      ),
    ).toEqual({
      person: { personsAndTeams: [{ id: 7, kind: 'person' }] },
    });
  });

  it('owner ids must be Monday user ids', () => {
    expect(ownerIdProblem({ externalId: '9', ownerId: '41234567' })).toBeUndefined();
    expect(ownerIdProblem({ externalId: '9', ownerId: 'sam@acme.example' })?.fields[0]?.field).toBe(
      'ownerId',
    );
    expect(ownerIdProblem({ externalId: '9', ownerId: '99999999999999999999' })).toBeInstanceOf(CrmError);
  });
});

describe('explainWriteError', () => {
  const refused = (code: string, field: string, message: string) =>
    new CrmError({
      code: 'INVALID_REQUEST',
      provider: 'monday',
      operation: 'items.assignOwner',
      status: 200,
      fields: [{ field, message, code }],
    });

  it('names the setting or the user to fix', () => {
    const assignment = { externalId: '9', ownerId: '5' };
    expect(
      explainWriteError(refused('InvalidColumnIdException', '', 'gone'), target, assignment).fields[0],
    ).toMatchObject({
      field: 'ownerColumnId',
      message: 'column "person" does not exist on board 1: gone',
    });
    expect(
      explainWriteError(refused('InvalidColumnIdException', 'status', 'gone'), target, assignment).fields[0]
        ?.field,
    ).toBe('statusColumnId');
    const user = explainWriteError(
      refused('ColumnValueException', 'person', 'invalid value'),
      target,
      assignment,
    );
    expect(user.fields[0]).toMatchObject({ field: 'ownerId' });
    expect(user.message).toContain('user 5 cannot be set in column "person"');
    expect(
      explainWriteError(refused('ColumnValueException', 'status', 'no such label'), target, assignment)
        .fields[0]?.field,
    ).toBe('statusColumnId');
  });

  it('leaves other errors alone', () => {
    const temporary = new CrmError({ code: 'TEMPORARY', provider: 'monday', operation: 'x' });
    expect(explainWriteError(temporary, target, { externalId: '9', ownerId: '5' })).toBe(temporary);
  });
});
