import { type Kysely, sql } from 'kysely';

const KINDS = [
  'lot_matches_request',
  'allocation_proposal',
  // Named here for the offers and saved searches of issue 12 (items 5 and 6).
  'lot_offer',
  'lot_matches_search',
  'trade_requested',
  'trade_accepted',
  'trade_payment_due',
  'trade_declined',
  'trade_withdrawn',
  'trade_expired',
  'trade_paid',
  'pickup_proposed',
  'pickup_agreed',
  'trade_cancelled',
  'trade_handed_over',
  'trade_received',
  'trade_disputed',
  'trade_completed',
  'dispute_resolved',
];
const MODES = ['immediate', 'digest', 'in_app'];
const inList = (values: string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

/**
 * Notifications for every trade event: the notification row gains the trade and event it tells
 * of, an idempotency key (one notice per event × recipient, whatever the job retries) and how it
 * is e-mailed; per-user preferences per kind; the daily digest's log per user and day.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table notification drop constraint if exists notification_kind_check`.execute(db);
  await sql`alter table notification add constraint notification_kind_check check (kind in (${inList(KINDS)}))`.execute(
    db,
  );
  await db.schema
    .alterTable('notification')
    .addColumn('trade_id', 'uuid', (c) => c.references('trade.id').onDelete('cascade'))
    .addColumn('trade_event_id', 'uuid', (c) => c.references('trade_event.id').onDelete('cascade'))
    .addColumn('dedupe_key', 'text')
    .addColumn('email_mode', 'text', (c) => c.check(sql`email_mode in (${inList(MODES)})`))
    .execute();
  await db.schema
    .createIndex('notification_dedupe_uniq')
    .on('notification')
    .column('dedupe_key')
    .unique()
    .execute();
  await sql`create index notification_digest_pending_idx on notification (user_id) where email_mode = 'digest' and emailed_at is null`.execute(
    db,
  );
  await sql`create index notification_unread_idx on notification (user_id) where read_at is null`.execute(db);

  await db.schema
    .createTable('notification_preference')
    .addColumn('user_id', 'text', (c) => c.notNull().references('auth_user.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in (${inList(KINDS)})`))
    .addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in (${inList(MODES)})`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('notification_preference_pk', ['user_id', 'kind'])
    .execute();

  await db.schema
    .createTable('notification_digest')
    .addColumn('user_id', 'text', (c) => c.notNull().references('auth_user.id').onDelete('cascade'))
    .addColumn('sent_on', 'date', (c) => c.notNull())
    .addColumn('notices', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('notification_digest_pk', ['user_id', 'sent_on'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('notification_digest').execute();
  await db.schema.dropTable('notification_preference').execute();
  await sql`drop index notification_unread_idx`.execute(db);
  await sql`drop index notification_digest_pending_idx`.execute(db);
  await db.schema.dropIndex('notification_dedupe_uniq').execute();
  await db.schema
    .alterTable('notification')
    .dropColumn('email_mode')
    .dropColumn('dedupe_key')
    .dropColumn('trade_event_id')
    .dropColumn('trade_id')
    .execute();
  await sql`alter table notification drop constraint notification_kind_check`.execute(db);
  await sql`alter table notification add constraint notification_kind_check check (kind in ('lot_matches_request', 'allocation_proposal'))`.execute(
    db,
  );
}
