import { evaluateRoute, mulberry32, type RoutingInstance, routeKm } from './routing-instance.ts';

/**
 * Tours with capacities and time windows above the exact solver's size: a construction, then
 * local search, then iterated local search until the budget is spent.
 *
 * - Construction: Clarke–Wright savings (each stop its own tour, then merge the tour ending at i
 *   with the tour starting at j by decreasing saving d(i,end) + d(start,j) − d(i,j) while the merged
 *   tour stays within capacity and windows); for a single vehicle, cheapest feasible insertion in
 *   order of closing time instead, since savings would leave several tours.
 * - Local search (first improvement, distance deltas in O(1) from the matrix, feasibility of the
 *   changed tours re-checked in O(tour)): 2-opt inside a tour, relocate of a 1–3-stop segment
 *   (Or-opt inside a tour, relocate between tours), exchange of two stops between tours, 2-opt*
 *   (swap of tails between tours). Moves between tours only look at each stop's nearest neighbours.
 * - Iterated local search: remove a few random stops, reinsert each at its cheapest feasible
 *   place, local search again; keep the result if it is shorter.
 *
 * Deterministic for a seed. The budget is a number of iterations and, optionally, an injected
 * clock with a time limit (the domain never reads the time itself); the first local search also
 * stops when the budget is spent, so no instance can hang.
 */

export interface SolveBudget {
  /** Iterated-local-search rounds after the first local search (default 2 000). */
  maxIterations?: number;
  /** Milliseconds, read only through `clock`. */
  timeLimitMs?: number;
  /** Injected clock (e.g. `performance.now`); without it only `maxIterations` bounds the work. */
  clock?: () => number;
  seed?: number;
}

export interface HeuristicOptions extends SolveBudget {
  /** At most this many tours (1: a single vehicle). Default: unbounded. */
  maxRoutes?: number;
  /** Nearest neighbours looked at by moves between tours (default 25). */
  neighbours?: number;
}

export interface HeuristicResult {
  routes: number[][];
  km: number;
  /** Stops that fit no tour (each was servable alone, so only with `maxRoutes`). */
  unplaced: number[];
  iterations: number;
  /** Why the search stopped. */
  stoppedBy: 'iterations' | 'time' | 'converged';
}

const EPS = 1e-9;

class Search {
  readonly size: number;
  readonly end: number;
  routes: number[][] = [];
  routeOf: Int32Array;
  posOf: Int32Array;
  readonly near: Int32Array[];
  constructor(
    readonly inst: RoutingInstance,
    neighbours: number,
  ) {
    this.size = inst.n + 2;
    this.end = inst.n + 1;
    this.routeOf = new Int32Array(this.size).fill(-1);
    this.posOf = new Int32Array(this.size).fill(-1);
    const k = Math.min(neighbours, inst.n - 1);
    this.near = [];
    for (let u = 0; u <= inst.n; u++) {
      if (u === 0) {
        this.near.push(new Int32Array(0));
        continue;
      }
      const others: number[] = [];
      for (let v = 1; v <= inst.n; v++) if (v !== u) others.push(v);
      others.sort((a, b) => this.d(u, a) + this.d(a, u) - this.d(u, b) - this.d(b, u) || a - b);
      this.near.push(Int32Array.from(others.slice(0, Math.max(0, k))));
    }
  }
  d(i: number, j: number): number {
    return this.inst.km[i * this.size + j]!;
  }
  index(r: number) {
    const route = this.routes[r]!;
    for (let p = 0; p < route.length; p++) {
      this.routeOf[route[p]!] = r;
      this.posOf[route[p]!] = p;
    }
  }
  setRoutes(routes: number[][]) {
    this.routes = routes.filter((r) => r.length > 0).map((r) => r.slice());
    this.routeOf.fill(-1);
    for (let r = 0; r < this.routes.length; r++) this.index(r);
  }
  /** Replaces routes a (and b) and drops empty tours. */
  commit(a: number, ra: number[], b: number, rb: number[] | null) {
    this.routes[a] = ra;
    if (rb !== null) this.routes[b] = rb;
    if (ra.length === 0 || (rb !== null && rb.length === 0)) this.setRoutes(this.routes);
    else {
      this.index(a);
      if (rb !== null) this.index(b);
    }
  }
  total(): number {
    let km = 0;
    for (const r of this.routes) km += routeKm(this.inst, r);
    return km;
  }
  pred(r: number[], p: number) {
    return p === 0 ? 0 : r[p - 1]!;
  }
  succ(r: number[], p: number) {
    return p === r.length - 1 ? this.end : r[p + 1]!;
  }
  feasible(route: number[]) {
    return route.length === 0 || evaluateRoute(this.inst, route).feasible;
  }

