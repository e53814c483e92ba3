import type { RefundReason, TradeActor, TransitionName } from '@retaille/domain';
import {
  type Insertable,
  type Kysely,
  type Selectable,
  sql,
  type Transaction,
  type Updateable,
} from 'kysely';
import type { Database } from '../database.ts';
import type { Trade, TradeEvent, TradeMessage, TradePaymentEffect, TradeTimer } from '../schema.generated.ts';

type Db = Kysely<Database> | Transaction<Database>;

export type TradeRow = Selectable<Trade>;
export type NewTradeRow = Insertable<Trade>;
export type TradePatch = Omit<Updateable<Trade>, 'id' | 'version' | 'updated_at'>;
export type TradeEventRow = Selectable<TradeEvent>;
export type NewTradeEventRow = Omit<Insertable<TradeEvent>, 'seq'>;

export type TradeMessageAuthorRole = Exclude<TradeActor, 'system'>;
export type TradeMessageRow = Omit<Selectable<TradeMessage>, 'author_role'> & {
  author_role: TradeMessageAuthorRole;
};
/** A message with its author's display name (null: the account is gone). */
export type TradeMessageWithAuthor = TradeMessageRow & { author_name: string | null };

export type TradeTimerRow = Selectable<TradeTimer>;

export type PaymentEffectKind = 'expire_checkout' | 'refund' | 'transfer';
export type PaymentEffectStatus = 'pending' | 'done' | 'failed' | 'settled_off_platform';
type PaymentEffectNarrow = {
  kind: PaymentEffectKind;
  reason: RefundReason | null;
  status: PaymentEffectStatus;
};
export type TradePaymentEffectRow = Omit<Selectable<TradePaymentEffect>, 'kind' | 'reason' | 'status'> & {
  kind: PaymentEffectKind;
  reason: RefundReason | null;
  status: PaymentEffectStatus;
};

