import { z } from 'zod';
import type { ItemsQuery } from './generated/graphql';

/** Monday's `items_page` and `next_items_page` return at most this many items. */
export const MONDAY_ITEMS_PAGE_MAX = 500;
export const DEFAULT_CHANGED_PAGE_SIZE = 100;
/** Monday's cursors live 60 minutes; one older than this is not used, the window restarts instead. */
export const MONDAY_CURSOR_TTL_MS = 60 * 60_000;
/** Restart a little before Monday's limit so a cursor does not expire between the check and the call. */
export const MONDAY_CURSOR_SAFE_AGE_MS = MONDAY_CURSOR_TTL_MS - 5 * 60_000;

/**
 * Where a "changed in [since, until)" listing continues. Monday pages a filtered `items_page` with its
 * own cursor, which expires after 60 minutes and cannot be combined with `query_params`. Leadflow's
 * cursor wraps it with the window it belongs to, when it was issued, and how far the listing got:
 * items come oldest first (`order_by __last_updated__ asc`), so everything updated before `resumeFrom`
 * has been returned. A listing resumed with an expired or refused Monday cursor runs the query again
 * from `resumeFrom`: items updated at exactly that second may come twice (intake dedupes on the item
 * id), and nothing is skipped.
 */
export interface MondayChangeCursor {
  /** The window's start (epoch ms, inclusive), as the listing was first asked for. */
  since: number;
  /** Epoch ms: every item updated before it has been listed. */
  resumeFrom: number;
  /** Monday's cursor for the next page of the window's query. */
  mondayCursor: string;
  /** When Monday issued `mondayCursor` (epoch ms). */
  issuedAt: number;
}

const cursorSchema = z.strictObject({
  v: z.literal(1),
  s: z.number().int().nonnegative(),
  r: z.number().int().nonnegative(),
  c: z.string().min(1).max(4096),
  t: z.number().int().nonnegative(),
});

/** Opaque to callers: base64url of a small versioned JSON. */
export function encodeChangeCursor(cursor: MondayChangeCursor): string {
  const json = { v: 1, s: cursor.since, r: cursor.resumeFrom, c: cursor.mondayCursor, t: cursor.issuedAt };
  return Buffer.from(JSON.stringify(json), 'utf8').toString('base64url');
}

/** The cursor, or `undefined` when the text is not one {@link encodeChangeCursor} made. */
export function decodeChangeCursor(text: string): MondayChangeCursor | undefined {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const parsed = cursorSchema.safeParse(json);
  if (!parsed.success || parsed.data.r < parsed.data.s) return undefined;
  const { s, r, c, t } = parsed.data;
  return { since: s, resumeFrom: r, mondayCursor: c, issuedAt: t };
}

/**
 * What the next request of a listing is: the window's first page (`first`), the query run again from
 * where an interrupted listing got to (`restart`), or the next page by Monday's cursor (`next`).
 */
export type ChangePageStep =
  | { kind: 'first'; since: number }
  | { kind: 'restart'; since: number; resumeFrom: number }
  | { kind: 'next'; since: number; resumeFrom: number; mondayCursor: string };

/**
 * The step to take for a listing of `[since, …)` resumed with `text`. `undefined` when `text` is not
 * a cursor. A cursor of another window (the caller moved `since`) starts the window over; one too
 * old to trust (or from the future) restarts from where it got to.
 */
export function nextStep(text: string | undefined, since: Date, now: number): ChangePageStep | undefined {
  const start = since.getTime();
  if (text === undefined) return { kind: 'first', since: start };
  const cursor = decodeChangeCursor(text);
  if (cursor === undefined) return undefined;
  if (cursor.since !== start) return { kind: 'first', since: start };
  if (now - cursor.issuedAt >= MONDAY_CURSOR_SAFE_AGE_MS || cursor.issuedAt > now) {
    return { kind: 'restart', since: start, resumeFrom: cursor.resumeFrom };
  }
  return { kind: 'next', since: start, resumeFrom: cursor.resumeFrom, mondayCursor: cursor.mondayCursor };
}

/** A page size within Monday's limit; `undefined` asks for the default. */
export function itemsPageSize(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return DEFAULT_CHANGED_PAGE_SIZE;
  return Math.min(MONDAY_ITEMS_PAGE_MAX, Math.max(1, Math.floor(limit)));
}

const DAY_MS = 86_400_000;

/**
 * `query_params` for items last updated on or after the day before `since`, oldest first. Monday
 * compares `__last_updated__` by calendar date (`["EXACT", "YYYY-MM-DD"]`), in a time zone it does not
 * state, so the filter starts a day early and the exact window is applied to `updated_at` afterwards
 * ({@link inWindow}).
 */
export function changedItemsQuery(since: number): ItemsQuery {
  const day = new Date(Math.max(0, since - DAY_MS)).toISOString().slice(0, 10);
  return {
    rules: [
      {
        column_id: '__last_updated__',
        compare_attribute: 'UPDATED_AT',
        compare_value: ['EXACT', day],
        operator: 'greater_than_or_equals',
      },
    ],
    order_by: [{ column_id: '__last_updated__', direction: 'asc' }],
  };
}

/** The newest items first (the mapping wizard's preview). */
export function newestItemsQuery(): ItemsQuery {
  return { order_by: [{ column_id: '__creation_log__', direction: 'desc' }] };
}

/** `updatedAt` (ISO) within `[from, until)`; an item without a time is kept (the caller dedupes). */
export function inWindow(updatedAt: string | null, from: number, until: number): boolean {
  if (updatedAt === null) return true;
  const at = Date.parse(updatedAt);
  return at >= from && at < until;
}
