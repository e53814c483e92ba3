import {
  type Database,
  type Kysely,
  membershipRepository,
  notificationRepository,
  type PooledTourRow,
  pooledTourRepository,
  siteRepository,
  type Transaction,
  tradeRepository,
} from '@retaille/db';
import {
  DomainError,
  departementOf,
  type PooledTourInput,
  type PooledTourPlan,
  type PooledTourRespondInput,
  type PooledTourStatus,
  planTour,
  pooledTourRespondSchema,
  type RecordedPooledTour,
  stopStanding,
  type TerritoryScope,
  territoryScope,
} from '@retaille/domain';
import type { Actor, UserActor } from '../auth/actor.ts';
import { forbidden, isAdmin, requireUser } from '../auth/policy.ts';
import type { FactorRegistry } from '../impact/factor-registry.service.ts';
import type { JobTransactions } from '../jobs/job-queue.ts';
import type { NotificationService } from '../notifications/notification.service.ts';
import { buildPooledTourDto, type StopView } from './pooled-tour.dto.ts';
import {
  gatherPooledTours,
  POOLED_SOLVE_SEED,
  POOLED_SOLVE_TIME_LIMIT_MS,
  refuseTour,
  toPlanned,
} from './pooled-tour-gather.ts';
import { insertTourTrip, RECORDABLE_STATES, refuseIfOnTrip } from './shared-tour-trip.ts';

const LIST_LIMIT = 50;

export interface PooledTourDeps {
  db: Kysely<Database>;
  registry: FactorRegistry;
  notifications: NotificationService;
  jobs: JobTransactions;
  now: () => Date;
  /** Most pickups one pooled plan may gather (config POOLED_TOUR_MAX_STOPS). */
  maxStops: number;
}

/** The coordinator's scope covers the territory: the whole network, its région, or the département itself. */
export function coversTerritory(actor: Actor, t: TerritoryScope): boolean {
  if (isAdmin(actor)) return true;
  if (actor.kind !== 'user' || !actor.roles.includes('coordinator')) return false;
  const { departements, regions } = actor.coordinatorScope;
  if (departements.length === 0 && regions.length === 0) return true;
  if (t.kind === 'region') return regions.includes(t.code);
  return departements.includes(t.code) || regions.includes(departementOf(t.code)?.region ?? '');
}

/**
 * A coordinator's pooled pickup tours (issue 17): the agreed pickups of every buyer in a territory
 * of their scope on a day, pooled into shared tours (capacitated vehicle routing with the slots
 * and the seller sites' opening hours as windows), proposed to each stop's buyer and seller, who
 * accept or decline; once driven, the accepted stops of each vehicle are recorded as its trip.
 */
export class PooledTourService {
  constructor(private readonly deps: PooledTourDeps) {}

  /** The shared tours the coordinator would get, without storing anything. */
  async plan(actor: Actor, raw: PooledTourInput): Promise<PooledTourPlan> {
    this.requireCoordinator(actor, raw);
    const factorSet = await this.deps.registry.active();
    const g = await gatherPooledTours(this.deps.db, raw, factorSet, this.deps.maxStops);
    return buildPooledTourDto(toPlanned(g));
  }

