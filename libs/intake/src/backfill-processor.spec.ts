import { describe, expect, it } from 'vitest';
import { backfillPercent, importActionFor } from './backfill-processor';

const liveSince = new Date('2026-11-20T00:00:00Z');
const record = (createdAt: string | null, updatedAt: string | null = createdAt) => ({ createdAt, updatedAt });

describe('importActionFor', () => {
  it('imports history nobody stored, and leaves records created since the connection to intake', () => {
    expect(importActionFor(record('2026-10-01T00:00:00Z'), undefined, liveSince)).toBe('insert');
    expect(importActionFor(record('2026-11-20T00:00:00Z'), undefined, liveSince)).toBe('intake');
    expect(importActionFor(record('2026-11-21T00:00:00Z'), undefined, liveSince)).toBe('intake');
  });

  it('falls back to the change time, and treats a record with no times as history', () => {
    expect(importActionFor(record(null, '2026-11-22T00:00:00Z'), undefined, liveSince)).toBe('intake');
    expect(importActionFor(record(null, '2026-11-02T00:00:00Z'), undefined, liveSince)).toBe('insert');
    expect(importActionFor(record(null, null), undefined, liveSince)).toBe('insert');
  });

  it('refreshes only what an import-only backfill stored, and never touches a decided lead', () => {
    const old = record('2026-10-01T00:00:00Z');
    expect(importActionFor(old, { backfillId: 'b1', decided: false }, liveSince)).toBe('refresh');
    expect(importActionFor(old, { backfillId: null, decided: false }, liveSince)).toBe('skip');
    expect(importActionFor(old, { backfillId: null, decided: true }, liveSince)).toBe('skip');
    expect(importActionFor(old, { backfillId: 'b1', decided: true }, liveSince)).toBe('skip');
  });
});

describe('backfillPercent', () => {
  const range = {
    stage: 'list',
    route: false,
    imported: 0,
    routed: 0,
    rangeFrom: new Date('2026-11-01T00:00:00Z'),
    rangeTo: new Date('2026-11-11T00:00:00Z'),
  };

  it('measures how far through the range the listing got, by change time', () => {
    expect(backfillPercent({ ...range, status: 'queued', positionAt: null })).toBe(0);
    expect(
      backfillPercent({ ...range, status: 'running', positionAt: new Date('2026-11-04T12:00:00Z') }),
    ).toBe(35);
    expect(
      backfillPercent({ ...range, status: 'running', positionAt: new Date('2026-10-01T00:00:00Z') }),
    ).toBe(0);
  });

  it('says 100 only when the listing said it was complete', () => {
    expect(
      backfillPercent({ ...range, status: 'running', positionAt: new Date('2026-11-10T23:59:59Z') }),
    ).toBe(99);
    expect(backfillPercent({ ...range, status: 'completed', positionAt: null })).toBe(100);
    expect(
      backfillPercent({ ...range, status: 'cancelled', positionAt: new Date('2026-11-06T00:00:00Z') }),
    ).toBe(50);
  });

  it('counts listing as the first half and routing as the second for a backfill that routes', () => {
    const routing = { ...range, route: true, status: 'running' };
    expect(backfillPercent({ ...routing, positionAt: new Date('2026-11-06T00:00:00Z') })).toBe(25);
    expect(
      backfillPercent({ ...routing, stage: 'route', positionAt: range.rangeTo, imported: 200, routed: 100 }),
    ).toBe(75);
    expect(
      backfillPercent({ ...routing, stage: 'route', positionAt: range.rangeTo, imported: 200, routed: 200 }),
    ).toBe(99);
  });
});
