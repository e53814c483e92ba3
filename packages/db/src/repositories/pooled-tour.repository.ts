import type { PooledTourResponse, TerritoryScopeKind } from '@retaille/domain';
import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { Database } from '../database.ts';
import type { PooledTour, PooledTourStop } from '../schema.generated.ts';

/** Pooled pickup tours of coordinators (issue 17) and their stops' answers. */
export type PooledTourRow = Selectable<PooledTour>;
export type PooledTourStopRow = Selectable<PooledTourStop>;
type Db = Kysely<Database> | Transaction<Database>;

/** An agreed pickup a coordinator may pool: the trade, its seller site and its lot. */
export interface PoolableTradeRow {
  tradeId: string;
  buyerUserId: string;
  sellerSiteId: string;
  siteName: string;
  communeName: string;
  lat: number;
  lon: number;
  lotTitle: string;
  lotMassKg: number | null;
  lotQuantity: number;
  quantity: number;
  unit: string;
  handoverGrams: number | null;
  pickupStart: Date;
  pickupEnd: Date | null;
}

/**
 * Agreed pickups (`pickup_scheduled`) whose seller site lies in the territory and whose slot
 * starts between `from` and `to`, not already on a recorded trip nor in a pooled tour that
 * nobody declined. Bounded by `limit` (the caller asks for one more than its maximum to tell).
 */
export async function listPoolableTrades(
  db: Db,
  q: { scopeKind: TerritoryScopeKind; scopeCode: string; from: Date; to: Date; limit: number },
): Promise<PoolableTradeRow[]> {
  return db
    .selectFrom('trade')
    .innerJoin('site', 'site.id', 'trade.seller_site_id')
    .innerJoin('lot', 'lot.id', 'trade.lot_id')
    .select([
      'trade.id as tradeId',
      'trade.buyer_user_id as buyerUserId',
      'trade.seller_site_id as sellerSiteId',
      'site.name as siteName',
      'site.commune_name as communeName',
      'site.lat as lat',
      'site.lon as lon',
      'lot.title as lotTitle',
      'lot.mass_kg as lotMassKg',
      'lot.quantity as lotQuantity',
      'trade.quantity as quantity',
      'trade.unit as unit',
      'trade.handover_grams as handoverGrams',
      'trade.pickup_start as pickupStart',
      'trade.pickup_end as pickupEnd',
    ])
    .$narrowType<{ pickupStart: Date }>()
    .where('trade.state', '=', 'pickup_scheduled')
    .where('trade.pickup_start', '>=', q.from)
    .where('trade.pickup_start', '<', q.to)
    .where(q.scopeKind === 'departement' ? 'site.departement_code' : 'site.region_code', '=', q.scopeCode)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('trip_trade')
            .select('trip_trade.trade_id')
            .whereRef('trip_trade.trade_id', '=', 'trade.id'),
        ),
      ),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('pooled_tour_stop as s')
            .select('s.trade_id')
            .whereRef('s.trade_id', '=', 'trade.id')
            .where('s.buyer_response', '<>', 'declined')
            .where('s.seller_response', '<>', 'declined'),
        ),
      ),
    )
    .orderBy('trade.pickup_start')
    .orderBy('trade.id')
    .limit(q.limit)
    .execute();
}

export async function insertTour(
  trx: Transaction<Database>,
  row: Insertable<PooledTour>,
): Promise<PooledTourRow> {
  return trx.insertInto('pooled_tour').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function insertStops(
  trx: Transaction<Database>,
  rows: Insertable<PooledTourStop>[],
): Promise<void> {
  if (rows.length > 0) await trx.insertInto('pooled_tour_stop').values(rows).execute();
}

export async function findTour(db: Db, id: string): Promise<PooledTourRow | undefined> {
  return db.selectFrom('pooled_tour').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function lockTour(trx: Transaction<Database>, id: string): Promise<PooledTourRow | undefined> {
  return trx.selectFrom('pooled_tour').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** A tour's stops with what the page shows of each: site, lot and the trade's parties. */
export async function listStops(db: Db, tourId: string) {
  return db
    .selectFrom('pooled_tour_stop as s')
    .innerJoin('trade', 'trade.id', 's.trade_id')
    .innerJoin('site', 'site.id', 'trade.seller_site_id')
    .innerJoin('lot', 'lot.id', 'trade.lot_id')
    .selectAll('s')
    .select([
      'trade.buyer_user_id as buyerUserId',
      'trade.seller_site_id as sellerSiteId',
      'site.name as siteName',
      'site.commune_name as communeName',
      'site.lat as lat',
      'site.lon as lon',
      'lot.title as lotTitle',
    ])
    .where('s.tour_id', '=', tourId)
    .orderBy('s.vehicle')
    .orderBy('s.position')
    .execute();
}

export async function setResponse(
  trx: Transaction<Database>,
  key: { tourId: string; tradeId: string },
  party: 'buyer' | 'seller',
  response: PooledTourResponse,
  at: Date,
): Promise<void> {
  await trx
    .updateTable('pooled_tour_stop')
    .set(
      party === 'buyer'
        ? { buyer_response: response, responded_at: at }
        : { seller_response: response, responded_at: at },
    )
    .where('tour_id', '=', key.tourId)
    .where('trade_id', '=', key.tradeId)
    .execute();
}

export async function markRecorded(trx: Transaction<Database>, id: string, at: Date): Promise<void> {
  await trx
    .updateTable('pooled_tour')
    .set({ status: 'recorded', recorded_at: at })
    .where('id', '=', id)
    .execute();
}

/** Tours a user takes part in (as a stop's buyer or a member of a stop's seller site) or coordinates. */
export async function listToursOfUser(db: Db, userId: string, limit: number): Promise<PooledTourRow[]> {
  return db
    .selectFrom('pooled_tour')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('coordinator_user_id', '=', userId),
        eb.exists(
          eb
            .selectFrom('pooled_tour_stop as s')
            .innerJoin('trade', 'trade.id', 's.trade_id')
            .leftJoin('site_member as m', (j) =>
              j.onRef('m.site_id', '=', 'trade.seller_site_id').on('m.user_id', '=', userId),
            )
            .select('s.trade_id')
            .whereRef('s.tour_id', '=', 'pooled_tour.id')
            .where((w) => w.or([w('trade.buyer_user_id', '=', userId), w('m.user_id', 'is not', null)])),
        ),
      ]),
    )
    .orderBy('day', 'desc')
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}

/** The tour a trade is in that nobody declined, if any (checked under the trade's lock). */
export async function findActiveStopOfTrade(
  db: Db,
  tradeId: string,
): Promise<{ tour_id: string } | undefined> {
  return db
    .selectFrom('pooled_tour_stop')
    .select('tour_id')
    .where('trade_id', '=', tradeId)
    .where('buyer_response', '<>', 'declined')
    .where('seller_response', '<>', 'declined')
    .executeTakeFirst();
}
