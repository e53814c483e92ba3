import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/errors.ts';
import {
  computeTripEmissions,
  soloTravelEmissions,
  TRAVEL_MODE_FACTORS,
  type TravelMode,
  type TripInput,
  travelModes,
} from './travel.ts';

const VAN = 0.25561 + 0.06128; // DEFRA 2025 van diesel, direct + WTT, per vehicle-km
const VAN_TKM = 0.6313 + 0.15095;

const lot = (tradeId: string, massKg: number, seller = 's1', buyer = 'b') => ({
  tradeId,
  massKg,
  sellerSiteId: seller,
  buyerSiteId: buyer,
});
const trip = (over: Partial<TripInput>): TripInput => ({
  mode: 'van_diesel',
  distanceKm: 10,
  roundTrip: true,
  stopSiteIds: ['s1', 's2', 's3', 'b'],
  lots: [lot('t1', 8)],
  ...over,
});

describe('computeTripEmissions: one lot alone, central value', () => {
  it.each<[string, Partial<TripInput>, number]>([
    ['diesel van 7 km there and back', { distanceKm: 7 }, 14 * VAN],
    ['diesel van 7 km one way', { distanceKm: 7, roundTrip: false }, 7 * VAN],
    ['on foot', { mode: 'on_foot', distanceKm: 2 }, 0],
    ['bike 5 km there and back', { mode: 'bike', distanceKm: 5 }, 10 * 0.005],
    [
      'public transport 12 km one way',
      { mode: 'public_transport', distanceKm: 12, roundTrip: false },
      12 * 0.1,
    ],
    ['car dedicated 20 km round trip', { mode: 'car_dedicated', distanceKm: 20 }, 40 * 0.218],
    ['car with errands charges half the trip', { mode: 'car_errands', distanceKm: 20 }, 40 * 0.218 * 0.5],
    ['electric van 10 km', { mode: 'van_electric', roundTrip: false }, 10 * 0.06976],
    // tonne-km: 8 kg over 300 km, never doubled
    ['carrier 300 km, round trip ignored', { mode: 'carrier', distanceKm: 300 }, 0.008 * 300 * VAN_TKM],
    ['0 km', { distanceKm: 0 }, 0],
  ])('%s', (_, over, expected) => {
    expect(computeTripEmissions(trip(over)).total.central).toBeCloseTo(expected, 10);
  });

  it('every mode has a range with low ≤ central ≤ high and a source', () => {
    for (const mode of travelModes) {
      const f = TRAVEL_MODE_FACTORS[mode];
      expect(f.kgCo2e.low, mode).toBeLessThanOrEqual(f.kgCo2e.central);
      expect(f.kgCo2e.central, mode).toBeLessThanOrEqual(f.kgCo2e.high);
      expect(f.source.length, mode).toBeGreaterThan(10);
    }
  });

  it('the default (nothing recorded) is the diesel van round trip, the most charged of the common modes', () => {
    const def = soloTravelEmissions({ distanceKm: 7, massKg: 8 }).central;
    expect(def).toBeCloseTo(14 * VAN, 10);
    for (const mode of [
      'on_foot',
      'bike',
      'public_transport',
      'car_dedicated',
      'car_errands',
      'van_electric',
    ] as TravelMode[]) {
      expect(soloTravelEmissions({ mode, distanceKm: 7, massKg: 8 }).central, mode).toBeLessThan(def);
    }
  });
});

describe('computeTripEmissions: several lots in one trip are allocated by mass', () => {
  it.each<[string, Partial<TripInput>, Record<string, number>]>([
    [
      'three lots 2 / 3 / 5 kg share a 10 km round trip',
      { lots: [lot('a', 2, 's1'), lot('b', 3, 's2'), lot('c', 5, 's3')] },
      { a: 0.2, b: 0.3, c: 0.5 },
    ],
    ['lots of zero mass share equally', { lots: [lot('a', 0, 's1'), lot('b', 0, 's2')] }, { a: 0.5, b: 0.5 }],
    [
      'a shared tour of 60 km charges its loop by mass',
      {
        mode: 'shared_tour',
        distanceKm: 60,
        roundTrip: false,
        lots: [lot('a', 30, 's1'), lot('b', 10, 's2')],
      },
      { a: 0.75, b: 0.25 },
    ],
    [
      'a carrier charges each lot its own tonne-km',
      { mode: 'carrier', distanceKm: 100, lots: [lot('a', 1, 's1'), lot('b', 3, 's2')] },
      { a: 0.25, b: 0.75 },
    ],
  ])('%s', (_, over, shares) => {
    const e = computeTripEmissions(trip(over));
    for (const l of e.lots) {
      expect(l.share, l.tradeId).toBeCloseTo(shares[l.tradeId] ?? Number.NaN, 10);
      expect(l.kgCo2e.central, l.tradeId).toBeCloseTo(e.total.central * (shares[l.tradeId] ?? 0), 10);
    }
    for (const bound of ['low', 'central', 'high'] as const) {
      const sum = e.lots.reduce((s, l) => s + l.kgCo2e[bound], 0);
      expect(sum, bound).toBeCloseTo(e.total[bound], 10);
    }
  });

  it('three lots in one trip cost a third of three separate trips', () => {
    const together = computeTripEmissions(
      trip({ lots: [lot('a', 5, 's1'), lot('b', 5, 's2'), lot('c', 5, 's3')] }),
    ).total.central;
    const apart = 3 * computeTripEmissions(trip({ lots: [lot('a', 5)] })).total.central;
    expect(together).toBeCloseTo(apart / 3, 10);
  });
});

describe('computeTripEmissions refuses an impossible trip, naming the field', () => {
  const fieldsOf = (input: TripInput) => {
    try {
      computeTripEmissions(input);
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      const err = e as DomainError;
      expect(err.key).toBe('impact.invalidTrip');
      return (err.details.fields ?? []).map((f) => `${f.path}:${f.key}`);
    }
    throw new Error('accepted');
  };
  it.each<[string, Partial<TripInput>, string]>([
    ['negative distance', { distanceKm: -3 }, 'distanceKm:impact.tripNegativeDistance'],
    ['infinite distance', { distanceKm: Number.POSITIVE_INFINITY }, 'distanceKm:impact.tripNegativeDistance'],
    ['a mode without factor', { mode: 'rocket' }, 'mode:impact.tripModeWithoutFactor'],
    [
      'a shared trip whose trade does not match its stops',
      { mode: 'shared_tour', stopSiteIds: ['s1', 'b'], lots: [lot('a', 2, 's1'), lot('x', 2, 'elsewhere')] },
      'lots.1.tradeId:impact.tripPartiesMismatch',
    ],
    [
      'the same trade twice',
      { lots: [lot('a', 2, 's1'), lot('a', 2, 's2')] },
      'lots.1.tradeId:impact.tripDuplicateTrade',
    ],
    ['no lot', { lots: [] }, 'lots:impact.invalidInput'],
    ['negative mass', { lots: [lot('a', -1)] }, 'lots.0.massKg:impact.invalidInput'],
  ])('%s', (_, over, field) => {
    expect(fieldsOf(trip(over))).toContain(field);
  });
});