  /**
   * Plans again (the client sends no route) and stores the tours; each stop's buyer and the
   * members of its seller site are notified to accept or decline. A trade already in a tour
   * nobody declined is left out (the unique index holds against two proposals at once).
   */
  async propose(actor: Actor, raw: PooledTourInput): Promise<PooledTourPlan> {
    const user = this.requireCoordinator(actor, raw);
    const factorSet = await this.deps.registry.active();
    const g = await gatherPooledTours(this.deps.db, raw, factorSet, this.deps.maxStops);
    if (g.plan.tours.length === 0) {
      throw new DomainError('CONFLICT', 'tour.nothingToPool', {
        fields: [{ path: 'territory', key: 'tour.nothingToPool' }],
      });
    }
    const now = this.deps.now();
    const tourId = await this.deps.jobs.transaction(async (trx, enqueue) => {
      // Two proposals over the same pickups at once: the trades are locked in a fixed order, so
      // the second waits, then sees the first's stops and is refused (not the unique index's 500).
      for (const id of g.plan.tours.flatMap((t) => t.stops.map((st) => st.stopId)).sort()) {
        await tradeRepository.lockTrade(trx, id);
        if ((await pooledTourRepository.findActiveStopOfTrade(trx, id)) !== undefined) {
          throw new DomainError('CONFLICT', 'tour.tradeAlreadyPooled', {
            fields: [{ path: 'territory', key: 'tour.tradeAlreadyPooled' }],
          });
        }
      }
      const row = await pooledTourRepository.insertTour(trx, {
        coordinator_user_id: user.userId,
        scope_kind: g.request.territory.kind,
        scope_code: g.request.territory.code,
        day: g.request.day,
        depot_site_id: g.depot.siteId,
        vehicle_key: g.request.vehicle.vehicleKey,
        capacity_kg: g.request.vehicle.capacityKg,
        capacity_m3: g.request.vehicle.capacityM3 ?? null,
        depart_min: g.request.departMin,
        return_by_min: g.request.returnByMin,
        service_min: g.request.serviceMin,
        km: g.plan.km,
        vehicle_km: g.plan.tours.map((t) => t.km),
        separate_km: g.plan.separateKm,
        co2e_kg: g.plan.co2eKg,
        separate_co2e_kg: g.plan.separateCo2eKg,
        created_at: now,
      });
      const byId = new Map(g.trades.map((t) => [t.tradeId, t]));
      await pooledTourRepository.insertStops(
        trx,
        g.plan.tours.flatMap((tour, vehicle) =>
          tour.stops.map((s, position) => ({
            tour_id: row.id,
            trade_id: s.stopId,
            vehicle,
            position,
            arrival_min: s.arrivalMin,
            service_start_min: s.serviceStartMin,
            leg_km: s.legKm,
            load_kg: byId.get(s.stopId)!.massKg,
          })),
        ),
      );
      for (const s of g.plan.tours.flatMap((t) => t.stops)) {
        const trade = byId.get(s.stopId)!;
        const sellers = await notificationRepository.siteMemberUsers(trx, trade.sellerSiteId);
        const recipients = [...new Set([trade.buyerUserId, ...sellers.map((u) => u.id)])];
        const h = Math.floor(s.serviceStartMin / 60);
        const m = Math.round(s.serviceStartMin % 60);
        for (const userId of recipients) {
          await this.deps.notifications.notify(trx, enqueue, {
            userId,
            kind: 'pooled_tour_proposed',
            dedupeKey: `pooled-tour:${row.id}:${s.stopId}:${userId}`,
            data: {
              tourId: row.id,
              lotTitle: trade.lotTitle,
              siteName: trade.siteName,
              day: g.request.day,
              time: `${h} h ${String(m).padStart(2, '0')}`,
            },
          });
        }
      }
      return row.id;
    });
    return this.get(actor, tourId);
  }

  /** The tour for its coordinator (or an admin) and for the parties of its stops. */
  async get(actor: Actor, tourId: string): Promise<PooledTourPlan> {
    const user = requireUser(actor);
    const tour = await pooledTourRepository.findTour(this.deps.db, tourId);
    const stops = tour ? await this.stopViews(this.deps.db, user, tour) : [];
    const coordinator = tour !== undefined && (tour.coordinator_user_id === user.userId || isAdmin(actor));
    const depot = tour ? await siteRepository.findSiteById(this.deps.db, tour.depot_site_id) : undefined;
    if (!tour || !depot || (!coordinator && !stops.some((s) => s.myRole !== null))) {
      throw new DomainError('NOT_FOUND', 'tour.notFound');
    }
    return buildPooledTourDto({
      id: tour.id,
      status: tour.status,
      territory: territoryScope(tour.scope_kind, tour.scope_code),
      day: tour.day,
      depot: { siteId: depot.id, name: depot.name, point: { lat: depot.lat, lon: depot.lon } },
      vehicleKey: tour.vehicle_key,
      km: tour.km,
      separateKm: tour.separate_km,
      co2eKg: tour.co2e_kg,
      separateCo2eKg: tour.separate_co2e_kg,
      stops,
      vehicleKm: tour.vehicle_km,
      unserved: [],
      canRecord: coordinator && tour.status === 'proposed',
    });
  }

