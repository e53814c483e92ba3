import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('site')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('postal_code', 'text', (c) => c.notNull())
    .addColumn('commune_insee', 'text', (c) => c.notNull())
    .addColumn('commune_name', 'text', (c) => c.notNull())
    .addColumn('departement_code', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('lat', 'double precision', (c) => c.notNull().check(sql`lat between -90 and 90`))
    .addColumn('lon', 'double precision', (c) => c.notNull().check(sql`lon between -180 and 180`))
    .addColumn('sectors', sql`text[]`, (c) => c.notNull().check(sql`cardinality(sectors) >= 1`))
    .addColumn('territory_type', 'text', (c) =>
      c.notNull().check(sql`territory_type in ('rural', 'qpv', 'small_medium_town', 'metropolis')`),
    )
    .addColumn('contact_email', 'text')
    .addColumn('contact_phone', 'text')
    .addColumn('website', 'text')
    .addColumn('is_demo', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('location_approximate', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('verified_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('site_departement_idx').on('site').column('departement_code').execute();
  await db.schema.createIndex('site_sectors_idx').on('site').using('gin').column('sectors').execute();
  await db.schema.createIndex('site_name_idx').on('site').expression(sql`lower(name)`).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('site').execute();
}
