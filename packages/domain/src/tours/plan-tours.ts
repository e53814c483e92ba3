import type { z } from 'zod';
import { haversineKm, isInFrance, type LatLon } from '../geo/distance.ts';
import { computeTransportEmissions } from '../impact/transport.ts';
import { DomainError, type FieldProblem } from '../shared/errors.ts';
import { HELD_KARP_MAX_STOPS, solveExactTour } from './held-karp.ts';
import { evaluateRoute, type RoutingInstance, routeKm, scheduleRoute } from './routing-instance.ts';
import {
  DEFAULT_END_MIN,
  DEFAULT_POOLED_MAX_STOPS,
  DEFAULT_START_MIN,
  DEFAULT_TOUR_CONFIG,
  MINUTES_PER_DAY,
  type PlannedTour,
  type TourContext,
  type TourPlan,
  type TourPlanOk,
  type TourRequest,
  tourRequestSchema,
  type UnservedStop,
} from './tour-request.ts';
import { solveHeuristicTours } from './vrp-heuristic.ts';

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

/** Great-circle km × detour factor between every pair of points. */
export function haversineMatrix(points: readonly LatLon[], detourFactor: number): number[][] {
  return points.map((a) => points.map((b) => haversineKm(a, b) * detourFactor));
}

interface Prepared {
  request: z.infer<typeof tourRequestSchema>;
  inst: RoutingInstance;
  /** Per stop (index 0 = node 1): why no tour can serve it, or null. */
  blocked: (UnservedStop | null)[];
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
  const blocked = request.stops.map((s, k): UnservedStop | null => {
    const i = k + 1;
    const windows = { availability: s.availability, openingHours: s.openingHours };
    if (s.closed) return { stopId: s.id, reason: 'tour.siteClosed' };
    if (open[i]! > close[i]!) {
      const both = s.availability !== undefined && s.openingHours !== undefined;
      return { stopId: s.id, reason: both ? 'tour.outsideOpeningHours' : 'tour.windowEmpty', ...windows };
    }
    if (s.loadKg > inst.capacityKg || s.loadM3 > inst.capacityM3) {
      return { stopId: s.id, reason: 'tour.capacityBelowLot' };
    }
    if (!evaluateRoute(inst, [i]).feasible)
      return { stopId: s.id, reason: 'tour.windowUnreachable', ...windows };
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
  for (const b of p.blocked) if (b !== null) reasons.push(b);
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
    if (b !== null) unserved.push(b);
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
