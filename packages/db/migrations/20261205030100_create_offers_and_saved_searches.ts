import { type Kysely, sql } from 'kysely';

/**
 * Offers and saved searches (issue 12, items 5 and 6). Their notices (`lot_offer`,
 * `lot_matches_search`) are notification rows like the others, deduplicated by their key.
 *
 * `lot_offer`: a workshop offers one of its lots to the designer of a fitting wanted request; the
 * designer accepts (the trade starts accepted by the seller) or declines. One open offer per lot
 * and request; `accepting` is the short claim that makes a double click accept once.
 *
 * `saved_search`: a lot search kept under a name: the filters as the search page sends them
 * (validated by the API), the point as given and as resolved, the radius.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('lot_offer')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('lot_id', 'uuid', (c) => c.notNull().references('lot.id').onDelete('cascade'))
    .addColumn('request_id', 'uuid', (c) => c.notNull().references('wanted_request.id').onDelete('cascade'))
    .addColumn('site_id', 'uuid', (c) => c.notNull().references('site.id').onDelete('cascade'))
    .addColumn('offered_by', 'text', (c) => c.notNull().references('auth_user.id').onDelete('cascade'))
    .addColumn('buyer_user_id', 'text', (c) => c.notNull().references('auth_user.id').onDelete('cascade'))
    .addColumn('quantity', 'numeric(14, 3)', (c) => c.notNull().check(sql`quantity > 0`))
    .addColumn('message', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('open')
        .check(sql`status in ('open', 'accepting', 'accepted', 'declined', 'withdrawn')`),
    )
    .addColumn('trade_id', 'uuid', (c) => c.references('trade.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('decided_at', 'timestamptz')
    .execute();
  await sql`create unique index lot_offer_open_uniq on lot_offer (lot_id, request_id) where status in ('open', 'accepting')`.execute(
    db,
  );
  await db.schema
    .createIndex('lot_offer_buyer_idx')
    .on('lot_offer')
    .columns(['buyer_user_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('lot_offer_lot_idx')
    .on('lot_offer')
    .columns(['lot_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('saved_search')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'text', (c) => c.notNull().references('auth_user.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull().check(sql`char_length(name) between 1 and 120`))
    .addColumn('filters', 'jsonb', (c) => c.notNull())
    .addColumn('point', 'jsonb')
    .addColumn('lat', 'double precision')
    .addColumn('lon', 'double precision')
    .addColumn('radius_km', 'numeric(8, 3)')
    .addColumn('earth_point', sql`earth`)
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('saved_search_user_idx')
    .on('saved_search')
    .columns(['user_id', 'created_at'])
    .execute();
  await sql`create index saved_search_earth_idx on saved_search using gist (earth_point)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('saved_search').execute();
  await db.schema.dropTable('lot_offer').execute();
}
