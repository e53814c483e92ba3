import { type Insertable, type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import type { Database } from '../database.ts';
import type { SavedSearch } from '../schema.generated.ts';
import { type LotSearch, lotMatchesSearch } from './lot-search.repository.ts';

type Db = Kysely<Database> | Transaction<Database>;
export type SavedSearchRow = Selectable<SavedSearch>;

export async function insertSavedSearch(
  db: Db,
  row: Omit<Insertable<SavedSearch>, 'earth_point'>,
): Promise<SavedSearchRow> {
  const point = row.lat != null && row.lon != null ? sql<string>`ll_to_earth(${row.lat}, ${row.lon})` : null;
  return db
    .insertInto('saved_search')
    .values({ ...row, earth_point: point })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listSavedSearchesOfUser(
  db: Db,
  userId: string,
  limit = 200,
): Promise<SavedSearchRow[]> {
  return db
    .selectFrom('saved_search')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function countSavedSearchesOfUser(db: Db, userId: string): Promise<number> {
  const r = await db
    .selectFrom('saved_search')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Deletes only the owner's search; false when there is none of that id for this user. */
export async function deleteSavedSearch(db: Db, userId: string, id: string): Promise<boolean> {
  const r = await db
    .deleteFrom('saved_search')
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/**
 * Saved searches a lot at this point may satisfy: every search without a point, and those whose
 * own radius reaches it (GiST prefilter by the largest radius, then the exact distance).
 */
export async function searchesReaching(
  db: Db,
  point: { lat: number; lon: number },
  maxRadiusKm: number,
): Promise<SavedSearchRow[]> {
  const center = sql`ll_to_earth(${point.lat}, ${point.lon})`;
  return db
    .selectFrom('saved_search')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('earth_point', 'is', null),
        eb.and([
          sql<boolean>`earth_box(${center}, ${maxRadiusKm * 1000}) @> saved_search.earth_point`,
          sql<boolean>`(saved_search.radius_km is null or earth_distance(${center}, saved_search.earth_point) <= saved_search.radius_km * 1000)`,
        ]),
      ]),
    )
    .orderBy('created_at')
    .limit(5000)
    .execute();
}

export type { LotSearch };
export { lotMatchesSearch };