  /** The tours the caller coordinates or takes part in, newest day first. */
  async list(
    actor: Actor,
  ): Promise<{ id: string; day: string; status: PooledTourStatus; territory: TerritoryScope; km: number }[]> {
    const user = requireUser(actor);
    const rows = await pooledTourRepository.listToursOfUser(this.deps.db, user.userId, LIST_LIMIT);
    return rows.map((r) => ({
      id: r.id,
      day: r.day,
      status: r.status,
      territory: territoryScope(r.scope_kind, r.scope_code),
      km: r.km,
    }));
  }

  /**
   * A stop's buyer (or a member of its seller site) accepts or declines it, until the tour is
   * recorded; the tour's coordinator is told (the bell), unless they answered themselves.
   */
  async respond(actor: Actor, raw: PooledTourRespondInput): Promise<PooledTourPlan> {
    const user = requireUser(actor);
    const parsed = pooledTourRespondSchema.safeParse(raw);
    if (!parsed.success)
      refuseTour(parsed.error.issues.map((i) => ({ path: i.path.join('.'), key: i.message })));
    const input = parsed.data;
    await this.deps.jobs.transaction(async (trx, enqueue) => {
      const tour = await pooledTourRepository.lockTour(trx, input.tourId);
      const stops = tour ? await this.stopViews(trx, user, tour) : [];
      const stop = stops.find((s) => s.tradeId === input.tradeId);
      if (!tour || !stop || stop.myRole === null) {
        throw new DomainError('NOT_FOUND', 'tour.notFound', {
          fields: [{ path: 'tradeId', key: 'tour.notFound' }],
        });
      }
      if (tour.status !== 'proposed') {
        throw new DomainError('CONFLICT', 'tour.alreadyRecorded', {
          fields: [{ path: 'tourId', key: 'tour.alreadyRecorded' }],
        });
      }
      const answer = input.accept ? 'accepted' : 'declined';
      await pooledTourRepository.setResponse(
        trx,
        { tourId: tour.id, tradeId: stop.tradeId },
        stop.myRole,
        answer,
        this.deps.now(),
      );
      if (tour.coordinator_user_id !== user.userId) {
        await this.deps.notifications.notify(trx, enqueue, {
          userId: tour.coordinator_user_id,
          kind: 'pooled_tour_answered',
          dedupeKey: `pooled-tour-answer:${tour.id}:${stop.tradeId}:${stop.myRole}:${answer}`,
          data: {
            tourId: tour.id,
            lotTitle: stop.lotTitle,
            siteName: stop.siteName,
            day: tour.day,
            role: stop.myRole,
            answer,
          },
        });
      }
    });
    return this.get(actor, input.tourId);
  }

