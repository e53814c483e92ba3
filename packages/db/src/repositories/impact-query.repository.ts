/** Dashboard, export and method reads over impact records and their monthly pre-aggregations. */
import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import type { Database } from '../database.ts';
import type { ImpactRecordRow } from './impact.repository.ts';
import { MEDIUM_KM, SHORT_KM } from './impact-rollups.ts';

type Db = Kysely<Database> | Transaction<Database>;

// ── Dashboard queries ───────────────────────────────────────────────────────────────────────

export interface ImpactQueryFilter {
  /** First and last month, inclusive, as `YYYY-MM-01`. */
  fromMonth: string;
  toMonth: string;
  /** A coordinator's territory: origin in one of these départements OR regions (both empty = all). */
  scope?: { departements: readonly string[]; regions: readonly string[] } | undefined;
  departement?: string | undefined;
  region?: string | undefined;
  sector?: string | undefined;
  materialFamily?: string | undefined;
  territoryType?: string | undefined;
  siteId?: string | undefined;
  /** Records only (not the pre-aggregations): trades a site received, never one it gave. */
  destinationSiteId?: string | undefined;
}

/** `rollup` reads the pre-aggregations (the fast path); `records` recomputes from impact_record. */
export type ImpactSource = 'rollup' | 'records';

/** A coordinator's territory: origin in one of the départements OR regions; undefined for all. */
export function territoryClause(scope: ImpactQueryFilter['scope']): RawBuilder<unknown> | undefined {
  if (!scope || (scope.departements.length === 0 && scope.regions.length === 0)) return undefined;
  const alts: RawBuilder<unknown>[] = [];
  if (scope.departements.length > 0)
    alts.push(sql`origin_departement = any(${[...scope.departements]}::text[])`);
  if (scope.regions.length > 0) alts.push(sql`origin_region = any(${[...scope.regions]}::text[])`);
  return sql`(${sql.join(alts, sql` or `)})`;
}

function whereOf(f: ImpactQueryFilter): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`month between ${f.fromMonth}::date and ${f.toMonth}::date`];
  const scope = territoryClause(f.scope);
  if (scope) parts.push(scope);
  if (f.departement !== undefined) parts.push(sql`origin_departement = ${f.departement}`);
  if (f.region !== undefined) parts.push(sql`origin_region = ${f.region}`);
  if (f.sector !== undefined) parts.push(sql`sector = ${f.sector}`);
  if (f.materialFamily !== undefined) parts.push(sql`material_family = ${f.materialFamily}`);
  if (f.territoryType !== undefined) parts.push(sql`origin_territory_type = ${f.territoryType}`);
  if (f.siteId !== undefined) parts.push(sql`origin_site_id = ${f.siteId}::uuid`);
  if (f.destinationSiteId !== undefined) {
    parts.push(
      sql`destination_site_id = ${f.destinationSiteId}::uuid and origin_site_id <> ${f.destinationSiteId}::uuid`,
    );
  }
  return sql.join(parts, sql` and `);
}