  twoOpt(a: number): boolean {
    const r = this.routes[a]!;
    const len = r.length;
    if (len < 2) return false;
    const fw = new Float64Array(len);
    const bw = new Float64Array(len);
    for (let k = 1; k < len; k++) {
      fw[k] = fw[k - 1]! + this.d(r[k - 1]!, r[k]!);
      bw[k] = bw[k - 1]! + this.d(r[k]!, r[k - 1]!);
    }
    for (let i = 0; i < len - 1; i++) {
      const p = this.pred(r, i);
      for (let j = i + 1; j < len; j++) {
        const s = this.succ(r, j);
        const delta =
          this.d(p, r[j]!) +
          this.d(r[i]!, s) -
          this.d(p, r[i]!) -
          this.d(r[j]!, s) +
          (bw[j]! - bw[i]!) -
          (fw[j]! - fw[i]!);
        if (delta < -EPS) {
          const next = r.slice(0, i).concat(r.slice(i, j + 1).reverse(), r.slice(j + 1));
          if (this.feasible(next)) {
            this.commit(a, next, -1, null);
            return true;
          }
        }
      }
    }
    return false;
  }

  /** Moves the segment of `len` stops starting at `u` to between x and y (adjacent elsewhere). */
  relocate(u: number, len: number): boolean {
    const a = this.routeOf[u]!;
    const ra = this.routes[a]!;
    const p = this.posOf[u]!;
    if (p + len > ra.length) return false;
    const s0 = ra[p]!;
    const sL = ra[p + len - 1]!;
    const prev = this.pred(ra, p);
    const next = this.succ(ra, p + len - 1);
    const gain = this.d(prev, s0) + this.d(sL, next) - this.d(prev, next);
    const tryInsert = (b: number, q: number): boolean => {
      // Insert after position q of route b (q = -1: at its start).
      const rb = this.routes[b]!;
      if (b === a && q >= p - 1 && q <= p + len - 1) return false;
      const x = q < 0 ? 0 : rb[q]!;
      const y = q + 1 < rb.length ? rb[q + 1]! : this.end;
      const delta = this.d(x, s0) + this.d(sL, y) - this.d(x, y) - gain;
      if (delta >= -EPS) return false;
      const segment = ra.slice(p, p + len);
      if (b === a) {
        const rest = ra.slice(0, p).concat(ra.slice(p + len));
        const at = q < p ? q + 1 : q + 1 - len;
        const next2 = rest.slice(0, at).concat(segment, rest.slice(at));
        if (!this.feasible(next2)) return false;
        this.commit(a, next2, -1, null);
        return true;
      }
      const nb = rb.slice(0, q + 1).concat(segment, rb.slice(q + 1));
      if (!this.feasible(nb)) return false;
      const na = ra.slice(0, p).concat(ra.slice(p + len));
      if (!this.feasible(na)) return false;
      this.commit(a, na, b, nb);
      return true;
    };
    for (const v of this.near[s0]!) {
      const b = this.routeOf[v]!;
      if (b < 0) continue;
      if (tryInsert(b, this.posOf[v]!)) return true;
    }
    for (const w of this.near[sL]!) {
      const b = this.routeOf[w]!;
      if (b < 0) continue;
      if (tryInsert(b, this.posOf[w]! - 1)) return true;
    }
    return false;
  }

  exchange(u: number): boolean {
    const a = this.routeOf[u]!;
    for (const v of this.near[u]!) {
      const b = this.routeOf[v]!;
      if (b < 0 || b === a) continue;
      const ra = this.routes[a]!;
      const rb = this.routes[b]!;
      const pu = this.posOf[u]!;
      const pv = this.posOf[v]!;
      const ua = this.pred(ra, pu);
      const un = this.succ(ra, pu);
      const va = this.pred(rb, pv);
      const vn = this.succ(rb, pv);
      const delta =
        this.d(ua, v) +
        this.d(v, un) -
        this.d(ua, u) -
        this.d(u, un) +
        this.d(va, u) +
        this.d(u, vn) -
        this.d(va, v) -
        this.d(v, vn);
      if (delta >= -EPS) continue;
      const na = ra.slice();
      na[pu] = v;
      const nb = rb.slice();
      nb[pv] = u;
      if (this.feasible(na) && this.feasible(nb)) {
        this.commit(a, na, b, nb);
        return true;
      }
    }
    return false;
  }

