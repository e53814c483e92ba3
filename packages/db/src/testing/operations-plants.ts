import type { Kysely } from 'kysely';
import type { Database } from '../database.ts';

/**
 * Test plants for the operator console's tests (never called by the app): they put the books in
 * states the services refuse to reach, as a broken provider account or a lost row would.
 */

/** Points a site's seller account at another Stripe id (one that does not exist: transfers fail). */
export async function plantSellerAccountId(
  db: Kysely<Database>,
  siteId: string,
  accountId: string,
): Promise<void> {
  await db
    .updateTable('seller_payment_account')
    .set({ stripe_account_id: accountId })
    .where('site_id', '=', siteId)
    .execute();
}

/** Forgets that a payout was made (status back to failed, no transfer id): a missing payout. */
export async function plantForgottenTransfer(db: Kysely<Database>, tradeId: string): Promise<void> {
  await db
    .updateTable('trade_payment_effect')
    .set({ status: 'failed', external_id: null, last_error: 'planted' })
    .where('trade_id', '=', tradeId)
    .where('kind', '=', 'transfer')
    .execute();
}
