import { type Insertable, type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import type { Database } from '../database.ts';
import type { Notification } from '../schema.generated.ts';

type Db = Kysely<Database> | Transaction<Database>;
export type NoticeRow = Selectable<Notification>;

/**
 * Records a notice once: a second insert with the same `dedupe_key` (a retried job, the same
 * event twice) does nothing and returns undefined.
 */
export async function insertNotice(
  db: Db,
  row: Insertable<Notification> & { dedupe_key: string },
): Promise<NoticeRow | undefined> {
  return db
    .insertInto('notification')
    .values(row)
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returningAll()
    .executeTakeFirst();
}

/**
 * Several notices in one statement; a notice whose `dedupe_key` is already recorded (or repeated
 * in the list) is skipped. Returns the notices recorded now, in no particular order.
 */
export async function insertNotices(
  db: Db,
  rows: (Insertable<Notification> & { dedupe_key: string })[],
): Promise<NoticeRow[]> {
  if (rows.length === 0) return [];
  return db
    .insertInto('notification')
    .values(rows)
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returningAll()
    .execute();
}

export async function markNoticesEmailed(db: Db, ids: string[], at: Date): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('notification').set({ emailed_at: at }).where('id', 'in', ids).execute();
}

/**
 * One page of a user's notices, newest first. Keyset paging on (created_at, id): a page never
 * repeats or skips a notice however many arrive meanwhile.
 */
export async function listNotices(
  db: Db,
  userId: string,
  options: { limit: number; before?: { createdAt: Date; id: string } | undefined },
): Promise<NoticeRow[]> {
  let q = db
    .selectFrom('notification')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(options.limit);
  const before = options.before;
  if (before) {
    q = q.where((eb) =>
      eb.or([
        eb('created_at', '<', before.createdAt),
        eb.and([eb('created_at', '=', before.createdAt), eb('id', '<', before.id)]),
      ]),
    );
  }
  return q.execute();
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

/** Marks the user's own notices read (another user's ids change nothing). */
export async function markRead(db: Db, userId: string, ids: string[] | 'all', at: Date): Promise<void> {
  if (ids !== 'all' && ids.length === 0) return;
  let q = db
    .updateTable('notification')
    .set({ read_at: at })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null);
  if (ids !== 'all') q = q.where('id', 'in', ids);
  await q.execute();
}

export async function listPreferences(db: Db, userId: string): Promise<{ kind: string; mode: string }[]> {
  return db
    .selectFrom('notification_preference')
    .select(['kind', 'mode'])
    .where('user_id', '=', userId)
    .execute();
}

export async function findPreference(db: Db, userId: string, kind: string): Promise<string | undefined> {
  const r = await db
    .selectFrom('notification_preference')
    .select('mode')
    .where('user_id', '=', userId)
    .where('kind', '=', kind)
    .executeTakeFirst();
  return r?.mode;
}

/** The chosen modes of several users for several kinds, in one query (`user_id`, `kind`, `mode` rows). */
export async function findPreferences(
  db: Db,
  userIds: string[],
  kinds: string[],
): Promise<{ user_id: string; kind: string; mode: string }[]> {
  if (userIds.length === 0 || kinds.length === 0) return [];
  return db
    .selectFrom('notification_preference')
    .select(['user_id', 'kind', 'mode'])
    .where('user_id', 'in', [...new Set(userIds)])
    .where('kind', 'in', [...new Set(kinds)])
    .execute();
}

