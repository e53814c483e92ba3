import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { Database } from '../database.ts';
import type { Basket } from '../schema.generated.ts';

type Db = Kysely<Database> | Transaction<Database>;
export type BasketRow = Selectable<Basket>;

/** A basket's trade as its page shows it: the trade's state and total, the lot and its seller. */
export interface BasketTradeRow {
  trade_id: string;
  line_id: string;
  position: number;
  state: string;
  quantity: string;
  unit: string;
  total_cents: number;
  lot_id: string;
  lot_title: string;
  seller_site_id: string;
  seller_name: string;
  seller_commune: string;
}

/**
 * Inserts the basket unless this buyer already has one with this key (a double click, a retry):
 * then nothing is written and `undefined` comes back. On PostgreSQL a concurrent insert of the
 * same key waits for the first transaction and then finds the conflict.
 */
export async function insertBasket(
  trx: Transaction<Database>,
  row: Omit<Insertable<Basket>, 'id'>,
): Promise<BasketRow | undefined> {
  return trx
    .insertInto('basket')
    .values(row)
    .onConflict((oc) => oc.columns(['buyer_user_id', 'key']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function addBasketTrades(
  trx: Transaction<Database>,
  basketId: string,
  trades: readonly { tradeId: string; lineId: string }[],
): Promise<void> {
  if (trades.length === 0) return;
  await trx
    .insertInto('basket_trade')
    .values(
      trades.map((t, position) => ({
        basket_id: basketId,
        trade_id: t.tradeId,
        line_id: t.lineId,
        position,
      })),
    )
    .execute();
}

export async function findBasket(db: Db, id: string): Promise<BasketRow | undefined> {
  return db.selectFrom('basket').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findBasketByKey(
  db: Db,
  buyerUserId: string,
  key: string,
): Promise<BasketRow | undefined> {
  return db
    .selectFrom('basket')
    .selectAll()
    .where('buyer_user_id', '=', buyerUserId)
    .where('key', '=', key)
    .executeTakeFirst();
}

/** The buyer's baskets, newest first, with their trade count and total. */
export async function listBasketsOfUser(
  db: Db,
  buyerUserId: string,
  limit: number,
): Promise<(BasketRow & { trade_count: number; total_cents: number })[]> {
  const rows = await db
    .selectFrom('basket')
    .leftJoin('basket_trade', 'basket_trade.basket_id', 'basket.id')
    .leftJoin('trade', 'trade.id', 'basket_trade.trade_id')
    .selectAll('basket')
    .select((eb) => [
      eb.fn.count<string>('trade.id').as('trade_count'),
      eb.fn.coalesce(eb.fn.sum<string>('trade.total_cents'), eb.lit(0)).as('total_cents'),
    ])
    .where('basket.buyer_user_id', '=', buyerUserId)
    .groupBy('basket.id')
    .orderBy('basket.created_at', 'desc')
    .orderBy('basket.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, trade_count: Number(r.trade_count), total_cents: Number(r.total_cents) }));
}

export async function listBasketTrades(db: Db, basketId: string): Promise<BasketTradeRow[]> {
  const rows = await db
    .selectFrom('basket_trade')
    .innerJoin('trade', 'trade.id', 'basket_trade.trade_id')
    .innerJoin('lot', 'lot.id', 'trade.lot_id')
    .innerJoin('site', 'site.id', 'trade.seller_site_id')
    .select([
      'basket_trade.trade_id',
      'basket_trade.line_id',
      'basket_trade.position',
      'trade.state',
      'trade.quantity',
      'trade.unit',
      'trade.total_cents',
      'lot.id as lot_id',
      'lot.title as lot_title',
      'site.id as seller_site_id',
      'site.name as seller_name',
      'site.commune_name as seller_commune',
    ])
    .where('basket_trade.basket_id', '=', basketId)
    .orderBy('basket_trade.position')
    .execute();
  return rows.map((r) => ({ ...r, quantity: String(r.quantity), total_cents: Number(r.total_cents) }));
}
