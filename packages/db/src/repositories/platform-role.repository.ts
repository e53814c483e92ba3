import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../database.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface RoleHolderRow {
  user_id: string;
  name: string;
  email: string;
  roles: string[];
  coordinator_departements: string[];
  coordinator_regions: string[];
}

/** Accounts holding a platform role (designer excepted: anyone may be one), by name. */
export async function listRoleHolders(db: Db, limit = 500): Promise<RoleHolderRow[]> {
  return db
    .selectFrom('user_profile as p')
    .innerJoin('auth_user as u', 'u.id', 'p.user_id')
    .select([
      'p.user_id',
      'u.name',
      'u.email',
      'p.roles',
      'p.coordinator_departements',
      'p.coordinator_regions',
    ])
    .where(sql<boolean>`p.roles && array['coordinator', 'admin']::text[]`)
    .orderBy('u.name')
    .orderBy('p.user_id')
    .limit(limit)
    .execute();
}

/** The e-mail addresses of the admins (operators), for notices. */
export async function listAdminEmails(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('user_profile as p')
    .innerJoin('auth_user as u', 'u.id', 'p.user_id')
    .select('u.email')
    .where(sql<boolean>`p.roles @> array['admin']::text[]`)
    .orderBy('u.email')
    .execute();
  return rows.map((r) => r.email);
}
