import { z } from 'zod';
import { haversineKm, isInFrance, type LatLon } from '../geo/distance.ts';
import type { FactorSet } from '../impact/factor-registry.ts';
import { computeTransportEmissions } from '../impact/transport.ts';
import { DEFAULT_VEHICLE_KEY } from '../impact/vehicles.ts';
import { DomainError, type FieldProblem } from '../shared/errors.ts';
import { HELD_KARP_MAX_STOPS, solveExactTour } from './held-karp.ts';
import { evaluateRoute, type RoutingInstance, routeKm, scheduleRoute } from './routing-instance.ts';
import { type SolveBudget, solveHeuristicTours } from './vrp-heuristic.ts';

/**
 * Pickup tours: a buyer's several pickups in one tour (`planTour`), or a coordinator's pickups of
 * several buyers pooled into shared tours (`planPooledTours`). Pure: the distance matrix, the
 * factor set and the budget (iterations and an optional injected clock) are passed in.
 *
 * Bad input is refused with DomainError VALIDATION `tour.invalidInput` and one field problem per
 * cause (shape, point outside France, too many stops, matrix of the wrong size); a stop that no
 * tour can serve (empty or unreachable window, load above the vehicle's capacity) is answered as
 * `status: 'infeasible'` (single tour) or listed in `unserved` (pooled), with its reason.
 */

const MINUTES_PER_DAY = 24 * 60;

const pointSchema = z.object({ lat: z.number(), lon: z.number() });
const windowSchema = z
  .object({
    fromMin: z.number().int().min(0).max(MINUTES_PER_DAY),
    toMin: z.number().int().min(0).max(MINUTES_PER_DAY),
  })
  .refine((w) => w.fromMin <= w.toMin, { error: 'tour.windowReversed' });
export type TimeWindow = z.infer<typeof windowSchema>;

export const tourStopSchema = z.object({
  id: z.string().min(1).max(100),
  /** The buyer (or trade) the pickup belongs to, for pooled tours. */
  ownerId: z.string().min(1).max(100).optional(),
  point: pointSchema,
  loadKg: z.number().nonnegative().max(100_000),
  loadM3: z.number().nonnegative().max(1_000).default(0),
  /** Minutes spent loading. */
  serviceMin: z.number().nonnegative().max(480).default(10),
  /** When the pickup is agreed (minutes from midnight of the day). */
  availability: windowSchema.optional(),
  /** The seller's site opening hours that day. */
  openingHours: windowSchema.optional(),
});
export type TourStopInput = z.input<typeof tourStopSchema>;

const placeSchema = z.object({ point: pointSchema, window: windowSchema.optional() });

export const tourRequestSchema = z.object({
  /** Start (a site or home); leaves at its window's start (default 08:00). */
  start: placeSchema,
  /** End; defaults to the start. Must be reached by its window's end (default 19:00). */
  end: placeSchema.optional(),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  vehicle: z.object({
    capacityKg: z.number().positive().max(40_000),
    capacityM3: z.number().positive().max(200).optional(),
    vehicleKey: z.string().min(1).default(DEFAULT_VEHICLE_KEY),
    /** Pooled tours only: at most this many tours. */
    count: z.number().int().positive().max(1_000).optional(),
  }),
  stops: z.array(tourStopSchema).min(1),
});
export type TourRequest = z.input<typeof tourRequestSchema>;

/** A distance (and optionally duration) table over [start, ...stops, end], e.g. from OSRM `/table`. */
export interface DistanceMatrix {
  km: readonly (readonly number[])[];
  minutes?: readonly (readonly number[])[];
}

export interface TourConfig {
  /** Most stops in one request (single tour), or pickups (pooled). */
  maxStops: number;
  /** Road km ≈ haversine km × this, when no matrix is given. */
  detourFactor: number;
  /** Average speed turning km into minutes when the matrix gives no durations. */
  speedKmh: number;
  /** Exact dynamic programming up to this many stops, heuristic above. */
  exactMaxStops: number;
}

