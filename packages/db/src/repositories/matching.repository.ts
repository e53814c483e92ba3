import { type Insertable, type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import type { Database } from '../database.ts';
import type { AllocationFlow, AllocationRun, Notification } from '../schema.generated.ts';
import type { WantedRequestRow } from './wanted-request.repository.ts';

type Db = Kysely<Database> | Transaction<Database>;
export type NotificationRow = Selectable<Notification>;
export type AllocationRunRow = Selectable<AllocationRun>;
export type AllocationFlowRow = Selectable<AllocationFlow>;

/** Open requests whose own radius reaches the point and that accept one of these materials. */
export async function openRequestsReaching(
  db: Db,
  point: { lat: number; lon: number },
  materialKeys: string[],
  maxRadiusKm: number,
): Promise<(WantedRequestRow & { distance_m: number })[]> {
  const center = sql`ll_to_earth(${point.lat}, ${point.lon})`;
  return db
    .selectFrom('wanted_request')
    .selectAll()
    .select(sql<number>`earth_distance(${center}, wanted_request.earth_point)`.as('distance_m'))
    .where('status', '=', 'open')
    .where(sql<boolean>`earth_box(${center}, ${maxRadiusKm * 1000}) @> wanted_request.earth_point`)
    .where(
      sql<boolean>`earth_distance(${center}, wanted_request.earth_point) <= wanted_request.max_distance_km * 1000`,
    )
    .where(sql<boolean>`material_keys && ${sql.val(materialKeys)}::text[]`)
    .orderBy(sql`wanted_request.earth_point <-> ${center}`)
    .limit(500)
    .execute();
}

/** Records "this lot fits these requests" in one statement; returns how many were new (never twice per request and lot). */
export async function insertMatchNotifications(db: Db, rows: Insertable<Notification>[]): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await db
    .insertInto('notification')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['request_id', 'lot_id']).where('kind', '=', 'lot_matches_request').doNothing(),
    )
    .returning('id')
    .execute();
  return inserted.length;
}

export async function listNotifications(db: Db, userId: string, limit: number): Promise<NotificationRow[]> {
  return db
    .selectFrom('notification')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function countUnread(db: Db, userId: string): Promise<number> {
  const r = await db
    .selectFrom('notification')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function markRead(db: Db, userId: string, ids: string[] | 'all', at: Date): Promise<void> {
  let q = db
    .updateTable('notification')
    .set({ read_at: at })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null);
  if (ids !== 'all') q = q.where('id', 'in', ids.length > 0 ? ids : ['00000000-0000-0000-0000-000000000000']);
  await q.execute();
}

/** Notifications not yet e-mailed, with their request, grouped by the caller. */
export async function pendingDigestNotifications(
  db: Db,
): Promise<(NotificationRow & { request_title: string; email: string })[]> {
  return db
    .selectFrom('notification')
    .innerJoin('wanted_request', 'wanted_request.id', 'notification.request_id')
    .innerJoin('auth_user', 'auth_user.id', 'notification.user_id')
    .selectAll('notification')
    .select(['wanted_request.title as request_title', 'auth_user.email as email'])
    .where('notification.kind', '=', 'lot_matches_request')
    .where('notification.emailed_at', 'is', null)
    .orderBy('notification.created_at')
    .execute();
}

/** Claims today's digest for a request; false when one was already sent today. */
export async function claimDigest(db: Db, requestId: string, day: string, lots: number): Promise<boolean> {
  const r = await db
    .insertInto('request_digest')
    .values({ request_id: requestId, sent_on: sql<string>`${day}::date`, lots })
    .onConflict((oc) => oc.columns(['request_id', 'sent_on']).doNothing())
    .returning('request_id')
    .executeTakeFirst();
  return r !== undefined;
}

export async function markEmailed(db: Db, ids: string[], at: Date): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('notification').set({ emailed_at: at }).where('id', 'in', ids).execute();
}

