import { describe, expect, it } from 'vitest';
import { recorded } from '../test/recorded-payloads';
import {
  type ChangeCursor,
  changedRecordsSearch,
  decodeChangeCursor,
  encodeChangeCursor,
  firstChangeCursor,
  newestRecordsSearch,
  nextChangeCursor,
  resumeChangeCursor,
  searchPageSize,
} from './change-cursor';
import type { HubSpotSearchPageJson } from './hubspot-payloads';

const since = new Date('2026-11-20T00:00:00.000Z');
const until = new Date('2026-11-21T00:00:00.000Z');
const T0 = since.getTime();

function results(count: number, firstId: number, modifiedAt: (i: number) => number | null) {
  return Array.from({ length: count }, (_, i) => ({ id: String(firstId + i), modifiedAt: modifiedAt(i) }));
}

describe('change cursor encoding', () => {
  it('round-trips both kinds as opaque base64url', () => {
    const cursors: ChangeCursor[] = [
      { mode: 'window', from: T0, fromExclusive: false, after: 200 },
      { mode: 'window', from: T0 + 5, fromExclusive: true, after: 0 },
      { mode: 'tie', at: T0, afterId: '1234', after: 9800 },
    ];
    for (const cursor of cursors) {
      const text = encodeChangeCursor(cursor);
      expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeChangeCursor(text)).toEqual(cursor);
    }
  });

  it('rejects text it did not make', () => {
    for (const text of ['', 'not-a-cursor', Buffer.from('{"v":2,"m":"w"}').toString('base64url'), '%%%']) {
      expect(decodeChangeCursor(text)).toBeUndefined();
    }
    const tampered = Buffer.from(JSON.stringify({ v: 1, m: 't', t: 1, i: '1 OR 1=1', a: 0 })).toString(
      'base64url',
    );
    expect(decodeChangeCursor(tampered)).toBeUndefined();
  });

  it('starts at `since`, and over again when the caller moved its window past the cursor', () => {
    expect(resumeChangeCursor(undefined, since)).toEqual(firstChangeCursor(since));
    const old = encodeChangeCursor({ mode: 'window', from: T0 - 1000, fromExclusive: false, after: 400 });
    expect(resumeChangeCursor(old, since)).toEqual(firstChangeCursor(since));
    const current = encodeChangeCursor({ mode: 'window', from: T0 + 1000, fromExclusive: false, after: 400 });
    expect(resumeChangeCursor(current, since)).toEqual({
      mode: 'window',
      from: T0 + 1000,
      fromExclusive: false,
      after: 400,
    });
    expect(resumeChangeCursor('garbage', since)).toBeUndefined();
  });
});

describe('changedRecordsSearch', () => {
  it('filters [since, until) on the modified property, oldest first, with the offset', () => {
    expect(
      changedRecordsSearch({
        cursor: { mode: 'window', from: T0, fromExclusive: false, after: 400 },
        modifiedProperty: 'lastmodifieddate',
        until,
        pageSize: 200,
        properties: ['email'],
      }),
    ).toEqual({
      filterGroups: [
        {
          filters: [
            { propertyName: 'lastmodifieddate', operator: 'GTE', value: String(T0) },
            { propertyName: 'lastmodifieddate', operator: 'LT', value: String(until.getTime()) },
          ],
        },
      ],
      sorts: [{ propertyName: 'lastmodifieddate', direction: 'ASCENDING' }],
      properties: ['email'],
      limit: 200,
      after: '400',
    });
  });

  it('resumes after an instant with GT, and splits one instant by record id', () => {
    const after = changedRecordsSearch({
      cursor: { mode: 'window', from: T0, fromExclusive: true, after: 0 },
      modifiedProperty: 'hs_lastmodifieddate',
      until,
      pageSize: 100,
      properties: [],
    });
    expect(after.filterGroups[0]!.filters[0]).toEqual({
      propertyName: 'hs_lastmodifieddate',
      operator: 'GT',
      value: String(T0),
    });
    expect(after).not.toHaveProperty('after');

    const tie = changedRecordsSearch({
      cursor: { mode: 'tie', at: T0, afterId: '5000', after: 200 },
      modifiedProperty: 'hs_lastmodifieddate',
      until,
      pageSize: 100,
      properties: [],
    });
    expect(tie.filterGroups).toEqual([
      {
        filters: [
          { propertyName: 'hs_lastmodifieddate', operator: 'EQ', value: String(T0) },
          { propertyName: 'hs_object_id', operator: 'GT', value: '5000' },
        ],
      },
    ]);
    expect(tie.sorts).toEqual([{ propertyName: 'hs_object_id', direction: 'ASCENDING' }]);
    expect(tie.after).toBe('200');
  });

  it('never asks past the 10,000-result cap', () => {
    const request = changedRecordsSearch({
      cursor: { mode: 'window', from: T0, fromExclusive: false, after: 9_900 },
      modifiedProperty: 'hs_lastmodifieddate',
      until,
      pageSize: 200,
      properties: [],
    });
    expect(request.limit).toBe(100);
  });

  it('caps the page size at 200', () => {
    expect(searchPageSize(undefined)).toBe(100);
    expect(searchPageSize(5000)).toBe(200);
    expect(searchPageSize(0)).toBe(1);
    expect(searchPageSize(Number.NaN)).toBe(100);
  });
});

