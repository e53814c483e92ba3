import type { LotCondition, MaterialFamilyKey, MaterialKey, SectorKey } from '@retaille/domain';
import { type AliasedSelectQueryBuilder, type Kysely, sql, type Transaction } from 'kysely';
import { CompiledShapes } from '../compiled-shapes.ts';
import type { Database } from '../database.ts';
import { earthParam, earthText } from './earth-point.ts';
import { type Keyset, type Paged, siteLotsPage } from './list-page.repository.ts';
import type { LotRow } from './lot.repository.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** What a list card and its map pin read of a lot (`searchLotListItems`). */
const listColumns = [
  'lot.id',
  'lot.site_id',
  'lot.title',
  'lot.material_key',
  'lot.family_key',
  'lot.condition',
  'lot.unit',
  'lot.quantity',
  'lot.quantity_reserved',
  'lot.quantity_sold',
  'lot.length_mm',
  'lot.width_mm',
  'lot.thickness_mm',
  'lot.roll_length_m',
  'lot.price_cents',
  'lot.lat',
  'lot.lon',
  'lot.is_demo',
  'lot.published_at',
] as const;

/** Every column but the search vector and the index point, which callers never need. */
const lotColumns = [
  ...listColumns,
  'lot.created_by',
  'lot.description',
  'lot.composition',
  'lot.mass_kg',
  'lot.mass_estimated',
  'lot.mass_method',
  'lot.available_from',
  'lot.available_until',
  'lot.recurring_quantity',
  'lot.recurring_period',
  'lot.ewc_code',
  'lot.status',
  'lot.site_sectors',
  'lot.created_at',
  'lot.updated_at',
] as const;

type LotColumn = (typeof lotColumns)[number];

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

/**
 * A search's values as its query uses them, each one a parameter or a flag (see `CompiledShapes`):
 * the centre as one `earth` value, the radius in metres, the keyset cursor as the sort key's type.
 */
interface SearchValues {
  [name: string]: string | number | boolean | readonly string[] | undefined;
  center: string | undefined;
  radiusM: number | undefined;
  text: string | undefined;
  familyKeys: readonly string[] | undefined;
  materialKeys: readonly string[] | undefined;
  sector: string | undefined;
  condition: string | undefined;
  freeOnly: boolean;
  maxPriceCents: number | undefined;
  minLengthMm: number | undefined;
  minWidthMm: number | undefined;
  minThicknessMm: number | undefined;
  minQuantity: number | undefined;
  siteId: string | undefined;
  byDistance: boolean;
  afterKey: number | string | undefined;
  afterId: string | undefined;
  limit: number;
}

const nonEmpty = <T>(list: readonly T[] | undefined) => (list?.length ? list : undefined);

function searchValues(s: LotSearch): SearchValues {
  const byDistance = s.sort === 'distance' && s.point !== undefined;
  return {
    center: s.point ? earthText(s.point) : undefined,
    radiusM: s.point && s.radiusKm !== undefined ? s.radiusKm * 1000 : undefined,
    text: s.text || undefined,
    familyKeys: nonEmpty(s.familyKeys),
    materialKeys: nonEmpty(s.materialKeys),
    sector: s.sector,
    condition: s.condition,
    freeOnly: s.freeOnly === true,
    maxPriceCents: s.maxPriceCents,
    minLengthMm: s.minLengthMm,
    minWidthMm: s.minWidthMm,
    minThicknessMm: s.minThicknessMm,
    minQuantity: s.minQuantity,
    siteId: s.siteId || undefined,
    byDistance,
    afterKey: s.after ? (byDistance ? Number(s.after.key) : String(s.after.key)) : undefined,
    afterId: s.after?.id,
    limit: s.limit,
  };
}

