import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/errors.ts';
import { EMBEDDED_FACTOR_SET } from './embedded-factors.ts';
import type { FactorSet } from './factor-registry.ts';
import {
  computeTradeImpact,
  recomputeTradeImpact,
  storedTradeImpactInputSchema,
  type TradeImpactInput,
} from './impact.ts';

const factorSet = EMBEDDED_FACTOR_SET;
const wood10kg = { massKg: 10, massMeasured: true, materialFactorKey: 'wood_average_defra' } as const;

// Hand-computed from emission-factors.csv and transport-factors.csv:
// wood_average_defra: 0.2695 − 0.03854 = 0.23096 kg CO2e/kg; van_diesel_avg_defra: 0.25561 /vehicle-km
// direct, + 0.06128 WTT (= 0.31689); 0.6313 /t.km direct, + 0.15095 WTT.
// A dedicated trip is a round trip by default: vehicle-km = 2 × distanceKm (1 × with roundTrip
// false). tonneKm is always mass × one-way distance.
describe('computeTradeImpact: hand-computed rows', () => {
  it.each<[string, TradeImpactInput, { avoided: number; transport: number; net: number; tonneKm: number }]>([
    [
      // 7 × 0.25561 = 1.78927
      '10 kg reused wood, dedicated van trip of 7 km one way, direct only: transport eats 77 % of the benefit',
      { ...wood10kg, distanceKm: 7, roundTrip: false, includeUpstream: false },
      { avoided: 2.3096, transport: 1.78927, net: 0.52033, tonneKm: 0.07 },
    ],
    [
      // 7 × 0.31689 = 2.21823
      'the same with upstream fuel: transport eats 96 % of the benefit',
      { ...wood10kg, distanceKm: 7, roundTrip: false, includeUpstream: true },
      { avoided: 2.3096, transport: 2.21823, net: 0.09137, tonneKm: 0.07 },
    ],
    [
      // Break-even with upstream: 2.3096 / 0.31689 = 7.29 vehicle-km. 8 × 0.31689 = 2.53512
      'the same over 8 km one way: the net turns negative',
      { ...wood10kg, distanceKm: 8, roundTrip: false, includeUpstream: true },
      { avoided: 2.3096, transport: 2.53512, net: -0.22552, tonneKm: 0.08 },
    ],
    [
      // 2 × 4 = 8 vehicle-km, as above; goods move 4 km: 0.01 t × 4 km = 0.04 t.km.
      'a default round trip to 4 km away is the same 8 vehicle-km',
      { ...wood10kg, distanceKm: 4 },
      { avoided: 2.3096, transport: 2.53512, net: -0.22552, tonneKm: 0.04 },
    ],
    [
      // 2 × 7 = 14 vehicle-km × 0.31689 = 4.43646; 2.3096 − 4.43646 = −2.12686.
      'the default round trip to 7 km away: 14 vehicle-km, the net is clearly negative',
      { ...wood10kg, distanceKm: 7 },
      { avoided: 2.3096, transport: 4.43646, net: -2.12686, tonneKm: 0.07 },
    ],
    [
      // roundTrip (default true) never doubles tonne-km.
      'tonne-km mode: 0.07 t.km × (0.6313 + 0.15095), not doubled',
      { ...wood10kg, distanceKm: 7, transportMode: 'tonne_km', includeUpstream: true },
      { avoided: 2.3096, transport: 0.0547575, net: 2.2548425, tonneKm: 0.07 },
    ],
    [
      'tonne-km, HGV, 2 t of clothing over 250 km: 500 t.km × (0.10163 + 0.02359)',
      {
        massKg: 2000,
        massMeasured: true,
        materialFactorKey: 'clothing_average_defra',
        distanceKm: 250,
        vehicleKey: 'hgv_all_avg_laden_defra',
        transportMode: 'tonne_km',
      },
      { avoided: 44315.5, transport: 62.61, net: 44252.89, tonneKm: 500 },
    ],
    [
      'no reuse factor (plywood): reuse counts 0, no transport when handed over on site',
      { massKg: 20, massMeasured: false, materialFactorKey: 'plywood', distanceKm: 0 },
      { avoided: 9, transport: 0, net: 9, tonneKm: 0 },
    ],
    [
      // Round trip: 24 vehicle-km × 0.31689 = 7.60536.
      'missing factor (leather, NOT FOUND in emission-factors.csv): 0 avoided, transport still counted',
      { massKg: 5, massMeasured: true, materialFactorKey: 'leather_bovine', distanceKm: 12 },
      { avoided: 0, transport: 7.60536, net: -7.60536, tonneKm: 0.06 },
    ],
    [
      // Round trip, direct only: 24 vehicle-km × 0.25561 = 6.13464.
      'no material key at all',
      { massKg: 5, massMeasured: true, materialFactorKey: null, distanceKm: 12, includeUpstream: false },
      { avoided: 0, transport: 6.13464, net: -6.13464, tonneKm: 0.06 },
    ],
    [
      // steel_ice 2.89 × 50 = 144.5; round trip 20 vehicle-km × 0.06976 = 1.3952.
      'electric van: no WTT in the CSV, so upstream adds nothing (and is flagged)',
      {
        massKg: 50,
        massMeasured: true,
        materialFactorKey: 'steel_ice',
        distanceKm: 10,
        vehicleKey: 'van_bev_avg_defra',
      },
      { avoided: 144.5, transport: 1.3952, net: 143.1048, tonneKm: 0.5 },
    ],
    [
      'French truck, tonne-km only: 50 t.km × 0.269575',
      {
        massKg: 500,
        massMeasured: true,
        materialFactorKey: 'metal_scrap_defra',
        distanceKm: 100,
        vehicleKey: 'truck_fr_unspecified_baseimpacts',
        transportMode: 'tonne_km',
      },
      { avoided: 1736.56, transport: 13.47875, net: 1723.08125, tonneKm: 50 },
    ],
  ])('%s', (_name, input, expected) => {
    const impact = computeTradeImpact({ ...input, factorSet });
    expect(impact.avoidedKgCo2e).toBeCloseTo(expected.avoided, 9);
    expect(impact.transportKgCo2e).toBeCloseTo(expected.transport, 9);
    expect(impact.netKgCo2e).toBeCloseTo(expected.net, 9);
    expect(impact.tonneKm).toBeCloseTo(expected.tonneKm, 12);
    expect(impact.netKgCo2e).toBe(impact.avoidedKgCo2e - impact.transportKgCo2e);
    expect(impact.transportKgCo2e).toBe(impact.transportDirectKgCo2e + impact.transportUpstreamKgCo2e);
  });
});

