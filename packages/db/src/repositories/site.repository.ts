import type { SectorKey, TerritoryType } from '@retaille/domain';
import {
  type Insertable,
  type Kysely,
  type Selectable,
  sql,
  type Transaction,
  type Updateable,
} from 'kysely';
import type { Database } from '../database.ts';
import type { Site as SiteTable } from '../schema.generated.ts';

export type SiteRow = Selectable<SiteTable>;
export type NewSiteRow = Insertable<SiteTable>;
export type SiteRowPatch = Updateable<SiteTable>;

export interface SiteListFilter {
  sector?: SectorKey;
  departementCode?: string;
  territoryType?: TerritoryType;
  /** Case- and accent-insensitive substring of the name or commune. */
  text?: string;
  /** Who is looking: unverified sites are shown only to their members and to coordinators in scope. */
  visibility: SiteVisibility;
  /** Only sites waiting for verification (the coordinators' queue). */
  unverifiedOnly?: boolean;
  /** Leaves out the sites this user belongs to (nobody verifies their own site). */
  excludeMemberUserId?: string | undefined;
  limit: number;
  offset: number;
}

type Db = Kysely<Database> | Transaction<Database>;

export interface SiteVisibility {
  /** The caller's user id: their own sites are always visible. */
  userId?: string | undefined;
  /** Sees every unverified site (admins, network-wide coordinators). */
  allUnverified?: boolean;
  /** Sees unverified sites in these départements / regions (scoped coordinators). */
  departements?: readonly string[];
  regions?: readonly string[];
}

function filtered(db: Db, f: Omit<SiteListFilter, 'limit' | 'offset'>) {
  let q = db.selectFrom('site');
  if (f.sector) q = q.where('sectors', '@>', sql<SectorKey[]>`array[${f.sector}]::text[]`);
  if (f.departementCode) q = q.where('departement_code', '=', f.departementCode);
  if (f.territoryType) q = q.where('territory_type', '=', f.territoryType);
  if (f.unverifiedOnly) q = q.where('verified_at', 'is', null);
  const excluded = f.excludeMemberUserId;
  if (excluded) {
    q = q.where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('site_member')
            .select('site_member.site_id')
            .whereRef('site_member.site_id', '=', 'site.id')
            .where('site_member.user_id', '=', excluded),
        ),
      ),
    );
  }
  const v = f.visibility;
  if (!v.allUnverified) {
    q = q.where((eb) => {
      const visible = [eb('verified_at', 'is not', null)];
      if (v.userId) {
        visible.push(
          eb.exists(
            eb
              .selectFrom('site_member')
              .select('site_member.site_id')
              .whereRef('site_member.site_id', '=', 'site.id')
              .where('site_member.user_id', '=', v.userId),
          ),
        );
      }
      if (v.departements?.length) visible.push(eb('departement_code', 'in', [...v.departements]));
      if (v.regions?.length) visible.push(eb('region_code', 'in', [...v.regions]));
      return eb.or(visible);
    });
  }
  if (f.text) {
    const pattern = `%${f.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([
        eb(eb.fn('unaccent', ['name']), 'ilike', eb.fn('unaccent', [eb.val(pattern)])),
        eb(eb.fn('unaccent', ['commune_name']), 'ilike', eb.fn('unaccent', [eb.val(pattern)])),
      ]),
    );
  }
  return q;
}

/** Sites matching the filter, by name, with the total count for pagination. */
export async function listSites(db: Db, f: SiteListFilter): Promise<{ rows: SiteRow[]; total: number }> {
  const [rows, count] = await Promise.all([
    filtered(db, f)
      .selectAll()
      .orderBy((eb) => eb.fn('lower', [eb.fn('unaccent', ['name'])]))
      .orderBy('id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    filtered(db, f)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function findSiteById(db: Db, id: string): Promise<SiteRow | undefined> {
  return db.selectFrom('site').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Locks the site row for the rest of the transaction. */
export async function lockSiteById(trx: Transaction<Database>, id: string): Promise<SiteRow | undefined> {
  return trx.selectFrom('site').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function insertSite(db: Db, row: NewSiteRow): Promise<SiteRow> {
  return db.insertInto('site').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateSite(db: Db, id: string, patch: SiteRowPatch): Promise<SiteRow | undefined> {
  return db
    .updateTable('site')
    .set({ ...patch, updated_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function markVerified(
  db: Db,
  id: string,
  by: string | null,
  at: Date,
): Promise<SiteRow | undefined> {
  return db
    .updateTable('site')
    .set({ verified_at: at, verified_by: by, updated_at: at })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function countSites(db: Db): Promise<number> {
  const r = await db
    .selectFrom('site')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function findSitesByIds(db: Db, ids: string[]): Promise<SiteRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('site')
    .selectAll()
    .where('id', 'in', [...new Set(ids)])
    .execute();
}

/** One opening of a site's week (ISO weekday, minutes from midnight). */
export interface SiteOpening {
  weekday: number;
  fromMin: number;
  toMin: number;
}

/** The weekly opening hours of several sites at once (a tour's stops), by site id. */
export async function openingHoursOf(
  db: Db,
  siteIds: readonly string[],
): Promise<Map<string, SiteOpening[]>> {
  const byId = new Map<string, SiteOpening[]>(siteIds.map((id) => [id, []]));
  if (siteIds.length === 0) return byId;
  const rows = await db
    .selectFrom('site_opening_hours')
    .select(['site_id', 'weekday', 'from_min', 'to_min'])
    .where('site_id', 'in', [...new Set(siteIds)])
    .orderBy('site_id')
    .orderBy('weekday')
    .execute();
  for (const r of rows)
    byId.get(r.site_id)?.push({ weekday: r.weekday, fromMin: r.from_min, toMin: r.to_min });
  return byId;
}

/** Replaces a site's opening hours (the site form sends the whole week). */
export async function replaceOpeningHours(
  trx: Transaction<Database>,
  siteId: string,
  hours: readonly SiteOpening[],
): Promise<void> {
  await trx.deleteFrom('site_opening_hours').where('site_id', '=', siteId).execute();
  if (hours.length === 0) return;
  await trx
    .insertInto('site_opening_hours')
    .values(hours.map((h) => ({ site_id: siteId, weekday: h.weekday, from_min: h.fromMin, to_min: h.toMin })))
    .execute();
}
