import type { SqlValue } from '../persistence/sql-database.js';
import { BadRequestError } from './errors.js';
import type { Page, PageRequest, SortOrder } from './workflow-service.js';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

/** The sort of a list: one column (nulls last) and the id as tie-breaker, same direction. */
export interface KeysetSort {
  /** SQL expression of the sort column, e.g. `t.due_at`. */
  readonly column: string;
  readonly idColumn: string;
  readonly order: SortOrder;
}

export interface CursorPayload {
  readonly v: string | number | null;
  readonly id: string | number;
}

/** The page size a request asks for, clamped to 1…200. */
export function limitOf(request: PageRequest): number {
  const limit = request.limit ?? DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1) throw new BadRequestError(`limit 必须是正整数 / limit must be a positive integer (got ${String(limit)})`);
  return Math.min(limit, MAX_LIMIT);
}

/**
 * The WHERE fragment (with params) that continues after the cursor, and the ORDER BY clause.
 * Nulls sort last in both directions.
 */
export function keysetClause(sort: KeysetSort, cursor: string | undefined): { where: string | null; params: SqlValue[]; orderBy: string } {
  const dir = sort.order === 'asc' ? 'ASC' : 'DESC';
  const cmp = sort.order === 'asc' ? '>' : '<';
  const orderBy = `ORDER BY (${sort.column} IS NULL) ASC, ${sort.column} ${dir}, ${sort.idColumn} ${dir}`;
  if (cursor === undefined) return { where: null, params: [], orderBy };
  const after = decodeCursor(cursor);
  if (after.v === null) {
    return { where: `(${sort.column} IS NULL AND ${sort.idColumn} ${cmp} ?)`, params: [after.id], orderBy };
  }
  return {
    where: `((${sort.column} IS NOT NULL AND (${sort.column} ${cmp} ? OR (${sort.column} = ? AND ${sort.idColumn} ${cmp} ?))) OR ${sort.column} IS NULL)`,
    params: [after.v, after.v, after.id],
    orderBy,
  };
}

/** Builds the page from `limit + 1` fetched rows. */
export function pageOf<R, T>(rows: readonly R[], limit: number, map: (row: R) => T, keyOf: (row: R) => CursorPayload): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items: items.map(map), nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null };
}

/** An opaque cursor for a (value, id) position. */
export function encodeCursor(payload: CursorPayload): string {
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

/** Reads a cursor made by `encodeCursor`; a malformed one is a `BadRequestError`. */
export function decodeCursor(cursor: string): CursorPayload {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof value === 'object' && value !== null && 'v' in value && 'id' in value) {
      const { v, id } = value;
      if ((v === null || typeof v === 'string' || typeof v === 'number') && (typeof id === 'string' || typeof id === 'number')) return { v, id };
    }
  } catch {
    // fall through to the error below
  }
  throw new BadRequestError('分页游标无效 / invalid pagination cursor', { cursor });
}