export async function insertTrade(db: Db, row: NewTradeRow): Promise<TradeRow> {
  return db.insertInto('trade').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findTrade(db: Db, id: string): Promise<TradeRow | undefined> {
  return db.selectFrom('trade').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Locks the trade row: every state change of a trade goes through here. */
export async function lockTrade(trx: Transaction<Database>, id: string): Promise<TradeRow | undefined> {
  return trx.selectFrom('trade').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function findTradeByCheckoutSession(db: Db, sessionId: string): Promise<TradeRow | undefined> {
  return db.selectFrom('trade').selectAll().where('checkout_session_id', '=', sessionId).executeTakeFirst();
}

/** Updates a locked trade and bumps its version. */
export async function updateTrade(
  trx: Transaction<Database>,
  id: string,
  patch: TradePatch,
  now: Date,
): Promise<TradeRow> {
  return trx
    .updateTable('trade')
    .set((eb) => ({ ...patch, updated_at: now, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Locks the trade row without reading it, if it is still at `version` (the row the caller read
 * before its transaction). False when another change came first: the caller locks and reads it again.
 */
export async function lockTradeAtVersion(
  trx: Transaction<Database>,
  id: string,
  version: number,
): Promise<boolean> {
  const r = await trx
    .updateTable('trade')
    .set({ version })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/**
 * Sets the Checkout Session once; a concurrent creator with the same idempotency key gets the same
 * one. Returns the updated trade, or undefined when a session was already set.
 */
export async function setCheckoutSession(
  db: Db,
  id: string,
  session: { sessionId: string; url: string },
): Promise<TradeRow | undefined> {
  return db
    .updateTable('trade')
    .set({ checkout_session_id: session.sessionId, checkout_url: session.url })
    .where('id', '=', id)
    .where('checkout_session_id', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

/** Trades where the user is the buyer or a member of the seller site, newest activity first. */
export async function listTradesOfUser(
  db: Db,
  userId: string,
  sellerSiteIds: string[],
  limit = 200,
): Promise<TradeRow[]> {
  return db
    .selectFrom('trade')
    .selectAll()
    .where((eb) =>
      sellerSiteIds.length === 0
        ? eb('buyer_user_id', '=', userId)
        : eb.or([eb('buyer_user_id', '=', userId), eb('seller_site_id', 'in', sellerSiteIds)]),
    )
    .orderBy('updated_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/**
 * Appends to the trade's history; call with the trade row locked so `seq` is gap-free. Returns
 * the new row's id and `seq` (the event's identity for what follows from it, e.g. notifications).
 */
export async function insertEvent(
  trx: Transaction<Database>,
  row: NewTradeEventRow,
): Promise<{ id: string; seq: number }> {
  // The next sequence number in the same statement (callers hold the trade's row lock).
  return trx
    .insertInto('trade_event')
    .values({
      ...row,
      seq: sql<number>`(select coalesce(max(e.seq), 0) + 1 from trade_event e where e.trade_id = ${row.trade_id})`,
    })
    .returning(['id', 'seq'])
    .executeTakeFirstOrThrow();
}

export async function listEvents(db: Db, tradeId: string): Promise<TradeEventRow[]> {
  return db.selectFrom('trade_event').selectAll().where('trade_id', '=', tradeId).orderBy('seq').execute();
}

export async function insertMessage(
  db: Db,
  row: Omit<Insertable<TradeMessage>, 'author_role'> & { author_role: TradeMessageAuthorRole },
): Promise<TradeMessageRow> {
  return db
    .insertInto('trade_message')
    .values(row)
    .returningAll()
    .$narrowType<{ author_role: TradeMessageAuthorRole }>()
    .executeTakeFirstOrThrow();
}

/** The trade's messages, oldest first, each with its author's name (one query, not one per author). */
export async function listMessages(db: Db, tradeId: string, limit = 500): Promise<TradeMessageWithAuthor[]> {
  return db
    .selectFrom('trade_message as m')
    .leftJoin('auth_user as u', 'u.id', 'm.author_user_id')
    .selectAll('m')
    .select('u.name as author_name')
    .where('m.trade_id', '=', tradeId)
    .orderBy('m.created_at')
    .orderBy('m.id')
    .limit(limit)
    .$narrowType<{ author_role: TradeMessageAuthorRole }>()
    .execute();
}

/** The timers of the trade's new state replace every timer it had. */
export async function replaceTimers(
  trx: Transaction<Database>,
  tradeId: string,
  timers: readonly { transition: TransitionName; dueAt: Date }[],
): Promise<void> {
  await trx.deleteFrom('trade_timer').where('trade_id', '=', tradeId).execute();
  await insertTimers(trx, tradeId, timers);
}

/** The timers of a trade that has none yet (one just inserted): no delete round trip. */
export async function insertTimers(
  trx: Transaction<Database>,
  tradeId: string,
  timers: readonly { transition: TransitionName; dueAt: Date }[],
): Promise<void> {
  if (timers.length === 0) return;
  await trx
    .insertInto('trade_timer')
    .values(timers.map((t) => ({ trade_id: tradeId, transition: t.transition, due_at: t.dueAt })))
    .execute();
}

export async function listDueTimers(
  db: Db,
  now: Date,
  options: { tradeId?: string | undefined; limit?: number } = {},
): Promise<TradeTimerRow[]> {
  let q = db.selectFrom('trade_timer').selectAll().where('due_at', '<=', now);
  if (options.tradeId !== undefined) q = q.where('trade_id', '=', options.tradeId);
  return q
    .orderBy('due_at')
    .limit(options.limit ?? 100)
    .execute();
}

export async function listTimers(db: Db, tradeId: string): Promise<TradeTimerRow[]> {
  return listTimersOfTrades(db, [tradeId]);
}

/** The pending timers of several trades at once, soonest first. */
export async function listTimersOfTrades(db: Db, tradeIds: string[]): Promise<TradeTimerRow[]> {
  if (tradeIds.length === 0) return [];
  return db
    .selectFrom('trade_timer')
    .selectAll()
    .where('trade_id', 'in', tradeIds)
    .orderBy('due_at')
    .execute();
}

export async function deleteTimer(db: Db, tradeId: string, transition: TransitionName): Promise<void> {
  await db
    .deleteFrom('trade_timer')
    .where('trade_id', '=', tradeId)
    .where('transition', '=', transition)
    .execute();
}

/** Queues a Stripe call; `seq` numbers the calls of one kind per trade (refund 1, 2, …). */
export async function insertPaymentEffect(
  trx: Transaction<Database>,
  row: {
    tradeId: string;
    kind: PaymentEffectKind;
    amountCents: number;
    reason?: RefundReason;
    paymentIntentId?: string | null;
  },
  now: Date,
): Promise<TradePaymentEffectRow> {
  const last = await trx
    .selectFrom('trade_payment_effect')
    .select((eb) => eb.fn.max<number | null>('seq').as('seq'))
    .where('trade_id', '=', row.tradeId)
    .where('kind', '=', row.kind)
    .executeTakeFirst();
  return trx
    .insertInto('trade_payment_effect')
    .values({
      trade_id: row.tradeId,
      kind: row.kind,
      seq: (last?.seq ?? 0) + 1,
      amount_cents: row.amountCents,
      reason: row.reason ?? null,
      payment_intent_id: row.paymentIntentId ?? null,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .$narrowType<PaymentEffectNarrow>()
    .executeTakeFirstOrThrow();
}

export async function listPendingPaymentEffects(
  db: Db,
  tradeId?: string,
  limit = 100,
): Promise<TradePaymentEffectRow[]> {
  // Not `<> 'done'`: an effect an operator settled off platform is never run again.
  let q = db.selectFrom('trade_payment_effect').selectAll().where('status', 'in', ['pending', 'failed']);
  if (tradeId !== undefined) q = q.where('trade_id', '=', tradeId);
  return q.orderBy('created_at').orderBy('seq').limit(limit).$narrowType<PaymentEffectNarrow>().execute();
}

/** Sum of the refunds decided for a trade, whether or not Stripe has made them yet. */
export async function sumRefundsDecided(db: Db, tradeId: string): Promise<number> {
  const r = await db
    .selectFrom('trade_payment_effect')
    .select((eb) => eb.fn.sum<string | number | null>('amount_cents').as('total'))
    .where('trade_id', '=', tradeId)
    .where('kind', '=', 'refund')
    .executeTakeFirst();
  return Number(r?.total ?? 0);
}

export async function listPaymentEffects(db: Db, tradeId: string): Promise<TradePaymentEffectRow[]> {
  return db
    .selectFrom('trade_payment_effect')
    .selectAll()
    .where('trade_id', '=', tradeId)
    .orderBy('created_at')
    .orderBy('seq')
    .$narrowType<PaymentEffectNarrow>()
    .execute();
}

export async function lockPaymentEffect(
  trx: Transaction<Database>,
  id: string,
): Promise<TradePaymentEffectRow | undefined> {
  return trx
    .selectFrom('trade_payment_effect')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .$narrowType<PaymentEffectNarrow>()
    .executeTakeFirst();
}

export async function updatePaymentEffect(
  db: Db,
  id: string,
  patch: Pick<Updateable<TradePaymentEffect>, 'external_id' | 'last_error' | 'attempt'> & {
    status?: PaymentEffectStatus;
  },
  now: Date,
): Promise<void> {
  await db
    .updateTable('trade_payment_effect')
    .set({ ...patch, updated_at: now })
    .where('id', '=', id)
    .execute();
}
