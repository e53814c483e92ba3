import type { SiteRole } from '@retaille/domain';
import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { Database } from '../database.ts';
import type { SiteInvitation } from '../schema.generated.ts';

type Db = Kysely<Database> | Transaction<Database>;

export type { SiteRole };
export type SiteInvitationRow = Selectable<SiteInvitation>;

export interface MemberRow {
  userId: string;
  name: string;
  email: string;
  role: SiteRole;
  joinedAt: Date;
}

export async function addMember(db: Db, siteId: string, userId: string, role: SiteRole): Promise<void> {
  await db
    .insertInto('site_member')
    .values({ site_id: siteId, user_id: userId, role })
    .onConflict((oc) => oc.columns(['site_id', 'user_id']).doUpdateSet({ role }))
    .execute();
}

export async function findRole(db: Db, siteId: string, userId: string): Promise<SiteRole | undefined> {
  const r = await db
    .selectFrom('site_member')
    .select('role')
    .where('site_id', '=', siteId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return r?.role;
}

export async function listMembers(db: Db, siteId: string): Promise<MemberRow[]> {
  const rows = await db
    .selectFrom('site_member')
    .innerJoin('auth_user', 'auth_user.id', 'site_member.user_id')
    .select([
      'site_member.user_id as userId',
      'auth_user.name as name',
      'auth_user.email as email',
      'site_member.role as role',
      'site_member.created_at as joinedAt',
    ])
    .where('site_member.site_id', '=', siteId)
    .orderBy('site_member.created_at')
    .execute();
  return rows;
}

/** Locks the site's membership rows, so that "keep at least one owner" holds under concurrency. */
export async function lockMembers(
  trx: Transaction<Database>,
  siteId: string,
): Promise<{ userId: string; role: SiteRole }[]> {
  const rows = await trx
    .selectFrom('site_member')
    .select(['user_id', 'role'])
    .where('site_id', '=', siteId)
    .forUpdate()
    .execute();
  return rows.map((r) => ({ userId: r.user_id, role: r.role }));
}

export async function removeMember(db: Db, siteId: string, userId: string): Promise<boolean> {
  const r = await db
    .deleteFrom('site_member')
    .where('site_id', '=', siteId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function listSitesOfUser(
  db: Db,
  userId: string,
): Promise<{ siteId: string; name: string; role: SiteRole; verified: boolean }[]> {
  const rows = await db
    .selectFrom('site_member')
    .innerJoin('site', 'site.id', 'site_member.site_id')
    .select([
      'site.id as siteId',
      'site.name as name',
      'site_member.role as role',
      'site.verified_at as verifiedAt',
    ])
    .where('site_member.user_id', '=', userId)
    .orderBy('site.name')
    .execute();
  return rows.map((r) => ({
    siteId: r.siteId,
    name: r.name,
    role: r.role,
    verified: r.verifiedAt !== null,
  }));
}

export async function insertInvitation(db: Db, row: Insertable<SiteInvitation>): Promise<SiteInvitationRow> {
  return db.insertInto('site_invitation').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findInvitationByTokenHash(
  db: Db,
  tokenHash: string,
): Promise<SiteInvitationRow | undefined> {
  return db.selectFrom('site_invitation').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

export async function lockInvitationByTokenHash(
  trx: Transaction<Database>,
  tokenHash: string,
): Promise<SiteInvitationRow | undefined> {
  return trx
    .selectFrom('site_invitation')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .forUpdate()
    .executeTakeFirst();
}

export async function findInvitation(db: Db, id: string): Promise<SiteInvitationRow | undefined> {
  return db.selectFrom('site_invitation').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listPendingInvitations(
  db: Db,
  siteId: string,
  now: Date,
): Promise<SiteInvitationRow[]> {
  return db
    .selectFrom('site_invitation')
    .selectAll()
    .where('site_id', '=', siteId)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .execute();
}

export async function markInvitationAccepted(db: Db, id: string, userId: string, now: Date): Promise<void> {
  await db
    .updateTable('site_invitation')
    .set({ accepted_at: now, accepted_by: userId })
    .where('id', '=', id)
    .execute();
}

export async function revokeInvitation(db: Db, id: string, now: Date): Promise<boolean> {
  const r = await db
    .updateTable('site_invitation')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
