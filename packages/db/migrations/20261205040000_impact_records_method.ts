import { type Kysely, sql } from 'kysely';

/**
 * Impact records carry the method version of their figures (docs/impact-method.md §10).
 *
 * Every record written so far was computed with the first transport model, now called method
 * `impact-method-0` (a registry vehicle's round trip, no substitution ratio, no range): they are
 * labelled so, with low = central = high. The application then recomputes them with the current
 * method (ImpactService.upgradeRecords) and keeps each replaced version in
 * `impact_record_revision`, so the figures of a report printed before can still be reproduced.
 * The monthly rollup is keyed by method version too, so a dashboard never adds figures of two
 * methods without saying so. Nothing is dropped.
 *
 * Also: an allocation run can be asked to leave out the pairs whose transport exceeds what they
 * avoid (docs/impact-method.md §9).
 */
const RANGE_COLUMNS = ['avoided', 'transport', 'net'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('impact_record')
    .addColumn('method_version', 'text', (c) => c.notNull().defaultTo('impact-method-0'))
    .addColumn('avoided_low_kg_co2e', 'double precision')
    .addColumn('avoided_high_kg_co2e', 'double precision')
    .addColumn('transport_low_kg_co2e', 'double precision')
    .addColumn('transport_high_kg_co2e', 'double precision')
    .addColumn('net_low_kg_co2e', 'double precision')
    .addColumn('net_high_kg_co2e', 'double precision')
    // Method 1 only: how the lot travelled as charged, and what the material's factor rests on.
    .addColumn('travel_mode', 'text')
    .addColumn('travel_is_default', 'boolean')
    .addColumn('coverage', 'text', (c) => c.check(sql`coverage in ('factor', 'proxy', 'none')`))
    .execute();
  await sql`update impact_record set
      avoided_low_kg_co2e = avoided_kg_co2e, avoided_high_kg_co2e = avoided_kg_co2e,
      transport_low_kg_co2e = transport_kg_co2e, transport_high_kg_co2e = transport_kg_co2e,
      net_low_kg_co2e = net_kg_co2e, net_high_kg_co2e = net_kg_co2e`.execute(db);
  for (const m of RANGE_COLUMNS) {
    for (const b of ['low', 'high']) {
      await sql`alter table impact_record alter column ${sql.ref(`${m}_${b}_kg_co2e`)} set not null`.execute(
        db,
      );
    }
  }
  // New records name their version explicitly.
  await sql`alter table impact_record alter column method_version drop default`.execute(db);
  // Finding the records still to recompute.
  await db.schema
    .createIndex('impact_record_method_idx')
    .on('impact_record')
    .columns(['method_version', 'trade_id'])
    .execute();

  await db.schema
    .alterTable('impact_monthly')
    .addColumn('method_version', 'text', (c) => c.notNull().defaultTo('impact-method-0'))
    .addColumn('avoided_low_kg_co2e', 'double precision', (c) => c.notNull().defaultTo(0))
    .addColumn('avoided_high_kg_co2e', 'double precision', (c) => c.notNull().defaultTo(0))
    .addColumn('transport_low_kg_co2e', 'double precision', (c) => c.notNull().defaultTo(0))
    .addColumn('transport_high_kg_co2e', 'double precision', (c) => c.notNull().defaultTo(0))
    .addColumn('net_low_kg_co2e', 'double precision', (c) => c.notNull().defaultTo(0))
    .addColumn('net_high_kg_co2e', 'double precision', (c) => c.notNull().defaultTo(0))
    .addColumn('trades_default_travel', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('trades_proxy', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`update impact_monthly set
      avoided_low_kg_co2e = avoided_kg_co2e, avoided_high_kg_co2e = avoided_kg_co2e,
      transport_low_kg_co2e = transport_kg_co2e, transport_high_kg_co2e = transport_kg_co2e,
      net_low_kg_co2e = net_kg_co2e, net_high_kg_co2e = net_kg_co2e`.execute(db);
  await sql`alter table impact_monthly alter column method_version drop default`.execute(db);
  await sql`alter table impact_monthly drop constraint impact_monthly_pk`.execute(db);
  await sql`alter table impact_monthly add constraint impact_monthly_pk primary key
      (month, origin_site_id, origin_departement, origin_region, origin_territory_type, sector,
       material_family, factor_version, method_version)`.execute(db);

  // A record's figures as they were before a recomputation replaced them (a new method version,
  // or a trade joining its trip, which changes every lot's share).
  await db.schema
    .createTable('impact_record_revision')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('trade_id', 'uuid', (c) =>
      c.notNull().references('impact_record.trade_id').onDelete('cascade'),
    )
    .addColumn('method_version', 'text', (c) => c.notNull())
    .addColumn('factor_version', 'text', (c) => c.notNull())
    .addColumn('input', 'jsonb', (c) => c.notNull())
    .addColumn('avoided_kg_co2e', 'double precision', (c) => c.notNull())
    .addColumn('transport_kg_co2e', 'double precision', (c) => c.notNull())
    .addColumn('net_kg_co2e', 'double precision', (c) => c.notNull())
    .addColumn('net_low_kg_co2e', 'double precision', (c) => c.notNull())
    .addColumn('net_high_kg_co2e', 'double precision', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull().check(sql`reason in ('method_upgrade', 'trip_changed')`))
    .addColumn('replaced_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('impact_record_revision_trade_idx')
    .on('impact_record_revision')
    .columns(['trade_id', 'replaced_at'])
    .execute();

  await db.schema
    .alterTable('allocation_run')
    .addColumn('leave_out_losing_pairs', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('allocation_run').dropColumn('leave_out_losing_pairs').execute();
  await db.schema.dropTable('impact_record_revision').execute();
  await sql`delete from impact_monthly where method_version <> 'impact-method-0'`.execute(db);
  await sql`alter table impact_monthly drop constraint impact_monthly_pk`.execute(db);
  await sql`alter table impact_monthly add constraint impact_monthly_pk primary key
      (month, origin_site_id, origin_departement, origin_region, origin_territory_type, sector,
       material_family, factor_version)`.execute(db);
  await db.schema
    .alterTable('impact_monthly')
    .dropColumn('method_version')
    .dropColumn('avoided_low_kg_co2e')
    .dropColumn('avoided_high_kg_co2e')
    .dropColumn('transport_low_kg_co2e')
    .dropColumn('transport_high_kg_co2e')
    .dropColumn('net_low_kg_co2e')
    .dropColumn('net_high_kg_co2e')
    .dropColumn('trades_default_travel')
    .dropColumn('trades_proxy')
    .execute();
  await db.schema.dropIndex('impact_record_method_idx').execute();
  await db.schema
    .alterTable('impact_record')
    .dropColumn('method_version')
    .dropColumn('avoided_low_kg_co2e')
    .dropColumn('avoided_high_kg_co2e')
    .dropColumn('transport_low_kg_co2e')
    .dropColumn('transport_high_kg_co2e')
    .dropColumn('net_low_kg_co2e')
    .dropColumn('net_high_kg_co2e')
    .dropColumn('travel_mode')
    .dropColumn('travel_is_default')
    .dropColumn('coverage')
    .execute();
}
