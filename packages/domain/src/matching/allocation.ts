import { haversineKm, type LatLon } from '../geo/distance.ts';
import { DomainError, type FieldProblem } from '../shared/errors.ts';
import { minCostFlow } from './network-simplex.ts';

export interface AllocationLot {
  id: string;
  /** Net of reservations. */
  availableKg: number;
}

export interface AllocationRequest {
  id: string;
  /** Demand. */
  maxKg: number;
  /** Not enforced (see `allocateMinTonneKm`); requests served below it are listed in the result. */
  minKg?: number | null;
}

/** A compatible lot and request within the request's radius, found by the caller. */
export interface CandidatePair {
  lotId: string;
  requestId: string;
  distanceKm: number;
}

export interface AllocationFlow {
  lotId: string;
  requestId: string;
  kg: number;
  distanceKm: number;
}

export interface AllocationResult {
  /** Sorted by lot id, then request id. */
  flows: AllocationFlow[];
  totalKg: number;
  /** Σ kg / 1000 × distanceKm. */
  tonneKm: number;
  /** Requests that receive something, but less than their `minKg`. */
  belowMinimumRequestIds: string[];
}

/**
 * Quantities are solved in whole grams and distances in whole metres: integer data keep the
 * solver exact; totals are then reported with the distances as given.
 */
const GRAMS_PER_KG = 1000;

interface Prepared {
  lotIds: string[];
  requestIds: string[];
  supply: Float64Array;
  demand: Float64Array;
  minimum: Float64Array;
  pairLot: Int32Array;
  pairRequest: Int32Array;
  pairKm: Float64Array;
  pairMetres: Float64Array;
}

const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const isAmount = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x >= 0;

function prepare(lots: AllocationLot[], requests: AllocationRequest[], pairs: CandidatePair[]): Prepared {
  const problems: FieldProblem[] = [];
  const lotIndex = new Map<string, number>();
  const requestIndex = new Map<string, number>();
  const supply = new Float64Array(lots.length);
  const demand = new Float64Array(requests.length);
  const minimum = new Float64Array(requests.length);
  lots.forEach((lot, i) => {
    if (lotIndex.has(lot.id)) problems.push({ path: `lots.${i}.id`, key: 'allocation.duplicateId' });
    lotIndex.set(lot.id, i);
    if (!isAmount(lot.availableKg))
      problems.push({ path: `lots.${i}.availableKg`, key: 'allocation.invalidKg' });
    else supply[i] = Math.round(lot.availableKg * GRAMS_PER_KG);
  });
  requests.forEach((request, i) => {
    if (requestIndex.has(request.id)) {
      problems.push({ path: `requests.${i}.id`, key: 'allocation.duplicateId' });
    }
    requestIndex.set(request.id, i);
    if (!isAmount(request.maxKg)) problems.push({ path: `requests.${i}.maxKg`, key: 'allocation.invalidKg' });
    else demand[i] = Math.round(request.maxKg * GRAMS_PER_KG);
    if (request.minKg != null) {
      if (!isAmount(request.minKg)) {
        problems.push({ path: `requests.${i}.minKg`, key: 'allocation.invalidKg' });
      } else minimum[i] = Math.round(request.minKg * GRAMS_PER_KG);
    }
  });

  // One arc per (lot, request): a duplicate pair keeps its shortest distance.
  const seen = new Map<number, number>();
  const pairLot: number[] = [];
  const pairRequest: number[] = [];
  const pairKm: number[] = [];
  pairs.forEach((pair, i) => {
    const l = lotIndex.get(pair.lotId);
    const r = requestIndex.get(pair.requestId);
    if (l === undefined || r === undefined) {
      problems.push({ path: `pairs.${i}`, key: 'allocation.unknownEndpoint' });
      return;
    }
    if (!isAmount(pair.distanceKm)) {
      problems.push({ path: `pairs.${i}.distanceKm`, key: 'allocation.invalidDistance' });
      return;
    }
    if (supply[l] === 0 || demand[r] === 0) return;
    const key = l * requests.length + r;
    const at = seen.get(key);
    if (at === undefined) {
      seen.set(key, pairLot.length);
      pairLot.push(l);
      pairRequest.push(r);
      pairKm.push(pair.distanceKm);
    } else if (pair.distanceKm < pairKm[at]!) {
      pairKm[at] = pair.distanceKm;
    }
  });
  if (problems.length > 0)
    throw new DomainError('VALIDATION', 'allocation.invalidInput', { fields: problems });

  const km = Float64Array.from(pairKm);
  return {
    lotIds: lots.map((l) => l.id),
    requestIds: requests.map((r) => r.id),
    supply,
    demand,
    minimum,
    pairLot: Int32Array.from(pairLot),
    pairRequest: Int32Array.from(pairRequest),
    pairKm: km,
    pairMetres: km.map((d) => Math.round(d * 1000)),
  };
}

