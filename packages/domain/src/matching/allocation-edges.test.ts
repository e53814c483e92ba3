import { describe, expect, it } from 'vitest';
import { haversineKm } from '../geo/distance.ts';
import { DomainError } from '../shared/errors.ts';
import { allocateMinTonneKm, findCandidatePairs, greedyNearestFirst } from './allocation.ts';

// findCandidatePairs scans a grid of half-degree cells around each request: a lot inside the
// radius must be found even when it sits in the next cell, or across the antimeridian.
describe('findCandidatePairs at the edges of the grid', () => {
  const pairsFor = (
    lot: { lat: number; lon: number },
    request: { lat: number; lon: number },
    radiusKm: number,
  ) =>
    findCandidatePairs([{ id: 'l', availableKg: 1, ...lot }], [{ id: 'q', maxKg: 1, radiusKm, ...request }]);

  it('finds a lot due north at the very edge of the radius, in the next row of cells', () => {
    // 45.2° → 47.001°: the lot is the first row of cells past 47°, 200 km away.
    const lot = { lat: 47.001, lon: 3 };
    const request = { lat: 45.2, lon: 3 };
    const km = haversineKm(lot, request);
    expect(pairsFor(lot, request, km)).toEqual([{ lotId: 'l', requestId: 'q', distanceKm: km }]);
    expect(pairsFor(lot, request, km - 0.001)).toEqual([]);
  });

  it('finds a lot by the pole on the far side of the antimeridian once, from a request whose box is the whole globe', () => {
    const lot = { lat: 89.95, lon: -179.8 };
    const request = { lat: 89.9, lon: 0 };
    const km = haversineKm(lot, request);
    expect(km).toBeLessThan(20);
    expect(pairsFor(lot, request, 20)).toEqual([{ lotId: 'l', requestId: 'q', distanceKm: km }]);
  });
});

describe('allocation inputs', () => {
  it('refuses a bad total as a validation error', () => {
    try {
      allocateMinTonneKm([{ id: 'a', availableKg: 1 }], [{ id: 'r', maxKg: 1 }], [], { totalKg: Number.NaN });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe('VALIDATION');
    }
  });

  it.each([
    ['allocateMinTonneKm', allocateMinTonneKm],
    ['greedyNearestFirst', greedyNearestFirst],
  ] as const)(
    '%s gives one flow per lot and request when a pair is listed twice at the same distance',
    (_name, solve) => {
      const lots = [
        { id: 'a', availableKg: 3 },
        { id: 'b', availableKg: 2 },
      ];
      const requests = [
        { id: 'r', maxKg: 4 },
        { id: 's', maxKg: 4 },
      ];
      const pairs = [
        { lotId: 'a', requestId: 'r', distanceKm: 5 },
        { lotId: 'b', requestId: 'r', distanceKm: 5 },
        { lotId: 'a', requestId: 'r', distanceKm: 5 },
        { lotId: 'b', requestId: 's', distanceKm: 1 },
        { lotId: 'a', requestId: 's', distanceKm: 9 },
        { lotId: 'b', requestId: 's', distanceKm: 1 },
        { lotId: 'a', requestId: 'r', distanceKm: 5 },
      ];
      const result = solve(lots, requests, pairs);
      expect(result.flows).toEqual([
        { lotId: 'a', requestId: 'r', kg: 3, distanceKm: 5 },
        { lotId: 'b', requestId: 's', kg: 2, distanceKm: 1 },
      ]);
    },
  );
});