export const DEFAULT_TOUR_CONFIG: TourConfig = {
  maxStops: 60,
  detourFactor: 1.3,
  speedKmh: 45,
  exactMaxStops: 10,
};
export const DEFAULT_POOLED_MAX_STOPS = 500;
const DEFAULT_START_MIN = 8 * 60;
const DEFAULT_END_MIN = 19 * 60;

export type TourInfeasibility =
  | 'tour.windowEmpty'
  | 'tour.windowUnreachable'
  | 'tour.capacityBelowLot'
  | 'tour.capacityExceeded'
  | 'tour.windowsConflict'
  | 'tour.noFeasiblePlace';

export interface UnservedStop {
  stopId: string;
  reason: TourInfeasibility;
}

export interface PlannedStop {
  stopId: string;
  ownerId: string | null;
  arrivalMin: number;
  serviceStartMin: number;
  departureMin: number;
  waitMin: number;
  legKm: number;
}

export interface PlannedTour {
  stops: PlannedStop[];
  startMin: number;
  endMin: number;
  km: number;
  loadKg: number;
  loadM3: number;
  co2eKg: number;
}

export interface TourPlanOk {
  status: 'ok';
  tours: PlannedTour[];
  km: number;
  /** Each pickup as its own trip start → stop → end. */
  separateKm: number;
  co2eKg: number;
  separateCo2eKg: number;
  method: 'exact' | 'heuristic';
  /** True when the tours are proven shortest (exact method). */
  optimal: boolean;
  iterations: number;
  unserved: UnservedStop[];
}

export interface TourPlanInfeasible {
  status: 'infeasible';
  reasons: UnservedStop[];
}

export type TourPlan = TourPlanOk | TourPlanInfeasible;

export interface TourContext {
  factorSet: FactorSet;
  config?: Partial<TourConfig>;
  matrix?: DistanceMatrix;
  budget?: SolveBudget;
}

/** Great-circle km × detour factor between every pair of points. */
export function haversineMatrix(points: readonly LatLon[], detourFactor: number): number[][] {
  return points.map((a) => points.map((b) => haversineKm(a, b) * detourFactor));
}

interface Prepared {
  request: z.infer<typeof tourRequestSchema>;
  inst: RoutingInstance;
  /** Per stop (index 0 = node 1): why no tour can serve it, or null. */
  blocked: (TourInfeasibility | null)[];
}

function refuse(fields: FieldProblem[]): never {
  throw new DomainError('VALIDATION', 'tour.invalidInput', { fields });
}

