import {
  type DatabaseHandle,
  lotRepository,
  membershipRepository,
  type SavedSearchRow,
  savedSearchRepository,
  siteRepository,
} from '@retaille/db';
import { DomainError, type LotCondition, MAX_RADIUS_KM, substitutesOf } from '@retaille/domain';
import type { Actor } from '../auth/actor.ts';
import { requireUser } from '../auth/policy.ts';
import type { SearchPoint } from '../catalogue/lot.dto.ts';
import type { LotService } from '../catalogue/lot.service.ts';
import type { NotificationService } from '../notifications/notification.service.ts';

/** The filters of a lot search that a saved search keeps (everything but paging and sort). */
export interface SavedSearchFilters {
  q?: string | undefined;
  familyKey?: string | undefined;
  materialKey?: string | undefined;
  withSubstitutes?: boolean | undefined;
  sector?: string | undefined;
  condition?: LotCondition | undefined;
  freeOnly?: boolean | undefined;
  maxPriceCents?: number | undefined;
  minLengthMm?: number | undefined;
  minWidthMm?: number | undefined;
  minThicknessMm?: number | undefined;
  minQuantity?: number | undefined;
  siteId?: string | undefined;
}

export interface SavedSearchInput {
  name: string;
  point?: SearchPoint | undefined;
  radiusKm?: number | undefined;
  filters: SavedSearchFilters;
}

export interface SavedSearchDto {
  id: string;
  name: string;
  point: SearchPoint | null;
  radiusKm: number | null;
  filters: SavedSearchFilters;
  createdAt: string;
}

/** Enough for every alert a designer may keep; more is refused rather than silently slowing announcements. */
export const MAX_SAVED_SEARCHES = 50;

const FILTER_KEYS = [
  'q',
  'familyKey',
  'materialKey',
  'withSubstitutes',
  'sector',
  'condition',
  'freeOnly',
  'maxPriceCents',
  'minLengthMm',
  'minWidthMm',
  'minThicknessMm',
  'minQuantity',
  'siteId',
] as const satisfies readonly (keyof SavedSearchFilters)[];

const fieldError = (path: string, key: string, params?: Record<string, number>) =>
  new DomainError('VALIDATION', 'validation.failed', {
    fields: [{ path, key, ...(params ? { params } : {}) }],
  });

function cleanFilters(filters: SavedSearchFilters): SavedSearchFilters {
  const out: Record<string, unknown> = {};
  for (const k of FILTER_KEYS) if (filters[k] !== undefined) out[k] = filters[k];
  return out as SavedSearchFilters;
}

/**
 * Saved searches: a lot search (filters, point, radius) kept under a name. A newly published lot
 * that passes one tells its owner through the NotificationService (kind `lot_matches_search`):
 * once per search and lot, in-app and e-mailed per the owner's preference (the daily digest by
 * default), like the other alerts.
 */
export class SavedSearchService {
  constructor(
    private readonly deps: {
      db: DatabaseHandle['db'];
      lots: LotService;
      notifications: NotificationService;
      now: () => Date;
    },
  ) {}

  async create(actor: Actor, input: SavedSearchInput): Promise<SavedSearchDto> {
    const user = requireUser(actor);
    if (input.radiusKm !== undefined && !input.point) throw fieldError('radiusKm', 'search.radiusNeedsPoint');
    if (input.radiusKm !== undefined && (!(input.radiusKm > 0) || input.radiusKm > MAX_RADIUS_KM)) {
      throw fieldError('radiusKm', 'search.radiusRange', { max: MAX_RADIUS_KM });
    }
    const name = input.name.trim();
    if (name.length === 0) throw fieldError('name', 'savedSearch.nameRequired');
    // A commune, a site or "home" that cannot be placed is a field error naming `point…`.
    const at = input.point ? await this.deps.lots.resolvePoint(actor, input.point) : null;
    if (
      (await savedSearchRepository.countSavedSearchesOfUser(this.deps.db, user.userId)) >= MAX_SAVED_SEARCHES
    ) {
      throw new DomainError('CONFLICT', 'savedSearch.tooMany', { max: MAX_SAVED_SEARCHES });
    }
    const row = await savedSearchRepository.insertSavedSearch(this.deps.db, {
      user_id: user.userId,
      name,
      filters: JSON.stringify(cleanFilters(input.filters)),
      point: input.point ? JSON.stringify(input.point) : null,
      lat: at?.lat ?? null,
      lon: at?.lon ?? null,
      radius_km: at && input.radiusKm !== undefined ? String(input.radiusKm) : null,
      created_at: this.deps.now(),
    });
    return toDto(row);
  }

