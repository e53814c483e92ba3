import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../database.ts';
import type { TradePaymentEffectRow } from './trade.repository.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface MoneyOwedRow extends TradePaymentEffectRow {
  trade_state: string;
  lot_title: string | null;
  seller_site_id: string;
  seller_site_name: string | null;
  buyer_user_id: string;
  buyer_name: string | null;
}

/** Refunds and payouts not made yet (queued or failed), oldest first, with their trade. */
export async function listMoneyOwed(db: Db, limit = 200): Promise<MoneyOwedRow[]> {
  return db
    .selectFrom('trade_payment_effect as e')
    .innerJoin('trade as t', 't.id', 'e.trade_id')
    .leftJoin('lot as l', 'l.id', 't.lot_id')
    .leftJoin('site as s', 's.id', 't.seller_site_id')
    .leftJoin('auth_user as u', 'u.id', 't.buyer_user_id')
    .selectAll('e')
    .select([
      't.state as trade_state',
      'l.title as lot_title',
      't.seller_site_id',
      's.name as seller_site_name',
      't.buyer_user_id',
      'u.name as buyer_name',
    ])
    .where('e.kind', 'in', ['refund', 'transfer'])
    .where('e.status', 'in', ['pending', 'failed'])
    .orderBy('e.created_at')
    .orderBy('e.seq')
    .limit(limit)
    .$narrowType<Pick<TradePaymentEffectRow, 'kind' | 'reason' | 'status'>>()
    .execute();
}

export async function lockEffect(
  trx: Transaction<Database>,
  id: string,
): Promise<TradePaymentEffectRow | undefined> {
  return trx
    .selectFrom('trade_payment_effect')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .$narrowType<Pick<TradePaymentEffectRow, 'kind' | 'reason' | 'status'>>()
    .executeTakeFirst();
}

/** Back in the queue for the runner (same attempt number: a retryable failure keeps its key). */
export async function requeueEffect(trx: Transaction<Database>, id: string, now: Date): Promise<void> {
  await trx
    .updateTable('trade_payment_effect')
    .set({ status: 'pending', updated_at: now })
    .where('id', '=', id)
    .where('status', 'in', ['pending', 'failed'])
    .execute();
}

/** An operator paid or refunded by other means: the runner leaves the effect alone from now on. */
export async function settleEffectOffPlatform(
  trx: Transaction<Database>,
  id: string,
  now: Date,
): Promise<void> {
  await trx
    .updateTable('trade_payment_effect')
    .set({ status: 'settled_off_platform', updated_at: now })
    .where('id', '=', id)
    .where('status', 'in', ['pending', 'failed'])
    .execute();
}

/**
 * Failed effects the automatic retries gave up on (attempt past `maxAttempts`) and nobody was told
 * of yet; marks them told in the same statement, so each is reported once.
 */
export async function claimExhaustedUnwarned(
  db: Db,
  maxAttempts: number,
  now: Date,
  /** A failure retried without end (the seller's account cannot receive transfers yet) counts too once it is this old. */
  failingSince: Date,
): Promise<TradePaymentEffectRow[]> {
  return db
    .updateTable('trade_payment_effect')
    .set({ warned_at: now })
    .where('status', '=', 'failed')
    .where((eb) => eb.or([eb('attempt', '>', maxAttempts), eb('created_at', '<', failingSince)]))
    .where('warned_at', 'is', null)
    .where('kind', 'in', ['refund', 'transfer'])
    .returningAll()
    .$narrowType<Pick<TradePaymentEffectRow, 'kind' | 'reason' | 'status'>>()
    .execute();
}