const MEASURES: Record<ImpactSource, RawBuilder<unknown>> = {
  rollup: sql`
    sum(trades)::int8 as trades,
    sum(mass_kg)::float8 as mass_kg,
    sum(measured_mass_kg)::float8 as measured_mass_kg,
    sum(avoided_kg_co2e)::float8 as avoided_kg_co2e,
    sum(transport_kg_co2e)::float8 as transport_kg_co2e,
    sum(net_kg_co2e)::float8 as net_kg_co2e,
    sum(tonne_km)::float8 as tonne_km,
    sum(distance_km)::float8 as distance_km,
    sum(trades_within_30km)::int8 as trades_within_30km,
    sum(trades_within_80km)::int8 as trades_within_80km,
    sum(trades_factor_missing)::int8 as trades_factor_missing,
    sum(net_low_kg_co2e)::float8 as net_low_kg_co2e,
    sum(net_high_kg_co2e)::float8 as net_high_kg_co2e,
    sum(trades_default_travel)::int8 as trades_default_travel,
    sum(trades_proxy)::int8 as trades_proxy`,
  records: sql`
    count(*)::int8 as trades,
    sum(mass_kg)::float8 as mass_kg,
    sum(case when mass_source = 'measured' then mass_kg else 0 end)::float8 as measured_mass_kg,
    sum(avoided_kg_co2e)::float8 as avoided_kg_co2e,
    sum(transport_kg_co2e)::float8 as transport_kg_co2e,
    sum(net_kg_co2e)::float8 as net_kg_co2e,
    sum(tonne_km)::float8 as tonne_km,
    sum(distance_km)::float8 as distance_km,
    (count(*) filter (where distance_km <= ${sql.lit(SHORT_KM)}))::int8 as trades_within_30km,
    (count(*) filter (where distance_km <= ${sql.lit(MEDIUM_KM)}))::int8 as trades_within_80km,
    (count(*) filter (where factor_missing))::int8 as trades_factor_missing,
    sum(net_low_kg_co2e)::float8 as net_low_kg_co2e,
    sum(net_high_kg_co2e)::float8 as net_high_kg_co2e,
    (count(*) filter (where travel_is_default))::int8 as trades_default_travel,
    (count(*) filter (where coverage = 'proxy'))::int8 as trades_proxy`,
};

const TABLE: Record<ImpactSource, RawBuilder<unknown>> = {
  rollup: sql.raw('impact_monthly'),
  records: sql.raw('impact_record'),
};

export type ImpactDimensionColumn =
  | 'material_family'
  | 'sector'
  | 'origin_site_id'
  | 'origin_departement'
  | 'origin_region'
  | 'origin_territory_type'
  | 'month';

export interface ImpactSumsRow {
  trades: number;
  mass_kg: number;
  measured_mass_kg: number;
  avoided_kg_co2e: number;
  transport_kg_co2e: number;
  net_kg_co2e: number;
  tonne_km: number;
  distance_km: number;
  trades_within_30km: number;
  trades_within_80km: number;
  trades_factor_missing: number;
  /**
   * The net's bounds. (The rollup keeps the avoided and transport bounds too; the dashboard does
   * not read them: each extra sum costs every grouping set of the hot query.)
   */
  net_low_kg_co2e: number;
  net_high_kg_co2e: number;
  trades_default_travel: number;
  trades_proxy: number;
  factor_versions: string[];
  /** The impact method versions of the figures (docs/impact-method.md), sorted. */
  method_versions: string[];
}

export interface ImpactAggregateRow extends ImpactSumsRow {
  /** null for the totals row. */
  dimension: ImpactDimensionColumn | null;
  /** The dimension's value (`YYYY-MM` for months); null for the totals row. */
  key: string | null;
}

/**
 * Totals and every breakdown in one scan (GROUPING SETS) of the monthly pre-aggregation, or of
 * the records themselves for the recomputation that checks it. `dimensions` limits the breakdowns.
 */