function prepare(raw: unknown, ctx: TourContext, pooled: boolean): Prepared {
  const config = {
    ...DEFAULT_TOUR_CONFIG,
    ...(pooled ? { maxStops: DEFAULT_POOLED_MAX_STOPS } : {}),
    ...ctx.config,
  };
  const parsed = tourRequestSchema.safeParse(raw);
  if (!parsed.success) {
    refuse(
      parsed.error.issues.map((i) => ({
        path: i.path.join('.'),
        key: i.message.startsWith('tour.') ? i.message : 'tour.invalidInput',
      })),
    );
  }
  const request = parsed.data;
  const problems: FieldProblem[] = [];
  if (request.stops.length > config.maxStops) {
    problems.push({ path: 'stops', key: 'tour.tooManyStops', params: { max: config.maxStops } });
  }
  const points: LatLon[] = [
    request.start.point,
    ...request.stops.map((s) => s.point),
    (request.end ?? request.start).point,
  ];
  const pointPaths = [
    'start.point',
    ...request.stops.map((_, i) => `stops.${i}.point`),
    request.end ? 'end.point' : 'start.point',
  ];
  points.forEach((p, i) => {
    if (!isInFrance(p) && !problems.some((q) => q.path === pointPaths[i])) {
      problems.push({ path: pointPaths[i]!, key: 'tour.pointOutsideFrance' });
    }
  });
  const ids = new Set<string>();
  request.stops.forEach((s, i) => {
    if (ids.has(s.id)) problems.push({ path: `stops.${i}.id`, key: 'tour.duplicateId' });
    ids.add(s.id);
  });
  const size = points.length;
  const validTable = (t: readonly (readonly number[])[] | undefined) =>
    t === undefined ||
    (t.length === size &&
      t.every((row) => row.length === size && row.every((x) => Number.isFinite(x) && x >= 0)));
  if (ctx.matrix && (!validTable(ctx.matrix.km) || !validTable(ctx.matrix.minutes))) {
    problems.push({ path: 'matrix', key: 'tour.invalidMatrix', params: { size } });
  }
  if (problems.length > 0) refuse(problems);

  const kmTable = ctx.matrix?.km ?? haversineMatrix(points, config.detourFactor);
  const km = new Float64Array(size * size);
  const minutes = new Float64Array(size * size);
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      km[i * size + j] = i === j ? 0 : kmTable[i]![j]!;
      minutes[i * size + j] =
        i === j ? 0 : (ctx.matrix?.minutes?.[i]?.[j] ?? (km[i * size + j]! / config.speedKmh) * 60);
    }
  }
  const open = new Float64Array(size);
  const close = new Float64Array(size);
  const service = new Float64Array(size);
  const loadKg = new Float64Array(size);
  const loadM3 = new Float64Array(size);
  open[0] = request.start.window?.fromMin ?? DEFAULT_START_MIN;
  close[0] = request.start.window?.toMin ?? DEFAULT_END_MIN;
  const endWindow = (request.end ?? request.start).window;
  open[size - 1] = endWindow?.fromMin ?? DEFAULT_START_MIN;
  close[size - 1] = endWindow?.toMin ?? DEFAULT_END_MIN;
  request.stops.forEach((s, k) => {
    const i = k + 1;
    const from = Math.max(s.availability?.fromMin ?? 0, s.openingHours?.fromMin ?? 0);
    const to = Math.min(s.availability?.toMin ?? MINUTES_PER_DAY, s.openingHours?.toMin ?? MINUTES_PER_DAY);
    open[i] = from;
    close[i] = to;
    service[i] = s.serviceMin;
    loadKg[i] = s.loadKg;
    loadM3[i] = s.loadM3;
  });
  const inst: RoutingInstance = {
    n: request.stops.length,
    km,
    minutes,
    open,
    close,
    service,
    loadKg,
    loadM3,
    capacityKg: request.vehicle.capacityKg,
    capacityM3: request.vehicle.capacityM3 ?? Number.POSITIVE_INFINITY,
  };
  const blocked = request.stops.map((s, k): TourInfeasibility | null => {
    const i = k + 1;
    if (open[i]! > close[i]!) return 'tour.windowEmpty';
    if (s.loadKg > inst.capacityKg || s.loadM3 > inst.capacityM3) return 'tour.capacityBelowLot';
    if (!evaluateRoute(inst, [i]).feasible) return 'tour.windowUnreachable';
    return null;
  });
  return { request, inst, blocked };
}

function emissions(ctx: TourContext, vehicleKey: string, distanceKm: number): number {
  return computeTransportEmissions({
    distanceKm,
    massKg: 0,
    vehicleKey,
    transportMode: 'dedicated_trip',
    roundTrip: false,
    factorSet: ctx.factorSet,
  }).totalKgCo2e;
}

function describe(
  p: Prepared,
  ctx: TourContext,
  routes: number[][],
  meta: { method: 'exact' | 'heuristic'; optimal: boolean; iterations: number; unserved: UnservedStop[] },
): TourPlanOk {
  const { inst, request } = p;
  const size = inst.n + 2;
  const vehicleKey = request.vehicle.vehicleKey;
  const tours = routes.map((route): PlannedTour => {
    const schedule = scheduleRoute(inst, route);
    const km = routeKm(inst, route);
    return {
      stops: schedule.stops.map((s) => {
        const stop = request.stops[s.node - 1]!;
        return {
          stopId: stop.id,
          ownerId: stop.ownerId ?? null,
          arrivalMin: s.arrivalMin,
          serviceStartMin: s.serviceStartMin,
          departureMin: s.departureMin,
          waitMin: s.waitMin,
          legKm: s.legKm,
        };
      }),
      startMin: schedule.startMin,
      endMin: schedule.endMin,
      km,
      loadKg: route.reduce((sum, u) => sum + inst.loadKg[u]!, 0),
      loadM3: route.reduce((sum, u) => sum + inst.loadM3[u]!, 0),
      co2eKg: emissions(ctx, vehicleKey, km),
    };
  });
  let separateKm = 0;
  let separateCo2eKg = 0;
  for (const route of routes) {
    for (const u of route) {
      const trip = inst.km[u]! + inst.km[u * size + size - 1]!;
      separateKm += trip;
      separateCo2eKg += emissions(ctx, vehicleKey, trip);
    }
  }
  return {
    status: 'ok',
    tours,
    km: tours.reduce((s, t) => s + t.km, 0),
    separateKm,
    co2eKg: tours.reduce((s, t) => s + t.co2eKg, 0),
    separateCo2eKg,
    ...meta,
  };
}

