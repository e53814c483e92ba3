import { type Kysely, sql } from 'kysely';

/**
 * Whether a seller's Stripe account can receive transfers (its `transfers` capability is active),
 * stored beside the other flags so that lot pages and requests can tell a priced lot has no
 * payment path without calling Stripe. Existing accounts start from what their stored flags say
 * (payouts enabled and details submitted); the next status read or `account.updated` corrects it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('seller_payment_account')
    .addColumn('transfers_active', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  await sql`update seller_payment_account set transfers_active = payouts_enabled and details_submitted`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('seller_payment_account').dropColumn('transfers_active').execute();
}
