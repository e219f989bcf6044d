import { z } from 'zod';

/** HubSpot's CRM search returns at most this many results per query; paging past it is a 400. */
export const HUBSPOT_SEARCH_RESULT_CAP = 10_000;
export const HUBSPOT_SEARCH_PAGE_MAX = 200;
export const DEFAULT_CHANGED_PAGE_SIZE = 100;

/**
 * Where the next page of a "changed in [since, until)" listing starts. HubSpot pages with an offset
 * (`after`) that cannot pass 10,000, so a long listing is a chain of queries:
 *
 * - `window`: modified time ≥ `from` (or > `from`) and < until, sorted by modified time, at offset `after`.
 *   When the offset would pass the cap, a new query starts at the last modified time seen. Records
 *   sharing that instant come again at the start of the new query: intake dedupes on the record id, so
 *   a few duplicates at the seam are harmless, while skipping any would lose a lead.
 * - `tie`: more than 10,000 records modified in one millisecond (bulk imports) cannot be split by time,
 *   so those are read by record id instead (`hs_object_id` > `afterId`), then the window resumes after
 *   that instant.
 */
export type ChangeCursor =
  | { mode: 'window'; from: number; fromExclusive: boolean; after: number }
  | { mode: 'tie'; at: number; afterId: string; after: number };

const cursorSchema = z.discriminatedUnion('m', [
  z.strictObject({
    v: z.literal(1),
    m: z.literal('w'),
    f: z.number().int().nonnegative(),
    x: z.boolean(),
    a: z.number().int().nonnegative(),
  }),
  z.strictObject({
    v: z.literal(1),
    m: z.literal('t'),
    t: z.number().int().nonnegative(),
    i: z.string().regex(/^\d+$/),
    a: z.number().int().nonnegative(),
  }),
]);

/** Opaque to callers: base64url of a small versioned JSON. */
export function encodeChangeCursor(cursor: ChangeCursor): string {
  const json =
    cursor.mode === 'window'
      ? { v: 1, m: 'w', f: cursor.from, x: cursor.fromExclusive, a: cursor.after }
      : { v: 1, m: 't', t: cursor.at, i: cursor.afterId, a: cursor.after };
  return Buffer.from(JSON.stringify(json), 'utf8').toString('base64url');
}

/** The cursor, or `undefined` when the text is not one {@link encodeChangeCursor} made. */
export function decodeChangeCursor(text: string): ChangeCursor | undefined {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const parsed = cursorSchema.safeParse(json);
  if (!parsed.success) return undefined;
  const c = parsed.data;
  return c.m === 'w'
    ? { mode: 'window', from: c.f, fromExclusive: c.x, after: c.a }
    : { mode: 'tie', at: c.t, afterId: c.i, after: c.a };
}

export function firstChangeCursor(since: Date): ChangeCursor {
  return { mode: 'window', from: since.getTime(), fromExclusive: false, after: 0 };
}

/**
 * The cursor to continue from: the first one without `text`, `undefined` when `text` is not a cursor.
 * A cursor from before the caller's `since` (the caller moved its window) starts over at `since`: its
 * offset belonged to another query, and reading before `since` is not what was asked.
 */
export function resumeChangeCursor(text: string | undefined, since: Date): ChangeCursor | undefined {
  if (text === undefined) return firstChangeCursor(since);
  const cursor = decodeChangeCursor(text);
  if (cursor === undefined) return undefined;
  const start = cursor.mode === 'window' ? cursor.from : cursor.at;
  return start < since.getTime() ? firstChangeCursor(since) : cursor;
}

export interface HubSpotSearchFilter {
  propertyName: string;
  operator: 'EQ' | 'GT' | 'GTE' | 'LT';
  value: string;
}

/** The body of `POST /crm/v3/objects/{type}/search`, as HubSpot documents it. */
export interface HubSpotSearchRequest {
  filterGroups: { filters: HubSpotSearchFilter[] }[];
  sorts: { propertyName: string; direction: 'ASCENDING' | 'DESCENDING' }[];
  properties: string[];
  limit: number;
  after?: string;
}

