import { type Kysely, sql } from 'kysely';

/**
 * A site's weekly opening hours (issue 17): at most one opening per ISO weekday (1 = Monday), in
 * minutes from midnight. No rows: hours not given; some rows: the missing weekdays are closed.
 * The tour planner reads them as the pickup stops' windows.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('site_opening_hours')
    .addColumn('site_id', 'uuid', (c) => c.notNull().references('site.id').onDelete('cascade'))
    .addColumn('weekday', 'smallint', (c) => c.notNull().check(sql`weekday between 1 and 7`))
    .addColumn('from_min', 'smallint', (c) => c.notNull().check(sql`from_min between 0 and 1440`))
    .addColumn('to_min', 'smallint', (c) => c.notNull().check(sql`to_min between 0 and 1440`))
    .addPrimaryKeyConstraint('site_opening_hours_pkey', ['site_id', 'weekday'])
    .addCheckConstraint('site_opening_hours_order', sql`from_min < to_min`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('site_opening_hours').execute();
}
