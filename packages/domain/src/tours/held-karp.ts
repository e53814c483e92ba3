import { evaluateRoute, type RoutingInstance } from './routing-instance.ts';

/**
 * Exact single-vehicle tour with time windows: Held–Karp dynamic programming over (set of stops
 * visited, last stop), O(2ⁿ · n²) states × labels. Without windows one number per state (the
 * least km) would do; with windows the cheapest partial tour may arrive too late for the rest, so
 * each state keeps its Pareto set of labels (km, time ready to leave): a label is dropped only
 * when another of the same state is no longer AND no later. That dominance is exact, because
 * what a partial tour can still do depends only on where it is, what is left and when it can
 * leave (leaving earlier never hurts: the vehicle may wait), so the optimum's prefix is never
 * dropped. Capacity needs no state: pickups only load, so a tour is within capacity iff the total
 * of its stops is, whatever the order (checked once).
 *
 * Limited to `HELD_KARP_MAX_STOPS` stops (2¹⁰ · 10 states, well under a second); checked
 * against brute force over every permutation in held-karp.test.ts.
 */
export const HELD_KARP_MAX_STOPS = 12;

interface Label {
  km: number;
  time: number;
  node: number;
  prev: Label | null;
}

export interface ExactTour {
  /** Stops in visiting order (node indices 1..n), or null when no order meets every window. */
  route: number[] | null;
  km: number;
  /** Labels created: the work done, for reports. */
  labels: number;
}

function insertPareto(set: Label[], label: Label): boolean {
  for (const other of set) {
    if (other.km <= label.km + 1e-12 && other.time <= label.time + 1e-12) return false;
  }
  let w = 0;
  for (let r = 0; r < set.length; r++) {
    const other = set[r]!;
    if (!(label.km <= other.km && label.time <= other.time)) set[w++] = other;
  }
  set.length = w;
  set.push(label);
  return true;
}

/** Shortest feasible tour through every stop of `inst`, or `route: null` when there is none. */
export function solveExactTour(inst: RoutingInstance): ExactTour {
  const n = inst.n;
  if (n > HELD_KARP_MAX_STOPS) throw new RangeError(`Held–Karp is limited to ${HELD_KARP_MAX_STOPS} stops`);
  if (n === 0) {
    const e = evaluateRoute(inst, []);
    return { route: e.feasible ? [] : null, km: e.feasible ? e.km : Number.POSITIVE_INFINITY, labels: 0 };
  }
  let totalKg = 0;
  let totalM3 = 0;
  for (let i = 1; i <= n; i++) {
    totalKg += inst.loadKg[i]!;
    totalM3 += inst.loadM3[i]!;
  }
  if (totalKg > inst.capacityKg + 1e-9 || totalM3 > inst.capacityM3 + 1e-9) {
    return { route: null, km: Number.POSITIVE_INFINITY, labels: 0 };
  }
  const size = n + 2;
  const end = n + 1;
  // states[mask * n + (last - 1)]: Pareto labels of partial tours visiting `mask`, ending at `last`.
  const states: (Label[] | undefined)[] = new Array((1 << n) * n);
  let labels = 0;
  const start: Label = { km: 0, time: inst.open[0]!, node: 0, prev: null };
  const extend = (from: Label, mask: number) => {
    for (let j = 1; j <= n; j++) {
      const bit = 1 << (j - 1);
      if (mask & bit) continue;
      const arrive = from.time + inst.minutes[from.node * size + j]!;
      const begin = Math.max(arrive, inst.open[j]!);
      if (begin > inst.close[j]! + 1e-9) continue;
      const label: Label = {
        km: from.km + inst.km[from.node * size + j]!,
        time: begin + inst.service[j]!,
        node: j,
        prev: from,
      };
      const key = (mask | bit) * n + (j - 1);
      const set = states[key] ?? [];
      states[key] = set;
      if (insertPareto(set, label)) labels++;
    }
  };
  extend(start, 0);
  const full = (1 << n) - 1;
  // Masks only grow, so increasing numeric order visits every subset after its subsets.
  for (let mask = 1; mask < full; mask++) {
    for (let last = 1; last <= n; last++) {
      const set = states[mask * n + (last - 1)];
      if (set === undefined) continue;
      for (const label of set) extend(label, mask);
    }
  }
  let best: Label | null = null;
  let bestKm = Number.POSITIVE_INFINITY;
  for (let last = 1; last <= n; last++) {
    for (const label of states[full * n + (last - 1)] ?? []) {
      const arrive = label.time + inst.minutes[last * size + end]!;
      if (arrive > inst.close[end]! + 1e-9) continue;
      const km = label.km + inst.km[last * size + end]!;
      if (km < bestKm) {
        bestKm = km;
        best = label;
      }
    }
  }
  if (best === null) return { route: null, km: Number.POSITIVE_INFINITY, labels };
  const route: number[] = [];
  for (let l: Label | null = best; l !== null && l.node !== 0; l = l.prev) route.push(l.node);
  route.reverse();
  return { route, km: bestKm, labels };
}
