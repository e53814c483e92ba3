import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { Database } from '../database.ts';
import type { LotOffer } from '../schema.generated.ts';

type Db = Kysely<Database> | Transaction<Database>;
export type LotOfferRow = Selectable<LotOffer>;
export type OfferStatus = 'open' | 'accepting' | 'accepted' | 'declined' | 'withdrawn';

/** Undefined when an open offer of this lot to this request already exists. */
export async function insertOffer(db: Db, row: Insertable<LotOffer>): Promise<LotOfferRow | undefined> {
  return db
    .insertInto('lot_offer')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['lot_id', 'request_id']).where('status', 'in', ['open', 'accepting']).doNothing(),
    )
    .returningAll()
    .executeTakeFirst();
}

export async function findOffer(db: Db, id: string): Promise<LotOfferRow | undefined> {
  return db.selectFrom('lot_offer').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Moves an offer from one status to another only if it is still in `from`: the one caller that
 * wins gets the row, a concurrent second one gets undefined (a double click accepts once).
 */
export async function moveOffer(
  db: Db,
  id: string,
  from: OfferStatus,
  to: OfferStatus,
  patch: { trade_id?: string | null; decided_at?: Date | null } = {},
): Promise<LotOfferRow | undefined> {
  return db
    .updateTable('lot_offer')
    .set({ status: to, ...patch })
    .where('id', '=', id)
    .where('status', '=', from)
    .returningAll()
    .executeTakeFirst();
}

export async function listOffersOfLot(db: Db, lotId: string, limit = 100): Promise<LotOfferRow[]> {
  return db
    .selectFrom('lot_offer')
    .selectAll()
    .where('lot_id', '=', lotId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function listOffersToBuyer(db: Db, userId: string, limit = 100): Promise<LotOfferRow[]> {
  return db
    .selectFrom('lot_offer')
    .selectAll()
    .where('buyer_user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