/** A page size within HubSpot's limit; `undefined` asks for the default. */
export function searchPageSize(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return DEFAULT_CHANGED_PAGE_SIZE;
  return Math.min(HUBSPOT_SEARCH_PAGE_MAX, Math.max(1, Math.floor(limit)));
}

export interface ChangedSearchInput {
  cursor: ChangeCursor;
  modifiedProperty: string;
  until: Date;
  pageSize: number;
  properties: readonly string[];
}

/** The search for one page of the listing. Dates go as epoch milliseconds, which HubSpot accepts. */
export function changedRecordsSearch(input: ChangedSearchInput): HubSpotSearchRequest {
  const { cursor, modifiedProperty } = input;
  const until: HubSpotSearchFilter = {
    propertyName: modifiedProperty,
    operator: 'LT',
    value: String(input.until.getTime()),
  };
  let filters: HubSpotSearchFilter[];
  let sortBy: string;
  if (cursor.mode === 'window') {
    filters = [
      {
        propertyName: modifiedProperty,
        operator: cursor.fromExclusive ? 'GT' : 'GTE',
        value: String(cursor.from),
      },
      until,
    ];
    sortBy = modifiedProperty;
  } else {
    filters = [
      { propertyName: modifiedProperty, operator: 'EQ', value: String(cursor.at) },
      { propertyName: 'hs_object_id', operator: 'GT', value: cursor.afterId },
    ];
    sortBy = 'hs_object_id';
  }
  return {
    filterGroups: [{ filters }],
    sorts: [{ propertyName: sortBy, direction: 'ASCENDING' }],
    properties: [...input.properties],
    // Never ask past the cap, even if the caller raised the page size since the cursor was made.
    limit: Math.min(input.pageSize, HUBSPOT_SEARCH_RESULT_CAP - cursor.after),
    ...(cursor.after > 0 ? { after: String(cursor.after) } : {}),
  };
}

export interface SearchPageSummary {
  /** Each result's id and modified time (epoch ms; `null` when HubSpot sent none). */
  results: readonly { id: string; modifiedAt: number | null }[];
  /** `paging.next.after`, or `null` on the query's last page. */
  nextAfter: string | null;
}

/** Where the listing continues after this page; `null` when it is complete. */
export function nextChangeCursor(
  cursor: ChangeCursor,
  page: SearchPageSummary,
  pageSize: number,
): ChangeCursor | null {
  const last = page.results.at(-1);
  if (page.nextAfter === null || last === undefined) {
    return cursor.mode === 'window'
      ? null
      : { mode: 'window', from: cursor.at, fromExclusive: true, after: 0 };
  }
  const parsed = Number.parseInt(page.nextAfter, 10);
  const after =
    Number.isInteger(parsed) && parsed > cursor.after ? parsed : cursor.after + page.results.length;
  if (after + pageSize <= HUBSPOT_SEARCH_RESULT_CAP) return { ...cursor, after };

  if (cursor.mode === 'tie') return { mode: 'tie', at: cursor.at, afterId: last.id, after: 0 };
  if (last.modifiedAt !== null && last.modifiedAt > cursor.from) {
    return { mode: 'window', from: last.modifiedAt, fromExclusive: false, after: 0 };
  }
  // A full query's worth of records in one millisecond: only the record id can split them. The tie
  // query starts from the lowest id because the window's order among equal times is HubSpot's own.
  return { mode: 'tie', at: last.modifiedAt ?? cursor.from, afterId: '0', after: 0 };
}

/** Newest records first, for the mapping wizard's preview. */
export function newestRecordsSearch(
  createdProperty: string,
  limit: number,
  properties: readonly string[],
): HubSpotSearchRequest {
  return {
    filterGroups: [],
    sorts: [{ propertyName: createdProperty, direction: 'DESCENDING' }],
    properties: [...properties],
    limit: Math.min(HUBSPOT_SEARCH_PAGE_MAX, Math.max(1, Math.floor(limit))),
  };
}