  /**
   * Once driven: each vehicle's accepted stops become one `shared_tour` trip over the km of
   * that vehicle's tour through them (planned again from the depot, the client sends no
   * distance). Declined and unanswered stops do not travel. Recorded once.
   */
  async record(actor: Actor, raw: { tourId: string }): Promise<RecordedPooledTour> {
    const user = requireUser(actor);
    const factorSet = await this.deps.registry.active();
    const now = this.deps.now();
    return this.deps.db.transaction().execute(async (trx) => {
      const tour = await pooledTourRepository.lockTour(trx, raw.tourId);
      if (!tour || !(tour.coordinator_user_id === user.userId || isAdmin(actor))) {
        throw new DomainError('NOT_FOUND', 'tour.notFound');
      }
      if (tour.status !== 'proposed') throw new DomainError('CONFLICT', 'tour.alreadyRecorded');
      const depot = await siteRepository.findSiteById(trx, tour.depot_site_id);
      if (!depot) throw new DomainError('NOT_FOUND', 'tour.notFound');
      const stops = (await this.stopViews(trx, user, tour)).filter(
        (s) => stopStanding(s.buyerResponse, s.sellerResponse) === 'accepted',
      );
      if (stops.length === 0) throw new DomainError('CONFLICT', 'tour.noAcceptedStop');
      const trips: RecordedPooledTour['trips'] = [];
      for (const vehicle of [...new Set(stops.map((s) => s.vehicle))].sort((a, b) => a - b)) {
        const own = stops.filter((s) => s.vehicle === vehicle);
        const lots = [];
        for (const s of [...own].sort((a, b) => a.tradeId.localeCompare(b.tradeId))) {
          const trade = await tradeRepository.lockTrade(trx, s.tradeId);
          if (!trade || !RECORDABLE_STATES.includes(trade.state)) {
            refuseTour([{ path: `stops.${s.tradeId}`, key: 'tour.tradeNotReady' }]);
          }
          await refuseIfOnTrip(trx, s.tradeId, `stops.${s.tradeId}`);
          lots.push({
            tradeId: trade.id,
            massKg: s.loadKg,
            sellerSiteId: trade.seller_site_id,
            buyerSiteId: trade.buyer_site_id,
            buyerUserId: trade.buyer_user_id,
          });
        }
        const driven = planTour(
          {
            start: { point: { lat: depot.lat, lon: depot.lon }, window: { fromMin: 0, toMin: 24 * 60 } },
            day: tour.day,
            vehicle: { capacityKg: 40_000, vehicleKey: tour.vehicle_key },
            stops: own.map((s) => ({ id: s.tradeId, point: s.point, loadKg: 0, serviceMin: 0 })),
          },
          {
            factorSet,
            config: { maxStops: this.deps.maxStops },
            budget: {
              timeLimitMs: POOLED_SOLVE_TIME_LIMIT_MS,
              clock: () => performance.now(),
              seed: POOLED_SOLVE_SEED,
            },
          },
        );
        if (driven.status !== 'ok') throw new DomainError('CONFLICT', 'tour.infeasible');
        const tripId = await insertTourTrip(trx, { km: driven.km, recordedBy: user.userId, now, lots });
        trips.push({ tripId, km: driven.km, tradeIds: lots.map((l) => l.tradeId) });
      }
      await pooledTourRepository.markRecorded(trx, tour.id, now);
      return { tourId: tour.id, trips };
    });
  }

  private requireCoordinator(actor: Actor, raw: PooledTourInput): UserActor {
    const user = requireUser(actor);
    const territory = (raw as { territory?: TerritoryScope } | undefined)?.territory;
    if (!(isAdmin(actor) || user.roles.includes('coordinator'))) throw forbidden('tour.notCoordinator');
    if (territory && typeof territory.code === 'string' && !coversTerritory(actor, territory)) {
      throw forbidden('tour.territoryNotInScope');
    }
    return user;
  }

  private async stopViews(
    db: Kysely<Database> | Transaction<Database>,
    user: UserActor,
    tour: PooledTourRow,
  ) {
    const rows = await pooledTourRepository.listStops(db, tour.id);
    const roles = new Map<string, boolean>();
    const views: StopView[] = [];
    for (const r of rows) {
      if (!roles.has(r.sellerSiteId)) {
        roles.set(
          r.sellerSiteId,
          (await membershipRepository.findRole(db, r.sellerSiteId, user.userId)) !== undefined,
        );
      }
      views.push({
        tradeId: r.trade_id,
        vehicle: r.vehicle,
        siteName: r.siteName,
        communeName: r.communeName,
        lotTitle: r.lotTitle,
        point: { lat: r.lat, lon: r.lon },
        loadKg: r.load_kg,
        arrivalMin: r.arrival_min,
        serviceStartMin: r.service_start_min,
        legKm: r.leg_km,
        buyerResponse: r.buyer_response,
        sellerResponse: r.seller_response,
        myRole: r.buyerUserId === user.userId ? 'buyer' : roles.get(r.sellerSiteId) ? 'seller' : null,
      });
    }
    return views;
  }
}
