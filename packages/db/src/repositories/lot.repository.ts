import { randomUUID } from 'node:crypto';
import type { Composition } from '@retaille/domain';
import {
  type Insertable,
  type Kysely,
  type Selectable,
  sql,
  type Transaction,
  type Updateable,
} from 'kysely';
import type { Database } from '../database.ts';
import type { Lot, LotPhoto } from '../schema.generated.ts';

type Db = Kysely<Database> | Transaction<Database>;
export type LotRow = Selectable<Lot>;
export type LotPhotoRow = Omit<Selectable<LotPhoto>, 'image' | 'thumb'>;

export type { LotCardRow, LotListItemRow, LotSearch, LotSearchRow } from './lot-search.repository.ts';
export {
  findLotCard,
  listSiteLotCards,
  lotMatchesSearch,
  searchLotListItems,
  searchLots,
  searchLotsByScan,
} from './lot-search.repository.ts';

/** Columns the service provides; the point, the search vector and the JSON text are derived here. */
export type LotWrite = Omit<Insertable<Lot>, 'earth_point' | 'search_tsv' | 'id' | 'composition'> & {
  composition: Composition | null;
  searchText: string;
};
export type LotPatch = Omit<Updateable<Lot>, 'earth_point' | 'search_tsv' | 'composition'> & {
  composition?: Composition | null;
  searchText?: string;
};

/** jsonb is written as JSON text: the driver would send a JS array as a PostgreSQL array. */
const compositionJson = (c: Composition | null) => (c === null ? null : JSON.stringify(c));

/**
 * The indexed point of a lot: its site's point moved by a deterministic offset of under a metre
 * derived from the lot id. Lots of one site would otherwise tie exactly on distance, and a GiST
 * nearest-first scan can only order by distance alone; with distinct points that order is total,
 * so keyset pages never skip or repeat a lot. `lat`/`lon` keep the exact point.
 */
export function earthPointFor(id: string, lat: number, lon: number) {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619) >>> 0;
  const dLat = ((h & 0xffff) / 0xffff - 0.5) * 8e-6;
  const dLon = ((h >>> 16) / 0xffff - 0.5) * 8e-6;
  return sql<string>`ll_to_earth(${lat + dLat}, ${lon + dLon})`;
}

export async function insertLot(db: Db, w: LotWrite): Promise<LotRow> {
  const { searchText, composition, ...row } = w;
  const id = randomUUID();
  return db
    .insertInto('lot')
    .values({
      ...row,
      composition: compositionJson(composition),
      id,
      earth_point: earthPointFor(id, w.lat, w.lon),
      search_tsv: sql<string>`to_tsvector('french', unaccent(${searchText}))`,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateLot(db: Db, id: string, patch: LotPatch): Promise<LotRow | undefined> {
  const { searchText, composition, ...rest } = patch;
  const set: Record<string, unknown> = { ...rest, updated_at: new Date() };
  if (composition !== undefined) set.composition = compositionJson(composition);
  // The same per-lot offset as at insert (ADR 005): without it, an edited lot ties with the other
  // lots of its site and nearest-first keyset pages skip or repeat them.
  if (patch.lat !== undefined && patch.lon !== undefined)
    set.earth_point = earthPointFor(id, Number(patch.lat), Number(patch.lon));
  if (searchText !== undefined) set.search_tsv = sql`to_tsvector('french', unaccent(${searchText}))`;
  return db.updateTable('lot').set(set).where('id', '=', id).returningAll().executeTakeFirst();
}

export async function findLot(db: Db, id: string): Promise<LotRow | undefined> {
  return db.selectFrom('lot').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findLotsByIds(db: Db, ids: string[]): Promise<LotRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('lot')
    .selectAll()
    .where('id', 'in', [...new Set(ids)])
    .execute();
}

/** Locks the lot row: every change of its quantities goes through here (no overselling). */
export async function lockLot(trx: Transaction<Database>, id: string): Promise<LotRow | undefined> {
  return trx.selectFrom('lot').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function listLotsOfSites(db: Db, siteIds: string[], limit = 200): Promise<LotRow[]> {
  if (siteIds.length === 0) return [];
  return db
    .selectFrom('lot')
    .selectAll()
    .where('site_id', 'in', siteIds)
    .orderBy('updated_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Published lots whose window has ended become expired; returns how many. */
export async function expirePastWindow(db: Db, today: string): Promise<number> {
  const r = await db
    .updateTable('lot')
    .set({ status: 'expired', updated_at: new Date() })
    .where('status', 'in', ['published', 'reserved'])
    .where('quantity_reserved', '=', 0)
    .where('available_until', '<', sql<string>`${today}::date`)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function insertPhoto(db: Db, row: Insertable<LotPhoto>): Promise<LotPhotoRow> {
  return db
    .insertInto('lot_photo')
    .values(row)
    .returning([
      'id',
      'lot_id',
      'uploaded_by',
      'position',
      'width',
      'height',
      'content_type',
      'bytes',
      'created_at',
    ])
    .executeTakeFirstOrThrow();
}

export async function findPhotoImage(
  db: Db,
  id: string,
  size: 'image' | 'thumb',
): Promise<{ data: Buffer; contentType: string; lotId: string | null } | undefined> {
  const r = await db
    .selectFrom('lot_photo')
    .select([size === 'image' ? 'image as data' : 'thumb as data', 'content_type', 'lot_id'])
    .where('id', '=', id)
    .executeTakeFirst();
  return r ? { data: r.data as Buffer, contentType: r.content_type, lotId: r.lot_id } : undefined;
}

export async function listPhotos(db: Db, lotIds: string[]): Promise<LotPhotoRow[]> {
  if (lotIds.length === 0) return [];
  return db
    .selectFrom('lot_photo')
    .select([
      'id',
      'lot_id',
      'uploaded_by',
      'position',
      'width',
      'height',
      'content_type',
      'bytes',
      'created_at',
    ])
    .where('lot_id', 'in', lotIds)
    .orderBy('position')
    .execute();
}

/** Attaches uploaded photos (only the uploader's unattached ones or the lot's own) in order. */
export async function attachPhotos(
  db: Db,
  lotId: string,
  photoIds: string[],
  uploadedBy: string,
): Promise<number> {
  let attached = 0;
  for (const [position, id] of photoIds.entries()) {
    const r = await db
      .updateTable('lot_photo')
      .set({ lot_id: lotId, position })
      .where('id', '=', id)
      .where((eb) =>
        eb.or([
          eb('lot_id', '=', lotId),
          eb.and([eb('lot_id', 'is', null), eb('uploaded_by', '=', uploadedBy)]),
        ]),
      )
      .executeTakeFirst();
    attached += Number(r.numUpdatedRows);
  }
  await db
    .deleteFrom('lot_photo')
    .where('lot_id', '=', lotId)
    .where('id', 'not in', photoIds.length > 0 ? photoIds : ['00000000-0000-0000-0000-000000000000'])
    .execute();
  return attached;
}