  twoOptStar(u: number): boolean {
    const a = this.routeOf[u]!;
    for (const v of this.near[u]!) {
      const b = this.routeOf[v]!;
      if (b < 0 || b === a) continue;
      const ra = this.routes[a]!;
      const rb = this.routes[b]!;
      const pu = this.posOf[u]!;
      const pv = this.posOf[v]!;
      // a: … u | tail of b after v ; b: … v | tail of a after u
      const un = this.succ(ra, pu);
      const vn = this.succ(rb, pv);
      const delta = this.d(u, vn) + this.d(v, un) - this.d(u, un) - this.d(v, vn);
      if (delta >= -EPS) continue;
      const na = ra.slice(0, pu + 1).concat(rb.slice(pv + 1));
      const nb = rb.slice(0, pv + 1).concat(ra.slice(pu + 1));
      if (this.feasible(na) && this.feasible(nb)) {
        this.commit(a, na, b, nb);
        return true;
      }
    }
    return false;
  }

  /** Cheapest feasible place for a stop among the current tours, or null. */
  bestInsertion(u: number): { r: number; at: number; delta: number } | null {
    let best: { r: number; at: number; delta: number } | null = null;
    for (let r = 0; r < this.routes.length; r++) {
      const route = this.routes[r]!;
      for (let at = 0; at <= route.length; at++) {
        const x = at === 0 ? 0 : route[at - 1]!;
        const y = at === route.length ? this.end : route[at]!;
        const delta = this.d(x, u) + this.d(u, y) - this.d(x, y);
        if (best !== null && delta >= best.delta) continue;
        const next = route.slice(0, at).concat([u], route.slice(at));
        if (this.feasible(next)) best = { r, at, delta };
      }
    }
    return best;
  }
}

function localSearch(s: Search, order: number[], exhausted: () => boolean): void {
  let improved = true;
  while (improved && !exhausted()) {
    improved = false;
    for (const u of order) {
      if (s.routeOf[u]! < 0) continue;
      let moved = true;
      while (moved) {
        moved = false;
        const r = s.routeOf[u]!;
        if (s.twoOpt(r)) moved = true;
        else if (s.relocate(u, 1) || s.relocate(u, 2) || s.relocate(u, 3)) moved = true;
        else if (s.routes.length > 1 && (s.exchange(u) || s.twoOptStar(u))) moved = true;
        if (moved) improved = true;
      }
    }
  }
}

function clarkeWright(s: Search, stops: number[]): number[][] {
  const inst = s.inst;
  const routes: (number[] | null)[] = stops.map((u) => [u]);
  const owner = new Int32Array(inst.n + 2).fill(-1);
  stops.forEach((u, k) => {
    owner[u] = k;
  });
  const savings: { i: number; j: number; saving: number }[] = [];
  for (const i of stops) {
    for (const j of stops) {
      if (i === j) continue;
      const saving = s.d(i, s.end) + s.d(0, j) - s.d(i, j);
      if (saving > EPS) savings.push({ i, j, saving });
    }
  }
  savings.sort((x, y) => y.saving - x.saving || x.i - y.i || x.j - y.j);
  for (const { i, j } of savings) {
    const ri = owner[i]!;
    const rj = owner[j]!;
    if (ri === rj) continue;
    const a = routes[ri]!;
    const b = routes[rj]!;
    if (a[a.length - 1] !== i || b[0] !== j) continue;
    const merged = a.concat(b);
    if (!evaluateRoute(inst, merged).feasible) continue;
    routes[ri] = merged;
    routes[rj] = null;
    for (const u of b) owner[u] = ri;
  }
  return routes.filter((r): r is number[] => r !== null);
}