describe('computeTradeImpact: labels, flags, sources and defaults', () => {
  it('matches the issue: about 2.3 avoided, 1.8 direct, 2.2 with upstream for 7 vehicle-km', () => {
    // The van trip of 7 km is 7 vehicle-km: a one-way trip.
    const impact = computeTradeImpact({ ...wood10kg, distanceKm: 7, roundTrip: false, factorSet });
    expect(impact.avoidedKgCo2e.toFixed(1)).toBe('2.3');
    expect(impact.transportDirectKgCo2e.toFixed(1)).toBe('1.8');
    expect(impact.transportKgCo2e.toFixed(1)).toBe('2.2');
    // 7 × 0.06128 = 0.42896
    expect(impact.transportUpstreamKgCo2e).toBeCloseTo(0.42896, 9);
    expect(impact.netKgCo2e).toBeGreaterThan(0);
  });

  it('the default round trip to the same seller 7 km away doubles the transport: the net is clearly negative', () => {
    const impact = computeTradeImpact({ ...wood10kg, distanceKm: 7, factorSet });
    expect(impact.input.roundTrip).toBe(true);
    // 14 × 0.25561 = 3.57854 direct; 14 × 0.31689 = 4.43646 in all; 2.3096 − 4.43646 = −2.12686.
    expect(impact.transportDirectKgCo2e).toBeCloseTo(3.57854, 9);
    expect(impact.transportKgCo2e).toBeCloseTo(4.43646, 9);
    expect(impact.netKgCo2e).toBeCloseTo(-2.12686, 9);
    expect(impact.netKgCo2e).toBeLessThan(-2);
  });

  it('defaults to a dedicated diesel-van round trip with upstream fuel, and echoes the resolved input', () => {
    const impact = computeTradeImpact({ ...wood10kg, distanceKm: 7, factorSet });
    expect(impact.input).toEqual({
      massKg: 10,
      massMeasured: true,
      materialFactorKey: 'wood_average_defra',
      distanceKm: 7,
      vehicleKey: 'van_diesel_avg_defra',
      transportMode: 'dedicated_trip',
      includeUpstream: true,
      roundTrip: true,
      factorVersion: '2026-11-defra-ice-v1',
    });
    expect(impact).toMatchObject({
      massSource: 'measured',
      factorKey: 'wood_average_defra',
      factorMissing: false,
      virginKgCo2ePerKg: 0.2695,
      reuseKgCo2ePerKg: 0.03854,
      factorVersion: '2026-11-defra-ice-v1',
      vehicleKey: 'van_diesel_avg_defra',
      transportMode: 'dedicated_trip',
      flags: [],
    });
    expect(impact.sources).toHaveLength(2);
    expect(impact.sources[0]).toMatch(/^wood_average_defra: UK DESNZ\/DEFRA .* \(2025\)$/);
    expect(impact.sources[1]).toBe(
      'van_diesel_avg_defra: DESNZ/DEFRA 2025 Freighting goods IDs 27_303_3102_4_1 / 27_303_3102_14_1 (2025)',
    );
  });

  it.each([
    [
      { massKg: 5, massMeasured: false, materialFactorKey: 'leather_bovine', distanceKm: 1 },
      ['material_factor_missing'],
    ],
    [
      { massKg: 5, massMeasured: false, materialFactorKey: 'no_such_key', distanceKm: 1 },
      ['material_factor_missing'],
    ],
    [
      { massKg: 5, massMeasured: false, materialFactorKey: 'mdf', distanceKm: 1 },
      ['reuse_factor_assumed_zero'],
    ],
    [
      {
        massKg: 5,
        massMeasured: false,
        materialFactorKey: 'mdf',
        distanceKm: 1,
        vehicleKey: 'hgv_artic_avg_laden_defra',
      },
      ['reuse_factor_assumed_zero', 'upstream_factor_missing'],
    ],
    [
      {
        massKg: 5,
        massMeasured: false,
        materialFactorKey: 'mdf',
        distanceKm: 1,
        vehicleKey: 'hgv_artic_avg_laden_defra',
        includeUpstream: false,
      },
      ['reuse_factor_assumed_zero'],
    ],
  ] as const)('flags %o as %o', (input, flags) => {
    const impact = computeTradeImpact({ ...input, factorSet });
    expect(impact.flags).toEqual(flags);
    expect(impact.massSource).toBe('estimated');
  });

  it('keeps only the transport source when the material factor is missing', () => {
    const impact = computeTradeImpact({
      ...wood10kg,
      materialFactorKey: 'pmma_acrylic_sheet',
      distanceKm: 3,
      factorSet,
    });
    expect(impact).toMatchObject({
      factorKey: null,
      factorMissing: true,
      virginKgCo2ePerKg: null,
      avoidedKgCo2e: 0,
    });
    expect(impact.sources).toEqual([expect.stringMatching(/^van_diesel_avg_defra: /)]);
  });

  it('marks an approximate year in the sources', () => {
    const impact = computeTradeImpact({
      ...wood10kg,
      distanceKm: 3,
      vehicleKey: 'truck_fr_unspecified_baseimpacts',
      transportMode: 'tonne_km',
      factorSet,
    });
    expect(impact.sources[1]).toMatch(/\(~2022\)$/);
  });
});

