import {
  type Database,
  type Kysely,
  lotRepository,
  siteRepository,
  type TradeRow,
  type Transaction,
  tradeRepository,
} from '@retaille/db';
import {
  DomainError,
  type FactorSet,
  type FieldProblem,
  findTransportFactor,
  type LatLon,
  openingWindowOn,
  type PickupTourInput,
  type PickupTourPlan,
  type PickupTourRequest,
  pickupTourInputSchema,
  planTour,
  type RecordedTourTrip,
  type TourPlace,
  type TradeState,
} from '@retaille/domain';
import type { Actor } from '../auth/actor.ts';
import { requireUser } from '../auth/policy.ts';
import type { FactorRegistry } from '../impact/factor-registry.service.ts';
import {
  insertTourTrip,
  massCarriedKg,
  RECORDABLE_STATES,
  refuseIfOnTrip,
  slotWindowOnDay,
} from './shared-tour-trip.ts';

/** A tour is planned only through pickups the parties agreed (a slot is set). */
const PLANNABLE_STATES: readonly TradeState[] = ['pickup_scheduled'];
/** The solver's wall-clock budget: the request answers within it whatever the instance. */
const SOLVE_TIME_LIMIT_MS = 1_500;
const SOLVE_SEED = 17;

export interface PickupTourDeps {
  db: Kysely<Database>;
  registry: FactorRegistry;
  now: () => Date;
}

interface LoadedStop {
  trade: TradeRow;
  siteId: string;
  siteName: string;
  communeName: string;
  lotTitle: string;
  point: LatLon;
  massKg: number;
  window: { fromMin: number; toMin: number };
  /** The seller site's opening that day: none given, closed, or a window. */
  opening: { fromMin: number; toMin: number } | 'closed' | null;
}

interface Loaded {
  request: PickupTourRequest;
  start: LatLon;
  end: LatLon;
  stops: LoadedStop[];
}

function refuse(fields: FieldProblem[]): never {
  throw new DomainError('VALIDATION', 'tour.invalidInput', { fields });
}

/**
 * A buyer's pickup tour (issue 17): plans the order of their agreed pickups with the domain's
 * solver (exact up to 10 stops, heuristic above, within a time budget) and, once driven, records
 * it as the trip of every trade it carried (docs/impact-method.md §4), so each trade's impact
 * counts its share of the tour instead of a round trip of its own.
 */
export class PickupTourService {
  constructor(private readonly deps: PickupTourDeps) {}

  async plan(actor: Actor, raw: PickupTourInput): Promise<PickupTourPlan> {
    const user = requireUser(actor);
    const factorSet = await this.deps.registry.active();
    const loaded = await this.load(this.deps.db, user.userId, raw, PLANNABLE_STATES, factorSet);
    return this.solve(loaded, factorSet);
  }

  /**
   * Records the tour as driven: one `shared_tour` trip over the tour's km (planned again here,
   * the client never sends a distance), every trade joined with its mass, the impact records
   * already written for these trades recomputed with their share. A trade already on a trip is
   * refused (a lot travels once).
   */
  async recordTrip(actor: Actor, raw: PickupTourInput): Promise<RecordedTourTrip> {
    const user = requireUser(actor);
    const factorSet = await this.deps.registry.active();
    const loaded = await this.load(this.deps.db, user.userId, raw, RECORDABLE_STATES, factorSet);
    const plan = this.solve(loaded, factorSet);
    if (plan.status !== 'ok') {
      throw new DomainError('CONFLICT', 'tour.infeasible', {
        fields: plan.reasons.map((r) => ({
          path: `tradeIds.${loaded.request.tradeIds.indexOf(r.tradeId)}`,
          key: r.reason,
        })),
      });
    }
    const now = this.deps.now();
    return this.deps.db.transaction().execute(async (trx) => {
      // Locked in a fixed order so two recordings of overlapping tours cannot deadlock; the
      // second one then sees the first's trip and is refused.
      const ids = [...loaded.request.tradeIds].sort();
      for (const id of ids) {
        const trade = await tradeRepository.lockTrade(trx, id);
        const i = loaded.request.tradeIds.indexOf(id);
        if (trade === undefined || trade.buyer_user_id !== user.userId) {
          throw new DomainError('NOT_FOUND', 'trade.notFound', {
            fields: [{ path: `tradeIds.${i}`, key: 'trade.notFound' }],
          });
        }
        if (!RECORDABLE_STATES.includes(trade.state)) {
          refuse([{ path: `tradeIds.${i}`, key: 'tour.tradeNotReady' }]);
        }
        await refuseIfOnTrip(trx, id, `tradeIds.${i}`);
      }
      const tripId = await insertTourTrip(trx, {
        km: plan.km,
        recordedBy: user.userId,
        now,
        lots: loaded.stops.map((st) => ({
          tradeId: st.trade.id,
          massKg: st.massKg,
          sellerSiteId: st.trade.seller_site_id,
          buyerSiteId: st.trade.buyer_site_id,
          buyerUserId: st.trade.buyer_user_id,
        })),
      });
      return { tripId, km: plan.km, tradeIds: loaded.stops.map((st) => st.trade.id) };
    });
  }