function toResult(p: Prepared, pairGrams: Float64Array): AllocationResult {
  const flows: AllocationFlow[] = [];
  const served = new Float64Array(p.requestIds.length);
  let totalGrams = 0;
  let gramKm = 0;
  for (let k = 0; k < pairGrams.length; k++) {
    const g = pairGrams[k]!;
    if (g <= 0) continue;
    const r = p.pairRequest[k]!;
    const km = p.pairKm[k]!;
    served[r] = served[r]! + g;
    totalGrams += g;
    gramKm += g * km;
    flows.push({
      lotId: p.lotIds[p.pairLot[k]!]!,
      requestId: p.requestIds[r]!,
      kg: g / GRAMS_PER_KG,
      distanceKm: km,
    });
  }
  flows.sort((a, b) => compareIds(a.lotId, b.lotId) || compareIds(a.requestId, b.requestId));
  const belowMinimumRequestIds: string[] = [];
  for (let r = 0; r < served.length; r++) {
    if (served[r]! > 0 && served[r]! < p.minimum[r]!) belowMinimumRequestIds.push(p.requestIds[r]!);
  }
  return {
    flows,
    totalKg: totalGrams / GRAMS_PER_KG,
    tonneKm: gramKm / 1e6,
    belowMinimumRequestIds: belowMinimumRequestIds.sort(compareIds),
  };
}

/**
 * Maximum flow value of the bipartite network source → lots → requests → sink (Dinic: BFS
 * levels, then blocking flows by an iterative DFS with current-arc pointers).
 */
function maxFlowGrams(p: Prepared): number {
  const lotCount = p.lotIds.length;
  const requestCount = p.requestIds.length;
  const pairCount = p.pairLot.length;
  const n = lotCount + requestCount + 2;
  const s = n - 2;
  const t = n - 1;
  const arcCount = lotCount + pairCount + requestCount;
  const from = new Int32Array(arcCount);
  const to = new Int32Array(arcCount);
  const capacity = new Float64Array(arcCount);
  let k = 0;
  for (let l = 0; l < lotCount; l++, k++) {
    from[k] = s;
    to[k] = l;
    capacity[k] = p.supply[l]!;
  }
  for (let q = 0; q < pairCount; q++, k++) {
    const l = p.pairLot[q]!;
    const r = p.pairRequest[q]!;
    from[k] = l;
    to[k] = lotCount + r;
    capacity[k] = Math.min(p.supply[l]!, p.demand[r]!);
  }
  for (let r = 0; r < requestCount; r++, k++) {
    from[k] = lotCount + r;
    to[k] = t;
    capacity[k] = p.demand[r]!;
  }

  // Residual graph in CSR form: each arc and its reverse.
  const start = new Int32Array(n + 1);
  for (let a = 0; a < arcCount; a++) {
    start[from[a]! + 1]!++;
    start[to[a]! + 1]!++;
  }
  for (let u = 0; u < n; u++) start[u + 1] = start[u + 1]! + start[u]!;
  const fill = start.slice(0, n);
  const head = new Int32Array(2 * arcCount);
  const residual = new Float64Array(2 * arcCount);
  const reverse = new Int32Array(2 * arcCount);
  for (let a = 0; a < arcCount; a++) {
    const x = fill[from[a]!]!++;
    const y = fill[to[a]!]!++;
    head[x] = to[a]!;
    residual[x] = capacity[a]!;
    reverse[x] = y;
    head[y] = from[a]!;
    residual[y] = 0;
    reverse[y] = x;
  }

  const level = new Int32Array(n);
  const queue = new Int32Array(n);
  const current = new Int32Array(n);
  const path = new Int32Array(n);
  let total = 0;
  for (;;) {
    level.fill(-1);
    level[s] = 0;
    let qh = 0;
    let qt = 0;
    queue[qt++] = s;
    while (qh < qt) {
      const u = queue[qh++]!;
      for (let a = start[u]!; a < start[u + 1]!; a++) {
        const v = head[a]!;
        if (residual[a]! > 0 && level[v]! < 0) {
          level[v] = level[u]! + 1;
          queue[qt++] = v;
        }
      }
    }
    if (level[t]! < 0) return total;
    current.set(start.subarray(0, n));
    let depth = 0;
    let u = s;
    for (;;) {
      if (u === t) {
        let f = Number.POSITIVE_INFINITY;
        for (let i = 0; i < depth; i++) f = Math.min(f, residual[path[i]!]!);
        for (let i = 0; i < depth; i++) {
          const a = path[i]!;
          residual[a] = residual[a]! - f;
          residual[reverse[a]!] = residual[reverse[a]!]! + f;
        }
        total += f;
        let i = 0;
        while (residual[path[i]!]! > 0) i++;
        depth = i;
        u = depth === 0 ? s : head[path[depth - 1]!]!;
        continue;
      }
      let a = current[u]!;
      const end = start[u + 1]!;
      while (a < end && !(residual[a]! > 0 && level[head[a]!] === level[u]! + 1)) a++;
      current[u] = a;
      if (a < end) {
        path[depth++] = a;
        u = head[a]!;
      } else {
        if (u === s) break;
        level[u] = -1;
        depth--;
        u = head[reverse[path[depth]!]!]!;
        current[u]!++;
      }
    }
  }
}

