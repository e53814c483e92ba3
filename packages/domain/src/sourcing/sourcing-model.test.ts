import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/errors.ts';
import { bomLinesFromCsv, parseBom } from './bom.ts';
import { buildSourcingModel, type SourcingLot, selectCandidates } from './sourcing-model.ts';
import { parseSourcingSolution } from './sourcing-solution.ts';
import { greedySourcingStart } from './sourcing-start.ts';

const lot = (id: string, sellerId: string, extra: Partial<SourcingLot> = {}): SourcingLot => ({
  id,
  sellerId,
  material: 'oak',
  unit: 'piece',
  available: 5,
  priceCentsPerUnit: 1000,
  distanceKm: 10,
  lengthMm: 1000,
  widthMm: 200,
  thicknessMm: 27,
  ...extra,
});

const costs = { centsPerKm: 50, centsPerSeller: 500 };

const invalidKeys = (raw: unknown[]) => {
  try {
    parseBom(raw);
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    return (e as DomainError).details.fields!.map((f) => `${f.path}:${f.key}`);
  }
  throw new Error('expected a refusal');
};

describe('parseBom', () => {
  it('expands a family and substitutes into accepted materials', () => {
    const [line] = parseBom([
      { id: 'a', material: 'oak', substitutes: ['beech'], quantity: 4, unit: 'piece' },
    ]);
    expect(line!.accepted).toEqual(['beech', 'oak']);
    const [wood] = parseBom([{ id: 'w', material: 'wood', quantity: 2, unit: 'kg' }]);
    expect(wood!.accepted).toContain('oak');
    expect(wood!.accepted).toContain('pine');
  });

  it.each([
    [
      { id: 'a', material: 'unobtainium', quantity: 1, unit: 'kg' },
      'lines.0.material:sourcing.unknownMaterial',
    ],
    [
      { id: 'a', material: 'oak', substitutes: ['kryptonite'], quantity: 1, unit: 'kg' },
      'lines.0.substitutes.0:sourcing.unknownMaterial',
    ],
    [{ id: 'a', material: 'oak', quantity: 0, unit: 'kg' }, 'lines.0.quantity:measure.zero'],
    [{ id: 'a', material: 'oak', quantity: 1.5, unit: 'piece' }, 'lines.0.quantity:measure.notInteger'],
    [
      { id: 'a', material: 'oak', quantity: 1, unit: 'piece', minLengthMm: 50_000 },
      'lines.0.minLengthMm:sourcing.impossibleDimension',
    ],
    [
      { id: 'a', material: 'oak', quantity: 1, unit: 'piece', minThicknessMm: -3 },
      'lines.0.minThicknessMm:sourcing.impossibleDimension',
    ],
    [{ id: 'a', material: 'oak', quantity: 1, unit: 'furlong' }, 'lines.0.unit:sourcing.invalidLine'],
  ])('refuses %j with %s', (line, key) => {
    expect(invalidKeys([line])).toEqual([key]);
  });

  it('refuses an empty BOM', () => {
    expect(invalidKeys([])).toEqual(['lines:sourcing.emptyBom']);
  });
});

describe('bomLinesFromCsv', () => {
  it('reads a semicolon CSV with decimal commas, labels and substitutes', () => {
    const csv =
      '\uFEFFmaterial;quantity;unit;min_length_mm;substitutes\nChêne;4;piece;800;beech|ash\noak;2,5;kg;;\n';
    const rows = bomLinesFromCsv(csv);
    expect(rows).toEqual([
      {
        id: 'row-2',
        material: 'oak',
        substitutes: ['beech', 'ash'],
        quantity: 4,
        unit: 'piece',
        minLengthMm: 800,
        minWidthMm: undefined,
        minThicknessMm: undefined,
      },
      {
        id: 'row-3',
        material: 'oak',
        substitutes: [],
        quantity: 2.5,
        unit: 'kg',
        minLengthMm: undefined,
        minWidthMm: undefined,
        minThicknessMm: undefined,
      },
    ]);
    expect(parseBom(rows)).toHaveLength(2);
  });

  it('refuses a CSV without the needed columns', () => {
    expect(() => bomLinesFromCsv('what,ever\n1,2')).toThrow(DomainError);
  });
});

