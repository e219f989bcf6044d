import { z } from 'zod';
import { ApiProblem } from './problem';

/** Cursor pagination over (createdAt, id), newest first: stable while rows are being added. */
export const paginationQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50).describe('Items per page (1-200)'),
  cursor: z.string().max(200).optional().describe('The `nextCursor` of the previous page'),
});

export type PaginationQuery = z.infer<typeof paginationQuerySchema>;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

interface CursorPosition {
  createdAt: Date;
  id: string;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.createdAt.toISOString(), position.id])).toString('base64url');
}

export function decodeCursor(cursor: string): CursorPosition {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const date = new Date(createdAt);
    if (Number.isNaN(date.getTime()) || typeof id !== 'string') throw new Error('bad cursor');
    return { createdAt: date, id };
  } catch {
    throw ApiProblem.validation([
      { path: 'query.cursor', message: 'is not a cursor this API returned', code: 'invalid_cursor' },
    ]);
  }
}

/** The Prisma `where` and `orderBy` for one page; pass `limit + 1` as `take` to detect a next page. */
export function pageQuery(query: PaginationQuery) {
  const after = query.cursor ? decodeCursor(query.cursor) : undefined;
  return {
    where: after
      ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] }
      : {},
    orderBy: [{ createdAt: 'desc' as const }, { id: 'desc' as const }],
    take: query.limit + 1,
  };
}

export function toPage<T extends CursorPosition, U>(
  rows: T[],
  query: PaginationQuery,
  map: (row: T) => U,
): Page<U> {
  const hasMore = rows.length > query.limit;
  const items = hasMore ? rows.slice(0, query.limit) : rows;
  const last = items[items.length - 1];
  return { items: items.map(map), nextCursor: hasMore && last ? encodeCursor(last) : null };
}