export async function aggregateImpact(
  db: Db,
  filter: ImpactQueryFilter,
  source: ImpactSource = 'rollup',
  dimensions: readonly ImpactDimensionColumn[] = [
    'material_family',
    'sector',
    'origin_site_id',
    'origin_departement',
    'origin_region',
    'origin_territory_type',
    'month',
  ],
): Promise<ImpactAggregateRow[]> {
  // Each grouping set also keyed by factor and method version, so the inner aggregation has no
  // DISTINCT aggregate and can be hashed (array_agg(distinct …) forced a sort per grouping set);
  // the outer level folds the few versions of each (dimension, key) back into one row.
  const sets = [
    sql`(factor_version, method_version)`,
    ...dimensions.map((d) => sql`(${sql.ref(d)}, factor_version, method_version)`),
  ];
  const dimCase = sql.join(
    dimensions.map((d) => sql`when grouping(${sql.ref(d)}) = 0 then ${sql.lit(d)}`),
    sql` `,
  );
  const keyCase = sql.join(
    dimensions.map((d) =>
      d === 'month'
        ? sql`when grouping(month) = 0 then to_char(month, 'YYYY-MM')`
        : sql`when grouping(${sql.ref(d)}) = 0 then ${sql.ref(d)}::text`,
    ),
    sql` `,
  );
  const r = await sql<ImpactAggregateRow>`
    select dimension, key,
           -- The inner query's columns are named as the rollup's: its sums add up the same way.
           ${MEASURES.rollup},
           array_agg(distinct factor_version order by factor_version) as factor_versions,
           array_agg(distinct method_version order by method_version) as method_versions
    from (
      select ${dimensions.length > 0 ? sql`case ${dimCase} end` : sql`null::text`} as dimension,
             ${dimensions.length > 0 ? sql`case ${keyCase} end` : sql`null::text`} as key,
             factor_version, method_version,
             ${MEASURES[source]}
      from ${TABLE[source]}
      where ${whereOf(filter)}
      group by grouping sets (${sql.join(sets)})
    ) g
    group by dimension, key`.execute(db);
  return r.rows;
}

export interface ImpactFlowRow {
  origin_site_id: string;
  destination_key: string;
  destination_site_id: string | null;
  destination_label: string;
  destination_lat: number | null;
  destination_lon: number | null;
  trades: number;
  mass_kg: number;
  tonne_km: number;
  net_kg_co2e: number;
}

/** The heaviest origin → destination flows (kg), ties broken by ids as the domain's topFlows does. */
export async function topImpactFlows(
  db: Db,
  filter: ImpactQueryFilter,
  limit: number,
  source: ImpactSource = 'rollup',
): Promise<ImpactFlowRow[]> {
  if (source === 'records') {
    // The plain recomputation: one pass over the records.
    const r = await sql<ImpactFlowRow>`
      select origin_site_id, destination_key,
             min(destination_site_id::text)::uuid as destination_site_id,
             max(destination_label) as destination_label,
             max(destination_lat) as destination_lat,
             max(destination_lon) as destination_lon,
             count(*)::int8 as trades,
             sum(mass_kg)::float8 as mass_kg,
             sum(tonne_km)::float8 as tonne_km,
             sum(net_kg_co2e)::float8 as net_kg_co2e
      from impact_record
      where ${whereOf(filter)}
      group by origin_site_id, destination_key
      order by sum(mass_kg) desc, origin_site_id, destination_key
      limit ${limit}`.execute(db);
    return r.rows;
  }
  // Without a sector or family filter the coarser rollup (no sector/family in its key) is enough.
  const table =
    filter.sector === undefined && filter.materialFamily === undefined
      ? sql.raw('impact_site_flow_monthly')
      : sql.raw('impact_flow_monthly');
  // Rank on the sums alone (the text/uuid aggregates per row were half the grouping's time), then
  // read the labels of the winners only, through the (origin_site_id, destination_key, month) index.
  const r = await sql<ImpactFlowRow>`
    with ranked as (
      select origin_site_id, destination_key,
             sum(trades)::int8 as trades,
             sum(mass_kg)::float8 as mass_kg,
             sum(tonne_km)::float8 as tonne_km,
             sum(net_kg_co2e)::float8 as net_kg_co2e
      from ${table}
      where ${whereOf(filter)}
      group by origin_site_id, destination_key
      order by 4 desc, 1, 2
      limit ${limit}
    )
    select ranked.origin_site_id, ranked.destination_key,
           d.destination_site_id, d.destination_label, d.destination_lat, d.destination_lon,
           ranked.trades, ranked.mass_kg, ranked.tonne_km, ranked.net_kg_co2e
    from ranked cross join lateral (
      select min(destination_site_id::text)::uuid as destination_site_id,
             max(destination_label) as destination_label,
             max(destination_lat) as destination_lat,
             max(destination_lon) as destination_lon
      from ${table} t
      where t.origin_site_id = ranked.origin_site_id and t.destination_key = ranked.destination_key
        and ${whereOf(filter)}
    ) d
    order by ranked.mass_kg desc, ranked.origin_site_id, ranked.destination_key`.execute(db);
  return r.rows;
}

