import { describe, expect, it } from 'vitest';
import { mondaySettingsForSource, parseMondaySettings } from './settings';

describe('parseMondaySettings', () => {
  it('accepts nothing chosen yet, also for absent settings', () => {
    expect(parseMondaySettings({})).toEqual({ settings: {} });
    expect(parseMondaySettings(undefined)).toEqual({ settings: {} });
    expect(parseMondaySettings(null)).toEqual({ settings: {} });
  });

  it('keeps a complete choice, trimmed', () => {
    expect(
      parseMondaySettings({
        boardId: ' 1234567890 ',
        ownerColumnId: 'person',
        statusColumnId: 'status',
        statusLabelOnAssign: ' Working on it ',
      }),
    ).toEqual({
      settings: {
        boardId: '1234567890',
        ownerColumnId: 'person',
        statusColumnId: 'status',
        statusLabelOnAssign: 'Working on it',
      },
    });
  });

  it('names every problem', () => {
    expect(parseMondaySettings({ boardId: 'inbound', ownerColumnId: 'a b', extra: 1 })).toEqual({
      problems: expect.arrayContaining([
        expect.objectContaining({ path: 'boardId' }),
        expect.objectContaining({ path: 'ownerColumnId' }),
        expect.objectContaining({ path: '' }),
      ]) as unknown,
    });
    expect(parseMondaySettings({ ownerColumnId: 'person', statusLabelOnAssign: 'Done' })).toEqual({
      problems: [
        { path: 'ownerColumnId', message: 'needs boardId: columns belong to a board' },
        { path: 'statusLabelOnAssign', message: 'needs statusColumnId: the label is written to that column' },
      ],
    });
  });
});

describe('mondaySettingsForSource', () => {
  it('sets the board and columns over the current settings', () => {
    expect(
      mondaySettingsForSource({ other: 1 }, { sourceId: '1', ownerField: 'person', statusField: 'status' }),
    ).toEqual({ other: 1, boardId: '1', ownerColumnId: 'person', statusColumnId: 'status' });
  });

  it('keeps the status label only for the same status column of the same board', () => {
    const current = {
      boardId: '1',
      ownerColumnId: 'p',
      statusColumnId: 'status',
      statusLabelOnAssign: 'Working on it',
    };
    expect(
      mondaySettingsForSource(current, { sourceId: '1', ownerField: 'p2', statusField: 'status' }),
    ).toEqual({
      ...current,
      ownerColumnId: 'p2',
    });
    expect(
      mondaySettingsForSource(current, { sourceId: '2', ownerField: 'p', statusField: 'status' }),
    ).toEqual({
      boardId: '2',
      ownerColumnId: 'p',
      statusColumnId: 'status',
    });
    expect(mondaySettingsForSource(current, { sourceId: '1', ownerField: 'p' })).toEqual({
      boardId: '1',
      ownerColumnId: 'p',
    });
  });
});