  private solve(loaded: Loaded, factorSet: FactorSet): PickupTourPlan {
    const { request, stops } = loaded;
    const plan = planTour(
      {
        start: { point: loaded.start, window: { fromMin: request.departMin, toMin: request.returnByMin } },
        end: { point: loaded.end, window: { fromMin: request.departMin, toMin: request.returnByMin } },
        day: request.day,
        vehicle: {
          capacityKg: request.vehicle.capacityKg,
          capacityM3: request.vehicle.capacityM3,
          vehicleKey: request.vehicle.vehicleKey,
        },
        stops: stops.map((s) => ({
          id: s.trade.id,
          point: s.point,
          loadKg: s.massKg,
          serviceMin: request.serviceMin,
          availability: s.window,
          ...(s.opening === 'closed'
            ? { closed: true }
            : s.opening === null
              ? {}
              : { openingHours: s.opening }),
        })),
      },
      {
        factorSet,
        budget: { timeLimitMs: SOLVE_TIME_LIMIT_MS, clock: () => performance.now(), seed: SOLVE_SEED },
      },
    );
    if (plan.status === 'infeasible') {
      return {
        status: 'infeasible',
        day: request.day,
        reasons: plan.reasons.map((r) => ({
          tradeId: r.stopId,
          reason: r.reason,
          ...(r.availability ? { slot: r.availability } : {}),
          ...(r.openingHours ? { openingHours: r.openingHours } : {}),
        })),
      };
    }
    const tour = plan.tours[0]!;
    const byId = new Map(stops.map((s) => [s.trade.id, s]));
    const lastLegKm = tour.km - tour.stops.reduce((sum, s) => sum + s.legKm, 0);
    return {
      status: 'ok',
      day: request.day,
      method: plan.method,
      optimal: plan.optimal,
      vehicleKey: request.vehicle.vehicleKey,
      start: loaded.start,
      end: loaded.end,
      startMin: tour.startMin,
      endMin: tour.endMin,
      lastLegKm: Math.max(0, lastLegKm),
      km: plan.km,
      separateKm: plan.separateKm,
      co2eKg: plan.co2eKg,
      separateCo2eKg: plan.separateCo2eKg,
      loadKg: tour.loadKg,
      stops: tour.stops.map((p) => {
        const s = byId.get(p.stopId)!;
        return {
          tradeId: s.trade.id,
          siteId: s.siteId,
          siteName: s.siteName,
          communeName: s.communeName,
          lotTitle: s.lotTitle,
          point: s.point,
          loadKg: s.massKg,
          arrivalMin: p.arrivalMin,
          serviceStartMin: p.serviceStartMin,
          departureMin: p.departureMin,
          waitMin: p.waitMin,
          legKm: p.legKm,
        };
      }),
    };
  }

  /** Validates the request and reads each trade's seller site, lot mass and agreed slot. */
  private async load(
    db: Kysely<Database> | Transaction<Database>,
    userId: string,
    raw: PickupTourInput,
    states: readonly TradeState[],
    factorSet: FactorSet,
  ): Promise<Loaded> {
    const parsed = pickupTourInputSchema.safeParse(raw);
    if (!parsed.success) {
      refuse(
        parsed.error.issues.map((i) => ({
          path: i.path.join('.'),
          key:
            i.message.startsWith('tour.') || i.message.startsWith('field.') ? i.message : 'tour.invalidInput',
        })),
      );
    }
    const request = parsed.data;
    const problems: FieldProblem[] = [];
    if (findTransportFactor(factorSet, request.vehicle.vehicleKey) === undefined) {
      problems.push({ path: 'vehicle.vehicleKey', key: 'impact.unknownVehicle' });
    }
    const stops: LoadedStop[] = [];
    const buyerSiteIds = new Set<string>();
    for (const [i, id] of request.tradeIds.entries()) {
      const trade = await tradeRepository.findTrade(db, id);
      if (trade === undefined || trade.buyer_user_id !== userId) {
        // Another party's trade reads as missing: its existence is not the caller's to learn.
        throw new DomainError('NOT_FOUND', 'trade.notFound', {
          fields: [{ path: `tradeIds.${i}`, key: 'trade.notFound' }],
        });
      }
      if (trade.buyer_site_id) buyerSiteIds.add(trade.buyer_site_id);
      if (!states.includes(trade.state)) {
        problems.push({ path: `tradeIds.${i}`, key: 'tour.tradeNotReady' });
        continue;
      }
      const window = slotWindowOnDay(trade.pickup_start, trade.pickup_end, request.day);
      if (window === null) {
        problems.push({ path: `tradeIds.${i}`, key: 'tour.pickupOtherDay' });
        continue;
      }
      const site = await siteRepository.findSiteById(db, trade.seller_site_id);
      const lot = await lotRepository.findLot(db, trade.lot_id);
      if (!site || !lot) throw new Error(`trade ${trade.id}: lot or seller site missing`);
      stops.push({
        trade,
        siteId: site.id,
        siteName: site.name,
        communeName: site.commune_name,
        lotTitle: lot.title,
        point: { lat: site.lat, lon: site.lon },
        massKg: massCarriedKg(trade, lot),
        window,
        opening: null,
      });
    }
    const hours = await siteRepository.openingHoursOf(
      db,
      stops.map((s) => s.siteId),
    );
    for (const s of stops) s.opening = openingWindowOn(hours.get(s.siteId) ?? [], request.day);
    const place = async (p: TourPlace, path: string): Promise<LatLon | null> => {
      if (p.kind === 'point') return { lat: p.lat, lon: p.lon };
      // A tour starts from the buyer's own site (where the lots go), not from any site's address.
      if (!buyerSiteIds.has(p.siteId)) {
        problems.push({ path: `${path}.siteId`, key: 'tour.placeNotYours' });
        return null;
      }
      const site = await siteRepository.findSiteById(db, p.siteId);
      return site ? { lat: site.lat, lon: site.lon } : null;
    };
    const start = await place(request.start, 'start');
    const end = request.end ? await place(request.end, 'end') : start;
    if (problems.length > 0 || start === null || end === null) refuse(problems);
    return { request, start, end, stops };
  }
}
