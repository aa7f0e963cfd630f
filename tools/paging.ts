import { ToolFailure } from './result.js';

const DEFAULT_LIMIT = 50;

/** One page of a sorted list; the cursor is the offset of the next page. */
export function page<T>(items: readonly T[], cursor: string | undefined, limit = DEFAULT_LIMIT): { items: T[]; total: number; nextCursor: string | null } {
  let offset = 0;
  if (cursor !== undefined && cursor !== '') {
    if (!/^\d{1,9}$/.test(cursor))
      throw new ToolFailure(
        `cursor "${cursor.slice(0, 40)}" is not one this server returned`,
        'pass the nextCursor of the previous page, or omit cursor to start at the first page',
      );
    offset = Number(cursor);
  }
  const slice = items.slice(offset, offset + limit);
  const next = offset + limit < items.length ? String(offset + limit) : null;
  return { items: slice, total: items.length, nextCursor: next };
}

/** A short "showing a–b of n" line for text renderings. */
export function pageLine(shown: number, total: number, nextCursor: string | null): string {
  return `${shown} of ${total}${nextCursor ? ` (more: cursor "${nextCursor}")` : ''}`;
}