export async function upsertPreferences(
  db: Db,
  userId: string,
  rows: { kind: string; mode: string }[],
  at: Date,
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('notification_preference')
    .values(rows.map((r) => ({ user_id: userId, kind: r.kind, mode: r.mode, updated_at: at })))
    .onConflict((oc) =>
      oc.columns(['user_id', 'kind']).doUpdateSet((eb) => ({
        mode: eb.ref('excluded.mode'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
}

/** Notices waiting for the daily digest, oldest first, with their recipient's address. */
export async function pendingDigestNotices(
  db: Db,
  limit: number,
): Promise<(NoticeRow & { email: string; name: string })[]> {
  return db
    .selectFrom('notification')
    .innerJoin('auth_user', 'auth_user.id', 'notification.user_id')
    .selectAll('notification')
    .select(['auth_user.email as email', 'auth_user.name as name'])
    .where('notification.email_mode', '=', 'digest')
    .where('notification.emailed_at', 'is', null)
    .orderBy('notification.created_at')
    .orderBy('notification.id')
    .limit(limit)
    .execute();
}

/** Claims today's digest for a user; false when one was already sent today. */
export async function claimUserDigest(
  db: Db,
  userId: string,
  day: string,
  notices: number,
): Promise<boolean> {
  const r = await db
    .insertInto('notification_digest')
    .values({ user_id: userId, sent_on: sql<Date>`${day}::date`, notices })
    .onConflict((oc) => oc.columns(['user_id', 'sent_on']).doNothing())
    .returning('user_id')
    .executeTakeFirst();
  return r !== undefined;
}

export interface NoticeUser {
  id: string;
  email: string;
  name: string;
}

export async function findNoticeUsers(db: Db, ids: string[]): Promise<NoticeUser[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('auth_user')
    .select(['id', 'email', 'name'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
}

/** The members of a site, as they are now (someone who left is not among them). */
export async function siteMemberUsers(db: Db, siteId: string): Promise<NoticeUser[]> {
  return db
    .selectFrom('site_member')
    .innerJoin('auth_user', 'auth_user.id', 'site_member.user_id')
    .select(['auth_user.id as id', 'auth_user.email as email', 'auth_user.name as name'])
    .where('site_member.site_id', '=', siteId)
    .orderBy('site_member.created_at')
    .execute();
}

/** The platform's operators (admins), who settle disputes. */
export async function operatorUsers(db: Db): Promise<NoticeUser[]> {
  return db
    .selectFrom('user_profile')
    .innerJoin('auth_user', 'auth_user.id', 'user_profile.user_id')
    .select(['auth_user.id as id', 'auth_user.email as email', 'auth_user.name as name'])
    .where(sql<boolean>`'admin' = any(user_profile.roles)`)
    .orderBy('auth_user.id')
    .limit(50)
    .execute();
}

/** An event of a trade with what a notice needs to tell of it. */
export async function findTradeEventContext(db: Db, eventId: string) {
  return db
    .selectFrom('trade_event')
    .innerJoin('trade', 'trade.id', 'trade_event.trade_id')
    .innerJoin('lot', 'lot.id', 'trade.lot_id')
    .innerJoin('site', 'site.id', 'trade.seller_site_id')
    .innerJoin('auth_user as buyer', 'buyer.id', 'trade.buyer_user_id')
    .select([
      'trade_event.id as eventId',
      'trade_event.trade_id as tradeId',
      'trade_event.seq as seq',
      'trade_event.transition as transition',
      'trade_event.to_state as toState',
      'trade_event.actor_role as actorRole',
      'trade_event.actor_user_id as actorUserId',
      'trade_event.params as params',
      'trade_event.created_at as at',
      'trade.state as tradeState',
      'trade.seller_site_id as sellerSiteId',
      'trade.buyer_user_id as buyerUserId',
      'trade.quantity as quantity',
      'trade.unit as unit',
      'trade.total_cents as totalCents',
      'trade.pickup_start as pickupStart',
      'trade.pickup_end as pickupEnd',
      'lot.id as lotId',
      'lot.title as lotTitle',
      'lot.status as lotStatus',
      'site.name as siteName',
      'buyer.name as buyerName',
    ])
    .select((eb) =>
      eb
        .selectFrom('trade_event as later')
        .select((e) => e.fn.max('later.seq').as('m'))
        .whereRef('later.trade_id', '=', 'trade_event.trade_id')
        .as('lastSeq'),
    )
    .where('trade_event.id', '=', eventId)
    .executeTakeFirst();
}

/**
 * Trades whose next step is the user's: as buyer, a payment to make, a slot the seller proposed,
 * a receipt to confirm; as a member of the seller site, a request to answer, a slot the buyer
 * proposed.
 */
export async function countTradesWaitingOn(db: Db, userId: string): Promise<number> {
  const r = await db
    .selectFrom('trade')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where((eb) =>
      eb.or([
        eb.and([
          eb('buyer_user_id', '=', userId),
          eb.or([
            eb('state', 'in', ['payment_pending', 'handed_over']),
            eb.and([eb('state', '=', 'pickup_proposed'), eb('pickup_proposed_by', '=', 'seller')]),
          ]),
        ]),
        eb.and([
          eb(
            'seller_site_id',
            'in',
            eb.selectFrom('site_member').select('site_id').where('user_id', '=', userId),
          ),
          eb.or([
            eb('state', '=', 'requested'),
            eb.and([eb('state', '=', 'pickup_proposed'), eb('pickup_proposed_by', '=', 'buyer')]),
          ]),
        ]),
      ]),
    )
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
