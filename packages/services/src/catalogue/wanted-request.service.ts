import {
  type DatabaseHandle,
  listPageRepository,
  membershipRepository,
  type WantedRequestRow,
  wantedRequestRepository,
} from '@retaille/db';
import {
  DomainError,
  type FieldProblem,
  getMaterial,
  MAX_RADIUS_KM,
  validateQuantity,
  type WantedRequestDto,
  type WantedRequestInput,
} from '@retaille/domain';
import type { Actor } from '../auth/actor.ts';
import { forbidden, isAdmin, requireUser } from '../auth/policy.ts';
import { decodeKeyset, type Page, pageOf } from '../pagination/keyset-cursor.ts';
import type { SearchPoint } from './lot.dto.ts';
import type { LotService } from './lot.service.ts';
import { decodeCursor, encodeCursor } from './search-cursor.ts';

export type { WantedRequestDto, WantedRequestInput } from '@retaille/domain';

/** Wanted requests ("demandes"): what designers and workshops are looking for, within a radius. */
export class WantedRequestService {
  constructor(private readonly deps: { db: DatabaseHandle['db']; lots: LotService; now: () => Date }) {}

  async create(actor: Actor, input: WantedRequestInput): Promise<WantedRequestDto> {
    const user = requireUser(actor);
    const problems: FieldProblem[] = [];
    input.materialKeys.forEach((k, i) => {
      if (!getMaterial(k)) problems.push({ path: `materialKeys.${i}`, key: 'lot.materialUnknown' });
    });
    problems.push(...validateQuantity(input.quantityMin, input.unit, 'quantityMin'));
    problems.push(...validateQuantity(input.quantityMax, input.unit, 'quantityMax'));
    if (input.quantityMax < input.quantityMin)
      problems.push({ path: 'quantityMax', key: 'request.rangeReversed' });
    if (!(input.maxDistanceKm > 0 && input.maxDistanceKm <= MAX_RADIUS_KM)) {
      problems.push({ path: 'maxDistanceKm', key: 'search.radiusRange', params: { max: MAX_RADIUS_KM } });
    }
    if (problems.length > 0) throw new DomainError('VALIDATION', 'validation.failed', { fields: problems });
    if (input.siteId && !(await membershipRepository.findRole(this.deps.db, input.siteId, user.userId))) {
      throw forbidden('site.notMember');
    }
    const point = await this.deps.lots.resolvePlace(actor, input.point);
    const row = await wantedRequestRepository.insertRequest(this.deps.db, {
      requester_id: user.userId,
      site_id: input.siteId ?? null,
      title: input.title.trim(),
      description: input.description.trim(),
      material_keys: [...new Set(input.materialKeys.flatMap((k) => getMaterial(k)?.key ?? []))],
      accept_substitutes: input.acceptSubstitutes,
      unit: input.unit,
      quantity_min: input.quantityMin,
      quantity_max: input.quantityMax,
      min_length_mm: input.minLengthMm ?? null,
      min_width_mm: input.minWidthMm ?? null,
      min_thickness_mm: input.minThicknessMm ?? null,
      max_distance_km: input.maxDistanceKm,
      lat: point.lat,
      lon: point.lon,
      departement_code: point.departementCode,
      region_code: point.regionCode,
      needed_by: input.neededBy ?? null,
      budget_cents: input.budgetCents ?? null,
    });
    return this.toDto(actor, { ...row, distance_m: null });
  }

  /** The caller's requests, newest first, a page at a time (keyset on creation). */
  async listMine(
    actor: Actor,
    page: { status?: string | undefined; cursor?: string | undefined; limit?: number } = {},
  ): Promise<Page<WantedRequestDto>> {
    const user = requireUser(actor);
    const limit = page.limit ?? 50;
    const rows = await listPageRepository.listRequestsOfUserPage(
      this.deps.db,
      user.userId,
      page.status,
      decodeKeyset(page.cursor),
      limit + 1,
    );
    const { rows: shown, nextCursor } = pageOf(rows, limit);
    return { items: shown.map((r) => this.toDto(actor, { ...r, distance_m: null })), nextCursor };
  }

  /**
   * Open requests near a point, nearest first (else newest first), a page at a time; requests are
   * visible to signed-in users only.
   */
  async listOpen(
    actor: Actor,
    input: {
      point?: SearchPoint | undefined;
      radiusKm?: number | undefined;
      cursor?: string | undefined;
      limit: number;
    },
  ): Promise<Page<WantedRequestDto>> {
    requireUser(actor);
    const center = input.point ? await this.deps.lots.resolvePoint(actor, input.point) : undefined;
    const rows = await wantedRequestRepository.listOpenRequests(this.deps.db, {
      point: center,
      radiusKm: center ? (input.radiusKm ?? 100) : undefined,
      after: input.cursor ? decodeCursor(input.cursor, center ? 'distance' : 'newest') : undefined,
      limit: input.limit + 1,
    });
    const shown = rows.slice(0, input.limit);
    const last = shown.at(-1);
    return {
      items: shown.map((r) => this.toDto(actor, r)),
      nextCursor: rows.length > input.limit && last ? encodeCursor(last.sort_key, last.id) : null,
    };
  }

  async get(actor: Actor, id: string): Promise<WantedRequestDto> {
    requireUser(actor);
    const row = await wantedRequestRepository.findRequest(this.deps.db, id);
    if (!row) throw new DomainError('NOT_FOUND', 'request.notFound');
    return this.toDto(actor, { ...row, distance_m: null });
  }

  async close(actor: Actor, id: string, status: 'closed' | 'fulfilled'): Promise<WantedRequestDto> {
    const user = requireUser(actor);
    const row = await wantedRequestRepository.findRequest(this.deps.db, id);
    if (!row) throw new DomainError('NOT_FOUND', 'request.notFound');
    if (row.requester_id !== user.userId && !isAdmin(actor)) throw forbidden('request.notMine');
    if (row.status !== 'open') throw new DomainError('CONFLICT', 'request.notOpen');
    const updated = await wantedRequestRepository.updateRequest(this.deps.db, id, {
      status,
      closed_at: this.deps.now(),
    });
    return this.toDto(actor, { ...(updated ?? row), distance_m: null });
  }

  private toDto(actor: Actor, r: WantedRequestRow & { distance_m: number | null }): WantedRequestDto {
    const mine = actor.kind === 'user' && actor.userId === r.requester_id;
    return {
      id: r.id,
      requesterName: null,
      siteId: r.site_id,
      title: r.title,
      description: r.description,
      materialKeys: r.material_keys,
      acceptSubstitutes: r.accept_substitutes,
      unit: r.unit,
      quantityMin: r.quantity_min,
      quantityMax: r.quantity_max,
      minLengthMm: r.min_length_mm,
      minWidthMm: r.min_width_mm,
      minThicknessMm: r.min_thickness_mm,
      maxDistanceKm: r.max_distance_km,
      lat: r.lat,
      lon: r.lon,
      neededBy: r.needed_by,
      budgetCents: r.budget_cents,
      status: r.status,
      distanceKm: r.distance_m === null ? null : Math.round(r.distance_m / 100) / 10,
      isMine: mine,
      isDemo: r.is_demo,
      createdAt: r.created_at.toISOString(),
    };
  }
}