export interface AllocationOptions {
  /**
   * Serve this many kg (or the most possible, if less) instead of the most possible: e.g. the
   * greedy baseline's total, to compare tonne-km for the same kg served.
   */
  totalKg?: number;
}

/**
 * Network allocation: serves as many kg as the candidate pairs allow and, among all allocations
 * serving that much, minimises tonne-km. Exact, in two stages on the bipartite network
 * source → lots → requests → sink:
 *
 * 1. the maximum flow F (Dinic), or less if `options.totalKg` asks;
 * 2. a minimum cost flow of value F, costs = distance in metres, solved by the primal network
 *    simplex (LEMON's block-search variant, see network-simplex.ts).
 *
 * Why not successive shortest paths: it needs about one Dijkstra over all pairs per saturated
 * arc (≈ lots + requests), i.e. some 10k Dijkstras over 200k arcs at 5k × 5k.
 * Network simplex pivots cost only the size of a tree cycle and are known to be among the
 * fastest exact methods on transportation problems. Why two stages rather than one with a
 * big-M bypass arc: costs stay small (≤ max distance × node count), exact in float64.
 *
 * `minKg` is not enforced: "all or at least minKg" is a semi-continuous constraint that makes
 * the problem NP-hard; such requests are reported so the proposal can say it is partial.
 */
export function allocateMinTonneKm(
  lots: AllocationLot[],
  requests: AllocationRequest[],
  pairs: CandidatePair[],
  options: AllocationOptions = {},
): AllocationResult {
  const p = prepare(lots, requests, pairs);
  const pairCount = p.pairLot.length;
  let flowGrams = maxFlowGrams(p);
  if (options.totalKg != null) {
    if (!isAmount(options.totalKg)) {
      throw new DomainError('VALIDATION', 'allocation.invalidInput', {
        fields: [{ path: 'options.totalKg', key: 'allocation.invalidKg' }],
      });
    }
    flowGrams = Math.min(flowGrams, Math.round(options.totalKg * GRAMS_PER_KG));
  }
  if (flowGrams === 0) return toResult(p, new Float64Array(pairCount));

  const lotCount = p.lotIds.length;
  const requestCount = p.requestIds.length;
  const nodeCount = lotCount + requestCount + 2;
  const s = nodeCount - 2;
  const t = nodeCount - 1;
  const arcCount = pairCount + lotCount + requestCount;
  const arcSource = new Int32Array(arcCount);
  const arcTarget = new Int32Array(arcCount);
  const arcCapacity = new Float64Array(arcCount);
  const arcCost = new Float64Array(arcCount);
  for (let q = 0; q < pairCount; q++) {
    const l = p.pairLot[q]!;
    const r = p.pairRequest[q]!;
    arcSource[q] = l;
    arcTarget[q] = lotCount + r;
    arcCapacity[q] = Math.min(p.supply[l]!, p.demand[r]!);
    arcCost[q] = p.pairMetres[q]!;
  }
  for (let l = 0; l < lotCount; l++) {
    const k = pairCount + l;
    arcSource[k] = s;
    arcTarget[k] = l;
    arcCapacity[k] = p.supply[l]!;
  }
  for (let r = 0; r < requestCount; r++) {
    const k = pairCount + lotCount + r;
    arcSource[k] = lotCount + r;
    arcTarget[k] = t;
    arcCapacity[k] = p.demand[r]!;
  }
  const supply = new Float64Array(nodeCount);
  supply[s] = flowGrams;
  supply[t] = -flowGrams;
  const flow = minCostFlow({ nodeCount, arcSource, arcTarget, arcCapacity, arcCost, supply });
  return toResult(p, flow.subarray(0, pairCount));
}