/** Tours through the given stops (node indices of `inst`), each stop assumed servable alone. */
export function solveHeuristicTours(
  inst: RoutingInstance,
  stops: readonly number[],
  options: HeuristicOptions = {},
): HeuristicResult {
  const maxIterations = options.maxIterations ?? 2000;
  const maxRoutes = options.maxRoutes ?? Number.POSITIVE_INFINITY;
  const rng = mulberry32(options.seed ?? 1);
  const t0 = options.clock?.() ?? 0;
  let iterations = 0;
  let stoppedBy: HeuristicResult['stoppedBy'] = 'converged';
  const exhausted = () => {
    if (iterations >= maxIterations) {
      stoppedBy = 'iterations';
      return true;
    }
    if (options.clock && options.timeLimitMs !== undefined && options.clock() - t0 >= options.timeLimitMs) {
      stoppedBy = 'time';
      return true;
    }
    return false;
  };

  const s = new Search(inst, options.neighbours ?? 25);
  let unplaced: number[] = [];
  if (maxRoutes === 1) {
    // Insertion in three orders (closing time, opening time, window middle): a tight day can
    // defeat one order and not another; keep the construction that places the most stops.
    const orders = [
      (u: number) => inst.close[u]!,
      (u: number) => inst.open[u]!,
      (u: number) => inst.open[u]! + inst.close[u]!,
    ];
    let bestRoute: number[] = [];
    let bestLeft: number[] | null = null;
    for (const key of orders) {
      s.setRoutes([]);
      s.routes = [[]];
      const left: number[] = [];
      for (const u of stops.slice().sort((a, b) => key(a) - key(b) || a - b)) {
        const at = s.bestInsertion(u);
        if (at === null) left.push(u);
        else {
          s.routes[0]!.splice(at.at, 0, u);
          s.index(0);
        }
      }
      if (bestLeft === null || left.length < bestLeft.length) {
        bestLeft = left;
        bestRoute = s.routes[0]!.slice();
      }
      if (left.length === 0) break;
    }
    unplaced = bestLeft ?? [];
    s.setRoutes([bestRoute]);
    if (s.routes.length === 0) s.routes = [[]];
  } else {
    let routes = clarkeWright(s, stops.slice());
    if (routes.length > maxRoutes) {
      routes.sort((x, y) => y.length - x.length);
      for (const r of routes.slice(maxRoutes)) unplaced.push(...r);
      routes = routes.slice(0, maxRoutes);
    }
    s.setRoutes(routes);
  }
  /** Places what it can of `unplaced` in the current tours; returns what is still left. */
  const placeLeft = (left: number[]) =>
    left.filter((u) => {
      const at = s.bestInsertion(u);
      if (at === null) return true;
      s.routes[at.r]!.splice(at.at, 0, u);
      s.index(at.r);
      return false;
    });

  const all = stops.slice();
  const shuffled = (xs: number[]) => {
    const out = xs.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  };
  const inTours = () => all.filter((u) => s.routeOf[u]! >= 0);
  localSearch(s, shuffled(inTours()), exhausted);
  unplaced = placeLeft(unplaced);
  let best = s.routes.map((r) => r.slice());
  let bestKm = s.total();
  let bestLeft = unplaced.slice();

  if (all.length >= 4) {
    while (!exhausted()) {
      iterations++;
      const placed = inTours();
      // While stops are left out, ruin more and rebuild in order of closing time: room in a
      // tight day comes from reordering many stops, not from a few km saved.
      const repairing = bestLeft.length > 0;
      const share = repairing ? 0.1 + 0.3 * rng() : 0.03 + 0.07 * rng();
      const k = Math.max(2, Math.min(repairing ? 40 : 12, Math.round(placed.length * share)));
      const removed = shuffled(placed).slice(0, k);
      for (const u of removed) {
        const r = s.routeOf[u]!;
        const route = s.routes[r]!;
        route.splice(s.posOf[u]!, 1);
        s.routeOf[u] = -1;
        s.index(r);
      }
      s.setRoutes(s.routes);
      if (s.routes.length === 0) s.routes = [[]];
      let left: number[] = [];
      const reinsert = repairing
        ? removed.concat(bestLeft).sort((a, b) => inst.close[a]! - inst.close[b]! || a - b)
        : shuffled(removed);
      for (const u of reinsert) {
        const at = s.bestInsertion(u);
        if (at !== null) {
          s.routes[at.r]!.splice(at.at, 0, u);
          s.index(at.r);
        } else if (s.routes.length < maxRoutes) {
          s.routes.push([u]);
          s.index(s.routes.length - 1);
        } else left.push(u);
      }
      localSearch(s, shuffled(inTours()), exhausted);
      left = placeLeft(repairing ? left : left.concat(bestLeft));
      const km = s.total();
      // Lexicographic: fewer stops left out first, then fewer km.
      if (left.length < bestLeft.length || (left.length === bestLeft.length && km < bestKm - EPS)) {
        bestKm = km;
        bestLeft = left;
        best = s.routes.map((r) => r.slice());
        continue;
      }
      s.setRoutes(best);
      if (s.routes.length === 0) s.routes = [[]];
    }
  }
  unplaced = bestLeft;
  return {
    routes: best.filter((r) => r.length > 0),
    km: bestKm,
    unplaced: unplaced.sort((a, b) => a - b),
    iterations,
    stoppedBy,
  };
}