/** Starts a run for a scope, or returns the one already queued or running for it. */
export async function startAllocationRun(
  db: Db,
  row: {
    scope: string;
    region_code: string | null;
    started_by: string | null;
    /** Leave out the pairs whose transport exceeds what they avoid (docs/impact-method.md §9). */
    leave_out_losing_pairs?: boolean;
  },
): Promise<{ run: AllocationRunRow; created: boolean }> {
  const inserted = await db
    .insertInto('allocation_run')
    .values({ ...row, status: 'queued' })
    .onConflict((oc) => oc.column('scope').where('status', 'in', ['queued', 'running']).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) return { run: inserted, created: true };
  const active = await db
    .selectFrom('allocation_run')
    .selectAll()
    .where('scope', '=', row.scope)
    .where('status', 'in', ['queued', 'running'])
    .executeTakeFirstOrThrow();
  return { run: active, created: false };
}

export async function updateAllocationRun(
  db: Db,
  id: string,
  patch: Partial<
    Pick<AllocationRunRow, 'status' | 'progress' | 'totals' | 'error' | 'finished_at' | 'attempts'>
  >,
): Promise<void> {
  const { totals, ...rest } = patch;
  await db
    .updateTable('allocation_run')
    .set({
      ...rest,
      // jsonb as JSON text, like every JSON document we write.
      ...(totals === undefined ? {} : { totals: totals === null ? null : JSON.stringify(totals) }),
    })
    .where('id', '=', id)
    .execute();
}

/**
 * `updateAllocationRun` for a run still being solved: a run already stored (`done`) is left as it is, and
 * false says so. Two executions of one run (a job retried while the first still runs) must not turn the
 * first one's stored result back into `running` or `failed`.
 */
