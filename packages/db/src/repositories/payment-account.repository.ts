import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database } from '../database.ts';
import type { SellerPaymentAccount } from '../schema.generated.ts';

type Db = Kysely<Database> | Transaction<Database>;
export type SellerPaymentAccountRow = Selectable<SellerPaymentAccount>;

export interface AccountFlags {
  chargesEnabled: boolean;
  payoutsEnabled: boolean;
  detailsSubmitted: boolean;
  /** The `transfers` capability; left out, the stored value is kept. */
  transfersActive?: boolean;
}

export async function findSellerAccount(
  db: Db,
  siteId: string,
): Promise<SellerPaymentAccountRow | undefined> {
  return db.selectFrom('seller_payment_account').selectAll().where('site_id', '=', siteId).executeTakeFirst();
}

/** Keeps the first account created for a site (the Stripe call is keyed by site, so it is the same one). */
export async function insertSellerAccount(
  db: Db,
  siteId: string,
  stripeAccountId: string,
  now: Date,
): Promise<SellerPaymentAccountRow> {
  await db
    .insertInto('seller_payment_account')
    .values({ site_id: siteId, stripe_account_id: stripeAccountId, created_at: now, updated_at: now })
    .onConflict((oc) => oc.column('site_id').doNothing())
    .execute();
  return db
    .selectFrom('seller_payment_account')
    .selectAll()
    .where('site_id', '=', siteId)
    .executeTakeFirstOrThrow();
}

export async function updateSellerAccountFlags(
  db: Db,
  stripeAccountId: string,
  flags: AccountFlags,
  now: Date,
): Promise<SellerPaymentAccountRow | undefined> {
  return db
    .updateTable('seller_payment_account')
    .set({
      charges_enabled: flags.chargesEnabled,
      payouts_enabled: flags.payoutsEnabled,
      details_submitted: flags.detailsSubmitted,
      ...(flags.transfersActive === undefined ? {} : { transfers_active: flags.transfersActive }),
      updated_at: now,
    })
    .where('stripe_account_id', '=', stripeAccountId)
    .returningAll()
    .executeTakeFirst();
}

/**
 * Records a Stripe event as processed, in the transaction that applies it; false when it already
 * was (a redelivery), in which case the caller changes nothing.
 */
export async function markEventProcessed(
  trx: Transaction<Database>,
  event: { eventId: string; type: string; tradeId: string | null },
  now: Date,
): Promise<boolean> {
  const r = await trx
    .insertInto('processed_stripe_event')
    .values({ event_id: event.eventId, type: event.type, trade_id: event.tradeId, processed_at: now })
    .onConflict((oc) => oc.column('event_id').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function countProcessedEvents(db: Db): Promise<number> {
  const r = await db
    .selectFrom('processed_stripe_event')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
