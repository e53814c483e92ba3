import { type Kysely, sql } from 'kysely';

/** The kinds the notification table accepted before, plus the pooled tour's proposal. */
const KINDS_BEFORE = [
  'lot_matches_request',
  'allocation_proposal',
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
const inList = (values: string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));
const RESPONSES = sql.raw(`'pending', 'accepted', 'declined'`);

/**
 * Pooled pickup tours (issue 17): a coordinator proposes shared tours over the agreed pickups of
 * several buyers in a territory and a day; each stop's buyer and seller accept or decline; the
 * accepted stops are recorded as one trip per vehicle once driven. A trade is in at most one
 * tour that is not declined (partial unique index), so two proposals cannot both carry it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('pooled_tour')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('coordinator_user_id', 'text', (c) => c.notNull().references('auth_user.id'))
    .addColumn('scope_kind', 'text', (c) => c.notNull().check(sql`scope_kind in ('departement', 'region')`))
    .addColumn('scope_code', 'text', (c) => c.notNull())
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('depot_site_id', 'uuid', (c) => c.notNull().references('site.id'))
    .addColumn('vehicle_key', 'text', (c) => c.notNull())
    .addColumn('capacity_kg', 'double precision', (c) => c.notNull())
    .addColumn('capacity_m3', 'double precision')
    .addColumn('depart_min', 'smallint', (c) => c.notNull())
    .addColumn('return_by_min', 'smallint', (c) => c.notNull())
    .addColumn('service_min', 'smallint', (c) => c.notNull())
    .addColumn('km', 'double precision', (c) => c.notNull())
    .addColumn('vehicle_km', sql`double precision[]`, (c) => c.notNull())
    .addColumn('separate_km', 'double precision', (c) => c.notNull())
    .addColumn('co2e_kg', 'double precision', (c) => c.notNull())
    .addColumn('separate_co2e_kg', 'double precision', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('proposed').check(sql`status in ('proposed', 'recorded')`),
    )
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('pooled_tour_coordinator_idx')
    .on('pooled_tour')
    .columns(['coordinator_user_id', 'day'])
    .execute();

  await db.schema
    .createTable('pooled_tour_stop')
    .addColumn('tour_id', 'uuid', (c) => c.notNull().references('pooled_tour.id').onDelete('cascade'))
    .addColumn('trade_id', 'uuid', (c) => c.notNull().references('trade.id').onDelete('cascade'))
    .addColumn('vehicle', 'smallint', (c) => c.notNull())
    .addColumn('position', 'smallint', (c) => c.notNull())
    .addColumn('arrival_min', 'double precision', (c) => c.notNull())
    .addColumn('service_start_min', 'double precision', (c) => c.notNull())
    .addColumn('leg_km', 'double precision', (c) => c.notNull())
    .addColumn('load_kg', 'double precision', (c) => c.notNull())
    .addColumn('buyer_response', 'text', (c) =>
      c.notNull().defaultTo('pending').check(sql`buyer_response in (${RESPONSES})`),
    )
    .addColumn('seller_response', 'text', (c) =>
      c.notNull().defaultTo('pending').check(sql`seller_response in (${RESPONSES})`),
    )
    .addColumn('responded_at', 'timestamptz')
    .addPrimaryKeyConstraint('pooled_tour_stop_pk', ['tour_id', 'trade_id'])
    .execute();
  await sql`create unique index pooled_tour_stop_trade_uniq on pooled_tour_stop (trade_id) where buyer_response <> 'declined' and seller_response <> 'declined'`.execute(
    db,
  );

  await sql`alter table notification drop constraint notification_kind_check`.execute(db);
  await sql`alter table notification add constraint notification_kind_check check (kind in (${inList([...KINDS_BEFORE, 'pooled_tour_proposed'])}))`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from notification where kind = 'pooled_tour_proposed'`.execute(db);
  await sql`alter table notification drop constraint notification_kind_check`.execute(db);
  await sql`alter table notification add constraint notification_kind_check check (kind in (${inList(KINDS_BEFORE)}))`.execute(
    db,
  );
  await db.schema.dropTable('pooled_tour_stop').execute();
  await db.schema.dropTable('pooled_tour').execute();
}