/** The filters' query. Every value is used only as a parameter (see `CompiledShapes`). */
function filtered(db: Db, v: SearchValues) {
  // The centre as one `earth` parameter (see earthPoint): the generic plan keeps the GiST index.
  const center = v.center === undefined ? null : earthParam(v.center);
  // A literal, not a parameter: the generic plan of the prepared statement then knows the status's
  // selectivity and keeps the GiST index (see PreparedStatementPool).
  let q = db.selectFrom('lot').where('lot.status', '=', sql.lit('published'));
  if (center && v.radiusM !== undefined) {
    q = q
      .where(sql<boolean>`earth_box(${center}, ${v.radiusM}) @> lot.earth_point`)
      .where(sql<boolean>`earth_distance(${center}, lot.earth_point) <= ${v.radiusM}`);
  }
  if (v.text !== undefined)
    q = q.where(sql<boolean>`lot.search_tsv @@ websearch_to_tsquery('french', unaccent(${v.text}))`);
  if (v.familyKeys) q = q.where('lot.family_key', 'in', v.familyKeys as MaterialFamilyKey[]);
  if (v.materialKeys) q = q.where('lot.material_key', 'in', v.materialKeys as MaterialKey[]);
  if (v.sector !== undefined) q = q.where(sql<boolean>`lot.site_sectors @> array[${v.sector}]::text[]`);
  if (v.condition !== undefined) q = q.where('lot.condition', '=', v.condition as LotCondition);
  if (v.freeOnly) q = q.where('lot.price_cents', 'is', null);
  const max = v.maxPriceCents;
  if (max !== undefined) {
    q = q.where((eb) => eb.or([eb('lot.price_cents', 'is', null), eb('lot.price_cents', '<=', max)]));
  }
  if (v.minLengthMm !== undefined) q = q.where('lot.length_mm', '>=', v.minLengthMm);
  if (v.minWidthMm !== undefined) q = q.where('lot.width_mm', '>=', v.minWidthMm);
  if (v.minThicknessMm !== undefined) q = q.where('lot.thickness_mm', '>=', v.minThicknessMm);
  if (v.minQuantity !== undefined) {
    q = q.where(sql<boolean>`lot.quantity - lot.quantity_reserved - lot.quantity_sold >= ${v.minQuantity}`);
  }
  if (v.siteId !== undefined) q = q.where('lot.site_id', '=', v.siteId);
  // Moderation: a hidden lot, or a lot of a suspended site, is out of search.
  q = q.where(
    sql<boolean>`not exists (select 1 from moderation m where m.lifted_at is null and ((m.subject_kind = 'lot' and m.subject_id = lot.id::text) or (m.subject_kind = 'site' and m.subject_id = lot.site_id::text)))`,
  );
  return { q, center };
}

/**
 * Published lots matching the filters, as a query. With a point and a radius, an `earth_box` over
 * the GiST index of `earth_point` prefilters and the exact great-circle distance filters. Nearest
 * first is a KNN index scan (`ORDER BY earth_point <-> centre`, which the index answers only as the
 * sole sort key; points are distinct, see `earthPointFor`). Newest first walks the
 * (published_at, id) index. Keyset pagination on (sort key, id).
 */
function searchPage(db: Db, v: SearchValues, columns: readonly LotColumn[] = lotColumns) {
  const { q, center } = filtered(db, v);
  const distance = center
    ? sql<number | null>`earth_distance(${center}, lot.earth_point)`
    : sql<number | null>`null::float8`;

  if (v.byDistance && center) {
    const key = sql<number | string>`(lot.earth_point <-> ${center})`;
    let page = q.select([...columns, distance.as('distance_m'), key.as('sort_key')]);
    if (v.afterKey !== undefined)
      page = page.where(sql<boolean>`(${key}, lot.id) > (${v.afterKey}, ${v.afterId}::uuid)`);
    return page.orderBy(key).limit(v.limit);
  }

  let page = q.select([
    ...columns,
    distance.as('distance_m'),
    sql<number | string>`lot.published_at::text`.as('sort_key'),
  ]);
  if (v.afterKey !== undefined) {
    page = page.where(
      sql<boolean>`(lot.published_at, lot.id) < (${v.afterKey}::timestamptz, ${v.afterId}::uuid)`,
    );
  }
  return page.orderBy('lot.published_at', 'desc').orderBy('lot.id', 'desc').limit(v.limit);
}

const searchShapes = new CompiledShapes((db: Db, v: SearchValues) => searchPage(db, v));

/** Published lots matching the filters, in the search's order (see `searchPage`). */
export async function searchLots(db: Db, s: LotSearch): Promise<LotSearchRow[]> {
  return (await searchShapes.execute(db, searchValues(s))) as LotSearchRow[];
}

/** What a search result card shows besides the lot: its site, its photos, whether the site is paid. */
export interface LotCardExtras {
  site_name: string | null;
  site_commune_name: string | null;
  site_commune_insee: string | null;
  site_departement_code: string | null;
  /** The site's Stripe account can receive transfers (a priced lot can be paid). */
  site_receives_transfers: boolean;
  /** The lot's photos by position. */
  photos: { id: string; width: number; height: number }[];
}

export type LotCardRow = LotSearchRow & LotCardExtras;

/** The lot columns a card reads (not the index point nor the search vector), its distance and sort key. */
type CardSource = Omit<LotSearchRow, 'earth_point' | 'search_tsv' | 'sort_key'> & {
  sort_key: number | string | null;
};

