import {
  type DatabaseHandle,
  membershipRepository,
  type SiteOpening,
  type SiteRow,
  siteRepository,
} from '@retaille/db';
import { type CommuneDirectory, DomainError, type FieldProblem, haversineKm } from '@retaille/domain';
import type { Actor } from '../auth/actor.ts';
import {
  canEditSite,
  canSeeExactLocation,
  canSeeSite,
  canVerifySite,
  forbidden,
  isAdmin,
  mayVerifySite,
  requireUser,
  type SiteRole,
} from '../auth/policy.ts';
import type { Page, SiteDto, SiteInput, SiteListQuery } from './site.dto.ts';

/** A corrected point may move this far from the commune's centroid (large rural communes). */
const MAX_POINT_OFFSET_KM = 25;

export interface SiteServiceDeps {
  db: DatabaseHandle['db'];
  communes: CommuneDirectory;
  now: () => Date;
}

export class SiteService {
  constructor(private readonly deps: SiteServiceDeps) {}

  /** The directory: verified sites for everyone, plus the caller's own and those a coordinator covers. */
  async list(actor: Actor, query: SiteListQuery): Promise<Page<SiteDto>> {
    if (
      query.pendingVerification &&
      !(isAdmin(actor) || (actor.kind === 'user' && actor.roles.includes('coordinator')))
    ) {
      throw forbidden();
    }
    const visibility = this.visibilityOf(actor);
    const queue = query.pendingVerification ?? false;
    const { rows, total } = await siteRepository.listSites(this.deps.db, {
      // The queue lists what the caller may verify: not their own sites, in scope or not (a
      // coordinator's own site waits for another coordinator; its page says it is pending).
      visibility: queue ? { ...visibility, userId: undefined } : visibility,
      excludeMemberUserId: queue && actor.kind === 'user' && !isAdmin(actor) ? actor.userId : undefined,
      unverifiedOnly: queue,
      sector: query.sector,
      departementCode: query.departementCode,
      territoryType: query.territoryType,
      text: query.q,
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    });
    const roles = new Map(
      actor.kind === 'user'
        ? (await membershipRepository.listSitesOfUser(this.deps.db, actor.userId)).map((m) => [
            m.siteId,
            m.role,
          ])
        : [],
    );
    const hours = await siteRepository.openingHoursOf(
      this.deps.db,
      rows.map((r) => r.id),
    );
    return {
      items: rows.map((r) => this.toDto(actor, r, roles.get(r.id), hours.get(r.id))),
      total,
      page: query.page,
      pageSize: query.pageSize,
      pageCount: Math.max(1, Math.ceil(total / query.pageSize)),
    };
  }

  async get(actor: Actor, id: string): Promise<SiteDto> {
    const row = await siteRepository.findSiteById(this.deps.db, id);
    const role = row ? await this.roleOf(actor, id) : undefined;
    // An unverified site is invisible to outsiders: same answer as a missing one.
    if (!row || !canSeeSite(actor, row, role)) throw new DomainError('NOT_FOUND', 'site.notFound');
    return this.toDto(actor, row, role, await this.hoursOf(this.deps.db, id));
  }

  /** Creates a site; its creator becomes its owner and it waits for a coordinator's verification. */
  async create(actor: Actor, input: SiteInput): Promise<SiteDto> {
    const user = requireUser(actor);
    const place = this.resolvePlace(input);
    return this.deps.db.transaction().execute(async (trx) => {
      const row = await siteRepository.insertSite(trx, {
        ...this.columns(input),
        ...place,
        created_by: user.userId,
      });
      await membershipRepository.addMember(trx, row.id, user.userId, 'owner');
      await siteRepository.replaceOpeningHours(trx, row.id, input.openingHours ?? []);
      return this.toDto(actor, row, 'owner', input.openingHours);
    });
  }

  /** Demo data only: a site created by the system, optionally already verified. */
  async createDemo(
    input: SiteInput,
    options: { approximate: boolean; verifiedAt: Date | null },
  ): Promise<SiteRow> {
    const place = this.resolvePlace(input);
    return this.deps.db.transaction().execute(async (trx) => {
      const row = await siteRepository.insertSite(trx, {
        ...this.columns(input),
        ...place,
        is_demo: true,
        location_approximate: place.location_approximate || options.approximate,
        verified_at: options.verifiedAt,
      });
      // Stored as the site form stores them (create and update above).
      await siteRepository.replaceOpeningHours(trx, row.id, input.openingHours ?? []);
      return row;
    });
  }

  async update(actor: Actor, id: string, input: SiteInput): Promise<SiteDto> {
    requireUser(actor);
    const place = this.resolvePlace(input);
    return this.deps.db.transaction().execute(async (trx) => {
      const current = await siteRepository.lockSiteById(trx, id);
      const role = current ? await this.roleOf(actor, id, trx) : undefined;
      if (!current || !canSeeSite(actor, current, role)) throw new DomainError('NOT_FOUND', 'site.notFound');
      if (!canEditSite(actor, role)) throw forbidden('site.notOwner');
      const row = await siteRepository.updateSite(trx, id, { ...this.columns(input), ...place });
      if (!row) throw new DomainError('NOT_FOUND', 'site.notFound');
      if (input.openingHours !== undefined) {
        await siteRepository.replaceOpeningHours(trx, id, input.openingHours);
      }
      return this.toDto(actor, row, role, await this.hoursOf(trx, id));
    });
  }