/**
 * One vehicle through every stop: exact (Held–Karp with windows) up to `exactMaxStops`, else the
 * heuristic within `budget`. Infeasible when a stop cannot be served at all, when the loads
 * exceed the vehicle, or (exact only: proven) when no order meets every window.
 */
export function planTour(raw: TourRequest, ctx: TourContext): TourPlan {
  const p = prepare(raw, ctx, false);
  const { inst, request } = p;
  const reasons: UnservedStop[] = [];
  p.blocked.forEach((b, k) => {
    if (b !== null) reasons.push({ stopId: request.stops[k]!.id, reason: b });
  });
  if (reasons.length > 0) return { status: 'infeasible', reasons };
  let kg = 0;
  let m3 = 0;
  for (let i = 1; i <= inst.n; i++) {
    kg += inst.loadKg[i]!;
    m3 += inst.loadM3[i]!;
  }
  if (kg > inst.capacityKg + 1e-9 || m3 > inst.capacityM3 + 1e-9) {
    return {
      status: 'infeasible',
      reasons: request.stops.map((s) => ({ stopId: s.id, reason: 'tour.capacityExceeded' })),
    };
  }
  const exactMax = Math.min(
    ctx.config?.exactMaxStops ?? DEFAULT_TOUR_CONFIG.exactMaxStops,
    HELD_KARP_MAX_STOPS,
  );
  if (inst.n <= exactMax) {
    const exact = solveExactTour(inst);
    if (exact.route === null) {
      return {
        status: 'infeasible',
        reasons: request.stops.map((s) => ({ stopId: s.id, reason: 'tour.windowsConflict' })),
      };
    }
    return describe(p, ctx, [exact.route], { method: 'exact', optimal: true, iterations: 0, unserved: [] });
  }
  const stops = request.stops.map((_, k) => k + 1);
  const h = solveHeuristicTours(inst, stops, { ...ctx.budget, maxRoutes: 1 });
  if (h.unplaced.length > 0) {
    return {
      status: 'infeasible',
      reasons: h.unplaced.map((u) => ({ stopId: request.stops[u - 1]!.id, reason: 'tour.noFeasiblePlace' })),
    };
  }
  return describe(p, ctx, h.routes, {
    method: 'heuristic',
    optimal: false,
    iterations: h.iterations,
    unserved: [],
  });
}

/**
 * Shared tours for pickups of several buyers (capacitated vehicle routing with time windows):
 * Clarke–Wright savings and local search within `budget`. Stops no tour can serve are left out
 * and listed in `unserved` with their reason; the others are planned.
 */
export function planPooledTours(raw: TourRequest, ctx: TourContext): TourPlanOk {
  const p = prepare(raw, ctx, true);
  const { request } = p;
  const unserved: UnservedStop[] = [];
  const stops: number[] = [];
  p.blocked.forEach((b, k) => {
    if (b !== null) unserved.push({ stopId: request.stops[k]!.id, reason: b });
    else stops.push(k + 1);
  });
  const h = solveHeuristicTours(p.inst, stops, { ...ctx.budget, maxRoutes: request.vehicle.count });
  for (const u of h.unplaced)
    unserved.push({ stopId: request.stops[u - 1]!.id, reason: 'tour.noFeasiblePlace' });
  return describe(p, ctx, h.routes, {
    method: 'heuristic',
    optimal: false,
    iterations: h.iterations,
    unserved,
  });
}
