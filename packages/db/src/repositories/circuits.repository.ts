import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import type { Database } from '../database.ts';
import { territoryClause } from './impact.repository.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface CircuitsFilter {
  /** First and last Paris day, inclusive, `YYYY-MM-DD`. */
  fromDay: string;
  toDay: string;
  /** A coordinator's territory (origin in one of these départements OR regions); undefined = all. */
  scope?: { departements: readonly string[]; regions: readonly string[] } | undefined;
  /** A trade is a short circuit when its seller–buyer distance is under this. */
  shortCircuitKm: number;
}

/** One origin site → destination (a site, or `commune:<insee>` for buyers without a site). */
export interface CircuitEdgeRow {
  origin_site_id: string;
  origin_name: string;
  origin_lat: number;
  origin_lon: number;
  destination_key: string;
  destination_site_id: string | null;
  destination_label: string;
  destination_lat: number | null;
  destination_lon: number | null;
  trades: number;
  mass_kg: number;
  short_trades: number;
  /** Trades of this edge carried by a shared (pooled) tour trip. */
  tour_trades: number;
  /** Their separate round trips (2 × seller–buyer km) minus their mass share of the tour's km. */
  km_avoided: number;
}

/**
 * The flows actually traded over a period, read from the impact records of completed trades
 * (their handover or receipt weight, their seller–buyer distance), with the km that shared tours
 * avoided: each toured trade's separate round trip minus its mass share of the trip's km, the
 * allocation the impact method uses (docs/impact-method.md §4).
 */
export async function circuitEdges(db: Db, f: CircuitsFilter, limit: number): Promise<CircuitEdgeRow[]> {
  const parts: RawBuilder<unknown>[] = [
    sql`r.completed_at >= (${f.fromDay}::date)::timestamp at time zone 'Europe/Paris'`,
    sql`r.completed_at < (${f.toDay}::date + 1)::timestamp at time zone 'Europe/Paris'`,
  ];
  const scope = territoryClause(f.scope);
  if (scope) parts.push(scope);
  const r = await sql<CircuitEdgeRow>`
    with tour as (
      select tt.trade_id, t.distance_km * tt.mass_kg
               / nullif(sum(tt.mass_kg) over (partition by tt.trip_id), 0) as share_km
      from trip_trade tt join trip t on t.id = tt.trip_id
      where t.mode = 'shared_tour' and t.distance_km is not null
    )
    select r.origin_site_id, s.name as origin_name,
           min(r.origin_lat)::float8 as origin_lat, min(r.origin_lon)::float8 as origin_lon,
           r.destination_key,
           min(r.destination_site_id::text)::uuid as destination_site_id,
           max(r.destination_label) as destination_label,
           max(r.destination_lat)::float8 as destination_lat,
           max(r.destination_lon)::float8 as destination_lon,
           count(*)::int8 as trades,
           sum(r.mass_kg)::float8 as mass_kg,
           (count(*) filter (where r.distance_km < ${f.shortCircuitKm}))::int8 as short_trades,
           (count(tour.trade_id))::int8 as tour_trades,
           coalesce(sum(2 * r.distance_km - tour.share_km) filter (where tour.trade_id is not null), 0)::float8
             as km_avoided
    from impact_record r
    join site s on s.id = r.origin_site_id
    left join tour on tour.trade_id = r.trade_id
    where ${sql.join(parts, sql` and `)}
    group by r.origin_site_id, s.name, r.destination_key
    order by sum(r.mass_kg) desc, r.origin_site_id, r.destination_key
    limit ${limit}`.execute(db);
  return r.rows;
}
