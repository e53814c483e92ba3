import { type Kysely, sql } from 'kysely';

/**
 * The operator console (issue 13): an append-only audit log of every operator action, moderation
 * holds (a hidden lot, a suspended site or account), the verification reviews that are not a
 * verification (refused, information requested), platform settings (the fee), and a payment
 * effect an operator settled outside the platform.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('operator_audit_log')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    // No foreign key: a deleted account must not rewrite (set null) the history.
    .addColumn('actor_user_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('details', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
  await db.schema
    .createIndex('operator_audit_log_created_idx')
    .on('operator_audit_log')
    .columns(['created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('operator_audit_log_actor_idx')
    .on('operator_audit_log')
    .columns(['actor_user_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('operator_audit_log_kind_idx')
    .on('operator_audit_log')
    .columns(['kind', 'created_at'])
    .execute();
  await sql`
    create function operator_audit_log_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'operator_audit_log is append-only';
    end
    $$`.execute(db);
  await sql`
    create trigger operator_audit_log_no_change before update or delete on operator_audit_log
    for each row execute function operator_audit_log_append_only()`.execute(db);
  await sql`
    create trigger operator_audit_log_no_truncate before truncate on operator_audit_log
    for each statement execute function operator_audit_log_append_only()`.execute(db);

  await db.schema
    .createTable('moderation')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('subject_kind', 'text', (c) =>
      c.notNull().check(sql`subject_kind in ('lot', 'site', 'account')`),
    )
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('lifted_at', 'timestamptz')
    .addColumn('lifted_by', 'text')
    .addColumn('lift_note', 'text')
    .execute();
  // One hold in force per subject; search and trading look holds up by subject.
  await sql`create unique index moderation_active_key on moderation (subject_kind, subject_id) where lifted_at is null`.execute(
    db,
  );

  await db.schema
    .createTable('site_review')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('site_id', 'uuid', (c) => c.notNull().references('site.id').onDelete('cascade'))
    .addColumn('decision', 'text', (c) => c.notNull().check(sql`decision in ('refused', 'info_requested')`))
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('site_review_site_idx')
    .on('site_review')
    .columns(['site_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('platform_setting')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'jsonb', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await sql`alter table trade_payment_effect drop constraint trade_payment_effect_status_check`.execute(db);
  await sql`alter table trade_payment_effect add constraint trade_payment_effect_status_check
    check (status in ('pending', 'done', 'failed', 'settled_off_platform'))`.execute(db);
  // When the operators were told that the last automatic attempt failed (once per effect).
  await db.schema.alterTable('trade_payment_effect').addColumn('warned_at', 'timestamptz').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('trade_payment_effect').dropColumn('warned_at').execute();
  await sql`update trade_payment_effect set status = 'failed' where status = 'settled_off_platform'`.execute(
    db,
  );
  await sql`alter table trade_payment_effect drop constraint trade_payment_effect_status_check`.execute(db);
  await sql`alter table trade_payment_effect add constraint trade_payment_effect_status_check
    check (status in ('pending', 'done', 'failed'))`.execute(db);
  await db.schema.dropTable('platform_setting').execute();
  await db.schema.dropTable('site_review').execute();
  await db.schema.dropTable('moderation').execute();
  await db.schema.dropTable('operator_audit_log').execute();
  await sql`drop function operator_audit_log_append_only()`.execute(db);
}