export async function advanceAllocationRun(
  db: Db,
  id: string,
  patch: Partial<Pick<AllocationRunRow, 'status' | 'progress' | 'error' | 'finished_at' | 'attempts'>>,
): Promise<boolean> {
  const result = await db
    .updateTable('allocation_run')
    .set(patch)
    .where('id', '=', id)
    .where('status', '<>', 'done')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function findAllocationRun(db: Db, id: string): Promise<AllocationRunRow | undefined> {
  return db.selectFrom('allocation_run').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The run, locked until the transaction ends (two workers storing the same run take turns). */
export async function lockAllocationRun(
  trx: Transaction<Database>,
  id: string,
): Promise<AllocationRunRow | undefined> {
  return trx.selectFrom('allocation_run').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** The latest runs, all of them (`regionCodes` null) or only those of the given regions. */
export async function latestAllocationRuns(
  db: Db,
  limit: number,
  regionCodes: readonly string[] | null = null,
): Promise<AllocationRunRow[]> {
  if (regionCodes !== null && regionCodes.length === 0) return [];
  let q = db.selectFrom('allocation_run').selectAll();
  if (regionCodes !== null) q = q.where('region_code', 'in', [...regionCodes]);
  return q.orderBy('created_at', 'desc').limit(limit).execute();
}

/** Replaces the flows of a run (a retried run never duplicates its proposals). */
export async function replaceAllocationFlows(
  db: Db,
  runId: string,
  flows: Insertable<AllocationFlow>[],
): Promise<void> {
  await db.deleteFrom('allocation_flow').where('run_id', '=', runId).execute();
  for (let i = 0; i < flows.length; i += 1000) {
    await db
      .insertInto('allocation_flow')
      .values(flows.slice(i, i + 1000))
      .execute();
  }
}

export async function listAllocationFlows(db: Db, runId: string, baseline: boolean) {
  return db
    .selectFrom('allocation_flow')
    .innerJoin('lot', 'lot.id', 'allocation_flow.lot_id')
    .innerJoin('wanted_request', 'wanted_request.id', 'allocation_flow.request_id')
    .innerJoin('site', 'site.id', 'lot.site_id')
    .select([
      'allocation_flow.lot_id as lotId',
      'allocation_flow.request_id as requestId',
      'allocation_flow.kg as kg',
      'allocation_flow.distance_km as distanceKm',
      'allocation_flow.decision as decision',
      'lot.title as lotTitle',
      'lot.lat as fromLat',
      'lot.lon as fromLon',
      'site.name as siteName',
      'wanted_request.title as requestTitle',
      'wanted_request.lat as toLat',
      'wanted_request.lon as toLon',
      'wanted_request.requester_id as requesterId',
      'lot.site_id as siteId',
    ])
    .where('allocation_flow.run_id', '=', runId)
    .where('allocation_flow.baseline', '=', baseline)
    .orderBy('allocation_flow.kg', 'desc')
    .execute();
}

export async function setFlowDecision(
  db: Db,
  key: { runId: string; lotId: string; requestId: string },
  decision: 'accepted' | 'ignored',
): Promise<number> {
  const r = await db
    .updateTable('allocation_flow')
    .set({ decision })
    .where('run_id', '=', key.runId)
    .where('lot_id', '=', key.lotId)
    .where('request_id', '=', key.requestId)
    .where('baseline', '=', false)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Everything an allocation needs: open lots with a known mass and open requests, in a region. */
export async function allocationInputs(db: Db, regionCode: string | null) {
  let lots = db
    .selectFrom('lot')
    .innerJoin('site', 'site.id', 'lot.site_id')
    .select([
      'lot.id',
      'lot.material_key',
      'lot.family_key',
      'lot.unit',
      'lot.quantity',
      'lot.quantity_reserved',
      'lot.quantity_sold',
      'lot.mass_kg',
      'lot.length_mm',
      'lot.lat',
      'lot.lon',
    ])
    .where('lot.status', '=', 'published')
    .where('lot.mass_kg', 'is not', null);
  let requests = db.selectFrom('wanted_request').selectAll().where('wanted_request.status', '=', 'open');
  if (regionCode) {
    lots = lots.where('site.region_code', '=', regionCode);
    requests = requests.where('wanted_request.region_code', '=', regionCode);
  }
  return { lots: await lots.execute(), requests: await requests.execute() };
}

/** Proposed flows of finished runs that concern a user: as requester, or as a member of the lot's site. */
export async function flowsForUser(db: Db, userId: string, limit: number) {
  return db
    .selectFrom('allocation_flow')
    .innerJoin('allocation_run', 'allocation_run.id', 'allocation_flow.run_id')
    .innerJoin('lot', 'lot.id', 'allocation_flow.lot_id')
    .innerJoin('site', 'site.id', 'lot.site_id')
    .innerJoin('wanted_request', 'wanted_request.id', 'allocation_flow.request_id')
    .select([
      'allocation_flow.run_id as runId',
      'allocation_flow.lot_id as lotId',
      'allocation_flow.request_id as requestId',
      'allocation_flow.kg as kg',
      'allocation_flow.distance_km as distanceKm',
      'allocation_flow.decision as decision',
      'lot.title as lotTitle',
      'site.name as siteName',
      'wanted_request.title as requestTitle',
      'wanted_request.requester_id as requesterId',
      'allocation_run.finished_at as finishedAt',
    ])
    .where('allocation_run.status', '=', 'done')
    .where('allocation_flow.baseline', '=', false)
    .where((eb) =>
      eb.or([
        eb('wanted_request.requester_id', '=', userId),
        eb.exists(
          eb
            .selectFrom('site_member')
            .select('site_member.site_id')
            .whereRef('site_member.site_id', '=', 'lot.site_id')
            .where('site_member.user_id', '=', userId),
        ),
      ]),
    )
    .orderBy('allocation_run.finished_at', 'desc')
    .limit(limit)
    .execute();
}

/** Tells each requester of a finished run about the flows proposed to them. */
export async function notifyAllocation(db: Db, runId: string): Promise<number> {
  const flows = await db
    .selectFrom('allocation_flow')
    .innerJoin('wanted_request', 'wanted_request.id', 'allocation_flow.request_id')
    .innerJoin('lot', 'lot.id', 'allocation_flow.lot_id')
    .select([
      'wanted_request.requester_id as userId',
      'allocation_flow.request_id as requestId',
      'allocation_flow.lot_id as lotId',
      'allocation_flow.kg as kg',
      'allocation_flow.distance_km as distanceKm',
      'lot.title as lotTitle',
      'wanted_request.title as requestTitle',
    ])
    .where('allocation_flow.run_id', '=', runId)
    .where('allocation_flow.baseline', '=', false)
    .execute();
  if (flows.length === 0) return 0;
  await db
    .insertInto('notification')
    .values(
      flows.map((f) => ({
        user_id: f.userId,
        kind: 'allocation_proposal',
        request_id: f.requestId,
        lot_id: f.lotId,
        payload: JSON.stringify({
          runId,
          lotTitle: f.lotTitle,
          requestTitle: f.requestTitle,
          kg: f.kg,
          distanceKm: f.distanceKm,
        }),
      })),
    )
    .execute();
  return flows.length;
}
