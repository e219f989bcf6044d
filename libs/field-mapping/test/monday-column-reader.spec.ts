import { describe, expect, it } from 'vitest';
import { readMondayColumn } from '../src/monday-column-reader';

describe('readMondayColumn', () => {
  it('reads people as person ids, leaving teams out, or the names when asked for text', () => {
    const column = {
      type: 'people',
      text: 'EMEA Team, Ana Ruiz',
      value: '{"personsAndTeams":[{"id":5,"kind":"team"},{"id":7,"kind":"person"}]}',
    };
    expect(readMondayColumn(column, 'auto')).toEqual({ ok: true, value: ['7'] });
    expect(readMondayColumn(column, 'text')).toEqual({ ok: true, value: 'EMEA Team, Ana Ruiz' });
    expect(
      readMondayColumn(
        { type: 'people', text: 'EMEA Team', value: '{"personsAndTeams":[{"id":5,"kind":"team"}]}' },
        'auto',
      ),
    ).toEqual({
      ok: true,
      value: [],
    });
  });

  it('accepts the value already decoded as well as the JSON string Monday sends', () => {
    expect(
      readMondayColumn({ type: 'email', text: 'Jane', value: { email: 'jane@acme.io' } }, 'auto'),
    ).toEqual({ ok: true, value: 'jane@acme.io' });
    expect(
      readMondayColumn(
        { type: 'link', text: 'Acme', value: '{"url":"https://acme.io","text":"Acme"}' },
        'auto',
      ),
    ).toEqual({
      ok: true,
      value: 'https://acme.io',
    });
  });

  it('falls back to the display text when the value is not what the type promises', () => {
    expect(readMondayColumn({ type: 'email', text: 'jane@acme.io', value: '{not json' }, 'auto')).toEqual({
      ok: true,
      value: 'jane@acme.io',
    });
    expect(readMondayColumn({ type: 'date', text: '2026-11-24', value: null }, 'auto')).toEqual({
      ok: true,
      value: '2026-11-24',
    });
    expect(readMondayColumn({ type: 'mirror', text: 'Acme', value: null }, 'auto')).toEqual({
      ok: true,
      value: 'Acme',
    });
  });

  it('reads checkboxes, dates with and without a time, and national phone numbers with the column country', () => {
    expect(readMondayColumn({ type: 'checkbox', text: 'v', value: '{"checked":"true"}' }, 'auto')).toEqual({
      ok: true,
      value: true,
    });
    expect(readMondayColumn({ type: 'checkbox', text: '', value: null }, 'auto')).toEqual({
      ok: true,
      value: false,
    });
    expect(
      readMondayColumn({ type: 'date', value: '{"date":"2026-11-24","time":"16:30:00"}' }, 'auto'),
    ).toEqual({ ok: true, value: '2026-11-24T16:30:00Z' });
    expect(readMondayColumn({ type: 'date', value: '{"date":"2026-11-24"}' }, 'auto')).toEqual({
      ok: true,
      value: '2026-11-24',
    });
    expect(
      readMondayColumn({ type: 'phone', value: '{"phone":"030 1234567","countryShortName":"DE"}' }, 'auto'),
    ).toEqual({ ok: true, value: '+49301234567' });
    expect(
      readMondayColumn(
        { type: 'phone', text: 'n/a', value: '{"phone":"n/a","countryShortName":"DE"}' },
        'auto',
      ),
    ).toEqual({ ok: true, value: 'n/a' });
  });
});
