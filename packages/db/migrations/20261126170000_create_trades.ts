import { type Kysely, sql } from 'kysely';

const TRADE_STATES = [
  'requested',
  'declined',
  'payment_pending',
  'accepted',
  'paid',
  'pickup_proposed',
  'pickup_scheduled',
  'handed_over',
  'received',
  'completed',
  'cancelled',
  'expired',
  'disputed',
  'resolved',
];
const inList = (values: string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

/**
 * Trades and settlement: the trade row (price snapshot in cents, state, pickup, weights,
 * dispute, Stripe ids), its append-only history, messages, timers for timed transitions, the
 * Stripe side effects still to run (an outbox, each keyed for idempotency), the double-entry
 * ledger (append-only, enforced by a trigger), processed Stripe events, sellers' connected
 * accounts, and the VAT rate of a site (null = not VAT-registered).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('site')
    .addColumn('vat_rate_bps', 'integer', (c) => c.check(sql`vat_rate_bps between 0 and 10000`))
    .execute();

  await db.schema
    .createTable('trade')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('lot_id', 'uuid', (c) => c.notNull().references('lot.id').onDelete('restrict'))
    .addColumn('seller_site_id', 'uuid', (c) => c.notNull().references('site.id').onDelete('restrict'))
    .addColumn('buyer_user_id', 'text', (c) => c.notNull().references('auth_user.id').onDelete('restrict'))
    .addColumn('buyer_site_id', 'uuid', (c) => c.references('site.id').onDelete('set null'))
    .addColumn('quantity', sql`numeric(14, 3)`, (c) => c.notNull().check(sql`quantity > 0`))
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('unit_price_cents', 'integer', (c) => c.notNull().check(sql`unit_price_cents >= 0`))
    .addColumn('subtotal_cents', 'integer', (c) => c.notNull())
    .addColumn('vat_rate_bps', 'integer')
    .addColumn('vat_cents', 'integer', (c) => c.notNull())
    .addColumn('total_cents', 'integer', (c) => c.notNull())
    .addColumn('platform_fee_bps', 'integer', (c) => c.notNull())
    .addColumn('platform_fee_cents', 'integer', (c) => c.notNull())
    .addColumn('seller_payout_cents', 'integer', (c) => c.notNull())
    .addColumn('is_paid', 'boolean', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in (${inList(TRADE_STATES)})`))
    .addColumn('state_entered_at', 'timestamptz', (c) => c.notNull())
    .addColumn('pickup_start', 'timestamptz')
    .addColumn('pickup_end', 'timestamptz')
    .addColumn('pickup_proposed_by', 'text', (c) => c.check(sql`pickup_proposed_by in ('buyer', 'seller')`))
    .addColumn('pickup_agreed_at', 'timestamptz')
    .addColumn('handover_grams', 'integer', (c) => c.check(sql`handover_grams > 0`))
    // How the lot travelled (a key of the transport factors); null = the default van.
    .addColumn('vehicle_key', 'text')
    .addColumn('handed_over_at', 'timestamptz')
    .addColumn('receipt_grams', 'integer', (c) => c.check(sql`receipt_grams > 0`))
    .addColumn('received_at', 'timestamptz')
    .addColumn('dispute_reason', 'text')
    .addColumn('dispute_opened_at', 'timestamptz')
    .addColumn('dispute_resolution', 'text')
    .addColumn('dispute_refund_cents', 'integer')
    .addColumn('resolved_by', 'text', (c) => c.references('auth_user.id').onDelete('set null'))
    .addColumn('final_total_cents', 'integer')
    .addColumn('final_platform_fee_cents', 'integer')
    .addColumn('final_seller_payout_cents', 'integer')
    .addColumn('checkout_session_id', 'text')
    .addColumn('checkout_url', 'text')
    .addColumn('payment_intent_id', 'text')
    .addColumn('paid_cents', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('refunded_cents', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('transfer_id', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      'trade_amounts_check',
      sql`subtotal_cents >= 0 and vat_cents >= 0 and total_cents = subtotal_cents + vat_cents
        and platform_fee_cents >= 0 and seller_payout_cents >= 0
        and platform_fee_cents + seller_payout_cents = total_cents`,
    )
    .addCheckConstraint(
      'trade_refund_check',
      sql`paid_cents >= 0 and refunded_cents >= 0 and refunded_cents <= paid_cents`,
    )
    .execute();
  await db.schema.createIndex('trade_lot_idx').on('trade').columns(['lot_id', 'state']).execute();
  await db.schema
    .createIndex('trade_seller_idx')
    .on('trade')
    .columns(['seller_site_id', 'updated_at'])
    .execute();
  await db.schema
    .createIndex('trade_buyer_idx')
    .on('trade')
    .columns(['buyer_user_id', 'updated_at'])
    .execute();
  await db.schema
    .createIndex('trade_checkout_session_idx')
    .on('trade')
    .column('checkout_session_id')
    .execute();

  await db.schema
    .createTable('trade_event')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('trade_id', 'uuid', (c) => c.notNull().references('trade.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('transition', 'text', (c) => c.notNull())
    .addColumn('from_state', 'text', (c) => c.notNull())
    .addColumn('to_state', 'text', (c) => c.notNull())
    .addColumn('actor_role', 'text', (c) =>
      c.notNull().check(sql`actor_role in ('buyer', 'seller', 'operator', 'system')`),
    )
    .addColumn('actor_user_id', 'text', (c) => c.references('auth_user.id').onDelete('set null'))
    .addColumn('params', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('trade_event_seq_key', ['trade_id', 'seq'])
    .execute();

  await db.schema
    .createTable('trade_message')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('trade_id', 'uuid', (c) => c.notNull().references('trade.id').onDelete('cascade'))
    .addColumn('author_user_id', 'text', (c) => c.references('auth_user.id').onDelete('set null'))
    .addColumn('author_role', 'text', (c) =>
      c.notNull().check(sql`author_role in ('buyer', 'seller', 'operator')`),
    )
    .addColumn('body', 'text', (c) => c.notNull().check(sql`length(body) between 1 and 4000`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('trade_message_trade_idx')
    .on('trade_message')
    .columns(['trade_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('trade_timer')
    .addColumn('trade_id', 'uuid', (c) => c.notNull().references('trade.id').onDelete('cascade'))
    .addColumn('transition', 'text', (c) => c.notNull())
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('trade_timer_pkey', ['trade_id', 'transition'])
    .execute();
  await db.schema.createIndex('trade_timer_due_idx').on('trade_timer').column('due_at').execute();

  // Stripe calls to make for a trade; written in the transaction that decided them, run after commit.
  await db.schema
    .createTable('trade_payment_effect')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('trade_id', 'uuid', (c) => c.notNull().references('trade.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('expire_checkout', 'refund', 'transfer')`),
    )
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('amount_cents', 'integer', (c) => c.notNull().check(sql`amount_cents >= 0`))
    .addColumn('reason', 'text')
    /** Refunds: the payment to refund (a late second payment is refunded from its own intent). */
    .addColumn('payment_intent_id', 'text')
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('pending').check(sql`status in ('pending', 'done', 'failed')`),
    )
    .addColumn('attempt', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('external_id', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('trade_payment_effect_key', ['trade_id', 'kind', 'seq'])
    .execute();
  await sql`create index trade_payment_effect_pending_idx on trade_payment_effect (created_at) where status <> 'done'`.execute(
    db,
  );

  await db.schema
    .createTable('ledger_entry')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('entry_key', 'text', (c) => c.notNull())
    .addColumn('posting_no', 'integer', (c) => c.notNull())
    .addColumn('trade_id', 'uuid', (c) => c.notNull().references('trade.id').onDelete('restrict'))
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('account', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull().check(sql`unit in ('EUR', 'kg')`))
    .addColumn('amount_minor', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('ledger_entry_key', ['entry_key', 'posting_no'])
    .execute();
  await db.schema.createIndex('ledger_entry_trade_idx').on('ledger_entry').column('trade_id').execute();
  await sql`
    create function ledger_entry_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'ledger_entry is append-only';
    end
    $$`.execute(db);
  await sql`
    create trigger ledger_entry_append_only before update or delete on ledger_entry
    for each row execute function ledger_entry_append_only()`.execute(db);

  await db.schema
    .createTable('processed_stripe_event')
    .addColumn('event_id', 'text', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('trade_id', 'uuid')
    .addColumn('processed_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('seller_payment_account')
    .addColumn('site_id', 'uuid', (c) => c.primaryKey().references('site.id').onDelete('cascade'))
    .addColumn('stripe_account_id', 'text', (c) => c.notNull().unique())
    .addColumn('charges_enabled', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('payouts_enabled', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('details_submitted', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('seller_payment_account').execute();
  await db.schema.dropTable('processed_stripe_event').execute();
  await db.schema.dropTable('ledger_entry').execute();
  await sql`drop function ledger_entry_append_only()`.execute(db);
  await db.schema.dropTable('trade_payment_effect').execute();
  await db.schema.dropTable('trade_timer').execute();
  await db.schema.dropTable('trade_message').execute();
  await db.schema.dropTable('trade_event').execute();
  await db.schema.dropTable('trade').execute();
  await db.schema.alterTable('site').dropColumn('vat_rate_bps').execute();
}
