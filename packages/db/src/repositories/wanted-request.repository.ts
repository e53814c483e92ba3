import {
  type Insertable,
  type Kysely,
  type Selectable,
  sql,
  type Transaction,
  type Updateable,
} from 'kysely';
import type { Database } from '../database.ts';
import type { WantedRequest } from '../schema.generated.ts';
import { earthPoint } from './earth-point.ts';

type Db = Kysely<Database> | Transaction<Database>;
export type WantedRequestRow = Selectable<WantedRequest>;
export type WantedRequestWrite = Omit<Insertable<WantedRequest>, 'earth_point' | 'id'>;

export async function insertRequest(db: Db, w: WantedRequestWrite): Promise<WantedRequestRow> {
  return db
    .insertInto('wanted_request')
    .values({ ...w, earth_point: sql<string>`ll_to_earth(${w.lat}, ${w.lon})` })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateRequest(
  db: Db,
  id: string,
  patch: Omit<Updateable<WantedRequest>, 'earth_point'>,
): Promise<WantedRequestRow | undefined> {
  const set: Record<string, unknown> = { ...patch, updated_at: new Date() };
  if (patch.lat !== undefined && patch.lon !== undefined)
    set.earth_point = sql`ll_to_earth(${patch.lat}, ${patch.lon})`;
  return db.updateTable('wanted_request').set(set).where('id', '=', id).returningAll().executeTakeFirst();
}

export async function findRequest(db: Db, id: string): Promise<WantedRequestRow | undefined> {
  return db.selectFrom('wanted_request').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listRequestsOfUser(db: Db, userId: string): Promise<WantedRequestRow[]> {
  return db
    .selectFrom('wanted_request')
    .selectAll()
    .where('requester_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
}

/**
 * Open requests, nearest first when a point is given (on the index's chord distance, then the id:
 * several requests of one site share a point), else newest first on (created_at, id). Keyset pages:
 * `after` is the last row's `sort_key` and id.
 */
export async function listOpenRequests(
  db: Db,
  s: {
    point?: { lat: number; lon: number } | undefined;
    radiusKm?: number | undefined;
    familyMaterials?: string[] | undefined;
    after?: { key: number | string; id: string } | undefined;
    limit: number;
  },
): Promise<(WantedRequestRow & { distance_m: number | null; sort_key: number | string })[]> {
  const center = s.point ? earthPoint(s.point) : null;
  let q = db.selectFrom('wanted_request').selectAll().where('status', '=', 'open');
  if (center && s.radiusKm !== undefined) {
    const r = s.radiusKm * 1000;
    q = q
      .where(sql<boolean>`earth_box(${center}, ${r}) @> wanted_request.earth_point`)
      .where(sql<boolean>`earth_distance(${center}, wanted_request.earth_point) <= ${r}`);
  }
  if (s.familyMaterials?.length)
    q = q.where(sql<boolean>`material_keys && ${sql.val(s.familyMaterials)}::text[]`);
  if (center) {
    const key = sql<number>`(wanted_request.earth_point <-> ${center})`;
    let page = q.select([
      sql<number | null>`earth_distance(${center}, wanted_request.earth_point)`.as('distance_m'),
      key.as('sort_key'),
    ]);
    if (s.after) {
      page = page.where(
        sql<boolean>`(${key}, wanted_request.id) > (${Number(s.after.key)}, ${s.after.id}::uuid)`,
      );
    }
    return page.orderBy(key).orderBy('id').limit(s.limit).execute();
  }
  let page = q.select([
    sql<number | null>`null::float8`.as('distance_m'),
    sql<string>`wanted_request.created_at::text`.as('sort_key'),
  ]);
  if (s.after) {
    page = page.where(
      sql<boolean>`(wanted_request.created_at, wanted_request.id) < (${String(s.after.key)}::timestamptz, ${s.after.id}::uuid)`,
    );
  }
  return page.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(s.limit).execute();
}

/** Bulk insert (seeds and benchmarks). */
export async function insertRequests(db: Db, ws: WantedRequestWrite[]): Promise<void> {
  if (ws.length === 0) return;
  await db
    .insertInto('wanted_request')
    .values(ws.map((w) => ({ ...w, earth_point: sql<string>`ll_to_earth(${w.lat}, ${w.lon})` })))
    .execute();
}