/**
 * The baseline a coordinator would do by hand: take pairs nearest first and give each as much
 * as the lot and the request still allow. Ties by lot id, then request id.
 */
export function greedyNearestFirst(
  lots: AllocationLot[],
  requests: AllocationRequest[],
  pairs: CandidatePair[],
): AllocationResult {
  const p = prepare(lots, requests, pairs);
  const pairCount = p.pairLot.length;
  const order = Array.from({ length: pairCount }, (_, k) => k);
  order.sort(
    (a, b) =>
      p.pairKm[a]! - p.pairKm[b]! ||
      compareIds(p.lotIds[p.pairLot[a]!]!, p.lotIds[p.pairLot[b]!]!) ||
      compareIds(p.requestIds[p.pairRequest[a]!]!, p.requestIds[p.pairRequest[b]!]!),
  );
  const supply = p.supply.slice();
  const demand = p.demand.slice();
  const grams = new Float64Array(pairCount);
  for (const k of order) {
    const l = p.pairLot[k]!;
    const r = p.pairRequest[k]!;
    const g = Math.min(supply[l]!, demand[r]!);
    if (g <= 0) continue;
    grams[k] = g;
    supply[l] = supply[l]! - g;
    demand[r] = demand[r]! - g;
  }
  return toResult(p, grams);
}

export interface LocatedLot extends AllocationLot, LatLon {}
export interface LocatedRequest extends AllocationRequest, LatLon {
  radiusKm: number;
}

const GRID_DEG = 0.5;
const KM_PER_DEG_LAT = 111.2;

/**
 * Pairs each request with the lots within its radius (great-circle distance) that `compatible`
 * accepts, using a grid of half-degree cells so the work grows with the pairs found rather than
 * lots × requests. Ordered by request, then lot, as given.
 */
export function findCandidatePairs<L extends LocatedLot, R extends LocatedRequest>(
  lots: L[],
  requests: R[],
  compatible: (lot: L, request: R) => boolean = () => true,
): CandidatePair[] {
  const lonCells = Math.round(360 / GRID_DEG);
  const latCells = Math.round(180 / GRID_DEG);
  const cellOf = (deg: number, offset: number, cells: number) =>
    Math.min(cells - 1, Math.max(0, Math.floor((deg + offset) / GRID_DEG)));
  const grid = new Map<number, number[]>();
  lots.forEach((lot, i) => {
    const key = cellOf(lot.lat, 90, latCells) * lonCells + cellOf(lot.lon, 180, lonCells);
    const cell = grid.get(key);
    if (cell) cell.push(i);
    else grid.set(key, [i]);
  });
  const pairs: CandidatePair[] = [];
  const found: number[] = [];
  for (const request of requests) {
    if (!(request.radiusKm >= 0)) continue;
    // A slightly generous box; the exact distance filters afterwards.
    const dLat = (request.radiusKm / KM_PER_DEG_LAT) * 1.01 + 1e-9;
    const maxAbsLat = Math.min(90, Math.abs(request.lat) + dLat);
    const cos = Math.cos((maxAbsLat * Math.PI) / 180);
    const dLon = cos > 1e-6 ? dLat / cos : 360;
    const lat0 = cellOf(request.lat - dLat, 90, latCells);
    const lat1 = cellOf(request.lat + dLat, 90, latCells);
    let lon0 = Math.floor((request.lon - dLon + 180) / GRID_DEG);
    let lon1 = Math.floor((request.lon + dLon + 180) / GRID_DEG);
    if (lon1 - lon0 + 1 >= lonCells) {
      lon0 = 0;
      lon1 = lonCells - 1;
    }
    found.length = 0;
    for (let a = lat0; a <= lat1; a++) {
      for (let b = lon0; b <= lon1; b++) {
        const cell = grid.get(a * lonCells + (((b % lonCells) + lonCells) % lonCells));
        if (cell) for (const i of cell) found.push(i);
      }
    }
    found.sort((x, y) => x - y);
    for (const i of found) {
      const lot = lots[i]!;
      const distanceKm = haversineKm(lot, request);
      if (distanceKm <= request.radiusKm && compatible(lot, request)) {
        pairs.push({ lotId: lot.id, requestId: request.id, distanceKm });
      }
    }
  }
  return pairs;
}
