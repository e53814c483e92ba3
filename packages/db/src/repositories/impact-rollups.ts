/**
 * The SQL pieces shared by the statements that write impact records and keep the monthly
 * pre-aggregations in step (insert in impact.repository.ts, recomputation in
 * impact-recompute.repository.ts): the record's columns, the rollups' keys and measures.
 */
import { type RawBuilder, sql } from 'kysely';
import type { NewImpactRecordRow } from './impact.repository.ts';

/** The columns of an impact record as sent (one jsonb array per batch), with their SQL types. */
export const RECORD_COLUMNS: readonly (readonly [string, string])[] = [
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

export const PLACE_KEY = [
  'month',
  'origin_site_id',
  'origin_departement',
  'origin_region',
  'origin_territory_type',
];
export const MONTHLY_KEY = [...PLACE_KEY, 'sector', 'material_family', 'factor_version', 'method_version'];
export const FLOW_KEY = [...PLACE_KEY, 'sector', 'material_family', 'destination_key'];
export const SITE_FLOW_KEY = [...PLACE_KEY, 'destination_key'];

export const SHORT_KM = 30;
export const MEDIUM_KM = 80;

export const ids = (cols: readonly string[]) => sql.join(cols.map((c) => sql.ref(c)));
export const addExcluded = (table: string, cols: readonly string[]) =>
  sql.join(cols.map((c) => sql`${sql.ref(c)} = ${sql.ref(`${table}.${c}`)} + excluded.${sql.ref(c)}`));
export const FLOW_MEASURES = ['trades', 'mass_kg', 'tonne_km', 'net_kg_co2e'];
export const MONTHLY_MEASURES = [
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
export const monthlySums = (sign: 1 | -1) => {
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
export function insertStatement(rows: readonly NewImpactRecordRow[], tail: RawBuilder<unknown>) {
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