  /** A coordinator covering the site (or an admin) verifies it; verifying twice changes nothing. */
  async verify(actor: Actor, id: string): Promise<SiteDto> {
    const user = requireUser(actor);
    return this.deps.db.transaction().execute(async (trx) => {
      const current = await siteRepository.lockSiteById(trx, id);
      const role = current ? await this.roleOf(actor, id, trx) : undefined;
      if (!current || !canSeeSite(actor, current, role)) throw new DomainError('NOT_FOUND', 'site.notFound');
      if (!canVerifySite(actor, current)) throw forbidden('site.notInScope');
      if (!mayVerifySite(actor, current, role)) throw forbidden('site.selfVerification');
      const hours = await this.hoursOf(trx, id);
      if (current.verified_at) return this.toDto(actor, current, role, hours);
      const row = await siteRepository.markVerified(trx, id, user.userId, this.deps.now());
      return this.toDto(actor, row ?? current, role, hours);
    });
  }

  async roleOf(
    actor: Actor,
    siteId: string,
    db: SiteServiceDeps['db'] = this.deps.db,
  ): Promise<SiteRole | undefined> {
    if (actor.kind !== 'user') return undefined;
    return membershipRepository.findRole(db, siteId, actor.userId);
  }

  private async hoursOf(db: SiteServiceDeps['db'], siteId: string): Promise<SiteOpening[]> {
    return (await siteRepository.openingHoursOf(db, [siteId])).get(siteId) ?? [];
  }

  private visibilityOf(actor: Actor) {
    if (isAdmin(actor)) return { allUnverified: true };
    if (actor.kind !== 'user') return {};
    const coordinator = actor.roles.includes('coordinator');
    const { departements, regions } = actor.coordinatorScope;
    return {
      userId: actor.userId,
      allUnverified: coordinator && departements.length === 0 && regions.length === 0,
      departements: coordinator ? departements : [],
      regions: coordinator ? regions : [],
    };
  }

  private columns(input: SiteInput) {
    return {
      name: input.name.trim(),
      description: input.description.trim(),
      address: input.address.trim(),
      sectors: [...new Set(input.sectors)],
      territory_type: input.territoryType,
      contact_email: input.contactEmail ?? null,
      contact_phone: input.contactPhone ?? null,
      website: input.website ?? null,
      vat_rate_bps: input.vatRateBps ?? null,
    };
  }

  /** Offline geocoding of the postal code / commune, and a sanity check of a corrected point. */
  private resolvePlace(input: SiteInput) {
    const problems: FieldProblem[] = [];
    const candidates = this.deps.communes.byPostalCode(input.postalCode);
    let commune = candidates[0];
    if (!commune) {
      problems.push({
        path: 'postalCode',
        key: 'site.postalCodeUnknown',
        params: { postalCode: input.postalCode },
      });
    } else if (input.communeInsee) {
      commune = candidates.find((c) => c.insee === input.communeInsee);
      if (!commune) problems.push({ path: 'communeInsee', key: 'site.communeNotInPostalCode' });
    }
    const hasPoint = input.lat !== undefined && input.lon !== undefined;
    if (commune && hasPoint) {
      const km = haversineKm(commune, { lat: input.lat!, lon: input.lon! });
      if (km > MAX_POINT_OFFSET_KM) {
        problems.push({
          path: 'lat',
          key: 'site.pointFarFromCommune',
          params: { km: Math.round(km), max: MAX_POINT_OFFSET_KM },
        });
      }
    }
    if (problems.length > 0 || !commune)
      throw new DomainError('VALIDATION', 'validation.failed', { fields: problems });
    return {
      postal_code: input.postalCode,
      commune_insee: commune.insee,
      commune_name: commune.name,
      departement_code: commune.departementCode,
      region_code: commune.regionCode,
      lat: hasPoint ? input.lat! : commune.lat,
      lon: hasPoint ? input.lon! : commune.lon,
      location_approximate: !hasPoint && commune.approximate,
    };
  }

  toDto(actor: Actor, r: SiteRow, role?: SiteRole, openingHours: readonly SiteOpening[] = []): SiteDto {
    const commune = this.deps.communes.get(r.commune_insee);
    const exact = canSeeExactLocation(actor);
    return {
      id: r.id,
      name: r.name,
      description: r.description,
      address: exact ? r.address : null,
      postalCode: r.postal_code,
      communeInsee: r.commune_insee,
      communeName: r.commune_name,
      departementCode: r.departement_code,
      departementName: commune?.departementName ?? r.departement_code,
      regionCode: r.region_code,
      regionName: commune?.regionName ?? r.region_code,
      lat: exact || !commune ? r.lat : commune.lat,
      lon: exact || !commune ? r.lon : commune.lon,
      locationRounded: !exact,
      locationApproximate: r.location_approximate,
      sectors: r.sectors,
      territoryType: r.territory_type,
      contactEmail: exact ? r.contact_email : null,
      contactPhone: exact ? r.contact_phone : null,
      website: r.website,
      vatRateBps: r.vat_rate_bps,
      openingHours: [...openingHours],
      isDemo: r.is_demo,
      verified: r.verified_at !== null,
      verifiedAt: r.verified_at?.toISOString() ?? null,
      myRole: role ?? null,
      canEdit: canEditSite(actor, role),
      canVerify: r.verified_at === null && mayVerifySite(actor, r, role),
      createdAt: r.created_at.toISOString(),
      updatedAt: r.updated_at.toISOString(),
    };
  }
}
