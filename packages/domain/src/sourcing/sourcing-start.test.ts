import { describe, expect, it } from 'vitest';
import { parseBom } from './bom.ts';
import { buildSourcingModel, type SourcingLot, selectCandidates } from './sourcing-model.ts';
import { greedySourcingStart } from './sourcing-start.ts';

const lot = (id: string, sellerId: string, material: SourcingLot['material'], price: number, km: number) => ({
  id,
  sellerId,
  material,
  unit: 'kg' as const,
  available: 10,
  priceCentsPerUnit: price,
  distanceKm: km,
});

describe('greedySourcingStart', () => {
  it('drops the seller the greedy opened for one line when another it must visit anyway serves it too', () => {
    // Line oak: A (5 km, 1,00 €/kg) is cheaper than B (8 km, 1,20 €/kg); line pine only at B.
    // Greedy: oak at A, pine at B, two trips; better: both at B, one trip (A's trip 9 € > 0,80 €).
    const lines = parseBom([
      { id: 'oak', material: 'oak', quantity: 4, unit: 'kg' },
      { id: 'pine', material: 'pine', quantity: 2, unit: 'kg' },
    ]);
    const costs = { centsPerKm: 40, centsPerSeller: 500 };
    const model = buildSourcingModel(
      selectCandidates(
        lines,
        [
          lot('a-oak', 'A', 'oak', 100, 5),
          lot('b-oak', 'B', 'oak', 120, 8),
          lot('b-pine', 'B', 'pine', 300, 8),
        ],
        undefined,
        costs,
      ),
      costs,
    );
    const visited = (values: Record<string, number>) =>
      model.columns.filter((c) => c.kind === 'visit' && values[c.name] === 1).map((c) => c.sellerId);
    expect(visited(greedySourcingStart(model, 0))).toEqual(['A', 'B']);
    const start = greedySourcingStart(model);
    expect(visited(start)).toEqual(['B']);
    const buy = model.columns.filter((c) => c.kind === 'buy' && (start[c.name] ?? 0) > 0).map((c) => c.lotId);
    expect(buy.sort()).toEqual(['b-oak', 'b-pine']);
  });
});
