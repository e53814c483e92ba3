import {
  type Database,
  type DatabaseHandle,
  type LotRow,
  lotRepository,
  matchingRepository,
  membershipRepository,
  siteRepository,
  type Transaction,
  type WantedRequestRow,
  wantedRequestRepository,
} from '@retaille/db';
import {
  availableInUnit,
  availableQuantity,
  bestMaterialFit,
  DomainError,
  getMaterial,
  MAX_RADIUS_KM,
  type MaterialFamilyKey,
  materialsOfFamily,
  type ProposalDto,
  parisDate,
  rankProposals,
  substitutesOf,
  unitPriceInUnit,
} from '@retaille/domain';
import type { Actor } from '../auth/actor.ts';
import { forbidden, isAdmin, requireUser } from '../auth/policy.ts';
import type { Enqueue, JobTransactions } from '../jobs/job-queue.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { Links } from '../ports/links.ts';

export type { ProposalDto } from '@retaille/domain';

/** The families a request reaches: its materials', and with substitutes their substitutes'. */
function familiesOf(request: WantedRequestRow): MaterialFamilyKey[] {
  const keys = new Set<string>(request.material_keys);
  if (request.accept_substitutes) {
    for (const k of request.material_keys) for (const s of substitutesOf(k)) keys.add(s.material);
  }
  return [
    ...new Set(
      [...keys].map((k) => getMaterial(k)?.familyKey).filter((f): f is NonNullable<typeof f> => !!f),
    ),
  ];
}

function lotInfo(lot: LotRow) {
  return {
    unit: lot.unit,
    available: availableQuantity({
      quantity: lot.quantity,
      reserved: lot.quantity_reserved,
      sold: lot.quantity_sold,
    }),
    quantity: lot.quantity,
    massKg: lot.mass_kg,
    priceCents: lot.price_cents,
  };
}

/**
 * Scores one lot against one request with the domain's documented score; null when the units
 * cannot be compared or the pair is excluded (too far, wrong material, pieces too small…).
 */
export function scorePair(lot: LotRow, request: WantedRequestRow, distanceKm: number, now: Date) {
  const info = lotInfo(lot);
  const fit = bestMaterialFit(request.material_keys, lot.material_key, request.accept_substitutes);
  const available = availableInUnit(info, request.unit);
  if (fit === 'none' || available === null || available <= 0) return null;
  const massOfAvailable =
    info.massKg !== null && info.quantity > 0 ? (info.massKg * info.available) / info.quantity : 0;
  const [ranked] = rankProposals(
    [
      {
        id: lot.id,
        distanceKm,
        materialFit: fit,
        availableQty: available,
        pieceDims: {
          lengthMm: lot.length_mm,
          widthMm: lot.width_mm,
          thicknessMm: lot.thickness_mm,
        },
        unitPriceCents: unitPriceInUnit(info, request.unit),
        publishedAt: lot.published_at ?? lot.created_at,
        massKg: massOfAvailable,
        materialKey: lot.material_key,
      },
    ],
    {
      radiusKm: request.max_distance_km,
      requestedMin: request.quantity_min,
      requestedMax: request.quantity_max,
      minDims: {
        lengthMm: request.min_length_mm,
        widthMm: request.min_width_mm,
        thicknessMm: request.min_thickness_mm,
      },
      budgetCents: request.budget_cents,
    },
    now,
  );
  return ranked ? { ...ranked, materialFit: fit, available, massKg: massOfAvailable } : null;
}

/** Proposals both ways, in-app alerts with a daily e-mail digest. */
export class MatchingService {
  constructor(
    private readonly deps: {
      db: DatabaseHandle['db'];
      mailer: Mailer;
      /** The digest's claim, its e-mail and the notifications' marks commit together. */
      jobs?: JobTransactions;
      /** The lot pages the digest links to. */
      links: Pick<Links, 'lotPage'>;
      now: () => Date;
    },
  ) {}

  private transaction<T>(work: (trx: Transaction<Database>, enqueue: Enqueue) => Promise<T>): Promise<T> {
    if (this.deps.jobs) return this.deps.jobs.transaction(work);
    return this.deps.db.transaction().execute((trx) =>
      work(trx, async (name) => {
        throw new Error(`no job queue for ${name}`);
      }),
    );
  }