describe('selectCandidates', () => {
  const [line] = parseBom([{ id: 'a', material: 'oak', quantity: 4, unit: 'piece', minLengthMm: 900 }]);
  it.each([
    ['too far', lot('far', 's', { distanceKm: 60 }), 0],
    ['another material', lot('pine', 's', { material: 'pine' }), 0],
    ['another unit', lot('kg', 's', { unit: 'kg' }), 0],
    ['too short', lot('short', 's', { lengthMm: 800 }), 0],
    ['no length given', lot('unknown', 's', { lengthMm: null }), 0],
    ['without a price', lot('nan', 's', { priceCentsPerUnit: Number.NaN }), 0],
    ['with an infinite stock', lot('inf', 's', { available: Number.POSITIVE_INFINITY }), 0],
    ['a match', lot('ok', 's'), 1],
  ])('%s', (_, candidate, count) => {
    expect(
      selectCandidates([line!], [candidate], { radiusKm: 50, perSeller: 3, maxPerLine: 40 })[0]!.lots,
    ).toHaveLength(count);
  });

  it('keeps the k cheapest per seller', () => {
    const lots = [1, 2, 3, 4]
      .map((p) => lot(`a${p}`, 'a', { priceCentsPerUnit: p * 100 }))
      .concat(lot('b1', 'b', { priceCentsPerUnit: 900 }));
    const kept = selectCandidates([line!], lots, { radiusKm: 50, perSeller: 2, maxPerLine: 10 })[0]!.lots.map(
      (l) => l.id,
    );
    expect(kept).toEqual(['a1', 'a2', 'b1']);
  });

  it('keeps at most maxPerLine, ranked by price plus the trip spread over the quantity', () => {
    // Line of 4 pieces; trip 2 × km × 50 + 500 cents: seller b at 1 km is worth 150 cents a piece, c at 40 km 1125.
    const lots = [
      lot('a', 'a', { priceCentsPerUnit: 1000, distanceKm: 30 }),
      lot('b', 'b', { priceCentsPerUnit: 1100, distanceKm: 1 }),
      lot('c', 'c', { priceCentsPerUnit: 900, distanceKm: 40 }),
    ];
    const kept = selectCandidates(
      [line!],
      lots,
      { radiusKm: 50, perSeller: 2, maxPerLine: 2 },
      costs,
    )[0]!.lots.map((l) => l.id);
    expect(kept).toEqual(['a', 'b']);
  });
});

