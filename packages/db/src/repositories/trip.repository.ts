import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../database.ts';
import type { NewTripRow, TripRow } from './impact.repository.ts';

type Db = Kysely<Database> | Transaction<Database>;

// ── Trips (transport as travelled, docs/impact-method.md §4) ───────────────────────────────

export async function insertTrip(db: Db, row: NewTripRow): Promise<TripRow> {
  return db.insertInto('trip').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Locks a trip while a trade joins it, so two handovers cannot both read it half-built. */
export async function lockTrip(trx: Transaction<Database>, id: string): Promise<TripRow | undefined> {
  return trx.selectFrom('trip').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function addTripTrade(
  db: Db,
  row: { trip_id: string; trade_id: string; mass_kg: number; added_at: Date },
): Promise<void> {
  await db.insertInto('trip_trade').values(row).execute();
}

export async function findTrip(db: Db, id: string): Promise<TripRow | undefined> {
  return db.selectFrom('trip').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface TripTradeParties {
  trade_id: string;
  mass_kg: number;
  seller_site_id: string;
  buyer_site_id: string | null;
  buyer_user_id: string;
}

/** Every trade of a trip, with its mass and parties, in the order they joined. */
export async function listTripTrades(db: Db, tripId: string): Promise<TripTradeParties[]> {
  return db
    .selectFrom('trip_trade')
    .innerJoin('trade', 'trade.id', 'trip_trade.trade_id')
    .select([
      'trip_trade.trade_id',
      'trip_trade.mass_kg',
      'trade.seller_site_id',
      'trade.buyer_site_id',
      'trade.buyer_user_id',
    ])
    .where('trip_trade.trip_id', '=', tripId)
    .orderBy('trip_trade.added_at')
    .orderBy('trip_trade.trade_id')
    .execute();
}

/** The trip a trade travelled in, with every trade of that trip, or undefined. */
export async function findTripOfTrade(
  db: Db,
  tradeId: string,
): Promise<{ trip: TripRow; trades: TripTradeParties[] } | undefined> {
  const trip = await db
    .selectFrom('trip')
    .innerJoin('trip_trade', 'trip_trade.trip_id', 'trip.id')
    .selectAll('trip')
    .where('trip_trade.trade_id', '=', tradeId)
    .executeTakeFirst();
  if (trip === undefined) return undefined;
  return { trip, trades: await listTripTrades(db, trip.id) };
}

/** Trips by id with all their trades (those outside a filter too: they share the trip). */
export async function tripsWithTrades(
  db: Db,
  ids: readonly string[],
): Promise<{ trip: TripRow; trades: TripTradeParties[] }[]> {
  if (ids.length === 0) return [];
  const trips = await db
    .selectFrom('trip')
    .selectAll()
    .where('id', 'in', [...ids])
    .orderBy('id')
    .execute();
  const trades = await db
    .selectFrom('trip_trade')
    .innerJoin('trade', 'trade.id', 'trip_trade.trade_id')
    .select([
      'trip_trade.trip_id',
      'trip_trade.trade_id',
      'trip_trade.mass_kg',
      'trade.seller_site_id',
      'trade.buyer_site_id',
      'trade.buyer_user_id',
    ])
    .where('trip_trade.trip_id', 'in', [...ids])
    .orderBy('trip_trade.added_at')
    .orderBy('trip_trade.trade_id')
    .execute();
  return trips.map((trip) => ({
    trip,
    trades: trades.filter((t) => t.trip_id === trip.id).map(({ trip_id: _, ...t }) => t),
  }));
}