  async list(actor: Actor): Promise<SavedSearchDto[]> {
    const user = requireUser(actor);
    return (await savedSearchRepository.listSavedSearchesOfUser(this.deps.db, user.userId)).map(toDto);
  }

  /** Only the owner's: another user's id is answered NOT_FOUND, as if it did not exist. */
  async delete(actor: Actor, id: string): Promise<void> {
    const user = requireUser(actor);
    if (!(await savedSearchRepository.deleteSavedSearch(this.deps.db, user.userId, id))) {
      throw new DomainError('NOT_FOUND', 'savedSearch.notFound');
    }
  }

  /**
   * A lot was published (the `lot.announce` job): each saved search it passes gets one notice
   * (never twice per search and lot). Owners who are members of the lot's site are not told of
   * their own lot. Returns how many notices were new.
   */
  async announceLot(lotId: string): Promise<number> {
    const db = this.deps.db;
    const lot = await lotRepository.findLot(db, lotId);
    if (lot?.status !== 'published') return 0;
    const candidates = await savedSearchRepository.searchesReaching(db, lot, MAX_RADIUS_KM);
    if (candidates.length === 0) return 0;
    const members = new Set((await membershipRepository.listMembers(db, lot.site_id)).map((m) => m.userId));
    const site = await siteRepository.findSiteById(db, lot.site_id);
    let told = 0;
    for (const search of candidates) {
      if (members.has(search.user_id)) continue;
      if (!(await savedSearchRepository.lotMatchesSearch(db, lot.id, criteriaOf(search)))) continue;
      // One notice per search and lot (its key), e-mailed per the owner's preference for the kind.
      const fresh = await this.deps.notifications.notifyNow({
        userId: search.user_id,
        kind: 'lot_matches_search',
        dedupeKey: `saved-search:${search.id}:${lot.id}`,
        lotId: lot.id,
        data: {
          lotTitle: lot.title,
          siteName: site?.name ?? '',
          searchName: search.name,
          savedSearchId: search.id,
        },
      });
      if (fresh) told++;
    }
    return told;
  }
}

/** The repository's search for a saved search: its filters, point and radius. */
function criteriaOf(search: SavedSearchRow) {
  const f = parseFilters(search.filters);
  let materialKeys: string[] | undefined;
  if (f.materialKey) {
    materialKeys = [f.materialKey];
    if (f.withSubstitutes) materialKeys.push(...substitutesOf(f.materialKey as never).map((x) => x.material));
  }
  return {
    point: search.lat !== null && search.lon !== null ? { lat: search.lat, lon: search.lon } : undefined,
    radiusKm: search.radius_km ?? undefined,
    text: f.q,
    familyKeys: f.familyKey ? [f.familyKey] : undefined,
    materialKeys,
    sector: f.sector,
    condition: f.condition,
    freeOnly: f.freeOnly,
    maxPriceCents: f.maxPriceCents,
    minLengthMm: f.minLengthMm,
    minWidthMm: f.minWidthMm,
    minThicknessMm: f.minThicknessMm,
    minQuantity: f.minQuantity,
    siteId: f.siteId,
  } as Parameters<typeof savedSearchRepository.lotMatchesSearch>[2];
}

function parseFilters(v: unknown): SavedSearchFilters {
  return (v ?? {}) as SavedSearchFilters;
}

function toDto(row: SavedSearchRow): SavedSearchDto {
  const point = row.point as SearchPoint | null;
  return {
    id: row.id,
    name: row.name,
    point,
    radiusKm: row.radius_km,
    filters: parseFilters(row.filters),
    createdAt: new Date(row.created_at).toISOString(),
  };
}
