import { type Insertable, type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import type { Database } from '../database.ts';
import type { FactorSet, ImpactRecord, ImpactRecordRevision, Trip, TripTrade } from '../schema.generated.ts';
import { insertStatement } from './impact-rollups.ts';

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

// The other impact reads and writes, one file per job, under this one namespace (impactRepository).
export * from './impact-query.repository.ts';
export * from './impact-recompute.repository.ts';
export { MEDIUM_KM, SHORT_KM } from './impact-rollups.ts';
export * from './trip.repository.ts';
