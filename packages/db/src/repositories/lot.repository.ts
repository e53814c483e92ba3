import { randomUUID } from 'node:crypto';
import type { Composition, LotCondition, MaterialFamilyKey, MaterialKey, SectorKey } from '@retaille/domain';
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

/** Every column but the search vector and the index point, which callers never need. */
const lotColumns = [
  'lot.id',
  'lot.site_id',
  'lot.created_by',
  'lot.title',
  'lot.description',
  'lot.material_key',
  'lot.family_key',
  'lot.composition',
  'lot.condition',
  'lot.unit',
  'lot.quantity',
  'lot.quantity_reserved',
  'lot.quantity_sold',
  'lot.length_mm',
  'lot.width_mm',
  'lot.thickness_mm',
  'lot.roll_length_m',
  'lot.mass_kg',
  'lot.mass_estimated',
  'lot.mass_method',
  'lot.price_cents',
  'lot.available_from',
  'lot.available_until',
  'lot.recurring_quantity',
  'lot.recurring_period',
  'lot.ewc_code',
  'lot.status',
  'lot.lat',
  'lot.lon',
  'lot.site_sectors',
  'lot.is_demo',
  'lot.published_at',
  'lot.created_at',
  'lot.updated_at',
] as const;

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

export interface LotSearch {
  point?: { lat: number; lon: number } | undefined;
  radiusKm?: number | undefined;
  text?: string | undefined;
  familyKeys?: MaterialFamilyKey[] | undefined;
  materialKeys?: MaterialKey[] | undefined;
  sector?: SectorKey | undefined;
  condition?: LotCondition | undefined;
  freeOnly?: boolean | undefined;
  maxPriceCents?: number | undefined;
  minLengthMm?: number | undefined;
  minWidthMm?: number | undefined;
  minThicknessMm?: number | undefined;
  minQuantity?: number | undefined;
  siteId?: string | undefined;
  sort: 'distance' | 'newest';
  /** Keyset cursor: the last row's sort key (chord metres, or published_at as text) and id. */
  after?: { key: number | string; id: string } | undefined;
  limit: number;
}

export type LotSearchRow = LotRow & { distance_m: number | null; sort_key: number | string };

function filtered(db: Db, s: LotSearch, radiusM: number | null) {
  const center = s.point ? sql`ll_to_earth(${s.point.lat}, ${s.point.lon})` : null;
  let q = db.selectFrom('lot').where('lot.status', '=', 'published');
  if (center && radiusM !== null) {
    q = q
      .where(sql<boolean>`earth_box(${center}, ${radiusM}) @> lot.earth_point`)
      .where(sql<boolean>`earth_distance(${center}, lot.earth_point) <= ${radiusM}`);
  }
  if (s.text)
    q = q.where(sql<boolean>`lot.search_tsv @@ websearch_to_tsquery('french', unaccent(${s.text}))`);
  if (s.familyKeys?.length) q = q.where('lot.family_key', 'in', s.familyKeys);
  if (s.materialKeys?.length) q = q.where('lot.material_key', 'in', s.materialKeys);
  if (s.sector) q = q.where(sql<boolean>`lot.site_sectors @> array[${s.sector}]::text[]`);
  if (s.condition) q = q.where('lot.condition', '=', s.condition);
  if (s.freeOnly) q = q.where('lot.price_cents', 'is', null);
  if (s.maxPriceCents !== undefined) {
    const max = s.maxPriceCents;
    q = q.where((eb) => eb.or([eb('lot.price_cents', 'is', null), eb('lot.price_cents', '<=', max)]));
  }
  if (s.minLengthMm !== undefined) q = q.where('lot.length_mm', '>=', s.minLengthMm);
  if (s.minWidthMm !== undefined) q = q.where('lot.width_mm', '>=', s.minWidthMm);
  if (s.minThicknessMm !== undefined) q = q.where('lot.thickness_mm', '>=', s.minThicknessMm);
  if (s.minQuantity !== undefined) {
    q = q.where(sql<boolean>`lot.quantity - lot.quantity_reserved - lot.quantity_sold >= ${s.minQuantity}`);
  }
  if (s.siteId) q = q.where('lot.site_id', '=', s.siteId);
  // Moderation: a hidden lot, or a lot of a suspended site, is out of search.
  q = q.where(
    sql<boolean>`not exists (select 1 from moderation m where m.lifted_at is null and ((m.subject_kind = 'lot' and m.subject_id = lot.id::text) or (m.subject_kind = 'site' and m.subject_id = lot.site_id::text)))`,
  );
  return { q, center };
}

