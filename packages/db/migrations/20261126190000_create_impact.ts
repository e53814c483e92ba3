import { type CreateTableBuilder, type Kysely, sql } from 'kysely';

/**
 * Impact accounting (docs/decisions/007-impact-aggregates.md): the versioned factor registry,
 * one impact record per completed trade (figures, place snapshots and the stored input), and two
 * monthly pre-aggregations written in the same transaction as each record, so that a dashboard
 * over a year reads thousands of rows, not millions.
 */
const measures = (t: CreateTableBuilder<string, any>): CreateTableBuilder<string, any> =>
  t
    .addColumn('trades', 'integer', (c) => c.notNull())
    .addColumn('mass_kg', 'double precision', (c) => c.notNull())
    .addColumn('measured_mass_kg', 'double precision', (c) => c.notNull())
    .addColumn('avoided_kg_co2e', 'double precision', (c) => c.notNull())
    .addColumn('transport_kg_co2e', 'double precision', (c) => c.notNull())
    .addColumn('net_kg_co2e', 'double precision', (c) => c.notNull())
    .addColumn('tonne_km', 'double precision', (c) => c.notNull())
    .addColumn('distance_km', 'double precision', (c) => c.notNull())
    .addColumn('trades_within_30km', 'integer', (c) => c.notNull())
    .addColumn('trades_within_80km', 'integer', (c) => c.notNull())
    .addColumn('trades_factor_missing', 'integer', (c) => c.notNull());

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('factor_set')
    .addColumn('version', 'text', (c) => c.primaryKey())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'superseded')`))
    .addColumn('material_factors', 'jsonb', (c) => c.notNull())
    .addColumn('transport_factors', 'jsonb', (c) => c.notNull())
    .addColumn('warnings', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('imported_by', 'text', (c) => c.references('auth_user.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('activated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // Exactly one version is used for new records.
  await sql`create unique index factor_set_one_active on factor_set (status) where status = 'active'`.execute(
    db,
  );

  await db.schema
    .createTable('impact_record')
    // No foreign key to trade: history imported from before Retaille and the benchmark load records alone.
    .addColumn('trade_id', 'uuid', (c) => c.primaryKey())
    .addColumn('completed_at', 'timestamptz', (c) => c.notNull())
    // The Paris calendar month of completed_at (first day), the grain of the aggregates.
    .addColumn('month', 'date', (c) => c.notNull())
    .addColumn('origin_site_id', 'uuid', (c) => c.notNull().references('site.id').onDelete('restrict'))
    .addColumn('origin_departement', 'text', (c) => c.notNull())
    .addColumn('origin_region', 'text', (c) => c.notNull())
    .addColumn('origin_territory_type', 'text', (c) => c.notNull())
    .addColumn('origin_sectors', sql`text[]`, (c) => c.notNull())
    .addColumn('origin_lat', 'double precision', (c) => c.notNull())
    .addColumn('origin_lon', 'double precision', (c) => c.notNull())
    .addColumn('sector', 'text', (c) => c.notNull())
    .addColumn('destination_kind', 'text', (c) =>
      c.notNull().check(sql`destination_kind in ('site', 'person', 'unknown')`),
    )
    .addColumn('destination_site_id', 'uuid', (c) => c.references('site.id').onDelete('set null'))
    .addColumn('destination_user_id', 'text', (c) => c.references('auth_user.id').onDelete('set null'))
    .addColumn('destination_key', 'text', (c) => c.notNull())
    .addColumn('destination_label', 'text', (c) => c.notNull())
    .addColumn('destination_departement', 'text')
    .addColumn('destination_lat', 'double precision')
    .addColumn('destination_lon', 'double precision')
    .addColumn('lot_id', 'uuid')
    .addColumn('material_key', 'text', (c) => c.notNull())
    .addColumn('material_family', 'text', (c) => c.notNull())
    .addColumn('factor_key', 'text')
    .addColumn('vehicle_key', 'text', (c) => c.notNull())
    .addColumn('mass_kg', 'double precision', (c) => c.notNull().check(sql`mass_kg >= 0`))
    .addColumn('mass_source', 'text', (c) => c.notNull().check(sql`mass_source in ('measured', 'estimated')`))
    .addColumn('distance_km', 'double precision', (c) => c.notNull().check(sql`distance_km >= 0`))
    .addColumn('distance_method', 'text', (c) =>
      c.notNull().check(sql`distance_method in ('great_circle', 'unknown')`),
    )
    .addColumn('avoided_kg_co2e', 'double precision', (c) => c.notNull())
    .addColumn('transport_kg_co2e', 'double precision', (c) => c.notNull())
    .addColumn('net_kg_co2e', 'double precision', (c) => c.notNull())
    .addColumn('tonne_km', 'double precision', (c) => c.notNull())
    .addColumn('factor_version', 'text', (c) => c.notNull().references('factor_set.version'))
    .addColumn('factor_missing', 'boolean', (c) => c.notNull())
    .addColumn('flags', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('input', 'jsonb', (c) => c.notNull())
    .addColumn('is_demo', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('impact_record_month_idx').on('impact_record').columns(['month']).execute();
  await db.schema
    .createIndex('impact_record_site_idx')
    .on('impact_record')
    .columns(['origin_site_id', 'month'])
    .execute();
  await db.schema
    .createIndex('impact_record_dest_site_idx')
    .on('impact_record')
    .columns(['destination_site_id', 'month'])
    .execute();

  // Totals and every breakdown: one row per month × origin site (with its place at the time) ×
  // sector × material family × factor version.
  await measures(
    db.schema
      .createTable('impact_monthly')
      .addColumn('month', 'date', (c) => c.notNull())
      .addColumn('origin_site_id', 'uuid', (c) => c.notNull().references('site.id').onDelete('restrict'))
      .addColumn('origin_departement', 'text', (c) => c.notNull())
      .addColumn('origin_region', 'text', (c) => c.notNull())
      .addColumn('origin_territory_type', 'text', (c) => c.notNull())
      .addColumn('sector', 'text', (c) => c.notNull())
      .addColumn('material_family', 'text', (c) => c.notNull())
      .addColumn('factor_version', 'text', (c) => c.notNull()),
  )
    .addPrimaryKeyConstraint('impact_monthly_pk', [
      'month',
      'origin_site_id',
      'origin_departement',
      'origin_region',
      'origin_territory_type',
      'sector',
      'material_family',
      'factor_version',
    ])
    .execute();
  await db.schema
    .createIndex('impact_monthly_site_idx')
    .on('impact_monthly')
    .columns(['origin_site_id', 'month'])
    .execute();
  await db.schema
    .createIndex('impact_monthly_dep_idx')
    .on('impact_monthly')
    .columns(['origin_departement', 'month'])
    .execute();
  await db.schema
    .createIndex('impact_monthly_region_idx')
    .on('impact_monthly')
    .columns(['origin_region', 'month'])
    .execute();

  // Top flows for the map: one row per month × origin site × destination (a site, or the
  // commune of a person's home) × sector × material family.
  await db.schema
    .createTable('impact_flow_monthly')
    .addColumn('month', 'date', (c) => c.notNull())
    .addColumn('origin_site_id', 'uuid', (c) => c.notNull().references('site.id').onDelete('restrict'))
    .addColumn('origin_departement', 'text', (c) => c.notNull())
    .addColumn('origin_region', 'text', (c) => c.notNull())
    .addColumn('origin_territory_type', 'text', (c) => c.notNull())
    .addColumn('sector', 'text', (c) => c.notNull())
    .addColumn('material_family', 'text', (c) => c.notNull())
    .addColumn('destination_key', 'text', (c) => c.notNull())
    .addColumn('destination_site_id', 'uuid')
    .addColumn('destination_label', 'text', (c) => c.notNull())
    .addColumn('destination_lat', 'double precision')
    .addColumn('destination_lon', 'double precision')
    .addColumn('trades', 'integer', (c) => c.notNull())
    .addColumn('mass_kg', 'double precision', (c) => c.notNull())
    .addColumn('tonne_km', 'double precision', (c) => c.notNull())
    .addColumn('net_kg_co2e', 'double precision', (c) => c.notNull())
    .addPrimaryKeyConstraint('impact_flow_monthly_pk', [
      'month',
      'origin_site_id',
      'origin_departement',
      'origin_region',
      'origin_territory_type',
      'sector',
      'material_family',
      'destination_key',
    ])
    .execute();
  // Site filter (prefix) and the labels of the top flows (site, destination).
  await db.schema
    .createIndex('impact_flow_monthly_site_idx')
    .on('impact_flow_monthly')
    .columns(['origin_site_id', 'destination_key', 'month'])
    .execute();
  // Read only when sector or family is filtered: a sixth or so of the rows, not a scan of all.
  await db.schema
    .createIndex('impact_flow_monthly_sector_idx')
    .on('impact_flow_monthly')
    .columns(['sector', 'month'])
    .execute();
  await db.schema
    .createIndex('impact_flow_monthly_family_idx')
    .on('impact_flow_monthly')
    .columns(['material_family', 'month'])
    .execute();

  // The same flows without sector and material family, read when neither is filtered (most
  // dashboards): a third of the rows of impact_flow_monthly to group for the top flows.
  await db.schema
    .createTable('impact_site_flow_monthly')
    .addColumn('month', 'date', (c) => c.notNull())
    .addColumn('origin_site_id', 'uuid', (c) => c.notNull().references('site.id').onDelete('restrict'))
    .addColumn('origin_departement', 'text', (c) => c.notNull())
    .addColumn('origin_region', 'text', (c) => c.notNull())
    .addColumn('origin_territory_type', 'text', (c) => c.notNull())
    .addColumn('destination_key', 'text', (c) => c.notNull())
    .addColumn('destination_site_id', 'uuid')
    .addColumn('destination_label', 'text', (c) => c.notNull())
    .addColumn('destination_lat', 'double precision')
    .addColumn('destination_lon', 'double precision')
    .addColumn('trades', 'integer', (c) => c.notNull())
    .addColumn('mass_kg', 'double precision', (c) => c.notNull())
    .addColumn('tonne_km', 'double precision', (c) => c.notNull())
    .addColumn('net_kg_co2e', 'double precision', (c) => c.notNull())
    .addPrimaryKeyConstraint('impact_site_flow_monthly_pk', [
      'month',
      'origin_site_id',
      'origin_departement',
      'origin_region',
      'origin_territory_type',
      'destination_key',
    ])
    .execute();
  await db.schema
    .createIndex('impact_site_flow_monthly_site_idx')
    .on('impact_site_flow_monthly')
    .columns(['origin_site_id', 'destination_key', 'month'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('impact_site_flow_monthly').execute();
  await db.schema.dropTable('impact_flow_monthly').execute();
  await db.schema.dropTable('impact_monthly').execute();
  await db.schema.dropTable('impact_record').execute();
  await db.schema.dropTable('factor_set').execute();
}
