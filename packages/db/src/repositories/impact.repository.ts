import {
  type Insertable,
  type Kysely,
  type RawBuilder,
  type Selectable,
  sql,
  type Transaction,
} from 'kysely';
import type { Database } from '../database.ts';
import type { FactorSet, ImpactRecord, ImpactRecordRevision, Trip, TripTrade } from '../schema.generated.ts';

type Db = Kysely<Database> | Transaction<Database>;

export type FactorSetRow = Selectable<FactorSet>;
export type NewFactorSetRow = Insertable<FactorSet>;
export type ImpactRecordRow = Selectable<ImpactRecord>;
export type ImpactRecordRevisionRow = Selectable<ImpactRecordRevision>;
export type TripRow = Selectable<Trip>;
export type NewTripRow = Insertable<Trip>;
export type TripTradeRow = Selectable<TripTrade>;
export type NewImpactRecordRow = Insertable<ImpactRecord> & {
  /** First day of the Paris month, `YYYY-MM-01`. */
  month: string;
};

// ── Factor registry ─────────────────────────────────────────────────────────────────────────

export async function listFactorSets(db: Db): Promise<FactorSetRow[]> {
  return db.selectFrom('factor_set').selectAll().orderBy('created_at', 'desc').orderBy('version').execute();
}

export async function findFactorSet(db: Db, version: string): Promise<FactorSetRow | undefined> {
  return db.selectFrom('factor_set').selectAll().where('version', '=', version).executeTakeFirst();
}

export async function findActiveFactorSet(db: Db): Promise<FactorSetRow | undefined> {
  return db.selectFrom('factor_set').selectAll().where('status', '=', 'active').executeTakeFirst();
}