/**
 * Published lots matching the filters. With a point and a radius, an `earth_box` over the GiST
 * index of `earth_point` prefilters and the exact great-circle distance filters. Nearest first is
 * a KNN index scan (`ORDER BY earth_point <-> centre`, which the index answers only as the sole
 * sort key; points are distinct, see `earthPointFor`). Newest first walks the (published_at, id)
 * index. Keyset pagination on (sort key, id).
 */
export async function searchLots(db: Db, s: LotSearch): Promise<LotSearchRow[]> {
  const radiusM = s.point && s.radiusKm !== undefined ? s.radiusKm * 1000 : null;
  const { q, center } = filtered(db, s, radiusM);
  const distance = center
    ? sql<number | null>`earth_distance(${center}, lot.earth_point)`
    : sql<number | null>`null::float8`;

  if (s.sort === 'distance' && center) {
    const key = sql<number>`(lot.earth_point <-> ${center})`;
    let page = q.select([...lotColumns, distance.as('distance_m'), key.as('sort_key')]);
    if (s.after)
      page = page.where(sql<boolean>`(${key}, lot.id) > (${Number(s.after.key)}, ${s.after.id}::uuid)`);
    return (await page.orderBy(key).limit(s.limit).execute()) as unknown as LotSearchRow[];
  }

  let page = q.select([
    ...lotColumns,
    distance.as('distance_m'),
    sql<string>`lot.published_at::text`.as('sort_key'),
  ]);
  if (s.after) {
    page = page.where(
      sql<boolean>`(lot.published_at, lot.id) < (${String(s.after.key)}::timestamptz, ${s.after.id}::uuid)`,
    );
  }
  return (await page
    .orderBy('lot.published_at', 'desc')
    .orderBy('lot.id', 'desc')
    .limit(s.limit)
    .execute()) as unknown as LotSearchRow[];
}

/** The same radius search done the naive way (haversine over every published lot), for benchmarks. */
export async function searchLotsByScan(
  db: Db,
  s: { point: { lat: number; lon: number }; radiusKm: number; limit: number },
): Promise<{ id: string; distance_m: number }[]> {
  const d = sql<number>`2 * 6378168 * asin(sqrt(
      power(sin(radians(lot.lat - ${s.point.lat}) / 2), 2) +
      cos(radians(${s.point.lat})) * cos(radians(lot.lat)) * power(sin(radians(lot.lon - ${s.point.lon}) / 2), 2)))`;
  return db
    .selectFrom('lot')
    .select(['lot.id', d.as('distance_m')])
    .where('lot.status', '=', 'published')
    .where(d, '<=', s.radiusKm * 1000)
    .orderBy(d)
    .orderBy('lot.id')
    .limit(s.limit)
    .execute();
}

/** Whether this published lot passes a search's filters and radius (a saved search's alert). */
export async function lotMatchesSearch(
  db: Db,
  lotId: string,
  s: Omit<LotSearch, 'sort' | 'after' | 'limit'>,
): Promise<boolean> {
  const radiusM = s.point && s.radiusKm !== undefined ? s.radiusKm * 1000 : null;
  const { q } = filtered(db, { ...s, sort: 'newest', limit: 1 }, radiusM);
  return (await q.select('lot.id').where('lot.id', '=', lotId).executeTakeFirst()) !== undefined;
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