describe('nextChangeCursor', () => {
  const window: ChangeCursor = { mode: 'window', from: T0, fromExclusive: false, after: 0 };

  it('follows HubSpot paging within a query, and ends on its last page', () => {
    const page = { results: results(200, 1, (i) => T0 + i), nextAfter: '200' };
    expect(nextChangeCursor(window, page, 200)).toEqual({ ...window, after: 200 });
    expect(nextChangeCursor(window, { results: results(3, 1, () => T0), nextAfter: null }, 200)).toBeNull();
    expect(nextChangeCursor(window, { results: [], nextAfter: null }, 200)).toBeNull();
  });

  it('starts a new query at the last modified time seen before paging would pass 10,000', () => {
    const cursor: ChangeCursor = { ...window, after: 9_800 };
    const page = { results: results(200, 9_801, (i) => T0 + 9_800 + i), nextAfter: '10000' };
    expect(nextChangeCursor(cursor, page, 200)).toEqual({
      mode: 'window',
      from: T0 + 9_999,
      fromExclusive: false,
      after: 0,
    });
  });

  it('reads one crowded instant by record id, then carries on after it', () => {
    const cursor: ChangeCursor = { ...window, after: 9_800 };
    const sameInstant = { results: results(200, 9_801, () => T0), nextAfter: '10000' };
    const tie = nextChangeCursor(cursor, sameInstant, 200);
    expect(tie).toEqual({ mode: 'tie', at: T0, afterId: '0', after: 0 });

    const deepTie: ChangeCursor = { mode: 'tie', at: T0, afterId: '0', after: 9_800 };
    expect(
      nextChangeCursor(deepTie, { results: results(200, 20_000, () => T0), nextAfter: '10000' }, 200),
    ).toEqual({
      mode: 'tie',
      at: T0,
      afterId: '20199',
      after: 0,
    });
    expect(nextChangeCursor(tie!, { results: results(200, 1, () => T0), nextAfter: '200' }, 200)).toEqual({
      ...tie,
      after: 200,
    });
    expect(nextChangeCursor(tie!, { results: results(50, 1, () => T0), nextAfter: null }, 200)).toEqual({
      mode: 'window',
      from: T0,
      fromExclusive: true,
      after: 0,
    });
  });

  it('continues a recorded search page at its `paging.next.after`', () => {
    const { body } = recorded<HubSpotSearchPageJson>('leads-search-page');
    const summary = {
      results: body.results.map((r) => ({
        id: r.id,
        modifiedAt: Date.parse(r.properties['hs_lastmodifieddate']!),
      })),
      nextAfter: body.paging?.next?.after ?? null,
    };
    expect(nextChangeCursor(window, summary, 1)).toEqual({ ...window, after: 1 });
  });

  it('falls back to counting when `after` is not an offset', () => {
    const page = { results: results(10, 1, (i) => T0 + i), nextAfter: 'opaque' };
    expect(nextChangeCursor({ ...window, after: 30 }, page, 10)).toEqual({ ...window, after: 40 });
  });
});

describe('newestRecordsSearch', () => {
  it('sorts by creation, newest first, at most 200', () => {
    expect(newestRecordsSearch('createdate', 500, ['hs_lead_name'])).toEqual({
      filterGroups: [],
      sorts: [{ propertyName: 'createdate', direction: 'DESCENDING' }],
      properties: ['hs_lead_name'],
      limit: 200,
    });
  });
});
