import { getUnit } from '../materials/units.ts';
import { type SourcingModel, uncoveredPenaltyCents } from './sourcing-model.ts';

/**
 * The solver's starting plan: a greedy plan improved by seller moves (drop a visited seller, add
 * one, swap one for another), as for facility location. With a good start, a time-limited solve returns a plan close
 * to the optimum and prunes more of its search; the program stays exact. Pure.
 */

interface GreedyPlan {
  /** What each line takes: line index, candidate index, quantity. */
  takes: { l: number; k: number; take: number }[];
  uncovered: number[];
  /** Goods + trips + uncovered penalty, as the program's objective counts them. */
  cost: number;
  /** Sellers (by index) the plan buys from. */
  used: Set<number>;
}

/** The candidates of each line with their seller's index, computed once for every greedy run. */
type Offers = { lotId: string; available: number; price: number; k: number; s: number }[][];

function offersOf(model: SourcingModel): Offers {
  const sellerIndex = new Map(model.sellers.map((s, i) => [s.sellerId, i]));
  return model.candidates.map(({ lots }) =>
    lots.map((lot, k) => ({
      lotId: lot.id,
      available: lot.available,
      price: lot.priceCentsPerUnit,
      k,
      s: sellerIndex.get(lot.sellerId)!,
    })),
  );
}

/**
 * Lines in order, each taking the lots with the lowest price plus trip spread over the line (a
 * seller already visited, or in `preopen`, costs no trip; sellers in `forbidden` are skipped),
 * within what earlier lines left; the rest uncovered.
 */
function greedy(
  model: SourcingModel,
  offers: Offers,
  trips: readonly number[],
  penalty: number,
  preopen: ReadonlySet<number>,
  forbidden: ReadonlySet<number>,
): GreedyPlan {
  const left = new Map<string, number>();
  const used = new Set<number>();
  const takes: GreedyPlan['takes'] = [];
  const uncovered: number[] = [];
  let cost = 0;
  model.candidates.forEach(({ line }, l) => {
    const integer = getUnit(line.unit).integer;
    let need = line.quantity;
    const order = offers[l]!.filter((o) => !forbidden.has(o.s))
      .map((o) => ({ o, r: o.price + (used.has(o.s) || preopen.has(o.s) ? 0 : trips[o.s]!) / line.quantity }))
      .sort((a, b) => a.r - b.r || a.o.k - b.o.k);
    for (const { o } of order) {
      if (need <= 0) break;
      let take = Math.min(need, left.get(o.lotId) ?? o.available);
      if (integer) take = Math.floor(take);
      if (take <= 0) continue;
      takes.push({ l, k: o.k, take });
      left.set(o.lotId, (left.get(o.lotId) ?? o.available) - take);
      need -= take;
      cost += take * o.price;
      if (!used.has(o.s)) cost += trips[o.s]!;
      used.add(o.s);
    }
    uncovered.push(Math.max(0, need));
    cost += Math.max(0, need) * penalty;
  });
  return { takes, uncovered, cost, used };
}

/**
 * A feasible starting plan for the solver (values by column name): the greedy plan, then, while
 * one improves it and at most `maxPasses` times, dropping a visited seller or adding another,
 * else swapping one for another.
 * Each move re-runs the greedy (a few hundred lots), so this takes milliseconds.
 */
export function greedySourcingStart(model: SourcingModel, maxPasses = 20): Record<string, number> {
  const trips = model.sellers.map(
    (s) => 2 * s.distanceKm * model.costs.centsPerKm + model.costs.centsPerSeller,
  );
  const penalty = uncoveredPenaltyCents(model.candidates, trips);
  const offers = offersOf(model);
  const none = new Set<number>();
  let forbidden = none;
  let best = greedy(model, offers, trips, penalty, none, forbidden);
  for (let pass = 0; pass < maxPasses; pass++) {
    let improved = false;
    for (const s of [...best.used]) {
      const f = new Set(forbidden).add(s);
      const open = new Set(best.used);
      open.delete(s);
      const next = greedy(model, offers, trips, penalty, open, f);
      if (next.cost < best.cost - 1e-6) [best, forbidden, improved] = [next, f, true];
    }
    for (let s = 0; s < model.sellers.length; s++) {
      if (best.used.has(s) || forbidden.has(s)) continue;
      const next = greedy(model, offers, trips, penalty, new Set(best.used).add(s), forbidden);
      if (next.cost < best.cost - 1e-6) [best, improved] = [next, true];
    }
    // Swap a visited seller for another, when neither dropping nor adding helps.
    for (const s of improved ? [] : [...best.used]) {
      for (let t = 0; t < model.sellers.length && !improved; t++) {
        if (best.used.has(t) || forbidden.has(t)) continue;
        const open = new Set(best.used).add(t);
        open.delete(s);
        const f = new Set(forbidden).add(s);
        const next = greedy(model, offers, trips, penalty, open, f);
        if (next.cost < best.cost - 1e-6) [best, forbidden, improved] = [next, f, true];
      }
    }
    if (!improved) break;
  }
  const values: Record<string, number> = {};
  for (const c of model.columns) values[c.name] = 0;
  for (const { l, k, take } of best.takes) values[`x${l}_${k}`] = take;
  best.uncovered.forEach((u, l) => {
    values[`u${l}`] = u;
  });
  for (const s of best.used) values[`y${s}`] = 1;
  return values;
}
