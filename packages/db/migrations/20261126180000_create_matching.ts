import { type Kysely, sql } from 'kysely';

/**
 * Matching: in-app notifications (a lot fits a request), the daily e-mail digest log, and the
 * coordinators' network allocations with their proposed flows.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('notification')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'text', (c) => c.notNull().references('auth_user.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('lot_matches_request', 'allocation_proposal')`),
    )
    .addColumn('request_id', 'uuid', (c) => c.references('wanted_request.id').onDelete('cascade'))
    .addColumn('lot_id', 'uuid', (c) => c.references('lot.id').onDelete('cascade'))
    .addColumn('payload', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('read_at', 'timestamptz')
    .addColumn('emailed_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // A lot is announced once per request, however often it is edited or republished.
  await sql`create unique index notification_request_lot_uniq on notification (request_id, lot_id) where kind = 'lot_matches_request'`.execute(
    db,
  );
  await db.schema
    .createIndex('notification_user_idx')
    .on('notification')
    .columns(['user_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('request_digest')
    .addColumn('request_id', 'uuid', (c) => c.notNull().references('wanted_request.id').onDelete('cascade'))
    .addColumn('sent_on', 'date', (c) => c.notNull())
    .addColumn('lots', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('request_digest_pk', ['request_id', 'sent_on'])
    .execute();

  await db.schema
    .createTable('allocation_run')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text')
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('queued', 'running', 'done', 'failed')`),
    )
    .addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('started_by', 'text', (c) => c.references('auth_user.id').onDelete('set null'))
    .addColumn('totals', 'jsonb')
    .addColumn('error', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('finished_at', 'timestamptz')
    .execute();
  // Two coordinators starting the same allocation at once get the same run.
  await sql`create unique index allocation_run_active_uniq on allocation_run (scope) where status in ('queued', 'running')`.execute(
    db,
  );

  await db.schema
    .createTable('allocation_flow')
    .addColumn('run_id', 'uuid', (c) => c.notNull().references('allocation_run.id').onDelete('cascade'))
    .addColumn('lot_id', 'uuid', (c) => c.notNull().references('lot.id').onDelete('cascade'))
    .addColumn('request_id', 'uuid', (c) => c.notNull().references('wanted_request.id').onDelete('cascade'))
    .addColumn('kg', sql`numeric(14, 3)`, (c) => c.notNull())
    .addColumn('distance_km', sql`numeric(8, 2)`, (c) => c.notNull())
    .addColumn('baseline', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('decision', 'text', (c) => c.check(sql`decision in ('accepted', 'ignored')`))
    .addPrimaryKeyConstraint('allocation_flow_pk', ['run_id', 'lot_id', 'request_id', 'baseline'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('allocation_flow').execute();
  await db.schema.dropTable('allocation_run').execute();
  await db.schema.dropTable('request_digest').execute();
  await db.schema.dropTable('notification').execute();
}
