import {
  type Database,
  type Kysely,
  type PoolableTradeRow,
  pooledTourRepository,
  siteRepository,
} from '@retaille/db';
import {
  DomainError,
  departementOf,
  type FactorSet,
  type FieldProblem,
  findTransportFactor,
  openingWindowOn,
  type PooledTourInput,
  type PooledTourRequest,
  planPooledTours,
  pooledTourInputSchema,
  type TourPlanOk,
} from '@retaille/domain';
import type { PooledView } from './pooled-tour.dto.ts';
import { massCarriedKg, slotWindowOnDay } from './shared-tour-trip.ts';

/** The solver's wall-clock budget for pooled tours: the request answers within it. */
export const POOLED_SOLVE_TIME_LIMIT_MS = 5_000;
export const POOLED_SOLVE_SEED = 17;

/** Nothing to pool that day: no tour, no km. */
const NO_TOURS: TourPlanOk = {
  status: 'ok',
  tours: [],
  km: 0,
  separateKm: 0,
  co2eKg: 0,
  separateCo2eKg: 0,
  method: 'heuristic',
  optimal: true,
  iterations: 0,
  unserved: [],
};

export interface Gathered {
  request: PooledTourRequest;
  depot: { siteId: string; name: string; point: { lat: number; lon: number } };
  trades: (PoolableTradeRow & { massKg: number })[];
  plan: TourPlanOk;
}

export function refuseTour(fields: FieldProblem[]): never {
  throw new DomainError('VALIDATION', 'tour.invalidInput', { fields });
}

/** Validates the request, gathers the territory's agreed pickups of the day and solves. */
export async function gatherPooledTours(
  db: Kysely<Database>,
  raw: PooledTourInput,
  factorSet: FactorSet,
  maxStops: number,
): Promise<Gathered> {
  const parsed = pooledTourInputSchema.safeParse(raw);
  if (!parsed.success) {
    refuseTour(
      parsed.error.issues.map((i) => ({
        path: i.path.join('.'),
        key: /^(tour|field)\./.test(i.message) ? i.message : 'tour.invalidInput',
      })),
    );
  }
  const request = parsed.data;
  const problems: FieldProblem[] = [];
  if (findTransportFactor(factorSet, request.vehicle.vehicleKey) === undefined) {
    problems.push({ path: 'vehicle.vehicleKey', key: 'impact.unknownVehicle' });
  }
  if (request.territory.kind === 'departement' && departementOf(request.territory.code) === undefined) {
    problems.push({ path: 'territory.code', key: 'tour.unknownTerritory' });
  }
  const depotRow = await siteRepository.findSiteById(db, request.depotSiteId);
  const depotIn =
    depotRow !== undefined &&
    (request.territory.kind === 'departement'
      ? depotRow.departement_code === request.territory.code
      : depotRow.region_code === request.territory.code);
  if (!depotRow || !depotIn) problems.push({ path: 'depotSiteId', key: 'tour.depotOutsideTerritory' });
  if (problems.length > 0 || !depotRow) refuseTour(problems);

  const dayUtc = Date.parse(`${request.day}T00:00:00Z`);
  const rows = await pooledTourRepository.listPoolableTrades(db, {
    scopeKind: request.territory.kind,
    scopeCode: request.territory.code,
    // Paris is one or two hours ahead of UTC: the exact day is checked on each slot below.
    from: new Date(dayUtc - 3 * 3_600_000),
    to: new Date(dayUtc + 24 * 3_600_000),
    limit: 4 * maxStops,
  });
  const windows = new Map(
    rows.map((r) => [r.tradeId, slotWindowOnDay(r.pickupStart, r.pickupEnd, request.day)]),
  );
  const trades = rows
    .filter((r) => windows.get(r.tradeId) !== null)
    .map((r) => ({
      ...r,
      massKg: massCarriedKg(
        { handover_grams: r.handoverGrams, quantity: r.quantity, unit: r.unit },
        { mass_kg: r.lotMassKg, quantity: r.lotQuantity },
      ),
    }));
  if (trades.length > maxStops) {
    refuseTour([{ path: 'territory', key: 'tour.tooManyStops', params: { max: maxStops } }]);
  }
  const largest = Math.max(0, ...trades.map((t) => t.massKg));
  if (largest > request.vehicle.capacityKg) {
    refuseTour([
      {
        path: 'vehicle.capacityKg',
        key: 'tour.capacityBelowLargestLot',
        params: { kg: Math.ceil(largest) },
      },
    ]);
  }
  const hours = await siteRepository.openingHoursOf(
    db,
    trades.map((t) => t.sellerSiteId),
  );
  const depot = {
    siteId: depotRow.id,
    name: depotRow.name,
    point: { lat: depotRow.lat, lon: depotRow.lon },
  };
  const window = { fromMin: request.departMin, toMin: request.returnByMin };
  const plan: TourPlanOk =
    trades.length === 0
      ? { ...NO_TOURS }
      : planPooledTours(
          {
            start: { point: depot.point, window },
            day: request.day,
            vehicle: {
              capacityKg: request.vehicle.capacityKg,
              capacityM3: request.vehicle.capacityM3,
              vehicleKey: request.vehicle.vehicleKey,
              count: request.vehicle.count,
            },
            stops: trades.map((t) => {
              const opening = openingWindowOn(hours.get(t.sellerSiteId) ?? [], request.day);
              return {
                id: t.tradeId,
                ownerId: t.buyerUserId,
                point: { lat: t.lat, lon: t.lon },
                loadKg: t.massKg,
                serviceMin: request.serviceMin,
                availability: windows.get(t.tradeId)!,
                ...(opening === 'closed'
                  ? { closed: true }
                  : opening === null
                    ? {}
                    : { openingHours: opening }),
              };
            }),
          },
          {
            factorSet,
            config: { maxStops: maxStops },
            budget: {
              timeLimitMs: POOLED_SOLVE_TIME_LIMIT_MS,
              clock: () => performance.now(),
              seed: POOLED_SOLVE_SEED,
            },
          },
        );
  return { request, depot, trades, plan };
}

/** The planned tours as the page shows them (nothing stored yet). */
export function toPlanned(g: Gathered): PooledView {
  const byId = new Map(g.trades.map((t) => [t.tradeId, t]));
  return {
    id: null,
    status: 'planned',
    territory: g.request.territory,
    day: g.request.day,
    depot: g.depot,
    vehicleKey: g.request.vehicle.vehicleKey,
    km: g.plan.km,
    separateKm: g.plan.separateKm,
    co2eKg: g.plan.co2eKg,
    separateCo2eKg: g.plan.separateCo2eKg,
    stops: g.plan.tours.flatMap((tour, vehicle) =>
      tour.stops.map((s) => {
        const t = byId.get(s.stopId)!;
        return {
          tradeId: t.tradeId,
          vehicle,
          siteName: t.siteName,
          communeName: t.communeName,
          lotTitle: t.lotTitle,
          point: { lat: t.lat, lon: t.lon },
          loadKg: t.massKg,
          arrivalMin: s.arrivalMin,
          serviceStartMin: s.serviceStartMin,
          legKm: s.legKm,
          buyerResponse: 'pending' as const,
          sellerResponse: 'pending' as const,
          myRole: null,
        };
      }),
    ),
    vehicleKm: g.plan.tours.map((t) => t.km),
    unserved: g.plan.unserved,
    canRecord: false,
  };
}
