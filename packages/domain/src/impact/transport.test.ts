import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/errors.ts';
import { EMBEDDED_FACTOR_SET } from './embedded-factors.ts';
import type { FactorSet } from './factor-registry.ts';
import { computeTransportEmissions, type TransportEmissionsInput, tonneKm } from './transport.ts';

const factorSet = EMBEDDED_FACTOR_SET;
const total = (input: TransportEmissionsInput) =>
  computeTransportEmissions({ ...input, factorSet }).totalKgCo2e;

// Hand-computed from transport-factors.csv, van_diesel_avg_defra: 0.25561 /vehicle-km direct
// + 0.06128 WTT = 0.31689; 0.6313 /t.km direct + 0.15095 WTT = 0.78225.
describe('computeTransportEmissions: dedicated trip', () => {
  it.each<[string, Omit<TransportEmissionsInput, 'massKg'>, number]>([
    ['7 km one way, direct', { distanceKm: 7, roundTrip: false, includeUpstream: false }, 7 * 0.25561],
    ['7 km one way, with upstream (default)', { distanceKm: 7, roundTrip: false }, 7 * 0.31689],
    ['7 km away, round trip (default), direct', { distanceKm: 7, includeUpstream: false }, 14 * 0.25561],
    ['7 km away, all defaults: 14 vehicle-km with upstream', { distanceKm: 7 }, 14 * 0.31689],
    ['0 km', { distanceKm: 0 }, 0],
  ])('diesel van: %s', (_, input, expected) => {
    expect(total({ massKg: 10, ...input })).toBeCloseTo(expected, 10);
  });

  it('counts vehicle-km = distanceKm × 2 by default, × 1 one way', () => {
    const e = (roundTrip?: boolean) =>
      computeTransportEmissions({ distanceKm: 7, massKg: 10, roundTrip, factorSet }).activity;
    expect(e()).toEqual({ unit: 'vehicle_km', amount: 14 });
    expect(e(true)).toEqual({ unit: 'vehicle_km', amount: 14 });
    expect(e(false)).toEqual({ unit: 'vehicle_km', amount: 7 });
  });

  it('ignores mass', () => {
    expect(total({ distanceKm: 12, massKg: 1 })).toBe(total({ distanceKm: 12, massKg: 900 }));
  });

  it('explains the figure with its activity and factor', () => {
    const e = computeTransportEmissions({
      distanceKm: 10,
      massKg: 40,
      vehicleKey: 'hgv_rigid_avg_laden_defra',
      factorSet,
    });
    expect(e.activity).toEqual({ unit: 'vehicle_km', amount: 20 });
    expect(e.directKgCo2e).toBeCloseTo(20 * 0.83751, 10);
    expect(e.upstreamKgCo2e).toBeCloseTo(20 * 0.20099, 10);
    expect(e.totalKgCo2e).toBe(e.directKgCo2e + e.upstreamKgCo2e);
    expect(e.upstreamFactorMissing).toBe(false);
    expect(e.factor).toMatchObject({
      key: 'hgv_rigid_avg_laden_defra',
      source: 'DESNZ/DEFRA 2025 IDs 27_304_3124_4_1 / _14_1',
      year: 2025,
    });
  });

  it('counts 0 upstream for a vehicle without WTT, and says so', () => {
    // van_bev_avg_defra: 0.06976 /vehicle-km, no WTT value; 5 km away = 10 vehicle-km.
    const e = computeTransportEmissions({
      distanceKm: 5,
      massKg: 5,
      vehicleKey: 'van_bev_avg_defra',
      factorSet,
    });
    expect(e.totalKgCo2e).toBeCloseTo(10 * 0.06976, 10);
    expect(e.upstreamKgCo2e).toBe(0);
    expect(e.upstreamFactorMissing).toBe(true);
    const without = computeTransportEmissions({
      distanceKm: 5,
      massKg: 5,
      vehicleKey: 'van_bev_avg_defra',
      includeUpstream: false,
      factorSet,
    });
    expect(without.upstreamFactorMissing).toBe(false);
  });
});

describe('computeTransportEmissions: tonne-km', () => {
  it('never doubles: roundTrip is ignored for a shared load', () => {
    const direct = {
      distanceKm: 50,
      massKg: 200,
      transportMode: 'tonne_km',
      includeUpstream: false,
    } as const;
    // 0.2 t × 50 km = 10 t.km.
    expect(total(direct)).toBeCloseTo(10 * 0.6313, 10);
    expect(total({ ...direct, roundTrip: true })).toBe(total({ ...direct, roundTrip: false }));
    expect(total({ ...direct, includeUpstream: true })).toBeCloseTo(10 * 0.78225, 10);
    expect(computeTransportEmissions({ ...direct, factorSet }).activity).toEqual({
      unit: 'tonne_km',
      amount: 10,
    });
  });
});

