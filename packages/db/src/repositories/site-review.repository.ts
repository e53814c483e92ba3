import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database } from '../database.ts';
import type { SiteReview } from '../schema.generated.ts';

type Db = Kysely<Database> | Transaction<Database>;
export type SiteReviewRow = Selectable<SiteReview>;

export interface PendingSiteRow {
  id: string;
  name: string;
  commune_name: string;
  postal_code: string;
  departement_code: string;
  region_code: string;
  contact_email: string | null;
  contact_phone: string | null;
  website: string | null;
  created_at: Date;
  applicant_id: string | null;
  applicant_name: string | null;
  applicant_email: string | null;
}

export async function insertReview(
  db: Db,
  row: { siteId: string; decision: 'refused' | 'info_requested'; note: string; by: string; at: Date },
): Promise<SiteReviewRow> {
  return db
    .insertInto('site_review')
    .values({
      site_id: row.siteId,
      decision: row.decision,
      note: row.note,
      created_by: row.by,
      created_at: row.at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listReviewsOfSites(db: Db, siteIds: readonly string[]): Promise<SiteReviewRow[]> {
  if (siteIds.length === 0) return [];
  return db
    .selectFrom('site_review')
    .selectAll()
    .where('site_id', 'in', siteIds)
    .orderBy('created_at', 'desc')
    .execute();
}

/**
 * Sites awaiting verification with the applicant (the account that created the site), in a scope
 * of départements / regions (both empty: everywhere), oldest first.
 */
export async function listPendingSites(
  db: Db,
  scope: { departements: readonly string[]; regions: readonly string[] },
  limit = 200,
): Promise<PendingSiteRow[]> {
  let q = db
    .selectFrom('site')
    .leftJoin('auth_user', 'auth_user.id', 'site.created_by')
    .select([
      'site.id',
      'site.name',
      'site.commune_name',
      'site.postal_code',
      'site.departement_code',
      'site.region_code',
      'site.contact_email',
      'site.contact_phone',
      'site.website',
      'site.created_at',
      'site.created_by as applicant_id',
      'auth_user.name as applicant_name',
      'auth_user.email as applicant_email',
    ])
    .where('site.verified_at', 'is', null);
  const { departements, regions } = scope;
  if (departements.length > 0 || regions.length > 0) {
    q = q.where((eb) =>
      eb.or([
        ...(departements.length > 0 ? [eb('site.departement_code', 'in', [...departements])] : []),
        ...(regions.length > 0 ? [eb('site.region_code', 'in', [...regions])] : []),
      ]),
    );
  }
  return q.orderBy('site.created_at').orderBy('site.id').limit(limit).execute();
}