describe('computeTradeImpact: refused inputs', () => {
  const codeOf = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      if (e instanceof DomainError) return `${e.code} ${e.key}`;
      throw e;
    }
    return 'no error';
  };

  it.each<[string, TradeImpactInput, string]>([
    ['a negative mass', { ...wood10kg, massKg: -1, distanceKm: 1 }, 'VALIDATION impact.invalidInput'],
    ['a NaN distance', { ...wood10kg, distanceKm: Number.NaN }, 'VALIDATION impact.invalidInput'],
    [
      'an infinite mass',
      { ...wood10kg, massKg: Number.POSITIVE_INFINITY, distanceKm: 1 },
      'VALIDATION impact.invalidInput',
    ],
    [
      'an unknown vehicle',
      { ...wood10kg, distanceKm: 1, vehicleKey: 'bike' },
      'VALIDATION impact.unknownVehicle',
    ],
    [
      'a vehicle without a value for the mode (truck_fr has no per-vehicle-km value)',
      {
        ...wood10kg,
        distanceKm: 1,
        vehicleKey: 'truck_fr_unspecified_baseimpacts',
        transportMode: 'dedicated_trip',
      },
      'VALIDATION impact.vehicleFactorMissing',
    ],
    [
      'a vehicle left out of the registry (ademe_base_carbone_road has no values)',
      { ...wood10kg, distanceKm: 1, vehicleKey: 'ademe_base_carbone_road' },
      'VALIDATION impact.unknownVehicle',
    ],
  ])('refuses %s', (_name, input, code) => {
    expect(codeOf(() => computeTradeImpact({ ...input, factorSet }))).toBe(code);
  });
});