describe('computeTransportEmissions: refused inputs', () => {
  const keyOf = (input: TransportEmissionsInput, set: FactorSet = factorSet) => {
    try {
      computeTransportEmissions({ ...input, factorSet: set });
    } catch (e) {
      if (e instanceof DomainError) return `${e.code} ${e.key}`;
      throw e;
    }
    return 'no error';
  };

  it.each<[string, TransportEmissionsInput, string]>([
    ['a negative distance', { distanceKm: -1, massKg: 5 }, 'VALIDATION impact.invalidInput'],
    ['a NaN mass', { distanceKm: 1, massKg: Number.NaN }, 'VALIDATION impact.invalidInput'],
    [
      'an infinite distance',
      { distanceKm: Number.POSITIVE_INFINITY, massKg: 5 },
      'VALIDATION impact.invalidInput',
    ],
    [
      'an unknown vehicle',
      { distanceKm: 1, massKg: 5, vehicleKey: 'bike' },
      'VALIDATION impact.unknownVehicle',
    ],
    [
      'a per-vehicle-km factor the vehicle lacks, rather than counting zero',
      { distanceKm: 5, massKg: 5, vehicleKey: 'truck_fr_unspecified_baseimpacts' },
      'VALIDATION impact.vehicleFactorMissing',
    ],
  ])('refuses %s', (_, input, key) => {
    expect(keyOf(input)).toBe(key);
  });

  it('reads the factors of the set it is given, not a copy', () => {
    const withoutVans: FactorSet = {
      ...factorSet,
      version: '2027-03-test-v2',
      transportFactors: factorSet.transportFactors.filter((f) => f.key !== 'van_diesel_avg_defra'),
    };
    expect(keyOf({ distanceKm: 1, massKg: 5 }, withoutVans)).toBe('VALIDATION impact.unknownVehicle');
  });
});

describe('the product brief figure: a 7 km van trip cancels 10 kg of reused wood', () => {
  // emission-factors.csv, wood_average_defra (DESNZ/DEFRA 2025): virgin 0.2695, re-used route
  // 0.03854 kg CO2e/kg → 10 kg avoid 2.3096 kg.
  const avoidedKg = 10 * (0.2695 - 0.03854);
  const trip = { distanceKm: 7, massKg: 10 } as const;

  it('the brief counts 7 vehicle-km: a 7 km trip one way', () => {
    // 7 × 0.25561 = 1.78927 ≈ 1.8; 7 × 0.31689 = 2.21823 ≈ 2.2.
    expect(total({ ...trip, roundTrip: false, includeUpstream: false })).toBeCloseTo(1.78927, 10);
    expect(total({ ...trip, roundTrip: false })).toBeCloseTo(2.21823, 10);
  });

  it('the default round trip to 7 km away (14 vehicle-km) outweighs the benefit', () => {
    // 14 × 0.31689 = 4.43646 > 2.3096: net −2.12686.
    const kg = total(trip);
    expect(kg).toBeCloseTo(4.43646, 10);
    expect(avoidedKg - kg).toBeCloseTo(-2.12686, 10);
  });
});

describe('tonneKm', () => {
  it.each([
    [1000, 1, 1],
    [250, 12, 3],
    [0, 100, 0],
  ])('%d kg over %d km = %d t·km', (kg, km, tkm) => {
    expect(tonneKm(kg, km)).toBeCloseTo(tkm, 12);
  });
});

describe('computeTransportEmissions: what a refusal says', () => {
  function details(input: TransportEmissionsInput): unknown {
    try {
      computeTransportEmissions({ ...input, factorSet });
    } catch (e) {
      if (e instanceof DomainError) return { key: e.key, ...e.details };
      throw e;
    }
    throw new Error('did not throw');
  }

  it.each<[string, TransportEmissionsInput, unknown]>([
    [
      'each invalid field, by path',
      { distanceKm: -1, massKg: Number.NaN },
      {
        key: 'impact.invalidInput',
        fields: [
          { path: 'distanceKm', key: 'impact.invalidInput' },
          { path: 'massKg', key: 'impact.invalidInput' },
        ],
      },
    ],
    [
      'the unknown vehicle and the factor version',
      { distanceKm: 1, massKg: 5, vehicleKey: 'bike' },
      { key: 'impact.unknownVehicle', vehicleKey: 'bike', factorVersion: factorSet.version },
    ],
    [
      'the vehicle and the mode it has no factor for',
      { distanceKm: 5, massKg: 5, vehicleKey: 'truck_fr_unspecified_baseimpacts' },
      {
        key: 'impact.vehicleFactorMissing',
        vehicleKey: 'truck_fr_unspecified_baseimpacts',
        mode: 'dedicated_trip',
      },
    ],
  ])('names %s', (_name, input, expected) => {
    expect(details(input)).toEqual(expected);
  });
});
