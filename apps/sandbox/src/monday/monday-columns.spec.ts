import { describe, expect, it } from 'vitest';
import {
  buildColumn,
  columnText,
  ColumnWriteError,
  parseColumnWrite,
  webhookValue,
  type WriteContext,
} from './monday-columns';

const ctx = (overrides: Partial<WriteContext> = {}): WriteContext => ({
  person: (id) => (id === 1 ? 'ok' : id === 2 ? 'inactive' : 'unknown'),
  itemExists: (id) => id === 99,
  createLabelsIfMissing: false,
  now: Date.parse('2026-11-02T10:00:00Z'),
  ...overrides,
});

function writeError(run: () => unknown): ColumnWriteError {
  try {
    run();
  } catch (error) {
    if (error instanceof ColumnWriteError) return error;
    throw error;
  }
  throw new Error('expected a ColumnWriteError');
}

describe('parseColumnWrite', () => {
  const status = buildColumn({ id: 'status', title: 'Status', type: 'status' });
  const people = buildColumn({ id: 'owner', title: 'Owner', type: 'people' });

  it('accepts a status by label, by index and as a plain string, and clears on null', () => {
    expect(parseColumnWrite(status, { label: 'Done' }, ctx()).value).toMatchObject({ index: 1 });
    expect(parseColumnWrite(status, { index: 2 }, ctx()).value).toMatchObject({ index: 2 });
    expect(parseColumnWrite(status, 'Working on it', ctx()).value).toMatchObject({ index: 0 });
    expect(parseColumnWrite(status, null, ctx()).value).toBeNull();
  });

  it('refuses an unknown label unless labels may be created, never taking index 5', () => {
    const error = writeError(() => parseColumnWrite(status, { label: 'Qualified' }, ctx()));
    expect(error.code).toBe('ColumnValueException');
    expect(error.errorData).toEqual({ column_value: '{"label":"Qualified"}', column_type: 'color' });
    const withLabels = buildColumn({
      id: 's',
      title: 'S',
      type: 'status',
      labels: ['a', 'b', 'c', 'd', 'e'],
    });
    expect(
      parseColumnWrite(withLabels, { label: 'f' }, ctx({ createLabelsIfMissing: true })).newLabel,
    ).toMatchObject({ index: 6, label: 'f' });
  });

  it('requires a kind on every person and an active user of the account', () => {
    expect(
      parseColumnWrite(people, { personsAndTeams: [{ id: 1, kind: 'person' }] }, ctx()).value,
    ).toMatchObject({
      personsAndTeams: [{ id: 1, kind: 'person' }],
    });
    expect(parseColumnWrite(people, '1', ctx()).value).toMatchObject({
      personsAndTeams: [{ id: 1, kind: 'person' }],
    });
    expect(writeError(() => parseColumnWrite(people, { personsAndTeams: [{ id: 1 }] }, ctx())).code).toBe(
      'ColumnValueException',
    );
    expect(
      writeError(() => parseColumnWrite(people, { personsAndTeams: [{ id: 2, kind: 'person' }] }, ctx()))
        .message,
    ).toBe('User 2 is deactivated');
    expect(
      writeError(() => parseColumnWrite(people, { personsAndTeams: [{ id: 3, kind: 'person' }] }, ctx()))
        .code,
    ).toBe('InvalidUserIdException');
  });

  it('validates emails, phones, dates, numbers and links', () => {
    const email = buildColumn({ title: 'E', type: 'email' });
    expect(parseColumnWrite(email, 'a@b.test Ada', ctx()).value).toMatchObject({
      email: 'a@b.test',
      text: 'Ada',
    });
    expect(writeError(() => parseColumnWrite(email, { email: 'nope' }, ctx())).code).toBe(
      'ColumnValueException',
    );
    const phone = buildColumn({ title: 'P', type: 'phone' });
    expect(parseColumnWrite(phone, '+1 202 555 0169 US', ctx()).value).toMatchObject({
      phone: '+12025550169',
      countryShortName: 'US',
    });
    expect(() => parseColumnWrite(phone, { phone: '+12025550169' }, ctx())).toThrow(ColumnWriteError);
    const date = buildColumn({ title: 'D', type: 'date' });
    expect(parseColumnWrite(date, '2026-11-02 09:30', ctx()).value).toMatchObject({
      date: '2026-11-02',
      time: '09:30:00',
    });
    expect(() => parseColumnWrite(date, '02/11/2026', ctx())).toThrow(ColumnWriteError);
    const numbers = buildColumn({ title: 'N', type: 'numbers' });
    expect(parseColumnWrite(numbers, 3.5, ctx()).value).toBe('3.5');
    expect(() => parseColumnWrite(numbers, 'lots', ctx())).toThrow(ColumnWriteError);
    const link = buildColumn({ title: 'L', type: 'board_relation' });
    expect(parseColumnWrite(link, { item_ids: [99] }, ctx()).value).toEqual({
      linkedPulseIds: [{ linkedPulseId: 99 }],
    });
    expect(() => parseColumnWrite(link, { item_ids: [100] }, ctx())).toThrow(ColumnWriteError);
  });
});

describe('reading values back', () => {
  it('renders text and webhook values as Monday shows them', () => {
    const status = buildColumn({ id: 'status', title: 'Status', type: 'status' });
    const stored = { index: 1, post_id: null, changed_at: '2026-11-02T10:00:00.000Z' };
    expect(columnText(status, stored, { userName: () => undefined, itemName: () => undefined })).toBe('Done');
    expect(webhookValue(status, stored)).toEqual({
      label: {
        index: 1,
        text: 'Done',
        style: { color: '#00c875', border: '#00b461', var_name: 'green-shadow' },
        is_done: true,
      },
      post_id: null,
    });
    const people = buildColumn({ id: 'owner', title: 'Owner', type: 'people' });
    const owners = {
      personsAndTeams: [
        { id: 1, kind: 'person' },
        { id: 2, kind: 'person' },
      ],
    };
    expect(columnText(people, owners, { userName: (id) => `User ${id}`, itemName: () => undefined })).toBe(
      'User 1, User 2',
    );
  });
});