describe('recomputeTradeImpact', () => {
  const newer: FactorSet = {
    ...factorSet,
    version: '2027-03-ademe-v2',
    materialFactors: factorSet.materialFactors.map((f) =>
      f.key === 'wood_average_defra' ? { ...f, virginKgCo2ePerKg: 0.5 } : f,
    ),
  };

  it('gives the stored result back with the version it was computed with, not a newer one', () => {
    const original = computeTradeImpact({ ...wood10kg, distanceKm: 7, factorSet });
    const stored = JSON.parse(JSON.stringify(original.input));
    expect(recomputeTradeImpact(stored, [newer, factorSet])).toEqual(original);
    expect(computeTradeImpact({ ...wood10kg, distanceKm: 7, factorSet: newer }).avoidedKgCo2e).toBeCloseTo(
      4.6146,
      9,
    );
  });

  it('recomputes a one-way trip as one way, whatever the default', () => {
    const original = computeTradeImpact({ ...wood10kg, distanceKm: 7, roundTrip: false, factorSet });
    const stored = storedTradeImpactInputSchema.parse(JSON.parse(JSON.stringify(original.input)));
    expect(stored.roundTrip).toBe(false);
    const again = recomputeTradeImpact(stored, [factorSet]);
    expect(again).toEqual(original);
    // 7 × 0.31689
    expect(again.transportKgCo2e).toBeCloseTo(2.21823, 9);
  });

  it('refuses a stored input that does not record roundTrip', () => {
    const { roundTrip: _roundTrip, ...withoutRoundTrip } = computeTradeImpact({
      ...wood10kg,
      distanceKm: 7,
      factorSet,
    }).input;
    expect(storedTradeImpactInputSchema.safeParse(withoutRoundTrip).success).toBe(false);
  });

  it('refuses an unknown version', () => {
    const stored = {
      ...computeTradeImpact({ ...wood10kg, distanceKm: 7, factorSet }).input,
      factorVersion: 'gone',
    };
    expect(() => recomputeTradeImpact(stored, [factorSet])).toThrow(DomainError);
  });
});

describe('computeTradeImpact: what a refusal says', () => {
  function details(f: () => unknown): unknown {
    try {
      f();
    } catch (e) {
      if (e instanceof DomainError) return { code: e.code, key: e.key, ...e.details };
      throw e;
    }
    throw new Error('did not throw');
  }

  it('names each invalid field, including those only the impact checks', () => {
    expect(
      details(() =>
        computeTradeImpact({
          ...wood10kg,
          materialFactorKey: 5 as unknown as string,
          distanceKm: 1,
          factorSet,
        }),
      ),
    ).toEqual({
      code: 'VALIDATION',
      key: 'impact.invalidInput',
      fields: [{ path: 'materialFactorKey', key: 'impact.invalidInput' }],
    });
  });

  it('says which factor version it could not find', () => {
    const stored = computeTradeImpact({ ...wood10kg, distanceKm: 7, factorSet }).input;
    expect(
      details(() => recomputeTradeImpact({ ...stored, factorVersion: '1999-01-none' }, [factorSet])),
    ).toEqual({
      code: 'NOT_FOUND',
      key: 'impact.factorVersionNotFound',
      factorVersion: '1999-01-none',
    });
  });
});
