import { type Kysely, type SelectQueryBuilder, sql, type Transaction } from 'kysely';
import type { Database } from '../database.ts';
import type { LotRow } from './lot.repository.ts';
import type { TradeRow } from './trade.repository.ts';
import type { WantedRequestRow } from './wanted-request.repository.ts';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Keyset pages of the lists a user scrolls (« Mes échanges », a site's lots, my requests): newest
 * first on (created_at, id), which never changes once a row exists, so a row inserted or updated
 * while someone pages neither repeats nor pushes another out. The cursor carries `created_at` as
 * PostgreSQL prints it (microseconds, which a JS Date would round away) and the id.
 */
export interface Keyset {
  key: string;
  id: string;
}

export type Paged<R> = R & { sort_key: string };

function keyset<DB, TB extends keyof DB, O>(
  q: SelectQueryBuilder<DB, TB, O>,
  table: string,
  after: Keyset | undefined,
  limit: number,
) {
  const createdAt = sql.ref(`${table}.created_at`);
  const id = sql.ref(`${table}.id`);
  let page = q.select(sql<string>`${createdAt}::text`.as('sort_key'));
  if (after)
    page = page.where(sql<boolean>`(${createdAt}, ${id}) < (${after.key}::timestamptz, ${after.id}::uuid)`);
  return page.orderBy(sql`${createdAt}`, 'desc').orderBy(sql`${id}`, 'desc').limit(limit);
}

export interface TradePageFilter {
  userId: string;
  /** Sites the user is a member of (seller side). */
  sellerSiteIds: string[];
  role: 'all' | 'buyer' | 'seller';
  /** Only trades in these states; undefined = any. */
  states?: string[] | undefined;
  /**
   * "Waiting on me": the states in which each side has something to do (derived from the trade
   * table by the caller); a pickup proposal waits on the party that did not make it.
   */
  action?: { buyer: string[]; seller: string[] } | undefined;
}

export async function listTradesPage(
  db: Db,
  f: TradePageFilter,
  after: Keyset | undefined,
  limit: number,
): Promise<Paged<TradeRow>[]> {
  const asBuyer = f.role !== 'seller';
  const asSeller = f.role !== 'buyer' && f.sellerSiteIds.length > 0;
  if (!asBuyer && !asSeller) return [];
  let q = db.selectFrom('trade').selectAll('trade');
  q = q.where((eb) => {
    const sides = [];
    if (asBuyer) {
      const mine = eb('trade.buyer_user_id', '=', f.userId);
      sides.push(
        f.action
          ? eb.and([
              mine,
              eb.or([
                eb(
                  'trade.state',
                  'in',
                  (f.action.buyer.length ? f.action.buyer : ['-']) as TradeRow['state'][],
                ),
                eb.and([
                  eb('trade.state', '=', 'pickup_proposed'),
                  eb('trade.pickup_proposed_by', '=', 'seller'),
                ]),
              ]),
            ])
          : mine,
      );
    }
    if (asSeller) {
      const mine = eb('trade.seller_site_id', 'in', f.sellerSiteIds);
      sides.push(
        f.action
          ? eb.and([
              mine,
              eb.or([
                eb(
                  'trade.state',
                  'in',
                  (f.action.seller.length ? f.action.seller : ['-']) as TradeRow['state'][],
                ),
                eb.and([
                  eb('trade.state', '=', 'pickup_proposed'),
                  eb('trade.pickup_proposed_by', '=', 'buyer'),
                ]),
              ]),
            ])
          : mine,
      );
    }
    return eb.or(sides);
  });
  if (f.states) q = q.where('trade.state', 'in', (f.states.length ? f.states : ['-']) as TradeRow['state'][]);
  return (await keyset(q, 'trade', after, limit).execute()) as Paged<TradeRow>[];
}

/**
 * A site's lots over `q` (a select from `lot` with the columns the caller needs), a keyset page;
 * `statuses` undefined = every status (its members), else only those.
 */
export function siteLotsPage<O>(
  q: SelectQueryBuilder<Database, 'lot', O>,
  siteId: string,
  statuses: string[] | undefined,
  after: Keyset | undefined,
  limit: number,
) {
  let page = q.where('lot.site_id', '=', siteId);
  if (statuses)
    page = page.where('lot.status', 'in', (statuses.length ? statuses : ['-']) as LotRow['status'][]);
  return keyset(page, 'lot', after, limit);
}

export async function listRequestsOfUserPage(
  db: Db,
  userId: string,
  status: string | undefined,
  after: Keyset | undefined,
  limit: number,
): Promise<Paged<WantedRequestRow>[]> {
  let q = db
    .selectFrom('wanted_request')
    .selectAll('wanted_request')
    .where('wanted_request.requester_id', '=', userId);
  if (status) q = q.where('wanted_request.status', '=', status as WantedRequestRow['status']);
  return (await keyset(q, 'wanted_request', after, limit).execute()) as Paged<WantedRequestRow>[];
}
