import { type Kysely, sql } from 'kysely';

/**
 * The catalogue: lots (listings) with photos, and wanted requests. Locations are stored as an
 * `earth` point (cube/earthdistance) beside lat/lon, indexed with GiST, so radius search uses a
 * bounding-box index scan and nearest-first ordering (`<->`) instead of scanning every lot.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('lot')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('site_id', 'uuid', (c) => c.notNull().references('site.id').onDelete('cascade'))
    .addColumn('created_by', 'text', (c) => c.references('auth_user.id').onDelete('set null'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('material_key', 'text', (c) => c.notNull())
    .addColumn('family_key', 'text', (c) => c.notNull())
    .addColumn('composition', 'jsonb')
    .addColumn('condition', 'text', (c) =>
      c.notNull().check(sql`condition in ('offcut', 'deadstock', 'used', 'byproduct')`),
    )
    .addColumn('unit', 'text', (c) =>
      c.notNull().check(sql`unit in ('kg', 't', 'm', 'm2', 'm3', 'piece', 'sheet', 'roll')`),
    )
    .addColumn('quantity', sql`numeric(14, 3)`, (c) => c.notNull().check(sql`quantity > 0`))
    .addColumn('quantity_reserved', sql`numeric(14, 3)`, (c) => c.notNull().defaultTo(0))
    .addColumn('quantity_sold', sql`numeric(14, 3)`, (c) => c.notNull().defaultTo(0))
    .addColumn('length_mm', sql`numeric(10, 1)`)
    .addColumn('width_mm', sql`numeric(10, 1)`)
    .addColumn('thickness_mm', sql`numeric(10, 2)`)
    .addColumn('roll_length_m', sql`numeric(10, 2)`)
    .addColumn('mass_kg', sql`numeric(14, 3)`)
    .addColumn('mass_estimated', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('mass_method', 'text', (c) => c.notNull().defaultTo('unknown'))
    .addColumn('price_cents', 'integer', (c) => c.check(sql`price_cents > 0`))
    .addColumn('available_from', 'date')
    .addColumn('available_until', 'date')
    .addColumn('recurring_quantity', sql`numeric(14, 3)`, (c) => c.check(sql`recurring_quantity > 0`))
    .addColumn('recurring_period', 'text', (c) => c.check(sql`recurring_period in ('week', 'month')`))
    .addColumn('ewc_code', 'text')
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('draft')
        .check(sql`status in ('draft', 'published', 'reserved', 'exhausted', 'expired', 'withdrawn')`),
    )
    .addColumn('lat', 'double precision', (c) => c.notNull())
    .addColumn('lon', 'double precision', (c) => c.notNull())
    .addColumn('earth_point', sql`earth`, (c) => c.notNull())
    .addColumn('site_sectors', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('search_tsv', sql`tsvector`, (c) => c.notNull().defaultTo(sql`''::tsvector`))
    .addColumn('is_demo', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('published_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      'lot_quantities_check',
      sql`quantity_reserved >= 0 and quantity_sold >= 0 and quantity_reserved + quantity_sold <= quantity`,
    )
    .addCheckConstraint(
      'lot_window_check',
      sql`available_until is null or available_from is null or available_until >= available_from`,
    )
    .addCheckConstraint('lot_recurring_check', sql`(recurring_quantity is null) = (recurring_period is null)`)
    .execute();
  await sql`create index lot_earth_idx on lot using gist (earth_point) where status = 'published'`.execute(
    db,
  );
  await sql`create index lot_search_idx on lot using gin (search_tsv)`.execute(db);
  await sql`create index lot_published_idx on lot (published_at desc, id desc) where status = 'published'`.execute(
    db,
  );
  await db.schema.createIndex('lot_site_idx').on('lot').columns(['site_id', 'status']).execute();
  await db.schema.createIndex('lot_material_idx').on('lot').column('material_key').execute();

  await db.schema
    .createTable('lot_photo')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('lot_id', 'uuid', (c) => c.references('lot.id').onDelete('cascade'))
    .addColumn('uploaded_by', 'text', (c) => c.notNull().references('auth_user.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('image', 'bytea', (c) => c.notNull())
    .addColumn('thumb', 'bytea', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('lot_photo_lot_idx').on('lot_photo').columns(['lot_id', 'position']).execute();

  await db.schema
    .createTable('wanted_request')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('requester_id', 'text', (c) => c.notNull().references('auth_user.id').onDelete('cascade'))
    .addColumn('site_id', 'uuid', (c) => c.references('site.id').onDelete('set null'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('material_keys', sql`text[]`, (c) => c.notNull().check(sql`cardinality(material_keys) >= 1`))
    .addColumn('accept_substitutes', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('unit', 'text', (c) =>
      c.notNull().check(sql`unit in ('kg', 't', 'm', 'm2', 'm3', 'piece', 'sheet', 'roll')`),
    )
    .addColumn('quantity_min', sql`numeric(14, 3)`, (c) => c.notNull().check(sql`quantity_min > 0`))
    .addColumn('quantity_max', sql`numeric(14, 3)`, (c) => c.notNull())
    .addColumn('min_length_mm', sql`numeric(10, 1)`)
    .addColumn('min_width_mm', sql`numeric(10, 1)`)
    .addColumn('min_thickness_mm', sql`numeric(10, 2)`)
    .addColumn('max_distance_km', sql`numeric(7, 1)`, (c) =>
      c.notNull().check(sql`max_distance_km > 0 and max_distance_km <= 1000`),
    )
    .addColumn('lat', 'double precision', (c) => c.notNull())
    .addColumn('lon', 'double precision', (c) => c.notNull())
    .addColumn('earth_point', sql`earth`, (c) => c.notNull())
    .addColumn('departement_code', 'text')
    .addColumn('region_code', 'text')
    .addColumn('needed_by', 'date')
    .addColumn('budget_cents', 'integer', (c) => c.check(sql`budget_cents >= 0`))
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('open').check(sql`status in ('open', 'closed', 'fulfilled', 'expired')`),
    )
    .addColumn('is_demo', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('closed_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('wanted_request_quantity_check', sql`quantity_max >= quantity_min`)
    .execute();
  await sql`create index wanted_request_earth_idx on wanted_request using gist (earth_point) where status = 'open'`.execute(
    db,
  );
  await db.schema
    .createIndex('wanted_request_requester_idx')
    .on('wanted_request')
    .column('requester_id')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('wanted_request').execute();
  await db.schema.dropTable('lot_photo').execute();
  await db.schema.dropTable('lot').execute();
}