/** Stores the first version when the registry is empty; a no-op once any version exists. */
export async function seedFactorSet(db: Db, row: Omit<NewFactorSetRow, 'status'>): Promise<void> {
  await db
    .insertInto('factor_set')
    .values({ ...row, status: 'active' })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** Adds a reviewed version and makes it the one new records use; older rows are only relabelled. */
export async function activateFactorSet(
  trx: Transaction<Database>,
  row: Omit<NewFactorSetRow, 'status'>,
  now: Date,
): Promise<FactorSetRow> {
  await trx.updateTable('factor_set').set({ status: 'superseded' }).where('status', '=', 'active').execute();
  return trx
    .insertInto('factor_set')
    .values({ ...row, status: 'active', activated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Serialises concurrent imports (the active version is read, compared, then replaced). */
export async function lockFactorRegistry(trx: Transaction<Database>): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('factor_set'))`.execute(trx);
}

// ── Records and their pre-aggregations ──────────────────────────────────────────────────────

export async function findImpactRecord(db: Db, tradeId: string): Promise<ImpactRecordRow | undefined> {
  return db.selectFrom('impact_record').selectAll().where('trade_id', '=', tradeId).executeTakeFirst();
}

/** The columns of an impact record as sent (one jsonb array per batch), with their SQL types. */
const RECORD_COLUMNS: readonly (readonly [string, string])[] = [
  ['trade_id', 'uuid'],
  ['completed_at', 'timestamptz'],
  ['month', 'date'],
  ['origin_site_id', 'uuid'],
  ['origin_departement', 'text'],
  ['origin_region', 'text'],
  ['origin_territory_type', 'text'],
  ['origin_sectors', 'text[]'],
  ['origin_lat', 'float8'],
  ['origin_lon', 'float8'],
  ['sector', 'text'],
  ['destination_kind', 'text'],
  ['destination_site_id', 'uuid'],
  ['destination_user_id', 'text'],
  ['destination_key', 'text'],
  ['destination_label', 'text'],
  ['destination_departement', 'text'],
  ['destination_lat', 'float8'],
  ['destination_lon', 'float8'],
  ['lot_id', 'uuid'],
  ['material_key', 'text'],
  ['material_family', 'text'],
  ['factor_key', 'text'],
  ['vehicle_key', 'text'],
  ['mass_kg', 'float8'],
  ['mass_source', 'text'],
  ['distance_km', 'float8'],
  ['distance_method', 'text'],
  ['avoided_kg_co2e', 'float8'],
  ['transport_kg_co2e', 'float8'],
  ['net_kg_co2e', 'float8'],
  ['tonne_km', 'float8'],
  ['factor_version', 'text'],
  ['factor_missing', 'boolean'],
  ['flags', 'text[]'],
  ['input', 'jsonb'],
  ['is_demo', 'boolean'],
  ['method_version', 'text'],
  ['avoided_low_kg_co2e', 'float8'],
  ['avoided_high_kg_co2e', 'float8'],
  ['transport_low_kg_co2e', 'float8'],
  ['transport_high_kg_co2e', 'float8'],
  ['net_low_kg_co2e', 'float8'],
  ['net_high_kg_co2e', 'float8'],
  ['travel_mode', 'text'],
  ['travel_is_default', 'boolean'],
  ['coverage', 'text'],
];

const PLACE_KEY = ['month', 'origin_site_id', 'origin_departement', 'origin_region', 'origin_territory_type'];
const MONTHLY_KEY = [...PLACE_KEY, 'sector', 'material_family', 'factor_version', 'method_version'];
const FLOW_KEY = [...PLACE_KEY, 'sector', 'material_family', 'destination_key'];
const SITE_FLOW_KEY = [...PLACE_KEY, 'destination_key'];

export const SHORT_KM = 30;
export const MEDIUM_KM = 80;

const ids = (cols: readonly string[]) => sql.join(cols.map((c) => sql.ref(c)));
const addExcluded = (table: string, cols: readonly string[]) =>
  sql.join(cols.map((c) => sql`${sql.ref(c)} = ${sql.ref(`${table}.${c}`)} + excluded.${sql.ref(c)}`));
const FLOW_MEASURES = ['trades', 'mass_kg', 'tonne_km', 'net_kg_co2e'];
const MONTHLY_MEASURES = [
  'trades',
  'mass_kg',
  'measured_mass_kg',
  'avoided_kg_co2e',
  'transport_kg_co2e',
  'net_kg_co2e',
  'tonne_km',
  'distance_km',
  'trades_within_30km',
  'trades_within_80km',
  'trades_factor_missing',
  'avoided_low_kg_co2e',
  'avoided_high_kg_co2e',
  'transport_low_kg_co2e',
  'transport_high_kg_co2e',
  'net_low_kg_co2e',
  'net_high_kg_co2e',
  'trades_default_travel',
  'trades_proxy',
];
/**
 * The monthly measures of a set of records, in MONTHLY_MEASURES order, each multiplied by `sign`
 * (1 to add records to the rollup, -1 to take them out). Method-0 records have no travel mode nor
 * coverage: they count in neither the default-travel nor the proxy trades.
 */
const monthlySums = (sign: 1 | -1) => {
  const k = sql.lit(sign);
  const exprs = [
    sql`count(*)`,
    sql`sum(mass_kg)`,
    sql`sum(case when mass_source = 'measured' then mass_kg else 0 end)`,
    sql`sum(avoided_kg_co2e)`,
    sql`sum(transport_kg_co2e)`,
    sql`sum(net_kg_co2e)`,
    sql`sum(tonne_km)`,
    sql`sum(distance_km)`,
    sql`count(*) filter (where distance_km <= ${sql.lit(SHORT_KM)})`,
    sql`count(*) filter (where distance_km <= ${sql.lit(MEDIUM_KM)})`,
    sql`count(*) filter (where factor_missing)`,
    sql`sum(avoided_low_kg_co2e)`,
    sql`sum(avoided_high_kg_co2e)`,
    sql`sum(transport_low_kg_co2e)`,
    sql`sum(transport_high_kg_co2e)`,
    sql`sum(net_low_kg_co2e)`,
    sql`sum(net_high_kg_co2e)`,
    sql`count(*) filter (where travel_is_default)`,
    sql`count(*) filter (where coverage = 'proxy')`,
  ];
  return sql.join(exprs.map((e, i) => sql`${k} * ${e} as ${sql.ref(MONTHLY_MEASURES[i]!)}`));
};

/**
 * One statement: the records (a trade already recorded is skipped), then the inserted ones
 * (only those: `ins`) added to the three monthly pre-aggregations. Same transaction, same
 * snapshot, so a rollup is never stale. One jsonb parameter whatever the batch size.
 */
function insertStatement(rows: readonly NewImpactRecordRow[], tail: RawBuilder<unknown>) {
  const payload = JSON.stringify(
    rows.map((r) => ({
      ...r,
      completed_at: r.completed_at instanceof Date ? r.completed_at.toISOString() : r.completed_at,
    })),
  );
  const cols = RECORD_COLUMNS.map(([c]) => c);
  const defs = sql.join(RECORD_COLUMNS.map(([c, t]) => sql`${sql.ref(c)} ${sql.raw(t)}`));
  const values = sql.join(
    RECORD_COLUMNS.map(([c]) =>
      c === 'flags'
        ? sql`coalesce(flags, '{}'::text[])`
        : c === 'is_demo'
          ? sql`coalesce(is_demo, false)`
          : sql.ref(c),
    ),
  );
  const flowGroup = (table: string, key: readonly string[]) => sql`
    insert into ${sql.table(table)} (${ids(key)}, destination_site_id, destination_label,
                                     destination_lat, destination_lon, ${ids(FLOW_MEASURES)})
    select ${ids(key)}, min(destination_site_id::text)::uuid, max(destination_label),
           max(destination_lat), max(destination_lon),
           count(*), sum(mass_kg), sum(tonne_km), sum(net_kg_co2e)
    from ins group by ${ids(key)}
    on conflict (${ids(key)}) do update set ${addExcluded(table, FLOW_MEASURES)},
      destination_label = excluded.destination_label,
      destination_lat = excluded.destination_lat,
      destination_lon = excluded.destination_lon`;
  return sql`
    with src as (select * from jsonb_to_recordset(${payload}::jsonb) as x(${defs})),
    ins as (
      insert into impact_record (${ids(cols)})
      select ${values} from src
      on conflict (trade_id) do nothing
      returning *
    ),
    monthly as (
      insert into impact_monthly (${ids(MONTHLY_KEY)}, ${ids(MONTHLY_MEASURES)})
      select ${ids(MONTHLY_KEY)}, ${monthlySums(1)}
      from ins group by ${ids(MONTHLY_KEY)}
      on conflict (${ids(MONTHLY_KEY)}) do update set ${addExcluded('impact_monthly', MONTHLY_MEASURES)}
    ),
    flows as (${flowGroup('impact_flow_monthly', FLOW_KEY)}),
    site_flows as (${flowGroup('impact_site_flow_monthly', SITE_FLOW_KEY)})
    ${tail}`;
}

/**
 * Inserts impact records (one per trade: a trade already recorded is skipped) and adds the
 * inserted ones to the monthly pre-aggregations in the same statement. Returns what was inserted.
 */
export async function insertImpactRecords(
  trx: Transaction<Database>,
  rows: readonly NewImpactRecordRow[],
): Promise<ImpactRecordRow[]> {
  if (rows.length === 0) return [];
  const r = await insertStatement(rows, sql`select * from ins`).execute(trx);
  return r.rows as ImpactRecordRow[];
}

/** The same statement for bulk loads (history imports, the benchmark): returns only the count inserted. */
export async function loadImpactRecords(
  trx: Transaction<Database>,
  rows: readonly NewImpactRecordRow[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const r = await insertStatement(rows, sql`select count(*)::int4 as n from ins`).execute(trx);
  return (r.rows[0] as { n: number }).n;
}

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
           sum(trades_proxy)::int8 as trades_proxy,
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

export interface SitePoint {
  id: string;
  name: string;
  lat: number;
  lon: number;
  is_demo: boolean;
}

export async function sitePoints(db: Db, ids: readonly string[]): Promise<SitePoint[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('site')
    .select(['id', 'name', 'lat', 'lon', 'is_demo'])
    .where('id', 'in', [...ids])
    .execute();
}

/** Demo history already loaded? (the demo seed is idempotent) */
export async function hasDemoImpact(db: Db): Promise<boolean> {
  const r = await db
    .selectFrom('impact_record')
    .select('trade_id')
    .where('is_demo', '=', true)
    .limit(1)
    .execute();
  return r.length > 0;
}

// ── Trips (transport as travelled, docs/impact-method.md §4) ───────────────────────────────

export async function insertTrip(db: Db, row: NewTripRow): Promise<TripRow> {
  return db.insertInto('trip').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Locks a trip while a trade joins it, so two handovers cannot both read it half-built. */
export async function lockTrip(trx: Transaction<Database>, id: string): Promise<TripRow | undefined> {
  return trx.selectFrom('trip').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function addTripTrade(
  db: Db,
  row: { trip_id: string; trade_id: string; mass_kg: number; added_at: Date },
): Promise<void> {
  await db.insertInto('trip_trade').values(row).execute();
}

export async function findTrip(db: Db, id: string): Promise<TripRow | undefined> {
  return db.selectFrom('trip').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface TripTradeParties {
  trade_id: string;
  mass_kg: number;
  seller_site_id: string;
  buyer_site_id: string | null;
  buyer_user_id: string;
}

/** Every trade of a trip, with its mass and parties, in the order they joined. */
export async function listTripTrades(db: Db, tripId: string): Promise<TripTradeParties[]> {
  return db
    .selectFrom('trip_trade')
    .innerJoin('trade', 'trade.id', 'trip_trade.trade_id')
    .select([
      'trip_trade.trade_id',
      'trip_trade.mass_kg',
      'trade.seller_site_id',
      'trade.buyer_site_id',
      'trade.buyer_user_id',
    ])
    .where('trip_trade.trip_id', '=', tripId)
    .orderBy('trip_trade.added_at')
    .orderBy('trip_trade.trade_id')
    .execute();
}

/** The trip a trade travelled in, with every trade of that trip, or undefined. */
export async function findTripOfTrade(
  db: Db,
  tradeId: string,
): Promise<{ trip: TripRow; trades: TripTradeParties[] } | undefined> {
  const trip = await db
    .selectFrom('trip')
    .innerJoin('trip_trade', 'trip_trade.trip_id', 'trip.id')
    .selectAll('trip')
    .where('trip_trade.trade_id', '=', tradeId)
    .executeTakeFirst();
  if (trip === undefined) return undefined;
  return { trip, trades: await listTripTrades(db, trip.id) };
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

// ── Recomputing stored records (a new method version, a trip that changed) ─────────────────

export type RecordToRecompute = ImpactRecordRow & {
  /** The vehicle recorded at handover on the trade (method-0 travel), if the trade exists. */
  trade_vehicle_key: string | null;
  /** The trip the trade travelled in, if one was recorded. */
  trip_id: string | null;
};

/** Records not computed with `methodVersion`, by trade id after `afterTradeId` (keyset). */
export async function recordsToRecompute(
  db: Db,
  methodVersion: string,
  afterTradeId: string | null,
  limit: number,
): Promise<RecordToRecompute[]> {
  const r = await sql<RecordToRecompute>`
    select r.*, t.vehicle_key as trade_vehicle_key, tt.trip_id
    from impact_record r
    left join trade t on t.id = r.trade_id
    left join trip_trade tt on tt.trade_id = r.trade_id
    where (r.method_version < ${methodVersion} or r.method_version > ${methodVersion})
      ${afterTradeId === null ? sql`` : sql`and r.trade_id > ${afterTradeId}::uuid`}
    order by r.trade_id
    limit ${limit}`.execute(db);
  return r.rows;
}

/** Is any record not computed with `methodVersion`? (index-only on impact_record_method_idx) */
export async function hasRecordsToRecompute(db: Db, methodVersion: string): Promise<boolean> {
  const r = await sql<{ n: number }>`
    select 1 as n from impact_record
    where method_version < ${methodVersion} or method_version > ${methodVersion} limit 1`.execute(db);
  return r.rows.length > 0;
}

/** The impact records of these trades (those that exist), for a trip whose shares changed. */
export async function findImpactRecords(db: Db, tradeIds: readonly string[]): Promise<ImpactRecordRow[]> {
  if (tradeIds.length === 0) return [];
  return db
    .selectFrom('impact_record')
    .selectAll()
    .where('trade_id', 'in', [...tradeIds])
    .orderBy('trade_id')
    .execute();
}

/** New figures for an existing record: everything the method decides, nothing about places. */
export interface ImpactFiguresUpdate {
  trade_id: string;
  method_version: string;
  input: unknown;
  factor_key: string | null;
  vehicle_key: string;
  factor_missing: boolean;
  flags: string[];
  avoided_kg_co2e: number;
  avoided_low_kg_co2e: number;
  avoided_high_kg_co2e: number;
  transport_kg_co2e: number;
  transport_low_kg_co2e: number;
  transport_high_kg_co2e: number;
  net_kg_co2e: number;
  net_low_kg_co2e: number;
  net_high_kg_co2e: number;
  tonne_km: number;
  travel_mode: string | null;
  travel_is_default: boolean | null;
  coverage: 'factor' | 'proxy' | 'none' | null;
}

const FIGURE_COLUMNS: readonly (readonly [keyof ImpactFiguresUpdate, string])[] = [
  ['trade_id', 'uuid'],
  ['method_version', 'text'],
  ['input', 'jsonb'],
  ['factor_key', 'text'],
  ['vehicle_key', 'text'],
  ['factor_missing', 'boolean'],
  ['flags', 'text[]'],
  ['avoided_kg_co2e', 'float8'],
  ['avoided_low_kg_co2e', 'float8'],
  ['avoided_high_kg_co2e', 'float8'],
  ['transport_kg_co2e', 'float8'],
  ['transport_low_kg_co2e', 'float8'],
  ['transport_high_kg_co2e', 'float8'],
  ['net_kg_co2e', 'float8'],
  ['net_low_kg_co2e', 'float8'],
  ['net_high_kg_co2e', 'float8'],
  ['tonne_km', 'float8'],
  ['travel_mode', 'text'],
  ['travel_is_default', 'boolean'],
  ['coverage', 'text'],
];

/**
 * Replaces the figures of stored records, in one statement: the figures they had go to
 * impact_record_revision (so they can still be replayed), the records get the new ones, and the
 * monthly rollups move by the difference — the old figures taken out under their method version,
 * the new ones added under theirs, in the same snapshot. Places, months and masses do not change,
 * so the flows only move by the net. Returns the number of records replaced.
 */
export async function replaceImpactFigures(
  trx: Transaction<Database>,
  rows: readonly ImpactFiguresUpdate[],
  reason: 'method_upgrade' | 'trip_changed',
  now: Date,
): Promise<number> {
  if (rows.length === 0) return 0;
  const payload = JSON.stringify(rows);
  const defs = sql.join(FIGURE_COLUMNS.map(([c, t]) => sql`${sql.ref(c)} ${sql.raw(t)}`));
  const sets = sql.join(
    FIGURE_COLUMNS.filter(([c]) => c !== 'trade_id').map(([c]) => sql`${sql.ref(c)} = src.${sql.ref(c)}`),
  );
  const flowDelta = (table: string, key: readonly string[]) => sql`
    update ${sql.table(table)} f set net_kg_co2e = f.net_kg_co2e + d.delta
    from (select ${sql.join(key.map((c) => sql`o.${sql.ref(c)}`))}, sum(u.net_kg_co2e - o.net_kg_co2e) as delta
          from upd u join old o using (trade_id) group by ${sql.join(key.map((c) => sql`o.${sql.ref(c)}`))}) d
    where ${sql.join(
      key.map((c) => sql`f.${sql.ref(c)} = d.${sql.ref(c)}`),
      sql` and `,
    )}`;
  // Locked first, in their own statement: a row locked inside the statement that updates it is
  // skipped by the lock, and a concurrent replacement must read the figures this one writes.
  await trx
    .selectFrom('impact_record')
    .select('trade_id')
    .where(
      'trade_id',
      'in',
      rows.map((x) => x.trade_id),
    )
    .orderBy('trade_id')
    .forUpdate()
    .execute();
  const r = await sql<{ n: number; sites: string[] }>`
    with src as (select * from jsonb_to_recordset(${payload}::jsonb) as x(${defs})),
    old as (select r.* from impact_record r join src using (trade_id)),
    archived as (
      insert into impact_record_revision (trade_id, method_version, factor_version, input, avoided_kg_co2e,
        transport_kg_co2e, net_kg_co2e, net_low_kg_co2e, net_high_kg_co2e, reason, replaced_at)
      select trade_id, method_version, factor_version, input, avoided_kg_co2e, transport_kg_co2e,
        net_kg_co2e, net_low_kg_co2e, net_high_kg_co2e, ${reason}, ${now.toISOString()}::timestamptz
      from old
    ),
    upd as (
      update impact_record r set ${sets}
      from src where r.trade_id = src.trade_id
      returning r.*
    ),
    moved as (
      select * from (
        select ${ids(MONTHLY_KEY)}, ${monthlySums(-1)} from old group by ${ids(MONTHLY_KEY)}
        union all
        select ${ids(MONTHLY_KEY)}, ${monthlySums(1)} from upd group by ${ids(MONTHLY_KEY)}
      ) m
    ),
    monthly as (
      insert into impact_monthly (${ids(MONTHLY_KEY)}, ${ids(MONTHLY_MEASURES)})
      select ${ids(MONTHLY_KEY)}, ${sql.join(MONTHLY_MEASURES.map((c) => sql`sum(${sql.ref(c)})`))}
      from moved group by ${ids(MONTHLY_KEY)}
      on conflict (${ids(MONTHLY_KEY)}) do update set ${addExcluded('impact_monthly', MONTHLY_MEASURES)}
    ),
    flows as (${flowDelta('impact_flow_monthly', FLOW_KEY)}),
    site_flows as (${flowDelta('impact_site_flow_monthly', SITE_FLOW_KEY)})
    select count(*)::int4 as n, coalesce(array_agg(distinct origin_site_id), '{}') as sites from upd`.execute(
    trx,
  );
  const done = r.rows[0] ?? { n: 0, sites: [] };
  // Rollup rows left with no trade (all their records moved to another method version).
  if (done.sites.length > 0) {
    await sql`delete from impact_monthly where trades = 0 and origin_site_id = any(${done.sites}::uuid[])`.execute(
      trx,
    );
  }
  return done.n;
}

/** The figures a record had before each recomputation, oldest first. */
export async function listImpactRevisions(db: Db, tradeId: string): Promise<ImpactRecordRevisionRow[]> {
  return db
    .selectFrom('impact_record_revision')
    .selectAll()
    .where('trade_id', '=', tradeId)
    .orderBy('replaced_at')
    .orderBy('id')
    .execute();
}

/** Trips by id with all their trades (those outside a filter too: they share the trip). */
export async function tripsWithTrades(
  db: Db,
  ids: readonly string[],
): Promise<{ trip: TripRow; trades: TripTradeParties[] }[]> {
  if (ids.length === 0) return [];
  const trips = await db
    .selectFrom('trip')
    .selectAll()
    .where('id', 'in', [...ids])
    .orderBy('id')
    .execute();
  const trades = await db
    .selectFrom('trip_trade')
    .innerJoin('trade', 'trade.id', 'trip_trade.trade_id')
    .select([
      'trip_trade.trip_id',
      'trip_trade.trade_id',
      'trip_trade.mass_kg',
      'trade.seller_site_id',
      'trade.buyer_site_id',
      'trade.buyer_user_id',
    ])
    .where('trip_trade.trip_id', 'in', [...ids])
    .orderBy('trip_trade.added_at')
    .orderBy('trip_trade.trade_id')
    .execute();
  return trips.map((trip) => ({
    trip,
    trades: trades.filter((t) => t.trip_id === trip.id).map(({ trip_id: _, ...t }) => t),
  }));
}