/** Impact records in the filter, oldest first (exports, samples). */
export async function listImpactRecords(
  db: Db,
  filter: ImpactQueryFilter,
  limit: number,
): Promise<ImpactRecordRow[]> {
  const r = await sql<ImpactRecordRow>`
    select * from impact_record where ${whereOf(filter)}
    order by completed_at, trade_id limit ${limit}`.execute(db);
  return r.rows;
}

/** The (version, factor) pairs the filtered records used, for the sources printed in exports. */
export async function usedFactors(
  db: Db,
  filter: ImpactQueryFilter,
): Promise<{ factor_version: string; factor_key: string | null; vehicle_key: string }[]> {
  const r = await sql<{ factor_version: string; factor_key: string | null; vehicle_key: string }>`
    select distinct factor_version, factor_key, vehicle_key from impact_record where ${whereOf(filter)}
    order by factor_version, factor_key, vehicle_key`.execute(db);
  return r.rows;
}

/** The impact method versions of the filtered records (exports cite them). */
export async function usedMethodVersions(db: Db, filter: ImpactQueryFilter): Promise<string[]> {
  const r = await sql<{ v: string }>`
    select distinct method_version as v from impact_record where ${whereOf(filter)} order by 1`.execute(db);
  return r.rows.map((x) => x.v);
}

// ── Impact method v1 inputs (docs/impact-method.md) ────────────────────────────────────────

/**
 * What a site received in a period (trades it bought), the mirror of its own dashboard (what it
 * gave). Read from impact_record on its destination index; a trade is never both.
 */
export async function receivedTotals(
  db: Db,
  siteId: string,
  fromMonth: string,
  toMonth: string,
): Promise<ImpactSumsRow | undefined> {
  const r = await sql<ImpactSumsRow>`
    select ${MEASURES.records}, coalesce(array_agg(distinct factor_version), '{}') as factor_versions,
      coalesce(array_agg(distinct method_version), '{}') as method_versions
    from impact_record
    where destination_site_id = ${siteId}::uuid and origin_site_id <> ${siteId}::uuid
      and month between ${fromMonth}::date and ${toMonth}::date`.execute(db);
  return r.rows[0];
}

export interface MethodGroupRow {
  factor_version: string;
  material_key: string;
  /** Method-0 records (not recomputed yet) count as the default travel. */
  travel_mode: string;
  /** Nothing recorded at handover: neither a vehicle nor a trip. */
  is_default: boolean;
  trades: number;
  mass_kg: number;
  transport_low_kg_co2e: number;
  transport_kg_co2e: number;
  transport_high_kg_co2e: number;
}

/**
 * The stored records of a filter grouped by factor version, material and travel: the method is
 * linear in mass and transport, so the groups give the same totals, ranges and sensitivity as
 * the records one by one.
 */
export async function methodGroups(db: Db, filter: ImpactQueryFilter): Promise<MethodGroupRow[]> {
  const r = await sql<MethodGroupRow>`
    select factor_version, material_key, coalesce(travel_mode, 'van_diesel') as travel_mode,
      coalesce(travel_is_default, true) as is_default,
      count(*)::int8 as trades, sum(mass_kg)::float8 as mass_kg,
      sum(transport_low_kg_co2e)::float8 as transport_low_kg_co2e,
      sum(transport_kg_co2e)::float8 as transport_kg_co2e,
      sum(transport_high_kg_co2e)::float8 as transport_high_kg_co2e
    from impact_record where ${whereOf(filter)}
    group by 1, 2, 3, 4
    order by 1, 2, 3, 4`.execute(db);
  return r.rows.map((g) => ({ ...g, trades: Number(g.trades) }));
}
