import { describe, expect, it } from 'vitest';
import { EMBEDDED_FACTOR_SET } from '../impact/embedded-factors.ts';
import type { FactorSet } from '../impact/factor-registry.ts';
import { computeTradeImpact } from '../impact/impact.ts';
import { DomainError } from '../shared/errors.ts';
import {
  dimensionFit,
  type LotCandidate,
  type ProposalInput,
  type RequestCriteria,
  rankProposals,
  SCORE_WEIGHTS,
  scoreProposal,
} from './score.ts';

const now = new Date('2025-06-15T10:00:00Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);

/** "Chêne, 80 kg of pieces 700 × 100 mm, free, 12 km away" for "100 kg, pieces ≥ 60 cm, 50 km". */
const base: ProposalInput = {
  distanceKm: 12,
  radiusKm: 50,
  materialFit: 'exact',
  availableQty: 80,
  requestedMin: null,
  requestedMax: 100,
  pieceDims: { lengthMm: 700, widthMm: 100 },
  minDims: { lengthMm: 600 },
  unitPriceCents: null,
  budgetCents: null,
  publishedAt: daysAgo(3),
  now,
  massKg: 80,
};

describe('scoreProposal', () => {
  it('scores and explains a good match', () => {
    const r = scoreProposal(base);
    expect(r.excluded).toBeUndefined();
    expect(r.parts.distance).toBeCloseTo(0.76, 12);
    expect(r.parts).toMatchObject({ material: 1, quantity: 0.8, dimensions: 1, price: 1 });
    expect(r.parts.freshness).toBeCloseTo(0.5 ** 0.1, 12);
    expect(r.score).toBe(88.3);
    // Diesel van, dedicated round trip, with upstream: 24 vehicle-km × (0.25561 + 0.06128) = 7.60536.
    expect(r.transportCo2eKg).toBeCloseTo(24 * 0.31689, 10);
    expect(r.explanation).toEqual([
      { key: 'match.distance', params: { km: 12 } },
      { key: 'match.material.exact' },
      { key: 'match.quantity', params: { percent: 80 } },
      { key: 'match.dimensions.ok', params: { minLengthMm: 600 } },
      { key: 'match.price.free' },
      { key: 'match.freshness', params: { days: 3 } },
      { key: 'match.transport', params: { co2eKg: 7.6 } },
    ]);
  });

  it('has weights summing to 100', () => {
    expect(Object.values(SCORE_WEIGHTS).reduce((a, b) => a + b, 0)).toBe(100);
  });

  it.each<[string, Partial<ProposalInput>, string]>([
    ['beyond the radius', { distanceKm: 50.1 }, 'beyond_radius'],
    ['another material', { materialFit: 'none' }, 'material_mismatch'],
    ['nothing left', { availableQty: 0 }, 'none_available'],
    ['pieces too short', { pieceDims: { lengthMm: 500, widthMm: 100 } }, 'dimensions_too_small'],
    [
      'pieces too thin',
      { pieceDims: { lengthMm: 700, thicknessMm: 15 }, minDims: { thicknessMm: 18 } },
      'dimensions_too_small',
    ],
    [
      'one known side shorter than every minimum',
      { pieceDims: { widthMm: 300 }, minDims: { lengthMm: 600, widthMm: 400 } },
      'dimensions_too_small',
    ],
    ['over a strict budget', { unitPriceCents: 200, budgetCents: 10_000, budgetStrict: true }, 'over_budget'],
    [
      'several reasons: the first in a fixed order',
      { availableQty: 0, distanceKm: 80, materialFit: 'none' },
      'none_available',
    ],
  ])('excludes a lot %s', (_, patch, reason) => {
    const r = scoreProposal({ ...base, ...patch });
    expect(r.excluded).toBe(reason);
    expect(r.score).toBe(0);
    expect(r.explanation[0]?.key).toMatch(/^match\.excluded\./);
  });

  it.each<
    [string, Partial<ProposalInput>, Partial<Record<keyof typeof SCORE_WEIGHTS, number>>, string | null]
  >([
    ['a declared substitute', { materialFit: 'substitute' }, { material: 0.7 }, 'match.material.substitute'],
    ['the same family', { materialFit: 'same_family' }, { material: 0.4 }, 'match.material.sameFamily'],
    ['more than asked', { availableQty: 150, massKg: 150 }, { quantity: 1 }, 'match.quantity'],
    ['less than the minimum', { requestedMin: 90 }, { quantity: 0.4 }, 'match.quantity.belowMinimum'],
    [
      'a piece that must be turned',
      { pieceDims: { lengthMm: 100, widthMm: 700 } },
      { dimensions: 1 },
      'match.dimensions.ok',
    ],
    ['unknown piece sizes', { pieceDims: null }, { dimensions: 0.5 }, 'match.dimensions.unknown'],
    ['no size wanted', { minDims: null, pieceDims: null }, { dimensions: 1 }, null],
    [
      'a price within budget',
      { unitPriceCents: 50, budgetCents: 10_000 },
      { price: 0.8 },
      'match.price.withinBudget',
    ],
    ['a price and no budget', { unitPriceCents: 50 }, { price: 0.5 }, 'match.price.amount'],
    [
      'over a soft budget',
      { unitPriceCents: 200, budgetCents: 10_000 },
      { price: 0 },
      'match.price.overBudget',
    ],
    ['a free lot against a zero budget', { budgetCents: 0 }, { price: 1 }, 'match.price.free'],
    ['30 days old', { publishedAt: daysAgo(30) }, { freshness: 0.5 }, 'match.freshness'],
    ['a publication date after now', { publishedAt: daysAgo(-2) }, { freshness: 1 }, 'match.freshness'],
    ['a zero radius at the same place', { radiusKm: 0, distanceKm: 0 }, { distance: 1 }, 'match.distance'],
    ['the edge of the radius', { distanceKm: 50 }, { distance: 0 }, 'match.distance'],
  ])('scores %s', (_, patch, parts, key) => {
    const r = scoreProposal({ ...base, ...patch });
    expect(r.excluded).toBeUndefined();
    for (const [k, v] of Object.entries(parts)) expect(r.parts[k as keyof typeof parts]).toBeCloseTo(v, 12);
    if (key) expect(r.explanation.map((e) => e.key)).toContain(key);
    else expect(r.explanation.map((e) => e.key).filter((k) => k.startsWith('match.dimensions'))).toEqual([]);
    let expected = 0;
    for (const [k, w] of Object.entries(SCORE_WEIGHTS)) expected += w * r.parts[k as keyof typeof parts];
    expect(r.score).toBeCloseTo(expected, 1);
  });

  it('gives the UI the numbers of "à 12 km, chêne exact, 80 % de la quantité, pièces ≥ 60 cm"', () => {
    const r = scoreProposal({ ...base, unitPriceCents: 150, budgetCents: 20_000 });
    expect(r.explanation).toContainEqual({
      key: 'match.price.withinBudget',
      params: { totalCents: 12_000, budgetCents: 20_000 },
    });
    expect(r.explanation.slice(0, 4)).toEqual([
      { key: 'match.distance', params: { km: 12 } },
      { key: 'match.material.exact' },
      { key: 'match.quantity', params: { percent: 80 } },
      { key: 'match.dimensions.ok', params: { minLengthMm: 600 } },
    ]);
  });

  it('charges transport on the mass actually moved', () => {
    const r = scoreProposal({
      ...base,
      availableQty: 150,
      massKg: 60,
      transport: { transportMode: 'tonne_km', includeUpstream: false },
    });
    // 100 of 150 units are served: 40 kg over 12 km, not doubled in tonne-km mode.
    expect(r.transportCo2eKg).toBeCloseTo(0.04 * 12 * 0.6313, 12);
  });

  it('charges the same transport as the trade impact would, with the same assumptions', () => {
    const impact = (roundTrip?: boolean) =>
      computeTradeImpact({
        massKg: 80,
        massMeasured: false,
        materialFactorKey: null,
        distanceKm: 12,
        roundTrip,
        factorSet: EMBEDDED_FACTOR_SET,
      }).transportKgCo2e;
    // Default round trip: 24 vehicle-km; one way: 12 × 0.31689 = 3.80268.
    expect(scoreProposal(base).transportCo2eKg).toBe(impact());
    const oneWay = scoreProposal({ ...base, transport: { roundTrip: false } }).transportCo2eKg;
    expect(oneWay).toBe(impact(false));
    expect(oneWay).toBeCloseTo(3.80268, 10);
  });

  it('reads transport factors from the factor set it is given', () => {
    const cleaner: FactorSet = {
      ...EMBEDDED_FACTOR_SET,
      version: '2027-03-test-v2',
      transportFactors: EMBEDDED_FACTOR_SET.transportFactors.map((f) =>
        f.key === 'van_diesel_avg_defra' ? { ...f, kgCo2ePerVehicleKm: 0.1, wttPerVehicleKm: 0.02 } : f,
      ),
    };
    // 24 vehicle-km × (0.1 + 0.02) = 2.88.
    expect(scoreProposal(base, cleaner).transportCo2eKg).toBeCloseTo(2.88, 10);
    expect(() => scoreProposal({ ...base, transport: { vehicleKey: 'bike' } })).toThrow(DomainError);
  });

  it.each<[string, Partial<ProposalInput>]>([
    ['a zero requested quantity', { requestedMax: 0 }],
    ['a negative distance', { distanceKm: -1 }],
    ['a NaN radius', { radiusKm: Number.NaN }],
  ])('rejects %s', (_, patch) => {
    expect(() => scoreProposal({ ...base, ...patch })).toThrow(DomainError);
  });
});

describe('dimensionFit', () => {
  it.each([
    [{ lengthMm: 700, widthMm: 100 }, { lengthMm: 600 }, 'ok'],
    [{ lengthMm: 700, widthMm: 100 }, { lengthMm: 600, widthMm: 200 }, 'too_small'],
    [{ lengthMm: 300, widthMm: 650 }, { lengthMm: 600, widthMm: 250 }, 'ok'],
    [{ lengthMm: 500 }, { lengthMm: 600 }, 'unknown'],
    [{ lengthMm: 500 }, { lengthMm: 600, widthMm: 550 }, 'too_small'],
    [{}, {}, 'any'],
    [null, null, 'any'],
    [{ lengthMm: 700, widthMm: 100, thicknessMm: 18 }, { thicknessMm: 18 }, 'ok'],
  ] as const)('%o against %o → %s', (piece, min, fit) => {
    expect(dimensionFit(piece, min)).toBe(fit);
  });
});

describe('rankProposals', () => {
  const request: RequestCriteria = {
    radiusKm: 50,
    requestedMax: 100,
    minDims: { lengthMm: 600 },
    budgetCents: null,
  };
  const lot = (id: string, patch: Partial<LotCandidate> = {}): LotCandidate => ({
    id,
    distanceKm: 20,
    materialFit: 'exact',
    availableQty: 100,
    pieceDims: { lengthMm: 800 },
    unitPriceCents: null,
    publishedAt: daysAgo(1),
    massKg: 100,
    ...patch,
  });

  it('sorts by score, then distance, then id, and leaves out exclusions', () => {
    const ranked = rankProposals(
      [
        lot('twin-b'),
        lot('far', { distanceKm: 60 }),
        lot('near', { distanceKm: 5 }),
        lot('twin-a'),
        lot('substitute-near', { distanceKm: 10, materialFit: 'substitute' }),
        lot('short', { distanceKm: 1, pieceDims: { lengthMm: 400, widthMm: 100 } }),
      ],
      request,
      now,
    );
    expect(ranked.map((r) => r.id)).toEqual(['near', 'twin-a', 'twin-b', 'substitute-near']);
    expect(ranked[0]).toMatchObject({ id: 'near', distanceKm: 5 });
  });

  it('breaks an equal (rounded) score by distance before id', () => {
    const ranked = rankProposals(
      [lot('a', { distanceKm: 20.04 }), lot('z', { distanceKm: 20 })],
      request,
      now,
    );
    expect(ranked.map((r) => [r.id, r.score])).toEqual([
      ['z', 85.9],
      ['a', 85.9],
    ]);
  });

  it('returns nothing for no candidates', () => {
    expect(rankProposals([], request, now)).toEqual([]);
  });
});

describe('scoreProposal edges', () => {
  function details(fn: () => unknown): unknown {
    try {
      fn();
    } catch (e) {
      if (e instanceof DomainError) return { code: e.code, key: e.key, ...e.details };
      throw e;
    }
    throw new Error('did not throw');
  }

  it.each<[string, Partial<ProposalInput>]>([
    ['a distance that is not a number', { distanceKm: Number.NaN }],
    ['a negative distance', { distanceKm: -1 }],
    ['a negative radius', { radiusKm: -0.5 }],
    ['a negative mass', { massKg: -1 }],
  ])('refuses %s, with the figures', (_name, patch) => {
    const input = { ...base, ...patch };
    expect(details(() => scoreProposal(input))).toEqual({
      code: 'VALIDATION',
      key: 'match.invalidInput',
      distanceKm: input.distanceKm,
      radiusKm: input.radiusKm,
      requestedMax: input.requestedMax,
      availableQty: input.availableQty,
      massKg: input.massKg,
    });
  });

  it('accepts a lot of no known mass', () => {
    expect(scoreProposal({ ...base, massKg: 0 }).excluded).toBeUndefined();
  });

  it.each<[number | null, number, boolean]>([
    [80, 80, false],
    [81, 80, true],
    [0, 80, false],
    [-5, 80, false],
    [null, 80, false],
  ])('a minimum of %s with %d available is below the minimum: %s', (requestedMin, availableQty, below) => {
    const r = scoreProposal({ ...base, requestedMin, availableQty, massKg: availableQty });
    expect(r.parts.quantity).toBeCloseTo(below ? 0.8 * 0.5 : 0.8, 12);
    expect(r.explanation.some((e) => e.key === 'match.quantity.belowMinimum')).toBe(below);
    if (below) {
      expect(r.explanation).toContainEqual({ key: 'match.quantity.belowMinimum', params: { requestedMin } });
    }
  });

  it('gives no dimension credit to a lot too small (excluded, parts kept)', () => {
    const r = scoreProposal({ ...base, pieceDims: { lengthMm: 500, widthMm: 100 } });
    expect(r.excluded).toBe('dimensions_too_small');
    expect(r.parts.dimensions).toBe(0);
  });

  it('explains the minimum dimensions it checked', () => {
    const all = { lengthMm: 600, widthMm: 50, thicknessMm: 10 };
    const ok = scoreProposal({
      ...base,
      pieceDims: { lengthMm: 700, widthMm: 100, thicknessMm: 20 },
      minDims: all,
    });
    expect(ok.explanation).toContainEqual({
      key: 'match.dimensions.ok',
      params: { minLengthMm: 600, minWidthMm: 50, minThicknessMm: 10 },
    });
    const unknown = scoreProposal({ ...base, pieceDims: { thicknessMm: 5 }, minDims: { widthMm: 50 } });
    expect(unknown.explanation).toContainEqual({
      key: 'match.dimensions.unknown',
      params: { minWidthMm: 50 },
    });
    const thick = scoreProposal({ ...base, pieceDims: { thicknessMm: 30 }, minDims: { thicknessMm: 18 } });
    expect(thick.explanation).toContainEqual({ key: 'match.dimensions.ok', params: { minThicknessMm: 18 } });
  });

  it.each<[number | null, number | null, string, Record<string, number> | undefined, number]>([
    // 80 pieces at 1,25 € = 100 €.
    [125, null, 'match.price.amount', { totalCents: 10_000 }, 0.5],
    [125, 10_000, 'match.price.withinBudget', { totalCents: 10_000, budgetCents: 10_000 }, 0.5],
    [125, 9_999, 'match.price.overBudget', { totalCents: 10_000, budgetCents: 9_999 }, 0],
    [0, 5_000, 'match.price.free', undefined, 1],
    [-125, 5_000, 'match.price.free', undefined, 1],
    [null, 5_000, 'match.price.free', undefined, 1],
  ])(
    'a unit price of %s against a budget of %s → %s %o',
    (unitPriceCents, budgetCents, key, params, part) => {
      const r = scoreProposal({ ...base, unitPriceCents, budgetCents });
      expect(r.explanation).toContainEqual(params ? { key, params } : { key });
      expect(r.parts.price).toBeCloseTo(part, 12);
    },
  );
});

describe('dimensionFit with unknown and partial minimums', () => {
  it.each([
    // A known flat fit and an unknown thickness, or the other way round: cannot tell.
    [{ lengthMm: 700, widthMm: 100 }, { lengthMm: 600, thicknessMm: 10 }, 'unknown'],
    [{ thicknessMm: 20 }, { lengthMm: 600, thicknessMm: 10 }, 'unknown'],
    [{ widthMm: 40, lengthMm: 45 }, { widthMm: 50 }, 'too_small'],
    [{ widthMm: 60, lengthMm: 45 }, { widthMm: 50 }, 'ok'],
    [{ lengthMm: 10 }, { lengthMm: -5, widthMm: 0 }, 'any'],
    [{ lengthMm: 10 }, null, 'any'],
    // Wide enough, length not given, and too narrow to be turned: cannot tell, not a fit.
    [{ widthMm: 500 }, { lengthMm: 1000, widthMm: 400 }, 'unknown'],
  ] as const)('%o for %o → %s', (piece, min, fit) => {
    expect(dimensionFit(piece, min)).toBe(fit);
  });
});

describe('rankProposals passes the request through', () => {
  const lot = (id: string, patch: Partial<LotCandidate> = {}): LotCandidate => ({
    id,
    distanceKm: 20,
    materialFit: 'exact',
    availableQty: 100,
    pieceDims: null,
    unitPriceCents: null,
    publishedAt: daysAgo(1),
    massKg: 100,
    ...patch,
  });
  const request: RequestCriteria = { radiusKm: 50, requestedMax: 100, budgetCents: null };

  it('orders equal lots by id whatever the input order', () => {
    for (const ids of [
      ['c', 'a', 'b'],
      ['b', 'c', 'a'],
      ['a', 'b', 'c'],
      ['c', 'b', 'a'],
    ]) {
      expect(
        rankProposals(
          ids.map((id) => lot(id)),
          request,
          now,
        ).map((r) => r.id),
      ).toEqual(['a', 'b', 'c']);
    }
  });

  it('applies the minimum quantity', () => {
    const [withMin] = rankProposals([lot('x', { availableQty: 10 })], { ...request, requestedMin: 50 }, now);
    const [withoutMin] = rankProposals([lot('x', { availableQty: 10 })], request, now);
    expect(withMin!.parts.quantity).toBeCloseTo(withoutMin!.parts.quantity * 0.5, 12);
  });

  it('excludes an over-budget lot only when the budget is strict', () => {
    const pricey = [lot('x', { unitPriceCents: 100 })];
    expect(rankProposals(pricey, { ...request, budgetCents: 50 }, now)).toHaveLength(1);
    expect(rankProposals(pricey, { ...request, budgetCents: 50, budgetStrict: false }, now)).toHaveLength(1);
    expect(rankProposals(pricey, { ...request, budgetCents: 50, budgetStrict: true }, now)).toHaveLength(0);
  });
});