describe('buildSourcingModel', () => {
  it('writes the program as LP text', () => {
    const lines = parseBom([
      { id: 'legs', material: 'oak', quantity: 4, unit: 'piece' },
      { id: 'top', material: 'oak', quantity: 2.5, unit: 'kg' },
    ]);
    const model = buildSourcingModel(
      selectCandidates(lines, [
        lot('L1', 'A', { available: 3, priceCentsPerUnit: 800 }),
        lot('L2', 'B', { distanceKm: 20 }),
        lot('K1', 'A', { unit: 'kg', available: 10, priceCentsPerUnit: 250 }),
      ]),
      costs,
    );
    expect(model.lp).toBe(
      [
        'Minimize',
        ' obj: + 800 x0_0 + 1000 x0_1 + 250 x1_0 + 5100 u0 + 5100 u1 + 1500 y0 + 2500 y1',
        'Subject To',
        ' link0_0: x0_0 - 3 y0 <= 0',
        ' link0_1: x0_1 - 4 y1 <= 0',
        ' cover0: + x0_0 + x0_1 + u0 >= 4',
        ' reach0: + 3 y0 + 4 y1 + u0 >= 4',
        ' link1_0: x1_0 - 2.5 y0 <= 0',
        ' cover1: + x1_0 + u1 >= 2.5',
        'Bounds',
        ' 0 <= x0_0 <= 3',
        ' 0 <= x0_1 <= 4',
        ' 0 <= x1_0 <= 2.5',
        'General',
        ' x0_0',
        ' x0_1',
        'Binary',
        ' y0',
        ' y1',
        'End',
        '',
      ].join('\n'),
    );
    expect(model.uncoveredBeforeSolve).toEqual([]);
    // The greedy start fills line 0 cheapest rank first (A: 800 + 1500 / 4, then B), then line 1 at A.
    expect(greedySourcingStart(model)).toEqual({ x0_0: 3, x0_1: 1, u0: 0, x1_0: 2.5, u1: 0, y0: 1, y1: 1 });
  });

  it('adds a stock row for a lot two lines can use, and flags lines no lot can cover', () => {
    const lines = parseBom([
      { id: 'a', material: 'oak', quantity: 4, unit: 'piece' },
      { id: 'b', material: 'oak', quantity: 3, unit: 'piece', substitutes: ['beech'] },
      { id: 'c', material: 'steel', quantity: 1, unit: 'piece' },
      { id: 'd', material: 'beech', quantity: 9, unit: 'piece' },
    ]);
    const model = buildSourcingModel(
      selectCandidates(lines, [lot('L1', 'A'), lot('B1', 'A', { material: 'beech', available: 2 })]),
      costs,
    );
    expect(model.lp).toContain(' stock0: + x0_0 + x1_1 <= 5\n');
    expect(model.lp).toContain(' stock1: + x1_0 + x3_0 <= 2\n');
    expect(model.lp).not.toContain('stock2');
    expect(model.uncoveredBeforeSolve).toEqual([
      { lineId: 'c', reason: 'sourcing.noCandidate' },
      { lineId: 'd', reason: 'sourcing.notEnoughQuantity' },
    ]);
  });
});

describe('parseSourcingSolution', () => {
  const lines = parseBom([
    { id: 'legs', material: 'oak', quantity: 4, unit: 'piece' },
    { id: 'bolts', material: 'steel', quantity: 1, unit: 'piece' },
  ]);
  const model = buildSourcingModel(
    selectCandidates(lines, [lot('L1', 'A', { priceCentsPerUnit: 333.3 })]),
    costs,
  );

  it('reads picks, visited sellers and shortfalls, rounding counted units and cents', () => {
    const plan = parseSourcingSolution(model, {
      status: 'optimal',
      values: { x0_0: 3.9999999, u0: 0, u1: 1, y0: 1 },
      objective: 0,
      dualBound: 0,
      gap: 0,
      solveMs: 3,
    });
    expect(plan.picks).toEqual([
      { lineId: 'legs', lotId: 'L1', sellerId: 'A', quantity: 4, goodsCents: 1333 },
    ]);
    expect(plan.sellers).toEqual([{ sellerId: 'A', distanceKm: 10, tripCents: 1500 }]);
    expect(plan.uncovered).toEqual([{ lineId: 'bolts', reason: 'sourcing.noCandidate', shortfall: 1 }]);
    expect(plan).toMatchObject({
      status: 'optimal',
      coveredLines: 1,
      goodsCents: 1333,
      tripCents: 1500,
      totalCents: 2833,
      gapPct: 0,
    });
  });

  it('reports the gap of a time-limited solve and no solution when the solver found none', () => {
    const limited = parseSourcingSolution(model, {
      status: 'time_limit',
      values: { x0_0: 4, y0: 1, u1: 1 },
      objective: 1,
      dualBound: 0.9,
      gap: 0.1,
      solveMs: 5,
    });
    expect(limited.status).toBe('feasible');
    expect(limited.gapPct).toBeCloseTo(10);
    const none = parseSourcingSolution(model, {
      status: 'error',
      values: null,
      objective: null,
      dualBound: null,
      gap: null,
      solveMs: 5,
    });
    expect(none.status).toBe('no_solution');
    expect(none.uncovered.map((u) => u.lineId)).toEqual(['legs', 'bolts']);
  });
});
