import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { solveExactTour } from './held-karp.ts';
import { evaluateRoute } from './routing-instance.ts';
import { randomInstance } from './test-instances.ts';
import { solveHeuristicTours } from './vrp-heuristic.ts';

const allStops = (n: number) => Array.from({ length: n }, (_, k) => k + 1);

describe('solveHeuristicTours', () => {
  it('single vehicle: feasible, visits every stop once, close to the exact optimum on small instances', () => {
    const gaps: number[] = [];
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 4, max: 9 }), (seed, n) => {
        const inst = randomInstance(seed, n);
        const exact = solveExactTour(inst);
        const h = solveHeuristicTours(inst, allStops(n), { maxRoutes: 1, maxIterations: 200, seed });
        expect(h.routes).toHaveLength(1);
        expect([...h.routes[0]!].sort((a, b) => a - b)).toEqual(allStops(n));
        expect(evaluateRoute(inst, h.routes[0]!).feasible).toBe(true);
        expect(h.km).toBeGreaterThanOrEqual(exact.km - 1e-9);
        // A heuristic: no promise of the optimum on every instance, but never far from it.
        expect(h.km).toBeLessThanOrEqual(exact.km * 1.05 + 1e-9);
        gaps.push(h.km / exact.km - 1);
      }),
      // Fixed seed: the bound on the gap is statistical, so the run must not vary between CI runs.
      { numRuns: 60, seed: 20261204 },
    );
    expect(gaps.reduce((s, g) => s + g, 0) / gaps.length).toBeLessThan(0.01);
  });

  it('pooled: every tour within capacity and windows, every stop in exactly one tour', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 5, max: 40 }), (seed, n) => {
        const inst = randomInstance(seed, n, { windows: true, capacityKg: 120 });
        const stops = allStops(n).filter((u) => evaluateRoute(inst, [u]).feasible);
        const h = solveHeuristicTours(inst, stops, { maxIterations: 50, seed });
        const seen = h.routes
          .flat()
          .concat(h.unplaced)
          .sort((a, b) => a - b);
        expect(seen).toEqual(stops);
        expect(h.unplaced).toEqual([]);
        for (const r of h.routes) expect(evaluateRoute(inst, r).feasible).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it('is deterministic for a seed and stops at the iteration budget or the injected clock', () => {
    const inst = randomInstance(5, 30, { windows: true, capacityKg: 200 });
    const a = solveHeuristicTours(inst, allStops(30), { maxIterations: 30, seed: 9 });
    const b = solveHeuristicTours(inst, allStops(30), { maxIterations: 30, seed: 9 });
    expect(a).toEqual(b);
    expect(a.iterations).toBe(30);
    let now = 0;
    const timed = solveHeuristicTours(inst, allStops(30), {
      maxIterations: 1e9,
      timeLimitMs: 100,
      clock: () => {
        now += 1;
        return now;
      },
    });
    expect(timed.stoppedBy).toBe('time');
  });

  it('leaves stops unplaced rather than exceeding the number of vehicles', () => {
    const inst = randomInstance(8, 10, { loadKg: 40, capacityKg: 100 });
    const h = solveHeuristicTours(inst, allStops(10), { maxRoutes: 2, maxIterations: 20 });
    expect(h.routes.length).toBeLessThanOrEqual(2);
    expect(h.unplaced.length).toBe(6);
    for (const r of h.routes) expect(evaluateRoute(inst, r).feasible).toBe(true);
  });
});