  private async siteMember(actor: Actor, siteId: string) {
    if (actor.kind !== 'user') return false;
    return (await membershipRepository.findRole(this.deps.db, siteId, actor.userId)) !== undefined;
  }

  /** The closest compatible lots for a request, ranked (its author, coordinators and admins). */
  async proposalsForRequest(actor: Actor, requestId: string, limit = 20): Promise<ProposalDto[]> {
    const user = requireUser(actor);
    const request = await wantedRequestRepository.findRequest(this.deps.db, requestId);
    if (!request) throw new DomainError('NOT_FOUND', 'request.notFound');
    if (request.requester_id !== user.userId && !isAdmin(actor) && !user.roles.includes('coordinator')) {
      throw forbidden('request.notMine');
    }
    const candidates = await lotRepository.searchLots(this.deps.db, {
      point: { lat: request.lat, lon: request.lon },
      radiusKm: Math.min(request.max_distance_km, MAX_RADIUS_KM),
      familyKeys: familiesOf(request),
      sort: 'distance',
      limit: 300,
    });
    const now = this.deps.now();
    const scored = candidates
      .map((lot) => ({ lot, s: scorePair(lot, request, (lot.distance_m ?? 0) / 1000, now) }))
      .filter((x): x is { lot: typeof x.lot; s: NonNullable<typeof x.s> } => x.s !== null)
      .sort(
        (a, b) =>
          b.s.score - a.s.score || a.s.distanceKm - b.s.distanceKm || a.lot.id.localeCompare(b.lot.id),
      )
      .slice(0, limit);
    const sites = await this.siteNames(scored.map((x) => x.lot.site_id));
    return scored.map(({ lot, s }) => this.toDto(lot, request, s, sites));
  }

  /** The open requests a lot fits (members of the lot's site, admins). */
  async proposalsForLot(actor: Actor, lotId: string, limit = 20): Promise<ProposalDto[]> {
    requireUser(actor);
    const lot = await lotRepository.findLot(this.deps.db, lotId);
    if (!lot) throw new DomainError('NOT_FOUND', 'lot.notFound');
    if (!isAdmin(actor) && !(await this.siteMember(actor, lot.site_id))) throw forbidden('lot.notSiteMember');
    const found = await this.requestsFor(lot);
    const sites = await this.siteNames([lot.site_id]);
    return found.slice(0, limit).map(({ request, s }) => this.toDto(lot, request, s, sites));
  }

  private async requestsFor(lot: LotRow) {
    const material = getMaterial(lot.material_key);
    if (!material) return [];
    // Requests naming this material, one it can replace, or one of its family.
    const family = material.familyKey;
    const keys = new Set<string>([lot.material_key]);
    for (const m of materialsOfFamily(family)) keys.add(m.key);
    const requests = await matchingRepository.openRequestsReaching(
      this.deps.db,
      lot,
      [...keys],
      MAX_RADIUS_KM,
    );
    const now = this.deps.now();
    return requests
      .map((request) => ({ request, s: scorePair(lot, request, request.distance_m / 1000, now) }))
      .filter((x): x is { request: typeof x.request; s: NonNullable<typeof x.s> } => x.s !== null)
      .sort((a, b) => b.s.score - a.s.score || a.s.distanceKm - b.s.distanceKm);
  }

  private async siteNames(ids: string[]) {
    return new Map((await siteRepository.findSitesByIds(this.deps.db, ids)).map((s) => [s.id, s.name]));
  }

  private toDto(
    lot: LotRow,
    request: WantedRequestRow,
    s: NonNullable<ReturnType<typeof scorePair>>,
    sites: Map<string, string>,
  ): ProposalDto {
    return {
      lotId: lot.id,
      lotTitle: lot.title,
      siteName: sites.get(lot.site_id) ?? '',
      requestId: request.id,
      requestTitle: request.title,
      distanceKm: Math.round(s.distanceKm * 10) / 10,
      score: s.score,
      materialFit: s.materialFit,
      explanation: s.explanation,
      transportCo2eKg: Math.round(s.transportCo2eKg * 100) / 100,
      estimatedNetCo2eKg: Math.round((s.estimatedNetCo2eKg ?? 0) * 100) / 100,
      available: Math.round(s.available * 1000) / 1000,
      unit: request.unit,
      priceCents: lot.price_cents,
      lotUnit: lot.unit,
    };
  }

