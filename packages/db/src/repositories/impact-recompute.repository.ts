/** Recomputing stored impact records (a new method version, a trip whose shares changed). */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../database.ts';
import type { ImpactRecordRevisionRow, ImpactRecordRow } from './impact.repository.ts';
import {
  addExcluded,
  FLOW_KEY,
  ids,
  MONTHLY_KEY,
  MONTHLY_MEASURES,
  monthlySums,
  SITE_FLOW_KEY,
} from './impact-rollups.ts';

type Db = Kysely<Database> | Transaction<Database>;

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
