import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import type { Database } from '../database.ts';
import type { SignInThrottle } from '../schema.generated.ts';

type Db = Kysely<Database> | Transaction<Database>;
export type ThrottleRow = Selectable<SignInThrottle>;

/**
 * How one throttle key counts attempts.
 * - `backoff`: `max` attempts, then each further one blocks for `windowMs × 2^(n − max)`, at most
 *   `maxBlockMs`; the count starts again after `windowMs` without attempts once any block ended.
 *   `window_started_at` is then the time of the last counted attempt.
 * - `fixed`: `max` attempts per fixed window starting at the first one; the attempt that reaches
 *   the maximum blocks the key until the window ends.
 */
export type ThrottleRule =
  | { kind: 'backoff'; max: number; windowMs: number; maxBlockMs: number }
  | { kind: 'fixed'; max: number; windowMs: number };

export type AttemptResult = { allowed: true } | { allowed: false; blockedUntil: Date };

const ms = (n: number) => sql`(${Math.round(n)}::double precision * interval '1 millisecond')`;

/**
 * Counts one attempt on `key` and says whether it may proceed, in ONE statement: the upsert locks
 * the row, so concurrent attempts see each other's increments and at most `max` get through before
 * a block. An attempt refused because the key is blocked changes nothing (the `where` of the update
 * is false and no row comes back), so hammering a blocked key does not extend the block.
 */
export async function recordAttempt(
  db: Db,
  key: string,
  now: Date,
  rule: ThrottleRule,
): Promise<AttemptResult> {
  const t = sql`sign_in_throttle`;
  const at = sql`${now}::timestamptz`;
  const max = sql`${rule.max}::int`;
  const stale =
    rule.kind === 'backoff'
      ? sql`greatest(${t}.window_started_at, ${t}.blocked_until) <= ${at} - ${ms(rule.windowMs)}`
      : sql`${t}.window_started_at <= ${at} - ${ms(rule.windowMs)}`;
  const next = sql`(case when ${stale} then 1 else ${t}.failures + 1 end)`;
  const windowStart =
    rule.kind === 'backoff' ? at : sql`(case when ${stale} then ${at} else ${t}.window_started_at end)`;
  // The block that the n-th attempt sets in advance (it is lifted if the attempt succeeds).
  const blockFrom = (n: ReturnType<typeof sql>, start: ReturnType<typeof sql>) =>
    rule.kind === 'backoff'
      ? sql`${at} + least(${ms(rule.windowMs)} * power(2, least(${n} - ${max}, 40)), ${ms(rule.maxBlockMs)})`
      : sql`${start} + ${ms(rule.windowMs)}`;
  const insertBlock = sql`(case when 1 >= ${max} then ${blockFrom(sql`1`, at)} end)`;
  const updateBlock =
    rule.kind === 'backoff'
      ? sql`(case when ${next} >= ${max} then ${blockFrom(next, windowStart)} when ${stale} then null else ${t}.blocked_until end)`
      : sql`(case when ${next} >= ${max} then ${blockFrom(next, windowStart)} end)`;
  const result = await sql<{ failures: number }>`
    insert into sign_in_throttle (key, failures, window_started_at, blocked_until)
    values (${key}, 1, ${at}, ${insertBlock})
    on conflict (key) do update set
      failures = ${next},
      window_started_at = ${windowStart},
      blocked_until = ${updateBlock}
    where ${t}.blocked_until is null or ${t}.blocked_until <= ${at}
    returning failures`.execute(db);
  if (result.rows.length > 0) return { allowed: true };
  const row = await findThrottle(db, key);
  const until =
    row?.blocked_until && row.blocked_until > now ? row.blocked_until : new Date(now.getTime() + 1000);
  return { allowed: false, blockedUntil: until };
}

/**
 * Takes back one counted attempt that turned out not to be a failed password (a success, a
 * malformed request…), and lifts the block it set in advance.
 */
export async function refundAttempt(db: Db, key: string, now: Date): Promise<void> {
  await db
    .updateTable('sign_in_throttle')
    .set({
      failures: sql`greatest(failures - 1, 0)`,
      blocked_until: sql`case when blocked_until > ${now}::timestamptz then ${now}::timestamptz else blocked_until end`,
    })
    .where('key', '=', key)
    .execute();
}

export async function findThrottle(db: Db, key: string): Promise<ThrottleRow | undefined> {
  return db.selectFrom('sign_in_throttle').selectAll().where('key', '=', key).executeTakeFirst();
}

export async function deleteThrottle(db: Db, key: string): Promise<void> {
  await db.deleteFrom('sign_in_throttle').where('key', '=', key).execute();
}

/**
 * Deletes the keys whose last attempt and block both ended before `before`: a key that old counts
 * again from one at its next attempt, exactly as a missing row does. Returns how many went.
 */
export async function deleteStaleThrottles(db: Db, before: Date): Promise<number> {
  const result = await db
    .deleteFrom('sign_in_throttle')
    .where(
      sql<boolean>`greatest(window_started_at, coalesce(blocked_until, window_started_at)) <= ${before}::timestamptz`,
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
