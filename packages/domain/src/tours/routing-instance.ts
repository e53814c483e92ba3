/**
 * The numeric model every tour solver works on. Node 0 is the start, nodes 1..n the stops, node
 * n + 1 the end (the same point as the start for a round tour, but kept apart so a tour may end
 * elsewhere). Distances and driving times are full (n + 2) × (n + 2) matrices given by the caller:
 * haversine × detour factor by default (`haversineMatrix`), or a routing engine's table (OSRM's
 * `/table` returns exactly this), so the solvers never compute a distance themselves.
 *
 * Time is in minutes from midnight of the tour's day. A vehicle may wait at a stop until it opens;
 * the service (loading) must START within the stop's window, and the end must be reached by its
 * closing time. Pickups only load, so the load grows along a tour and capacity is a check on the
 * tour's total, whatever the order.
 */
export interface RoutingInstance {
  /** Number of stops (nodes 1..n). */
  n: number;
  /** Row-major (n + 2)², km from row to column. */
  km: Float64Array;
  /** Row-major (n + 2)², driving minutes from row to column. */
  minutes: Float64Array;
  /** Per node: earliest service start, latest service start (end node: latest arrival). */
  open: Float64Array;
  close: Float64Array;
  /** Per node: minutes spent loading (0 at the start and the end). */
  service: Float64Array;
  /** Per node: load picked up (0 at the start and the end). */
  loadKg: Float64Array;
  loadM3: Float64Array;
  capacityKg: number;
  capacityM3: number;
}

/** Node index of the end of the tour. */
export const endNode = (inst: RoutingInstance) => inst.n + 1;

export interface RouteEvaluation {
  feasible: boolean;
  km: number;
  /** Arrival at the end (minutes from midnight). */
  endMin: number;
}

/** Km of a route (stops only; start and end added), with no feasibility check. */
export function routeKm(inst: RoutingInstance, route: readonly number[]): number {
  const size = inst.n + 2;
  let prev = 0;
  let km = 0;
  for (const node of route) {
    km += inst.km[prev * size + node]!;
    prev = node;
  }
  return km + inst.km[prev * size + inst.n + 1]!;
}

/**
 * Walks a route from the start: leave at the start's opening, wait where a stop is not open yet,
 * fail as soon as a service would start after its window or the end is reached too late, or the
 * load exceeds the capacity. O(route length).
 */
export function evaluateRoute(inst: RoutingInstance, route: readonly number[]): RouteEvaluation {
  const size = inst.n + 2;
  let prev = 0;
  let time = inst.open[0]!;
  let km = 0;
  let kg = 0;
  let m3 = 0;
  let feasible = true;
  for (const node of route) {
    km += inst.km[prev * size + node]!;
    const arrive = time + inst.minutes[prev * size + node]!;
    const start = Math.max(arrive, inst.open[node]!);
    if (start > inst.close[node]! + 1e-9) feasible = false;
    time = start + inst.service[node]!;
    kg += inst.loadKg[node]!;
    m3 += inst.loadM3[node]!;
    prev = node;
  }
  const end = inst.n + 1;
  km += inst.km[prev * size + end]!;
  time += inst.minutes[prev * size + end]!;
  if (time > inst.close[end]! + 1e-9) feasible = false;
  if (kg > inst.capacityKg + 1e-9 || m3 > inst.capacityM3 + 1e-9) feasible = false;
  return { feasible, km, endMin: time };
}

export interface ScheduledStop {
  node: number;
  arrivalMin: number;
  serviceStartMin: number;
  departureMin: number;
  waitMin: number;
  legKm: number;
}

/** The times of a (feasible) route, leaving the start at its opening. */
export function scheduleRoute(
  inst: RoutingInstance,
  route: readonly number[],
): { stops: ScheduledStop[]; startMin: number; endMin: number; lastLegKm: number } {
  const size = inst.n + 2;
  let prev = 0;
  let time = inst.open[0]!;
  const stops: ScheduledStop[] = [];
  for (const node of route) {
    const arrive = time + inst.minutes[prev * size + node]!;
    const start = Math.max(arrive, inst.open[node]!);
    stops.push({
      node,
      arrivalMin: arrive,
      serviceStartMin: start,
      departureMin: start + inst.service[node]!,
      waitMin: start - arrive,
      legKm: inst.km[prev * size + node]!,
    });
    time = start + inst.service[node]!;
    prev = node;
  }
  const end = inst.n + 1;
  return {
    stops,
    startMin: inst.open[0]!,
    endMin: time + inst.minutes[prev * size + end]!,
    lastLegKm: inst.km[prev * size + end]!,
  };
}

/** Whether a stop can be served by a tour of its own (start → stop → end). */
export function isServableAlone(inst: RoutingInstance, node: number): boolean {
  return evaluateRoute(inst, [node]).feasible;
}

/** Deterministic 32-bit generator (mulberry32): the heuristics are reproducible for a seed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
