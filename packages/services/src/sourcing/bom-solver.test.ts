import { DomainError, mulberry32, type SourcingLot } from '@retaille/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planSourcing, solveLp } from './bom-solver.ts';

const costs = { centsPerKm: 40, centsPerSeller: 800 };
const MATERIALS = ['oak', 'pine', 'steel'] as const;

/** A small instance: each line its own material, so lots are never shared between lines. */
function instance(seed: number) {
  const rng = mulberry32(seed);
  const sellers = 2 + Math.floor(rng() * 4);
  const lines = MATERIALS.slice(0, 1 + Math.floor(rng() * 3)).map((material, l) => ({
    id: `l${l}`,
    material,
    quantity: 1 + Math.floor(rng() * 8),
    unit: 'piece' as const,
  }));
  const lots: SourcingLot[] = [];
  for (let s = 0; s < sellers; s++) {
    const distanceKm = Math.round(rng() * 40);
    for (const material of MATERIALS) {
      if (rng() < 0.35) continue;
      // Sometimes two lots of one material at a seller (the seller-line link row then applies).
      const count = rng() < 0.4 ? 2 : 1;
      for (let k = 0; k < count; k++) {
        lots.push({
          id: `s${s}-${material}-${k}`,
          sellerId: `s${s}`,
          material,
          unit: 'piece',
          available: 1 + Math.floor(rng() * 6),
          priceCentsPerUnit: 100 + Math.floor(rng() * 2000),
          distanceKm,
        });
      }
    }
  }
  return { lines, lots };
}

/**
 * Every subset of sellers; within a subset each line takes its cheapest units first (exact here:
 * lines do not share lots, quantities are whole). Lines the subset cannot cover are skipped only
 * when no subset covers them, as the program does through its penalty.
 */
function bruteForce(lines: ReturnType<typeof instance>['lines'], lots: SourcingLot[]) {
  const sellers = [...new Set(lots.map((l) => l.sellerId))].sort();
  const tripOf = (s: string) =>
    2 * lots.find((l) => l.sellerId === s)!.distanceKm * costs.centsPerKm + costs.centsPerSeller;
  let best = { shortfall: Number.POSITIVE_INFINITY, cost: Number.POSITIVE_INFINITY };
  for (let mask = 0; mask < 1 << sellers.length; mask++) {
    const chosen = sellers.filter((_, i) => mask & (1 << i));
    let cost = chosen.reduce((sum, s) => sum + tripOf(s), 0);
    let shortfall = 0;
    for (const line of lines) {
      const offers = lots
        .filter((l) => l.material === line.material && chosen.includes(l.sellerId))
        .sort((a, b) => a.priceCentsPerUnit - b.priceCentsPerUnit);
      let need = line.quantity;
      for (const o of offers) {
        const take = Math.min(need, o.available);
        cost += take * o.priceCentsPerUnit;
        need -= take;
      }
      shortfall += need;
    }
    if (shortfall < best.shortfall || (shortfall === best.shortfall && cost < best.cost))
      best = { shortfall, cost };
  }
  return best;
}

describe('planSourcing (HiGHS)', () => {
  it('finds the brute-force optimum over every subset of sellers', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), async (seed) => {
        const { lines, lots } = instance(seed);
        const { plan } = await planSourcing({
          lines,
          lots,
          costs,
          candidates: { radiusKm: 100, perSeller: 5 },
        });
        const reference = bruteForce(lines, lots);
        expect(plan.status).toBe('optimal');
        expect(plan.gapPct).toBe(0);
        expect(plan.uncovered.reduce((s, u) => s + u.shortfall, 0)).toBe(reference.shortfall);
        expect(plan.totalCents).toBe(reference.cost);
        for (const line of lines) {
          const bought = plan.picks.filter((p) => p.lineId === line.id).reduce((s, p) => s + p.quantity, 0);
          const short = plan.uncovered.find((u) => u.lineId === line.id)?.shortfall ?? 0;
          expect(bought + short).toBe(line.quantity);
        }
      }),
      { numRuns: 30 },
    );
  }, 60_000);

  it('prefers one seller when the visit costs more than the price difference', async () => {
    const lots: SourcingLot[] = [
      {
        id: 'a-oak',
        sellerId: 'a',
        material: 'oak',
        unit: 'kg',
        available: 10,
        priceCentsPerUnit: 100,
        distanceKm: 5,
      },
      {
        id: 'a-pine',
        sellerId: 'a',
        material: 'pine',
        unit: 'kg',
        available: 10,
        priceCentsPerUnit: 300,
        distanceKm: 5,
      },
      {
        id: 'b-pine',
        sellerId: 'b',
        material: 'pine',
        unit: 'kg',
        available: 10,
        priceCentsPerUnit: 250,
        distanceKm: 5,
      },
    ];
    const lines = [
      { id: 'o', material: 'oak', quantity: 2, unit: 'kg' },
      { id: 'p', material: 'pine', quantity: 2, unit: 'kg' },
    ];
    const { plan } = await planSourcing({ lines, lots, costs });
    expect(plan.sellers.map((s) => s.sellerId)).toEqual(['a']);
    const cheapVisits = await planSourcing({ lines, lots, costs: { centsPerKm: 0, centsPerSeller: 0 } });
    expect(cheapVisits.plan.picks.find((p) => p.lineId === 'p')!.lotId).toBe('b-pine');
  });

  it('ranks the candidates with the trip: a cheap lot far away does not push out one next door', async () => {
    // One slot per line: 4 pieces at 11 € from 1 km (5 € of trip) beat 4 at 9 € from 40 km (36 €).
    const lot = (id: string, price: number, km: number): SourcingLot => ({
      id,
      sellerId: id,
      material: 'oak',
      unit: 'piece',
      available: 4,
      priceCentsPerUnit: price,
      distanceKm: km,
    });
    const { plan } = await planSourcing({
      lines: [{ id: 'legs', material: 'oak', quantity: 4, unit: 'piece' }],
      lots: [lot('far', 900, 40), lot('near', 1100, 1)],
      costs: { centsPerKm: 40, centsPerSeller: 420 },
      candidates: { radiusKm: 50, perSeller: 1, maxPerLine: 1 },
    });
    expect(plan.picks.map((p) => p.lotId)).toEqual(['near']);
    expect(plan.totalCents).toBe(4 * 1100 + 2 * 40 + 420);
  });

  it('reports the lines no lot covers, and refuses an unknown material or a zero quantity', async () => {
    const { plan } = await planSourcing({
      lines: [{ id: 'x', material: 'steel', quantity: 3, unit: 'piece' }],
      lots: [],
      costs,
    });
    expect(plan.uncovered).toEqual([{ lineId: 'x', reason: 'sourcing.noCandidate', shortfall: 3 }]);
    expect(plan.coveredLines).toBe(0);
    await expect(
      planSourcing({
        lines: [{ id: 'x', material: 'adamantium', quantity: 0, unit: 'kg' }],
        lots: [],
        costs,
      }),
    ).rejects.toBeInstanceOf(DomainError);
  });

  it('answers an unreadable model as an error status, not a throw', async () => {
    const out = await solveLp('this is not LP');
    expect(out.status).toBe('error');
    expect(out.values).toBeNull();
  });
});
