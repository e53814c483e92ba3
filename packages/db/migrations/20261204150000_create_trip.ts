import { type Kysely, sql } from 'kysely';

/**
 * Transport as travelled (docs/impact-method.md §4): a trip is one journey of one vehicle (or one
 * person on foot, by bike, by bus); `trip_trade` links the trades it carried, so the trip's
 * emissions are allocated across them by mass. A handover records a trip; pickup tours will too.
 *
 * The mode list is a frozen copy of `travelModes` (packages/domain/src/impact/travel.ts) as of
 * this migration: a migration never imports app code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('trip')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('mode', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`mode in ('on_foot', 'bike', 'public_transport', 'car_dedicated', 'car_errands', 'van_diesel', 'van_electric', 'carrier', 'shared_tour')`,
        ),
    )
    // Null: the road distance between the trade's two sites (a one-lot trip); a tour gives its loop.
    .addColumn('distance_km', 'double precision', (c) => c.check(sql`distance_km >= 0`))
    .addColumn('round_trip', 'boolean', (c) => c.notNull())
    // The parties the trip stops at ('site:<uuid>' or 'user:<id>'): every trade it carries must have
    // its seller and its buyer among them.
    .addColumn('stops', sql`text[]`, (c) => c.notNull())
    .addColumn('recorded_by_user_id', 'text', (c) => c.references('auth_user.id').onDelete('set null'))
    .addColumn('method_version', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('trip_trade')
    .addColumn('trip_id', 'uuid', (c) => c.notNull().references('trip.id').onDelete('cascade'))
    // A trade travels once.
    .addColumn('trade_id', 'uuid', (c) => c.notNull().unique().references('trade.id').onDelete('cascade'))
    .addColumn('mass_kg', 'double precision', (c) => c.notNull().check(sql`mass_kg >= 0`))
    .addColumn('added_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('trip_trade_pk', ['trip_id', 'trade_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('trip_trade').execute();
  await db.schema.dropTable('trip').execute();
}