  /**
   * A lot was published: every open request it fits gets one in-app notification (never twice
   * for the same lot). Returns how many requesters were told. E-mails go out in the daily digest.
   */
  async announceLot(lotId: string): Promise<number> {
    const lot = await lotRepository.findLot(this.deps.db, lotId);
    if (lot?.status !== 'published') return 0;
    const fits = await this.requestsFor(lot);
    return matchingRepository.insertMatchNotifications(
      this.deps.db,
      fits.map(({ request, s }) => ({
        user_id: request.requester_id,
        kind: 'lot_matches_request',
        request_id: request.id,
        lot_id: lot.id,
        payload: JSON.stringify({
          lotTitle: lot.title,
          requestTitle: request.title,
          distanceKm: s.distanceKm,
          score: s.score,
        }),
      })),
    );
  }

  /**
   * Sends at most one e-mail per request per day listing the new matching lots; notifications of
   * a request already e-mailed today wait for tomorrow's digest. Safe to run any number of times.
   */
  async sendDigests(): Promise<{ emails: number; notifications: number }> {
    const now = this.deps.now();
    const today = parisDate(now);
    const pending = await matchingRepository.pendingDigestNotifications(this.deps.db);
    const byRequest = new Map<string, typeof pending>();
    for (const n of pending) byRequest.set(n.request_id!, [...(byRequest.get(n.request_id!) ?? []), n]);
    let emails = 0;
    let notifications = 0;
    for (const [requestId, items] of byRequest) {
      const first = items[0]!;
      const lines = items.map((n) => {
        const p = n.payload as { lotTitle?: string; distanceKm?: number };
        return `- ${p.lotTitle ?? ''} (${String(p.distanceKm ?? '').replace('.', ',')} km) : ${this.deps.links.lotPage(n.lot_id ?? '')}`;
      });
      // Claim, message and marks in one transaction: a crash never claims a digest whose e-mail
      // is lost, nor sends one whose notifications stay pending (they would be sent again).
      const sent = await this.transaction(async (trx, enqueue) => {
        if (!(await matchingRepository.claimDigest(trx, requestId, today, items.length))) return false;
        await this.deps.mailer.queue(trx, enqueue, {
          kind: 'match-digest',
          to: first.email,
          subject: `Nouveaux lots pour « ${first.request_title} » — New lots for your request`,
          text: `Bonjour,\n\n${items.length} nouveau(x) lot(s) correspond(ent) à votre demande « ${first.request_title} » :\n${lines.join('\n')}\n\n— English —\n\n${items.length} new lot(s) match your request “${first.request_title}”:\n${lines.join('\n')}\n\n--\nRetaille`,
        });
        await matchingRepository.markEmailed(
          trx,
          items.map((n) => n.id),
          now,
        );
        return true;
      });
      if (!sent) continue;
      emails++;
      notifications += items.length;
    }
    return { emails, notifications };
  }

  async notifications(actor: Actor, limit = 50) {
    const user = requireUser(actor);
    const rows = await matchingRepository.listNotifications(this.deps.db, user.userId, limit);
    return {
      unread: await matchingRepository.countUnread(this.deps.db, user.userId),
      items: rows.map((n) => ({
        id: n.id,
        kind: n.kind as 'lot_matches_request' | 'allocation_proposal',
        requestId: n.request_id,
        lotId: n.lot_id,
        payload: n.payload,
        read: n.read_at !== null,
        createdAt: n.created_at.toISOString(),
      })),
    };
  }

  async markRead(actor: Actor, ids: string[] | 'all'): Promise<void> {
    const user = requireUser(actor);
    await matchingRepository.markRead(this.deps.db, user.userId, ids, this.deps.now());
  }
}
