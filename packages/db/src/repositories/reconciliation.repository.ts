import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../database.ts';
import type { TradePaymentEffectRow, TradeRow } from './trade.repository.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Paid trades by id, a page at a time (keyset on id). */
export async function listPaidTradesPage(db: Db, afterId: string | null, limit = 200): Promise<TradeRow[]> {
  let q = db.selectFrom('trade').selectAll().where('is_paid', '=', true);
  if (afterId !== null) q = q.where('id', '>', afterId);
  return q
    .orderBy('id')
    .limit(limit)
    .$narrowType<Pick<TradeRow, 'state' | 'pickup_proposed_by' | 'dispute_resolution'>>()
    .execute();
}

/** Net euro postings per trade and account (cents): what the journal says happened to the money. */
export async function sumMoneyPostings(
  db: Db,
  tradeIds: readonly string[],
): Promise<{ trade_id: string; account: string; cents: number }[]> {
  if (tradeIds.length === 0) return [];
  const rows = await db
    .selectFrom('ledger_entry')
    .select(['trade_id', 'account', (eb) => eb.fn.sum<string>('amount_minor').as('cents')])
    .where('trade_id', 'in', tradeIds)
    .where('unit', '=', 'EUR')
    .groupBy(['trade_id', 'account'])
    .execute();
  return rows.map((r) => ({ trade_id: r.trade_id, account: r.account, cents: Number(r.cents) }));
}

export async function listEffectsOfTrades(
  db: Db,
  tradeIds: readonly string[],
): Promise<TradePaymentEffectRow[]> {
  if (tradeIds.length === 0) return [];
  return db
    .selectFrom('trade_payment_effect')
    .selectAll()
    .where('trade_id', 'in', tradeIds)
    .orderBy('created_at')
    .orderBy('seq')
    .$narrowType<Pick<TradePaymentEffectRow, 'kind' | 'reason' | 'status'>>()
    .execute();
}
