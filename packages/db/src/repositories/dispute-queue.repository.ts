import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../database.ts';
import type { TradeRow } from './trade.repository.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Trades in dispute, oldest dispute first. */
export async function listOpenDisputes(db: Db, limit = 100): Promise<TradeRow[]> {
  return db
    .selectFrom('trade')
    .selectAll()
    .where('state', '=', 'disputed')
    .orderBy('dispute_opened_at')
    .orderBy('id')
    .limit(limit)
    .$narrowType<Pick<TradeRow, 'state' | 'pickup_proposed_by' | 'dispute_resolution'>>()
    .execute();
}

/** Photos of the trade's lot (ids only, the bytes are served by the photo route). */
export async function listLotPhotoIds(db: Db, lotId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('lot_photo')
    .select('id')
    .where('lot_id', '=', lotId)
    .orderBy('position')
    .execute();
  return rows.map((r) => r.id);
}
