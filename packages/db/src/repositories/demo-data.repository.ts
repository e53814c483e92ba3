import { type ExpressionBuilder, type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../database.ts';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * The demo rows: sites, lots, wanted requests, user profiles and impact records carry `is_demo`;
 * a trade is demo when its seller site, its lot or its buyer is. Everything else that belongs to
 * them goes through their foreign keys.
 */
export interface DemoDataCounts {
  sites: number;
  lots: number;
  requests: number;
  users: number;
  trades: number;
}

/** Sites marked demo: the loader has run once they exist. */
export async function countDemoSites(db: Db): Promise<number> {
  const r = await db
    .selectFrom('site')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('is_demo', '=', true)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Rows NOT marked demo, per kind: the demo loader refuses to run next to them unless forced. */
export async function countNonDemo(db: Db): Promise<DemoDataCounts> {
  const [sites, lots, requests, users, trades] = await Promise.all(
    [
      db
        .selectFrom('site')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('is_demo', '=', false),
      db
        .selectFrom('lot')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('is_demo', '=', false),
      db
        .selectFrom('wanted_request')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('is_demo', '=', false),
      // A user without a profile row is not demo either.
      db
        .selectFrom('auth_user')
        .leftJoin('user_profile', 'user_profile.user_id', 'auth_user.id')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where((eb) =>
          eb.or([eb('user_profile.is_demo', 'is', null), eb('user_profile.is_demo', '=', false)]),
        ),
      db
        .selectFrom('trade')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where((eb) => eb.not(demoTrade(eb))),
    ].map((q) => q.executeTakeFirstOrThrow().then((r) => Number(r.n))),
  );
  return { sites: sites!, lots: lots!, requests: requests!, users: users!, trades: trades! };
}

/** A trade is demo when its seller site, its lot or its buyer is demo. */
function demoTrade(eb: ExpressionBuilder<Database, 'trade'>) {
  return eb.or([
    eb(
      'trade.seller_site_id',
      'in',
      eb.selectFrom('site').select('site.id').where('site.is_demo', '=', true),
    ),
    eb('trade.lot_id', 'in', eb.selectFrom('lot').select('lot.id').where('lot.is_demo', '=', true)),
    eb(
      'trade.buyer_user_id',
      'in',
      eb.selectFrom('user_profile').select('user_profile.user_id').where('user_profile.is_demo', '=', true),
    ),
  ]);
}

/**
 * Removes exactly the demo rows, in one transaction: pooled tours of demo depots, coordinators
 * or trades; demo trades (with their ledger entries — the journal's append-only trigger is
 * lifted for that statement only, inside the transaction — events, messages, timers, tour stops,
 * trips whose every trade was demo), demo impact records and the monthly aggregates of demo
 * sites, demo lots and requests, demo sites (their opening hours go by cascade), then demo users
 * (their sessions, memberships, notifications, saved searches and offers go by cascade).
 * Mail addressed to demo users is dropped from the outbox. Returns what was removed.
 */
export async function removeDemoData(trx: Transaction<Database>): Promise<DemoDataCounts> {
  const demoTradeIds = (
    await trx
      .selectFrom('trade')
      .select('trade.id')
      .where((eb) => demoTrade(eb))
      .execute()
  ).map((r) => r.id);
  const demoSiteIds = (await trx.selectFrom('site').select('id').where('is_demo', '=', true).execute()).map(
    (r) => r.id,
  );
  const demoUsers = await trx
    .selectFrom('user_profile')
    .innerJoin('auth_user', 'auth_user.id', 'user_profile.user_id')
    .select(['auth_user.id', 'auth_user.email'])
    .where('user_profile.is_demo', '=', true)
    .execute();
  // Pooled tours from a demo depot, by a demo coordinator, or over demo trades only (their stops
  // go with the trades; a tour of real trades keeps its real stops).
  const demoUserIds = demoUsers.map((u) => u.id);
  const tourIds = (
    await trx
      .selectFrom('pooled_tour')
      .select('pooled_tour.id')
      .where((eb) =>
        eb.or([
          ...(demoSiteIds.length > 0 ? [eb('depot_site_id', 'in', demoSiteIds)] : []),
          ...(demoUserIds.length > 0 ? [eb('coordinator_user_id', 'in', demoUserIds)] : []),
          ...(demoTradeIds.length > 0
            ? [
                eb.and([
                  eb.exists(
                    eb
                      .selectFrom('pooled_tour_stop')
                      .select('tour_id')
                      .whereRef('tour_id', '=', 'pooled_tour.id'),
                  ),
                  eb.not(
                    eb.exists(
                      eb
                        .selectFrom('pooled_tour_stop')
                        .select('tour_id')
                        .whereRef('tour_id', '=', 'pooled_tour.id')
                        .where('trade_id', 'not in', demoTradeIds),
                    ),
                  ),
                ]),
              ]
            : []),
        ]),
      )
      .execute()
  ).map((r) => r.id);
  if (tourIds.length > 0) await trx.deleteFrom('pooled_tour').where('id', 'in', tourIds).execute();
  if (demoTradeIds.length > 0) {
    const tripIds = (
      await trx.selectFrom('trip_trade').select('trip_id').where('trade_id', 'in', demoTradeIds).execute()
    ).map((r) => r.trip_id);
    await sql`alter table ledger_entry disable trigger ledger_entry_append_only`.execute(trx);
    await trx.deleteFrom('ledger_entry').where('trade_id', 'in', demoTradeIds).execute();
    await sql`alter table ledger_entry enable trigger ledger_entry_append_only`.execute(trx);
    await trx.deleteFrom('impact_record').where('trade_id', 'in', demoTradeIds).execute();
    await trx.deleteFrom('trade').where('id', 'in', demoTradeIds).execute();
    if (tripIds.length > 0) {
      await trx
        .deleteFrom('trip')
        .where('id', 'in', tripIds)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('trip_trade')
                .select('trip_trade.trip_id')
                .whereRef('trip_trade.trip_id', '=', 'trip.id'),
            ),
          ),
        )
        .execute();
    }
  }
  await trx.deleteFrom('impact_record').where('is_demo', '=', true).execute();
  if (demoSiteIds.length > 0) {
    await trx.deleteFrom('impact_monthly').where('origin_site_id', 'in', demoSiteIds).execute();
    await trx.deleteFrom('impact_flow_monthly').where('origin_site_id', 'in', demoSiteIds).execute();
    await trx.deleteFrom('impact_site_flow_monthly').where('origin_site_id', 'in', demoSiteIds).execute();
  }
  const requests = await trx.deleteFrom('wanted_request').where('is_demo', '=', true).executeTakeFirst();
  const lots = await trx.deleteFrom('lot').where('is_demo', '=', true).executeTakeFirst();
  const sites = await trx.deleteFrom('site').where('is_demo', '=', true).executeTakeFirst();
  if (demoUsers.length > 0) {
    await trx
      .deleteFrom('mail_outbox')
      .where(
        'to_address',
        'in',
        demoUsers.map((u) => u.email),
      )
      .execute();
    await trx
      .deleteFrom('auth_user')
      .where(
        'id',
        'in',
        demoUsers.map((u) => u.id),
      )
      .execute();
  }
  return {
    sites: Number(sites.numDeletedRows),
    lots: Number(lots.numDeletedRows),
    requests: Number(requests.numDeletedRows),
    users: demoUsers.length,
    trades: demoTradeIds.length,
  };
}
