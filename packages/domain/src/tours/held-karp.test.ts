import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { solveExactTour } from './held-karp.ts';
import { evaluateRoute } from './routing-instance.ts';
import { bruteForceTour, randomInstance } from './test-instances.ts';

describe('solveExactTour (Held–Karp with time windows)', () => {
  it('finds the brute-force optimum on random instances with and without windows', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.integer({ min: 1, max: 7 }),
        fc.constantFrom(false, true, 'tight' as const),
        (seed, n, windows) => {
          const inst = randomInstance(seed, n, { windows });
          const exact = solveExactTour(inst);
          const reference = bruteForceTour(inst, (r) => evaluateRoute(inst, r));
          if (reference === Number.POSITIVE_INFINITY) {
            expect(exact.route).toBeNull();
          } else {
            expect(exact.route).not.toBeNull();
            expect(exact.km).toBeCloseTo(reference, 9);
            const check = evaluateRoute(inst, exact.route!);
            expect(check.feasible).toBe(true);
            expect(check.km).toBeCloseTo(exact.km, 9);
            expect([...exact.route!].sort((a, b) => a - b)).toEqual(
              Array.from({ length: n }, (_, k) => k + 1),
            );
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('answers null when the loads exceed the capacity or no order meets the windows', () => {
    const heavy = randomInstance(3, 4, { loadKg: 30, capacityKg: 100 });
    expect(solveExactTour(heavy).route).toBeNull();
    const late = randomInstance(3, 3);
    late.close[1] = late.open[0]! - 1;
    expect(solveExactTour(late).route).toBeNull();
  });

  it('solves 10 stops with windows in well under a second', () => {
    const inst = randomInstance(11, 10, { windows: true });
    const t = performance.now();
    solveExactTour(inst);
    expect(performance.now() - t).toBeLessThan(1000);
  });
});
