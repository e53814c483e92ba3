import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import type { Database } from '../database.ts';
import type { UserProfile } from '../schema.generated.ts';

type Db = Kysely<Database> | Transaction<Database>;
export type UserProfileRow = Selectable<UserProfile>;

export interface UserWithProfile {
  id: string;
  name: string;
  email: string;
  emailVerified: boolean;
  createdAt: Date;
  profile: UserProfileRow;
}

/** Creates the profile row if missing, and returns it. */
export async function ensureProfile(db: Db, userId: string): Promise<UserProfileRow> {
  await db
    .insertInto('user_profile')
    .values({ user_id: userId })
    .onConflict((oc) => oc.column('user_id').doNothing())
    .execute();
  return db.selectFrom('user_profile').selectAll().where('user_id', '=', userId).executeTakeFirstOrThrow();
}

/**
 * A user and their profile: one query on every signed-in request (the profile row is made with the
 * account, so the insert of ensureProfile runs only for an account that somehow has none).
 */
export async function findUserWithProfile(db: Db, userId: string): Promise<UserWithProfile | undefined> {
  const row = await db
    .selectFrom('auth_user as u')
    .leftJoin('user_profile as p', 'p.user_id', 'u.id')
    .select(['u.id', 'u.name', 'u.email', 'u.emailVerified', 'u.createdAt'])
    .selectAll('p')
    .where('u.id', '=', userId)
    .executeTakeFirst();
  if (!row) return undefined;
  const { id, name, email, emailVerified, createdAt, ...profile } = row;
  const user = { id, name, email, emailVerified, createdAt };
  if (profile.user_id === null) return { ...user, profile: await ensureProfile(db, userId) };
  return { ...user, profile: profile as UserProfileRow };
}

/** Display names of several users (no profile row is created). */
export async function findUserNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('auth_user')
    .select(['id', 'name'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function findUserIdByEmail(db: Db, email: string): Promise<string | undefined> {
  const r = await db
    .selectFrom('auth_user')
    .select('id')
    .where(sql<string>`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst();
  return r?.id;
}

export async function updateProfile(
  db: Db,
  userId: string,
  patch: Partial<
    Pick<
      UserProfileRow,
      | 'roles'
      | 'coordinator_departements'
      | 'coordinator_regions'
      | 'home_commune_insee'
      | 'home_lat'
      | 'home_lon'
      | 'active_site_id'
      | 'is_demo'
    >
  >,
): Promise<UserProfileRow> {
  await ensureProfile(db, userId);
  return db
    .updateTable('user_profile')
    .set({ ...patch, updated_at: new Date() })
    .where('user_id', '=', userId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateUserName(db: Db, userId: string, name: string): Promise<void> {
  await db.updateTable('auth_user').set({ name, updatedAt: new Date() }).where('id', '=', userId).execute();
}

export async function countUsers(db: Db): Promise<number> {
  const r = await db
    .selectFrom('auth_user')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function markEmailVerified(db: Db, userId: string): Promise<void> {
  await db.updateTable('auth_user').set({ emailVerified: true }).where('id', '=', userId).execute();
}