/** The site a card names (joined as `site`). */
const siteOfCard = [
  'site.name as site_name',
  'site.commune_name as site_commune_name',
  'site.commune_insee as site_commune_insee',
] as const;

/** Whether the lot's site can be paid (its Stripe account receives transfers). */
const receivesTransfers =
  sql<boolean>`exists (select 1 from seller_payment_account a where a.site_id = l.site_id and a.transfers_active)`.as(
    'site_receives_transfers',
  );

/**
 * Lots (a derived table `l`, so its own plan — a search's KNN index scan — is unchanged) joined to
 * their site, with their photos as JSON and the site's transfer flag: a list of cards in one query.
 */
function withCardExtras(db: Db, lots: AliasedSelectQueryBuilder<CardSource, 'l'>) {
  return db
    .selectFrom(lots)
    .leftJoin('site', 'site.id', 'l.site_id')
    .selectAll('l')
    .select([
      ...siteOfCard,
      'site.departement_code as site_departement_code',
      receivesTransfers,
      sql<
        LotCardExtras['photos']
      >`coalesce((select json_agg(json_build_object('id', p.id, 'width', p.width, 'height', p.height) order by p.position) from lot_photo p where p.lot_id = l.id), '[]'::json)`.as(
        'photos',
      ),
    ]);
}

/** A lot as a list of results shows it: `listColumns`, its site's name and place, its cover photo. */
export type LotListItemRow = Pick<
  LotRow,
  (typeof listColumns)[number] extends `lot.${infer C}` ? C & keyof LotRow : never
> & {
  distance_m: number | null;
  sort_key: number | string;
  site_name: string | null;
  site_commune_name: string | null;
  site_commune_insee: string | null;
  /** The site's Stripe account can receive transfers (a priced lot can be paid). */
  site_receives_transfers: boolean;
  /** The first photo by position. */
  cover: { id: string; width: number; height: number } | null;
};

/**
 * The catalogue search as a list of results, in one round trip: the card extras without what only
 * the lot's page shows (description, composition, mass, dates, every photo), so PostgreSQL sends,
 * and the server parses and serialises, about half as much per card. Its derived table `l` keeps the
 * search's own plan (its KNN index scan), as `withCardExtras` does.
 */
export async function searchLotListItems(db: Db, s: LotSearch): Promise<LotListItemRow[]> {
  return (await listShapes.execute(db, searchValues(s))) as LotListItemRow[];
}

const listShapes = new CompiledShapes((db: Db, v: SearchValues) => {
  const page = db
    .selectFrom(searchPage(db, v, listColumns).as('l'))
    .leftJoin('site', 'site.id', 'l.site_id')
    .selectAll('l')
    .select([
      ...siteOfCard,
      receivesTransfers,
      sql<
        LotListItemRow['cover']
      >`(select json_build_object('id', p.id, 'width', p.width, 'height', p.height) from lot_photo p where p.lot_id = l.id order by p.position limit 1)`.as(
        'cover',
      ),
    ]);
  return v.byDistance && v.center !== undefined
    ? page.orderBy('l.sort_key').orderBy('l.id')
    : page.orderBy('l.published_at', 'desc').orderBy('l.id', 'desc');
});

/** One lot, whatever its status, with its card extras (`distance_m` and `sort_key` null), in one query. */
export async function findLotCard(db: Db, id: string): Promise<LotCardRow | undefined> {
  const lot = db
    .selectFrom('lot')
    .select([...lotColumns, sql<null>`null::float8`.as('distance_m'), sql<null>`null::text`.as('sort_key')])
    .where('lot.id', '=', id);
  return (await withCardExtras(db, lot.as('l')).executeTakeFirst()) as LotCardRow | undefined;
}

/** A site's lots as cards, newest first, a keyset page (see `siteLotsPage`), in one query. */
export async function listSiteLotCards(
  db: Db,
  siteId: string,
  statuses: string[] | undefined,
  after: Keyset | undefined,
  limit: number,
): Promise<Paged<LotCardRow>[]> {
  const lots = db.selectFrom('lot').select([...lotColumns, sql<null>`null::float8`.as('distance_m')]);
  const page = siteLotsPage(lots, siteId, statuses, after, limit);
  return (await withCardExtras(db, page.as('l'))
    .orderBy('l.created_at', 'desc')
    .orderBy('l.id', 'desc')
    .execute()) as Paged<LotCardRow>[];
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
  const { q } = filtered(db, searchValues({ ...s, sort: 'newest', limit: 1 }));
  return (await q.select('lot.id').where('lot.id', '=', lotId).executeTakeFirst()) !== undefined;
}
