import { isCalendarDate, MAX_INPUT_YEAR, MIN_INPUT_YEAR } from '@retaille/domain';
import { validation } from './lot-input.ts';

/** A search's keyset cursor: the last lot's sort key (chord metres or `published_at` text) and id. */
export function encodeCursor(key: number | string, id: string): string {
  return Buffer.from(JSON.stringify([key, id])).toString('base64url');
}
/** Earth-centred chord distances in metres (`earth_point <-> centre`) are at most the diameter. */
const MAX_CHORD_M = 12_760_000;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** `published_at::text` as PostgreSQL prints a timestamptz (ISO DateStyle). */
const TIMESTAMP_RE = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?[+-]\d{2}(:\d{2}){0,2}$/;

/**
 * A cursor comes back from the client: anything but one we could have issued for this sort is a
 * field error on `cursor`, never a value handed to PostgreSQL to choke on (ids that are not uuids,
 * impossible timestamps, NaN, a distance key on a newest-first search…).
 */
export function decodeCursor(
  cursor: string,
  sort: 'distance' | 'newest',
): { key: number | string; id: string } {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2) {
      const [key, id] = parsed as [unknown, unknown];
      const ts = typeof key === 'string' ? TIMESTAMP_RE.exec(key) : null;
      const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = ts
        ? ts.slice(1, 7).map(Number)
        : [];
      const validKey =
        sort === 'distance'
          ? typeof key === 'number' && Number.isFinite(key) && key >= 0 && key <= MAX_CHORD_M
          : ts !== null &&
            year >= MIN_INPUT_YEAR &&
            year <= MAX_INPUT_YEAR &&
            isCalendarDate(year, month, day) &&
            hour <= 23 &&
            minute <= 59 &&
            second <= 59;
      if (validKey && typeof id === 'string' && UUID_RE.test(id)) return { key: key as number | string, id };
    }
  } catch {
    // reported below
  }
  throw validation([{ path: 'cursor', key: 'search.badCursor' }]);
}
