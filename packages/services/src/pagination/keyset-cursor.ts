import type { Keyset } from '@retaille/db';
import { DomainError, isCalendarDate, MAX_INPUT_YEAR, MIN_INPUT_YEAR } from '@retaille/domain';

/** A page of a list that never cuts off: `nextCursor` is null on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** A timestamptz as PostgreSQL prints it (ISO DateStyle), microseconds included. */
const TIMESTAMP_RE = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?[+-]\d{2}(:\d{2}){0,2}$/;

export function encodeKeyset(key: string, id: string): string {
  return Buffer.from(JSON.stringify([key, id])).toString('base64url');
}

/**
 * The cursor comes back from the client: anything but one we could have issued is a field error
 * on `cursor` (VALIDATION `search.badCursor`), never a value handed to PostgreSQL.
 */
export function decodeKeyset(cursor: string | undefined): Keyset | undefined {
  if (cursor === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2) {
      const [key, id] = parsed as [unknown, unknown];
      const ts = typeof key === 'string' ? TIMESTAMP_RE.exec(key) : null;
      if (
        ts !== null &&
        Number(ts[1]) >= MIN_INPUT_YEAR &&
        Number(ts[1]) <= MAX_INPUT_YEAR &&
        isCalendarDate(Number(ts[1]), Number(ts[2]), Number(ts[3])) &&
        Number(ts[4]) <= 23 &&
        Number(ts[5]) <= 59 &&
        Number(ts[6]) <= 59 &&
        typeof id === 'string' &&
        UUID_RE.test(id)
      ) {
        return { key: key as string, id };
      }
    }
  } catch {
    // reported below
  }
  throw new DomainError('VALIDATION', 'validation.failed', {
    fields: [{ path: 'cursor', key: 'search.badCursor' }],
  });
}

/** Rows fetched with `limit + 1`: the page, and a cursor when there is more. */
export function pageOf<R extends { sort_key: string; id: string }>(
  rows: R[],
  limit: number,
): { rows: R[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    rows: page,
    nextCursor: rows.length > limit && last ? encodeKeyset(last.sort_key, last.id) : null,
  };
}
